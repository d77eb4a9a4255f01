/**
 * The time-indexed model of a schedule problem as an allocation problem: one candidate per
 * (project, allowed delay) worth value × (1 − discount)^delay at the project's cost, and
 * - at most one start per project (an exclusion set of its candidates);
 * - per lane and period, a resource over the candidates' shifted use;
 * - project exclusions over all their candidates; balance groups over all their candidates;
 * - force in: "one start of P07" (Σ ≥ 1; a plain force when it has one start); force out: its
 *   only candidate is forced out;
 * - p needs q and starts no earlier: for every start τ of p,
 *   Σ_{p starts ≤ τ} x − Σ_{q starts ≤ τ} x ≤ 0 (the cumulative form, tight in the LP); a plain
 *   dependency when neither moves or either has no Start.
 */
import {
  problem,
  type AllocationProblem,
  type Candidate,
  type Dependency,
  type LinearRow,
  type Resource,
} from '../allocation';
import { allowedDelays, validateSchedule, type ScheduleProblem } from './problem';

export interface TimeIndexed {
  readonly schedule: ScheduleProblem;
  readonly problem: AllocationProblem;
  /** Candidate k is project owner[k] starting delay[k] periods late. */
  readonly owner: Int32Array;
  readonly delay: Int32Array;
  /** The candidates of each project, by increasing delay. */
  readonly candidates: readonly number[][];
  /** For each resource of the problem: its lane and period. */
  readonly resourceAt: readonly { readonly lane: number; readonly period: number }[];
  /** For each generic row: the dependency it expresses (null for "one start of"). */
  readonly rowDependency: readonly (Dependency | null)[];
}

/** The period a candidate starts (null when the project has no Start). */
export function candidateStart(m: TimeIndexed, k: number): number | null {
  const s = (m.schedule.projects[m.owner[k] as number] as { start: number | null }).start;
  return s === null ? null : s + (m.delay[k] as number);
}

export function timeIndexed(s: ScheduleProblem): TimeIndexed {
  validateSchedule(s);
  const T = s.periods.length;
  const label = (t: number): string => s.periods[t] ?? `period ${t + 1}`;
  const owner: number[] = [];
  const delay: number[] = [];
  const projects: Candidate[] = [];
  const candidates: number[][] = s.projects.map((q, j) => {
    const ds = allowedDelays(q, T);
    return ds.map((d) => {
      owner.push(j);
      delay.push(d);
      const id =
        ds.length === 1 || q.start === null ? q.id : `${q.id} starting ${label(q.start + d)}`;
      projects.push({
        id,
        value: d === 0 ? q.value : q.value * Math.pow(1 - s.discount, d),
        cost: q.cost,
        force: ds.length === 1 ? q.force : q.force === 'out' ? 'out' : null,
      });
      return projects.length - 1;
    });
  });

  // Shifted use per lane × period.
  const use = new Map<number, Map<number, number>>();
  candidates.forEach((ks, j) => {
    for (const k of ks) {
      const d = delay[k] as number;
      for (const u of (s.projects[j] as ScheduleProject).use) {
        if (!(u.amount > 0)) continue;
        const key = u.lane * T + u.period + d;
        const m = use.get(key) ?? new Map<number, number>();
        m.set(k, (m.get(k) ?? 0) + u.amount);
        use.set(key, m);
      }
    }
  });
  const resources: Resource[] = [];
  const resourceAt: { lane: number; period: number }[] = [];
  for (const key of [...use.keys()].sort((a, b) => a - b)) {
    const lane = Math.floor(key / T);
    const period = key % T;
    const l = s.lanes[lane] as ScheduleProblem['lanes'][number];
    const limit = l.limits[period];
    if (limit === null || limit === undefined) continue;
    const p = label(period);
    resources.push({
      name: l.kind === 'budget' ? `budget in ${p}` : `${l.name} capacity in ${p}`,
      subject: l.kind === 'budget' ? p : `${l.name} in ${p}`,
      unit: l.unit,
      kind: l.kind,
      limit,
      use: [...(use.get(key) as Map<number, number>).entries()].sort((a, b) => a[0] - b[0]),
    });
    resourceAt.push({ lane, period });
  }

  const exclusions: number[][] = candidates.filter((ks) => ks.length > 1);
  for (const set of s.exclusions) exclusions.push(set.flatMap((j) => candidates[j] ?? []));

  const rows: LinearRow[] = [];
  const rowDependency: (Dependency | null)[] = [];
  s.projects.forEach((q, j) => {
    const ks = candidates[j] as number[];
    if (q.force === 'in' && ks.length > 1) {
      rows.push({
        name: `one start of ${q.id}`,
        terms: ks.map((k) => [k, 1]),
        lo: 1,
        hi: Infinity,
      });
      rowDependency.push(null);
    }
  });
  const dependencies: Dependency[] = [];
  for (const dep of s.dependencies) {
    if (dep.project === dep.needs) continue;
    const p = s.projects[dep.project] as ScheduleProject;
    const q = s.projects[dep.needs] as ScheduleProject;
    const kp = candidates[dep.project] as number[];
    const kq = candidates[dep.needs] as number[];
    if (
      kp.length === 1 &&
      kq.length === 1 &&
      (p.start === null || q.start === null || q.start <= p.start)
    ) {
      dependencies.push({ project: kp[0] as number, needs: kq[0] as number });
      continue;
    }
    const timed = p.start !== null && q.start !== null;
    const startP = (k: number): number => (timed ? p.start + (delay[k] as number) : 0);
    const startQ = (k: number): number => (timed ? q.start + (delay[k] as number) : 0);
    const taus = [...new Set(kp.map(startP))].sort((a, b) => a - b);
    for (const tau of taus) {
      const terms: [number, number][] = [
        ...kp.filter((k) => startP(k) <= tau).map((k): [number, number] => [k, 1]),
        ...kq.filter((k) => startQ(k) <= tau).map((k): [number, number] => [k, -1]),
      ];
      rows.push({
        name: `${p.id} starts no earlier than ${q.id}`,
        terms,
        lo: -Infinity,
        hi: 0,
      });
      rowDependency.push(dep);
    }
  }
  const balance = s.balance.map((b) => ({
    ...b,
    members: b.members.flatMap((j) => candidates[j] ?? []),
  }));

  return {
    schedule: s,
    problem: problem({
      projects,
      budget: s.budget,
      resources,
      dependencies,
      exclusions,
      balance,
      rows,
    }),
    owner: Int32Array.from(owner),
    delay: Int32Array.from(delay),
    candidates,
    resourceAt,
    rowDependency,
  };
}

type ScheduleProject = ScheduleProblem['projects'][number];

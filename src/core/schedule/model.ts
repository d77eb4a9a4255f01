/**
 * The time-indexed model of a schedule problem as an allocation problem. A project that cannot
 * move is one candidate, as in the in-or-out model. A project with several allowed starts is
 * - one candidate per start d, worth value × (1 − discount)^d, costing nothing, using its
 *   shifted demand (and its cost per period) in the per-lane-and-period resources;
 * - plus its own variable y (value 0) carrying its cost in the budget, its force, its
 *   exclusions, balance groups and dependencies, with Σ_d x_d = y ("one start of P07"),
 *   Σ_d x_d ≤ 1 and x_d ≤ y (so the heuristics add a start with its project);
 * - branching on y decides in or out for all its starts at once.
 * p needs q: y_p ≤ y_q; and starts no earlier: for every start τ of p before q's last start,
 * Σ_{p starts ≤ τ} x − Σ_{q starts ≤ τ} x ≤ 0 (the cumulative form, tight in the LP).
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
  /** The candidates of each project (its starts), by increasing delay. */
  readonly candidates: readonly number[][];
  /**
   * Each project's own variable: its only candidate when it cannot move; otherwise a variable
   * (delay −1, value 0) carrying its cost, force, exclusions, balance and dependencies, equal to
   * the sum of its starts.
   */
  readonly projectVar: Int32Array;
  /** For each resource of the problem: its lane and period. */
  readonly resourceAt: readonly { readonly lane: number; readonly period: number }[];
  /** For each generic row: the dependency it expresses (null for "one start of"). */
  readonly rowDependency: readonly (Dependency | null)[];
}

/** The period a start candidate starts (null when the project has no Start). */
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
  const projectVar: number[] = [];
  const dependencies: Dependency[] = [];
  const rows: LinearRow[] = [];
  const rowDependency: (Dependency | null)[] = [];
  const exclusions: number[][] = [];
  const candidates: number[][] = s.projects.map((q, j) => {
    const ds = allowedDelays(q, T);
    if (ds.length === 1) {
      owner.push(j);
      delay.push(0);
      projects.push({ id: q.id, value: q.value, cost: q.cost, force: q.force });
      projectVar.push(projects.length - 1);
      return [projects.length - 1];
    }
    const ks = ds.map((d) => {
      owner.push(j);
      delay.push(d);
      projects.push({
        id: `${q.id} starting ${label((q.start ?? 0) + d)}`,
        value: d === 0 ? q.value : q.value * Math.pow(1 - s.discount, d),
        cost: 0,
        force: null,
      });
      return projects.length - 1;
    });
    // The project's own variable: its cost, force, exclusions, balance and dependencies.
    owner.push(j);
    delay.push(-1);
    projects.push({ id: q.id, value: 0, cost: q.cost, force: q.force });
    const y = projects.length - 1;
    projectVar.push(y);
    rows.push({
      name: `one start of ${q.id}`,
      terms: [...ks.map((k): [number, number] => [k, 1]), [y, -1]],
      lo: 0,
      hi: 0,
    });
    rowDependency.push(null);
    exclusions.push(ks);
    for (const k of ks) dependencies.push({ project: k, needs: y });
    return ks;
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

  for (const set of s.exclusions) exclusions.push(set.map((j) => projectVar[j] as number));

  for (const dep of s.dependencies) {
    if (dep.project === dep.needs) continue;
    dependencies.push({
      project: projectVar[dep.project] as number,
      needs: projectVar[dep.needs] as number,
    });
    const p = s.projects[dep.project] as ScheduleProject;
    const q = s.projects[dep.needs] as ScheduleProject;
    if (p.start === null || q.start === null) continue;
    const kp = candidates[dep.project] as number[];
    const kq = candidates[dep.needs] as number[];
    const startP = (k: number): number => (p.start as number) + (delay[k] as number);
    const startQ = (k: number): number => (q.start as number) + (delay[k] as number);
    const lastQ = Math.max(...kq.map(startQ));
    // p starts no earlier than q: for every start τ of p before q's last start,
    // Σ_{p starts ≤ τ} x ≤ Σ_{q starts ≤ τ} x (from q's last start on, "p needs q" says it).
    for (const tau of [...new Set(kp.map(startP))].sort((a, b) => a - b)) {
      if (tau >= lastQ) break;
      rows.push({
        name: `${p.id} starts no earlier than ${q.id}`,
        terms: [
          ...kp.filter((k) => startP(k) <= tau).map((k): [number, number] => [k, 1]),
          ...kq.filter((k) => startQ(k) <= tau).map((k): [number, number] => [k, -1]),
        ],
        lo: -Infinity,
        hi: 0,
      });
      rowDependency.push(dep);
    }
  }
  const balance = s.balance.map((b) => ({
    ...b,
    members: b.members.map((j) => projectVar[j] as number),
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
    projectVar: Int32Array.from(projectVar),
    resourceAt,
    rowDependency,
  };
}

type ScheduleProject = ScheduleProblem['projects'][number];

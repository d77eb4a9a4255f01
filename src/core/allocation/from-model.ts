/**
 * Builds an AllocationProblem from the portfolio model (Projects, Demand, Capacity rows and the
 * optimiser settings), so the "Optimise portfolio" action only reads the sheets and calls this.
 *
 * - Candidates: every project whose status is not in `settings.skipStatuses` (default Done,
 *   Rejected, Stopped), in sheet order. Value per `settings.objective`: the Score (default),
 *   the Expected revenue, or risk-adjusted revenue = Expected revenue × Confidence; a blank
 *   value counts 0, a blank cost counts 0 (both with a warning). Projects named in
 *   `settings.leaveOut` (e.g. an unreadable Cost) are not candidates, whatever their status.
 * - Capacity: for every skill × period a candidate demands (Demand rows, hours > 0), the
 *   Capacity sheet's hours for that skill (matched case- and space-insensitively) and period
 *   limit the chosen projects' total; a skill or period without capacity is not limited
 *   (warning).
 * - Budget per period (optional; one amount for every month, or an amount per month): a
 *   project's cost is spread evenly over the months from its Start to its End; projects without
 *   dates are not limited by it (warning).
 * - Dependencies and exclusions come from the "Depends on" and "Excludes" columns. A
 *   dependency on a project that is not a candidate is met when that project is Active or
 *   Done, and otherwise keeps the dependent project out (forced out, with a warning);
 *   unknown IDs are warnings. Force In/Out comes from the Force column; an Active project (work
 *   already running) is forced in unless its Force says Out.
 * - Balance rules: min/max share of the budget per Type or Objective; a rule whose group has
 *   no candidate is kept (a minimum share then has no selection) and warned about.
 */
import {
  CLOSED_STATUSES,
  type CapacityRow,
  type DemandRow,
  type Period,
  type Project,
  type ProjectStatus,
} from '../model';
import {
  problem,
  type AllocationProblem,
  type BalanceRule,
  type Candidate,
  type Resource,
} from './problem';

export type ObjectiveKind = 'score' | 'revenue' | 'risk-adjusted';

export interface BalanceSetting {
  readonly by: 'type' | 'objective';
  /** The Type or Objective value, e.g. "Tooling". */
  readonly group: string;
  readonly minShare?: number | null;
  readonly maxShare?: number | null;
}

export interface AllocationSettings {
  /** Total budget (Infinity for none). */
  readonly budget: number;
  readonly objective?: ObjectiveKind;
  /** One limit for every month, or a limit per month ("YYYY-MM"). */
  readonly budgetPerPeriod?: number | Readonly<Record<Period, number>>;
  readonly balance?: readonly BalanceSetting[];
  readonly skipStatuses?: readonly ProjectStatus[];
  /**
   * Projects to leave out whatever their status, with why — e.g. a Cost cell that cannot be
   * read, which must not be taken as a free project.
   */
  readonly leaveOut?: readonly { readonly id: string; readonly reason: string }[];
}

export interface PortfolioProblem {
  readonly problem: AllocationProblem;
  /** The candidate projects, in problem order (problem index j ↔ candidates[j]). */
  readonly candidates: readonly Project[];
  /** Projects left out of the problem, with why (e.g. "status Done"). */
  readonly skipped: readonly { readonly project: Project; readonly reason: string }[];
  readonly warnings: readonly string[];
}

const key = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The value a project contributes under an objective (null when its inputs are blank). */
export function objectiveValue(p: Project, objective: ObjectiveKind): number | null {
  if (objective === 'score') return p.score;
  if (objective === 'revenue') return p.expectedRevenue;
  if (p.expectedRevenue === null || p.confidence === null) return null;
  return p.expectedRevenue * p.confidence;
}

/** The months "YYYY-MM" from start to end (inclusive); [] without both dates or if reversed. */
export function monthsBetween(start: string | null, end: string | null): Period[] {
  if (!start || !end) return [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  const ey = Number(end.slice(0, 4));
  const em = Number(end.slice(5, 7));
  const out: Period[] = [];
  while ((y < ey || (y === ey && m <= em)) && out.length < 1200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function portfolioProblem(
  projects: readonly Project[],
  demand: readonly DemandRow[],
  capacity: readonly CapacityRow[],
  settings: AllocationSettings,
): PortfolioProblem {
  const objective = settings.objective ?? 'score';
  const skip = new Set(settings.skipStatuses ?? CLOSED_STATUSES);
  const warnings: string[] = [];
  const candidates: Project[] = [];
  const skipped: { project: Project; reason: string }[] = [];
  const leaveOut = new Map((settings.leaveOut ?? []).map((l) => [key(l.id), l.reason]));
  for (const p of projects) {
    const reason = leaveOut.get(key(p.id));
    if (reason !== undefined) skipped.push({ project: p, reason });
    else if (p.status !== null && skip.has(p.status))
      skipped.push({ project: p, reason: `status ${p.status}` });
    else candidates.push(p);
  }
  const indexOf = new Map<string, number>();
  candidates.forEach((p, j) => indexOf.set(key(p.id), j));
  const byId = new Map(projects.map((p) => [key(p.id), p]));

  const forcedOut = new Set<number>();
  const dependencies: { project: number; needs: number }[] = [];
  const exclusions: number[][] = [];
  candidates.forEach((p, j) => {
    for (const id of p.dependsOn) {
      const q = indexOf.get(key(id));
      if (q !== undefined) {
        dependencies.push({ project: j, needs: q });
        continue;
      }
      const other = byId.get(key(id));
      if (!other) warnings.push(`${p.id} depends on ${id}, which is not in Projects: ignored.`);
      else if (leaveOut.has(key(id)) || (other.status !== 'Done' && other.status !== 'Active')) {
        warnings.push(
          `${p.id} depends on ${other.id} (${leaveOut.has(key(id)) ? 'left out' : (other.status ?? 'no status')}), so it is left out.`,
        );
        forcedOut.add(j);
      }
    }
    for (const id of p.excludes) {
      const q = indexOf.get(key(id));
      if (q !== undefined && q !== j) exclusions.push([Math.min(j, q), Math.max(j, q)]);
      else if (q === undefined && !byId.has(key(id)))
        warnings.push(`${p.id} excludes ${id}, which is not in Projects: ignored.`);
    }
  });

  const cands: Candidate[] = candidates.map((p, j) => {
    let value = objectiveValue(p, objective);
    if (value === null) {
      warnings.push(
        `${p.id} has no ${objective === 'score' ? 'Score' : objective === 'revenue' ? 'Expected revenue' : 'Expected revenue × Confidence'}: counted as 0.`,
      );
      value = 0;
    }
    let cost = p.cost;
    if (cost === null) {
      warnings.push(`${p.id} has no Cost: counted as 0.`);
      cost = 0;
    }
    // Running work is committed: an Active project stays in unless its Force says Out.
    const force = forcedOut.has(j) ? 'out' : (p.force ?? (p.status === 'Active' ? 'in' : null));
    return { id: p.id, value, cost: Math.max(0, cost), force };
  });

  // Capacity per skill × period.
  const capBySkill = new Map(capacity.map((c) => [key(c.skill), c]));
  const use = new Map<string, { skill: string; period: Period; use: Map<number, number> }>();
  for (const d of demand) {
    const j = indexOf.get(key(d.projectId));
    if (j === undefined) {
      if (!byId.has(key(d.projectId)))
        warnings.push(`Demand for ${d.projectId}, which is not in Projects: ignored.`);
      continue;
    }
    for (const [period, hours] of Object.entries(d.hours)) {
      if (!(hours > 0)) continue;
      const k = `${key(d.skill)}|${period}`;
      const entry = use.get(k) ?? { skill: d.skill.trim(), period, use: new Map<number, number>() };
      entry.use.set(j, (entry.use.get(j) ?? 0) + hours);
      use.set(k, entry);
    }
  }
  const resources: Resource[] = [];
  const unlimited = new Set<string>();
  for (const { skill, period, use: u } of [...use.values()].sort(
    (a, b) => a.skill.localeCompare(b.skill) || a.period.localeCompare(b.period),
  )) {
    const cap = capBySkill.get(key(skill));
    const limit = cap?.hours[period];
    if (limit === undefined || !Number.isFinite(limit)) {
      unlimited.add(cap ? `${skill} in ${period}` : skill);
      continue;
    }
    resources.push({
      name: `${skill} capacity in ${period}`,
      subject: `${skill} in ${period}`,
      unit: 'h',
      kind: 'capacity',
      limit: Math.max(0, limit),
      use: [...u.entries()].sort((a, b) => a[0] - b[0]),
    });
  }
  for (const s of unlimited) warnings.push(`No capacity for ${s}: not limited.`);

  // Budget per period.
  if (settings.budgetPerPeriod) {
    const spread = new Map<Period, Map<number, number>>();
    candidates.forEach((p, j) => {
      const months = monthsBetween(p.start, p.end);
      const cost = (cands[j] as Candidate).cost;
      if (months.length === 0) {
        if (cost > 0)
          warnings.push(`${p.id} has no Start/End: not limited by the budget per period.`);
        return;
      }
      for (const mo of months) {
        const m = spread.get(mo) ?? new Map<number, number>();
        m.set(j, cost / months.length);
        spread.set(mo, m);
      }
    });
    const perPeriod = settings.budgetPerPeriod;
    const limits: [Period, number][] =
      typeof perPeriod === 'number'
        ? [...spread.keys()].map((period) => [period, perPeriod])
        : Object.entries(perPeriod);
    for (const [period, limit] of limits.sort((a, b) => a[0].localeCompare(b[0]))) {
      const u = spread.get(period);
      if (!u) continue;
      resources.push({
        name: `budget in ${period}`,
        subject: period,
        unit: '',
        kind: 'budget',
        limit: Math.max(0, limit),
        use: [...u.entries()].sort((a, b) => a[0] - b[0]),
      });
    }
  }

  const balance: BalanceRule[] = (settings.balance ?? []).map((b) => {
    const group = `${b.by === 'type' ? 'Type' : 'Objective'} ${b.group}`;
    const members = candidates.flatMap((p, j) =>
      key(b.by === 'type' ? p.type : p.objective) === key(b.group) ? [j] : [],
    );
    if (members.length === 0) {
      const known = [
        ...new Set(candidates.map((p) => (b.by === 'type' ? p.type : p.objective).trim())),
      ].filter(Boolean);
      warnings.push(
        `The balance rule for ${group} matches no open project${known.length ? ` (their ${b.by === 'type' ? 'Types' : 'Objectives'}: ${known.slice(0, 8).join(', ')})` : ''}.`,
      );
    }
    return { group, members, minShare: b.minShare ?? null, maxShare: b.maxShare ?? null };
  });

  return {
    problem: problem({
      projects: cands,
      budget: settings.budget,
      resources,
      dependencies,
      exclusions,
      balance,
    }),
    candidates,
    skipped,
    // One note per fact: a project with 12 Demand rows for a missing ID is named once.
    warnings: [...new Set(warnings)],
  };
}

/**
 * The plan of a portfolio: which candidates are in, when they start and why, for Optimise
 * portfolio, the Scenario planner and Commit. Without any Latest start after a Start it is the
 * in-or-out selection of solveAllocation (every start fixed); otherwise solveSchedule chooses the
 * starts. Planned start and end are Start and End moved by the chosen months.
 */
import type { Deadline } from '../time-budget';
import { solveAllocation, type AllocationProblem, type Conflict } from '../allocation';
import type { IsoDate } from '../model';
import { addMonths } from './months';
import type { PortfolioSchedule } from './portfolio';
import { solveSchedule, type ScheduleResult, type ScheduleTotals } from './solve';

/** Status, totals, bound, gap and conflict as solveAllocation reports them. */
export interface PortfolioPlan extends Omit<ScheduleTotals, 'limit'> {
  /** Per candidate (PortfolioSchedule.portfolio.candidates order). */
  readonly selected: boolean[];
  /** Per variable of `problem` (a start of a project that may move). */
  readonly candidateSelected: boolean[];
  readonly reasons: string[];
  /** Months after its Start (null when out). */
  readonly delay: (number | null)[];
  readonly plannedStart: (IsoDate | null)[];
  readonly plannedEnd: (IsoDate | null)[];
  /** "P07 2027-04" for each project starting after its Start. */
  readonly moved: string[];
  /** One sentence per fact worth telling (projects that cannot move…). */
  readonly notes: string[];
  /** The problem solved (the frontier varies its budget). */
  readonly problem: AllocationProblem;
  /** The schedule result, when starts were chosen (for the capacity to add). */
  readonly schedule: ScheduleResult | null;
}

export function planPortfolio(
  ps: PortfolioSchedule,
  options: {
    readonly timeLimitMs: number;
    readonly now?: () => number;
    readonly deadline?: Deadline;
  },
): PortfolioPlan {
  const cands = ps.portfolio.candidates;
  const timed = ps.schedule.projects.some((q) => q.maxDelay > 0);
  const notes = [...ps.notes];
  const planned = (selected: readonly boolean[], delay: readonly (number | null)[]) => ({
    plannedStart: cands.map((p, j) =>
      selected[j] && p.start ? addMonths(p.start, delay[j] ?? 0) : null,
    ),
    plannedEnd: cands.map((p, j) =>
      selected[j] && p.end ? addMonths(p.end, delay[j] ?? 0) : null,
    ),
  });
  const common = (
    r: Pick<
      PortfolioPlan,
      'status' | 'feasible' | 'value' | 'cost' | 'count' | 'bound' | 'gap' | 'nodes' | 'timeMs'
    > & { readonly conflict: Conflict | null },
  ) => ({
    status: r.status,
    feasible: r.feasible,
    value: r.value,
    cost: r.cost,
    count: r.count,
    bound: r.bound,
    gap: r.gap,
    nodes: r.nodes,
    timeMs: r.timeMs,
    conflict: r.conflict,
    notes,
  });
  if (!timed) {
    const r = solveAllocation(ps.portfolio.problem, options);
    const delay = r.selected.map((s) => (s ? 0 : null));
    return {
      ...common(r),
      selected: r.selected,
      candidateSelected: r.selected,
      reasons: r.reasons.map((x) => x.text),
      delay,
      ...planned(r.selected, delay),
      moved: [],
      problem: ps.portfolio.problem,
      schedule: null,
    };
  }
  const r = solveSchedule(ps.schedule, options);
  if (r.unmoved.length)
    notes.push(
      `${r.unmoved.map((j) => cands[j]?.id ?? '').join(', ')} ${r.unmoved.length === 1 ? 'has' : 'have'} a Latest start but no Start or no Demand: not moved.`,
    );
  const p = planned(r.selected, r.delay);
  return {
    ...common(r),
    selected: r.selected,
    candidateSelected: Array.from(r.candidates, (v) => v === 1),
    reasons: r.reasons,
    delay: r.delay,
    ...p,
    moved: r.moved.map((j) => `${cands[j]?.id ?? ''} ${(p.plannedStart[j] ?? '').slice(0, 7)}`),
    problem: r.model.problem,
    schedule: r,
  };
}

/**
 * The efficient frontier: the best value reachable at each budget. Budgets are solved from the
 * smallest up, each search starting from the previous answer (still feasible with more money, so
 * the value never falls as the budget grows), sharing one time limit among them.
 */
import type { Deadline } from '../time-budget';
import type { AllocationProblem } from './problem';
import { solveAllocation, unsolvedResult, type AllocationResult } from './solve';

export interface FrontierPoint {
  readonly budget: number;
  readonly result: AllocationResult;
  /** False when the time ran out before this budget was tried (its result has no selection). */
  readonly solved: boolean;
}

export interface FrontierOptions {
  /** Milliseconds for all the budgets together (default 10,000 when there is no deadline). */
  readonly timeLimitMs?: number;
  /** The execution's deadline (core/time-budget): no budget is started after it. */
  readonly deadline?: Deadline;
  readonly relGap?: number;
  readonly now?: () => number;
}

/**
 * Solves `base` at every budget (in the order given; each point's budget replaces base.budget).
 * The remaining time is split evenly over the budgets still to solve; budgets not started by the
 * time limit or the deadline come back with `solved: false`. No point explains its selection.
 */
export function efficientFrontier(
  base: AllocationProblem,
  budgets: readonly number[],
  options: FrontierOptions,
): FrontierPoint[] {
  const now = options.now ?? options.deadline?.now ?? Date.now;
  const started = now();
  const limit = options.timeLimitMs ?? (options.deadline ? Infinity : 10_000);
  const endAt = Math.min(started + limit, options.deadline?.at ?? Infinity);
  const order = budgets
    .map((budget, i) => ({ budget, i }))
    .sort((x, y) => x.budget - y.budget || x.i - y.i);
  const out: FrontierPoint[] = new Array<FrontierPoint>(budgets.length);
  let start: boolean[] | undefined;
  order.forEach(({ budget, i }, k) => {
    const left = endAt - now();
    if (left <= 0) {
      const result = unsolvedResult(base.projects.length, 'time', Infinity, 0, 0);
      out[i] = { budget, result, solved: false };
      return;
    }
    const result = solveAllocation(
      { ...base, budget },
      {
        timeLimitMs: Math.max(1, left / (order.length - k)),
        start,
        now,
        relGap: options.relGap,
        reasons: false,
      },
    );
    if (result.feasible) start = result.selected;
    out[i] = { budget, result, solved: true };
  });
  return out;
}

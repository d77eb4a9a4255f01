/**
 * The efficient frontier: the best value reachable at each budget. Budgets are solved from the
 * smallest up, each search starting from the previous answer (still feasible with more money, so
 * the value never falls as the budget grows), sharing one time limit among them.
 */
import type { AllocationProblem } from './problem';
import { solveAllocation, type AllocationResult } from './solve';

export interface FrontierPoint {
  readonly budget: number;
  readonly result: AllocationResult;
}

/**
 * Solves `base` at every budget (in the order given; each point's budget replaces base.budget).
 * The remaining time is split evenly over the budgets still to solve.
 */
export function efficientFrontier(
  base: AllocationProblem,
  budgets: readonly number[],
  options: { readonly timeLimitMs: number; readonly relGap?: number; readonly now?: () => number },
): FrontierPoint[] {
  const now = options.now ?? Date.now;
  const started = now();
  const order = budgets
    .map((budget, i) => ({ budget, i }))
    .sort((x, y) => x.budget - y.budget || x.i - y.i);
  const out: FrontierPoint[] = new Array<FrontierPoint>(budgets.length);
  let start: boolean[] | undefined;
  order.forEach(({ budget, i }, k) => {
    const left = options.timeLimitMs - (now() - started);
    const result = solveAllocation(
      { ...base, budget },
      { timeLimitMs: Math.max(1, left / (order.length - k)), start, now, relGap: options.relGap },
    );
    if (result.feasible) start = result.selected;
    out[i] = { budget, result };
  });
  return out;
}

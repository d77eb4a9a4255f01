/**
 * The efficient frontier: the best value reachable at each budget, sharing one time limit.
 *
 * More money never hurts — a selection that fits a budget fits every larger one — unless a
 * Balance rule sets a minimum share (its floor grows with the budget). Without such a rule the
 * budgets share what they learn. They are solved from the largest down:
 * - the bound proven at a budget bounds every smaller one, and is passed to the search, which
 *   stops as soon as its best selection reaches it;
 * - when the answer at a larger budget fits a smaller one and reaches that bound, it is the
 *   answer there too, with no search; when it fits but the bound is not reached, it is the start;
 * - otherwise the search starts from that answer with the least valuable projects per unit of
 *   cost dropped (with what depends on them) until it fits;
 * - a budget proven infeasible makes every smaller one infeasible;
 * - at the end, a selection found at a smaller budget replaces a worse one at a larger budget
 *   (possible only when the time ran out), so the value never falls as the budget grows;
 * - the time the easy budgets left over goes to the budgets still unproven, largest first;
 * - a budget the time never reached takes the last answer, trimmed to fit, or the smallest
 *   budget's, whichever is worth more and satisfies every constraint (`carried`, not proven
 *   unless it reaches a larger budget's bound), so a long run still draws the whole curve.
 * With a minimum share, every budget is solved on its own (smallest first, from the previous
 * answer when it still fits).
 */
import type { Deadline } from '../time-budget';
import type { AllocationProblem } from './problem';
import { buildModel, violations, type Model, type Row, type RowKind } from './rows';
import {
  relativeGap,
  selectionResult,
  solveAllocation,
  unsolvedResult,
  type AllocationResult,
} from './solve';

export interface FrontierPoint {
  readonly budget: number;
  readonly result: AllocationResult;
  /** False when the time ran out before this budget was searched. */
  readonly solved: boolean;
  /**
   * True when, the time having run out before this budget was searched, its result is a larger
   * budget's selection trimmed to fit (checked against every constraint; a 'time limit' status
   * with the larger budgets' bound). An unsolved point that is not carried has no selection.
   */
  readonly carried: boolean;
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
 * Solves `base` at every budget (each point's budget replaces base.budget). The remaining time
 * is split evenly over the budgets still to solve; budgets not started by the time limit or the
 * deadline come back with `solved: false` (and, when carried, a larger budget's selection that
 * fits). No point explains its selection.
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
  const relGap = options.relGap ?? 1e-9;
  const monotone = base.balance.every((b) => b.minShare === null || b.minShare <= 0);
  const ascending = budgets
    .map((budget, i) => ({ budget, i }))
    .sort((x, y) => x.budget - y.budget || x.i - y.i);
  // Monotone: the smallest budget first (its answer fits every budget: a start for all), then
  // from the largest down. Otherwise from the smallest up.
  const order = monotone ? ascending.slice(0, 1).concat(ascending.slice(1).reverse()) : ascending;
  const out: FrontierPoint[] = new Array<FrontierPoint>(budgets.length);
  const n = base.projects.length;
  /** The answer at the smallest budget, when it has a selection: it fits every other budget. */
  let floor: AllocationResult | null = null;
  /** The last answer found (at the next larger budget when monotone, else the next smaller). */
  let last: AllocationResult | null = null;
  /** The smallest bound proven at a larger budget (monotone only). */
  let upper = Infinity;
  /** The rules of `base`, built when a budget left without a search needs them (carriedDown). */
  let baseModel: Model | null = null;
  for (let k = 0; k < order.length; k++) {
    const { budget, i } = order[k] as { budget: number; i: number };
    const p: AllocationProblem = { ...base, budget };
    const point = (result: AllocationResult, solved = true, carried = false): void => {
      out[i] = { budget, result, solved, carried };
    };
    if (monotone && k > 1 && last?.status === 'infeasible') {
      point({ ...last, nodes: 0, timeMs: 0 });
      continue;
    }
    const fits = last !== null && last.feasible && fitsBudget(p, last.selected);
    if (monotone && fits && last !== null && reaches(last.value, upper, relGap)) {
      point(reused(last, upper));
      continue;
    }
    const left = endAt - now();
    if (left <= 0) {
      const kept: AllocationResult | null = monotone
        ? carriedDown(p, (baseModel ??= buildModel(base)), last, floor, upper, relGap)
        : null;
      if (kept) last = kept;
      point(kept ?? unsolvedResult(n, 'time', upper, 0, 0), false, kept !== null);
      continue;
    }
    let start: readonly boolean[] | undefined = floor?.selected;
    if (last?.feasible && (fits || !monotone)) start = last.selected;
    else if (last?.feasible) {
      const cut = trimmed(p, last.selected);
      if (floor === null || valueOf(p, cut) > floor.value) start = cut;
    }
    const result = solveAllocation(p, {
      timeLimitMs: Math.max(1, left / (order.length - k)),
      start,
      upperBound: monotone ? upper : undefined,
      now,
      relGap,
      reasons: false,
    });
    point(result);
    if (k === 0 && monotone) {
      if (result.feasible) floor = result;
      continue;
    }
    if (result.feasible || result.status === 'infeasible') last = result;
    if (monotone) upper = Math.min(upper, result.bound);
  }
  if (!monotone) return out;
  keepValuesRising(out, relGap);
  // The easy budgets leave time over (the hard ones, the largest, came first with an even
  // share): budgets still unproven get it, largest first, each from its answer and its bound.
  const unproven = order
    .slice(1)
    .map(({ i }) => i)
    .filter((i) => out[i]?.solved === true && out[i].result.status === 'time limit');
  unproven.forEach((i, k) => {
    const pt = out[i] as FrontierPoint;
    const left = endAt - now();
    if (left <= 0) return;
    const again = solveAllocation(
      { ...base, budget: pt.budget },
      {
        timeLimitMs: Math.max(1, left / (unproven.length - k)),
        start: pt.result.feasible ? pt.result.selected : floor?.selected,
        upperBound: boundAbove(out, pt.budget),
        now,
        relGap,
        reasons: false,
      },
    );
    if (again.feasible && (again.status === 'optimal' || again.value > pt.result.value))
      out[i] = { ...pt, result: again };
  });
  keepValuesRising(out, relGap);
  return out;
}

/**
 * For a budget the time left no search for (monotone only): the better of the last answer at a
 * larger budget, trimmed to fit (trimmed), and the smallest budget's answer (which fits every
 * budget), as a feasible result with the larger budgets' bound — or null when neither is a
 * selection that satisfies every constraint at this budget (the better one that does, else the
 * other). `rules` is the model of the base
 * problem: its rows that do not depend on the budget are checked there, the budget and the
 * maximum shares by fitsBudget at this budget (monotone: no minimum share above 0).
 */
function carriedDown(
  p: AllocationProblem,
  rules: Model,
  last: AllocationResult | null,
  floor: AllocationResult | null,
  bound: number,
  relGap: number,
): AllocationResult | null {
  const options: boolean[][] = [];
  if (last?.feasible)
    options.push(fitsBudget(p, last.selected) ? last.selected.slice() : trimmed(p, last.selected));
  if (floor?.feasible) options.push(floor.selected.slice());
  options.sort((a, b) => valueOf(p, b) - valueOf(p, a));
  for (const sel of options) {
    if (!fitsBudget(p, sel)) continue;
    const broken = violations(rules, sel);
    if (broken.force.length > 0) continue;
    if (broken.rows.some((v) => !BUDGET_ROWS.has((rules.rows[v.row] as Row).kind))) continue;
    const optimal = reaches(valueOf(p, sel), bound, relGap);
    return selectionResult(rules, sel, {
      optimal,
      limit: optimal ? null : 'time',
      bound,
      nodes: 0,
      timeMs: 0,
      reasons: false,
    });
  }
  return null;
}

/** The rows whose limit follows the budget (checked by fitsBudget, not against the base's). */
const BUDGET_ROWS: ReadonlySet<RowKind> = new Set(['budget', 'max share', 'min share']);

/** The smallest bound proven at this budget or a larger one (more money never hurts here). */
function boundAbove(points: readonly FrontierPoint[], budget: number): number {
  let b = Infinity;
  for (const pt of points)
    if (pt.solved && pt.budget >= budget && pt.result.status !== 'infeasible')
      b = Math.min(b, pt.result.bound);
  return b;
}

/** Whether `value` is within the gap tolerance of `bound` (so nothing better is left). */
function reaches(value: number, bound: number, relGap: number): boolean {
  return relativeGap(bound, value) <= relGap;
}

/** Whether the selection meets the budget-dependent rows: the budget and each maximum share. */
function fitsBudget(p: AllocationProblem, selected: readonly boolean[]): boolean {
  let cost = 0;
  p.projects.forEach((c, j) => {
    if (selected[j]) cost += c.cost;
  });
  if (cost > p.budget) return false;
  return p.balance.every((b) => {
    if (b.maxShare === null) return true;
    const share = b.members.reduce((s, j) => s + (selected[j] ? (p.projects[j]?.cost ?? 0) : 0), 0);
    return share <= b.maxShare * p.budget;
  });
}

function valueOf(p: AllocationProblem, selected: readonly boolean[]): number {
  return p.projects.reduce((s, c, j) => s + (selected[j] ? c.value : 0), 0);
}

/** A larger budget's answer at a smaller budget it fits, with that budget's bound. */
function reused(r: AllocationResult, bound: number): AllocationResult {
  const b = Math.max(r.value, Math.min(bound, r.bound));
  return {
    ...r,
    status: 'optimal',
    limit: null,
    bound: b,
    gap: relativeGap(b, r.value),
    nodes: 0,
    timeMs: 0,
  };
}

/**
 * The selection with projects dropped — least value per unit of cost first, each with the
 * selected projects that depend on it, never when that would drop one forced in — until its
 * cost fits the budget. A start for the search, which checks it against every constraint.
 */
export function trimmed(p: AllocationProblem, selected: readonly boolean[]): boolean[] {
  const sel = selected.slice();
  const dependents = new Map<number, number[]>();
  for (const d of p.dependencies) {
    const list = dependents.get(d.needs) ?? [];
    list.push(d.project);
    dependents.set(d.needs, list);
  }
  let cost = p.projects.reduce((s, c, j) => s + (sel[j] ? c.cost : 0), 0);
  const ratio = (j: number): number => {
    const c = p.projects[j];
    return c === undefined ? 0 : c.cost > 0 ? c.value / c.cost : Infinity;
  };
  const order = sel
    .map((s, j) => (s && p.projects[j]?.force !== 'in' ? j : -1))
    .filter((j) => j >= 0)
    .sort((a, b) => ratio(a) - ratio(b) || a - b);
  for (const j of order) {
    if (cost <= p.budget) break;
    // j with every selected project that depends on it, unless one of them is forced in.
    const drop = new Set<number>();
    const stack = [j];
    while (stack.length) {
      const q = stack.pop() as number;
      if (!sel[q] || drop.has(q)) continue;
      drop.add(q);
      stack.push(...(dependents.get(q) ?? []));
    }
    if ([...drop].some((q) => p.projects[q]?.force === 'in')) continue;
    for (const q of drop) {
      sel[q] = false;
      cost -= p.projects[q]?.cost ?? 0;
    }
  }
  return sel;
}

/**
 * Walks up the budgets: a point whose value is below a smaller budget's takes that selection
 * (it fits: more money never hurts here), and is optimal when it then reaches its own bound.
 */
function keepValuesRising(points: FrontierPoint[], relGap: number): void {
  const up = points
    .map((pt, i) => ({ pt, i }))
    .sort((x, y) => x.pt.budget - y.pt.budget || x.i - y.i);
  let best = null as AllocationResult | null;
  for (const { pt, i } of up) {
    const r = pt.result;
    if (
      best !== null &&
      pt.solved &&
      r.status !== 'infeasible' &&
      (!r.feasible || best.value > r.value)
    ) {
      const bound = Math.max(best.value, r.bound);
      const optimal = reaches(best.value, bound, relGap);
      points[i] = {
        ...pt,
        result: {
          ...best,
          status: optimal ? 'optimal' : 'time limit',
          limit: optimal ? null : r.limit,
          bound,
          gap: relativeGap(bound, best.value),
          nodes: r.nodes,
          timeMs: r.timeMs,
        },
      };
    }
    const kept: AllocationResult | undefined = points[i]?.result;
    if (kept?.feasible && (best === null || kept.value > best.value)) best = kept;
  }
}

/**
 * solveAllocation: the optimiser's entry point. Validates the problem, propagates what force
 * in/out imply, runs branch and bound, and returns the selection with its value, the best
 * bound, the gap, the status, the reason each project is in or out, and — when no selection
 * can satisfy the constraints — the small set of forced projects and constraints that conflict.
 */
import { branchAndBound } from './branch';
import { findConflict, type Conflict } from './conflict';
import { explain, type Reason } from './explain';
import { validateProblem, type AllocationProblem } from './problem';
import { propagate } from './propagate';
import type { Deadline } from '../time-budget';
import { buildModel, isFeasible, type Model } from './rows';

export type AllocationStatus = 'optimal' | 'time limit' | 'infeasible';

export interface SolveOptions {
  /** Wall-clock limit in milliseconds (default 10,000). */
  readonly timeLimitMs?: number;
  /** Branch-and-bound node limit (default 1,000,000). */
  readonly nodeLimit?: number;
  /** Relative gap at which the search stops and calls the result optimal (default 1e-9). */
  readonly relGap?: number;
  /** The clock (default Date.now); tests and benchmarks may pass their own. */
  readonly now?: () => number;
  /** A selection to start from (used when feasible), e.g. the answer for a smaller budget. */
  readonly start?: readonly boolean[];
  /**
   * A proven bound on the best value (e.g. the bound found for a larger budget): the search
   * stops as soon as its best selection reaches it, and never reports a bound above it.
   */
  readonly upperBound?: number;
  /**
   * The deadline of the whole execution (core/time-budget): the search ends by it, or by
   * timeLimitMs if that comes first. Without timeLimitMs, the deadline alone bounds the search.
   * Its clock is used when `now` is not given.
   */
  readonly deadline?: Deadline;
  /** Whether to give each project's reason, or the conflict when infeasible (default true). */
  readonly reasons?: boolean;
}

export interface AllocationResult {
  /**
   * 'optimal': proven best (within relGap); 'time limit': stopped by the time or node limit
   * with the best selection found; 'infeasible': no selection satisfies the constraints.
   */
  readonly status: AllocationStatus;
  /** Which limit stopped the search, when one did. */
  readonly limit: 'time' | 'nodes' | null;
  /** False when there is no selection to show (infeasible, or none found in time). */
  readonly feasible: boolean;
  /** One per project; always satisfies every constraint when `feasible`. */
  readonly selected: boolean[];
  readonly value: number;
  readonly cost: number;
  readonly count: number;
  /** No selection is worth more than this. */
  readonly bound: number;
  /**
   * The LP bound at the root after its cuts (diagnostics: how much the search had left to
   * close); equal to `bound` when there was no search.
   */
  readonly rootBound: number;
  /** (bound − value) / |value| (0 when equal; Infinity when value is 0 and the bound is not). */
  readonly gap: number;
  readonly nodes: number;
  readonly timeMs: number;
  /** Why each project is in or out (empty when infeasible). */
  readonly reasons: Reason[];
  /** When infeasible: what conflicts. */
  readonly conflict: Conflict | null;
}

export function solveAllocation(
  p: AllocationProblem,
  options: SolveOptions = {},
): AllocationResult {
  const now = options.now ?? options.deadline?.now ?? Date.now;
  const t0 = now();
  const timeLimit = options.timeLimitMs ?? (options.deadline ? Infinity : 10_000);
  const endAt = Math.min(t0 + timeLimit, options.deadline?.at ?? Infinity);
  const deadline = (): boolean => now() >= endAt;
  validateProblem(p);
  const model = buildModel(p);
  const n = model.n;
  const lo = Uint8Array.from(p.projects, (c) => (c.force === 'in' ? 1 : 0));
  const hi = Uint8Array.from(p.projects, (c) => (c.force === 'out' ? 0 : 1));
  const bounds = propagate(model, lo, hi);
  if (bounds.infeasible) return infeasibleResult(model, now() - t0, 0, options.reasons);

  const start = options.start ? Uint8Array.from(options.start, (b) => (b ? 1 : 0)) : null;
  const out = branchAndBound(model, bounds.lo, bounds.hi, start, {
    deadline,
    nodeLimit: options.nodeLimit ?? 1_000_000,
    relGap: options.relGap ?? 1e-9,
    upperBound: options.upperBound,
  });
  if (out.incumbent === null) {
    if (out.status === 'optimal')
      return infeasibleResult(model, now() - t0, out.nodes, options.reasons);
    return {
      ...unsolvedResult(n, out.limit, out.bound, out.nodes, now() - t0),
      rootBound: out.rootBound,
    };
  }
  const selected = Array.from(out.incumbent, (v) => v === 1);
  if (!isFeasible(model, selected))
    throw new Error('allocation: internal error, the selection breaks a constraint');
  return selectionResult(model, selected, {
    optimal: out.status === 'optimal',
    limit: out.limit,
    bound: out.bound,
    rootBound: out.rootBound,
    nodes: out.nodes,
    timeMs: now() - t0,
    reasons: options.reasons,
  });
}

/** The result when a limit stopped the search before it found any selection. */
export function unsolvedResult(
  n: number,
  limit: AllocationResult['limit'],
  bound: number,
  nodes: number,
  timeMs: number,
): AllocationResult {
  return {
    status: 'time limit',
    limit,
    feasible: false,
    selected: new Array<boolean>(n).fill(false),
    value: 0,
    cost: 0,
    count: 0,
    bound,
    rootBound: bound,
    gap: Infinity,
    nodes,
    timeMs,
    reasons: [],
    conflict: null,
  };
}

/**
 * The result for a feasible selection: its totals, the bound (never below its value), the gap,
 * and the reason each project is in or out.
 */
export function selectionResult(
  model: Model,
  selected: boolean[],
  o: {
    readonly optimal: boolean;
    readonly limit: AllocationResult['limit'];
    readonly bound: number;
    /** The root LP bound after cuts (default: the bound). */
    readonly rootBound?: number;
    readonly nodes: number;
    readonly timeMs: number;
    /** Whether to give the reasons (default true). */
    readonly reasons?: boolean;
  },
): AllocationResult {
  const { value, cost, count } = selectionTotals(model.problem, selected);
  const bound = Math.max(o.bound, value);
  return {
    status: o.optimal ? 'optimal' : 'time limit',
    limit: o.limit,
    feasible: true,
    selected,
    value,
    cost,
    count,
    bound,
    rootBound: o.rootBound ?? bound,
    gap: relativeGap(bound, value),
    nodes: o.nodes,
    timeMs: o.timeMs,
    reasons: o.reasons === false ? [] : explain(model, selected, !o.optimal),
    conflict: null,
  };
}

/** (bound − value) / |value|; 0 when equal, Infinity when value is 0 and the bound is above. */
export function relativeGap(bound: number, value: number): number {
  if (bound <= value) return 0;
  return Math.abs(value) > 0 ? (bound - value) / Math.abs(value) : Infinity;
}

/** Σ value, Σ cost and the number of the selected projects. */
function selectionTotals(
  p: AllocationProblem,
  selected: readonly boolean[],
): { value: number; cost: number; count: number } {
  let value = 0;
  let cost = 0;
  let count = 0;
  p.projects.forEach((c, j) => {
    if (selected[j]) {
      value += c.value;
      cost += c.cost;
      count++;
    }
  });
  return { value, cost, count };
}

/**
 * The result when no selection satisfies the constraints, with the conflict that shows why
 * (unless `explainConflict` is false: the frontier only needs to know).
 */
export function infeasibleResult(
  model: Model,
  timeMs: number,
  nodes: number,
  explainConflict = true,
): AllocationResult {
  return {
    status: 'infeasible',
    limit: null,
    feasible: false,
    selected: new Array<boolean>(model.n).fill(false),
    value: 0,
    cost: 0,
    count: 0,
    bound: -Infinity,
    rootBound: -Infinity,
    gap: Infinity,
    nodes,
    timeMs,
    reasons: [],
    conflict: explainConflict ? findConflict(model) : null,
  };
}

/**
 * Sub-MIP heuristics (Berthold's RENS; Danna, Rothberg and Le Pape's RINS): fix part of the
 * variables and solve the rest as a real, recursive branch and bound with its own propagation,
 * under a node limit.
 * - RENS: fix every variable whose LP value is integral (0 or 1); search the fractional ones.
 *   It needs no incumbent; when too few variables are fractional it is not worth a sub-MIP.
 * - RINS: fix the variables where the LP point and the incumbent agree.
 * The sub-problem's bounds are propagated first; a contradiction means nothing to search.
 */
import { propagate } from './propagate';
import type { Model } from './rows';

const INT_TOL = 1e-6;

/** A sub-problem: bounds (lo, hi) and how many variables it leaves free. */
export interface SubProblem {
  readonly lo: Uint8Array;
  readonly hi: Uint8Array;
  readonly free: number;
}

/** RENS: fix the variables at integral LP values; null when nothing would be left to search. */
export function rensProblem(
  model: Model,
  lo0: Uint8Array,
  hi0: Uint8Array,
  lpX: ArrayLike<number>,
): SubProblem | null {
  const lo = Uint8Array.from(lo0);
  const hi = Uint8Array.from(hi0);
  for (let j = 0; j < model.n; j++) {
    if (lo[j] === hi[j]) continue;
    const x = lpX[j] as number;
    if (x < INT_TOL) hi[j] = 0;
    else if (x > 1 - INT_TOL) lo[j] = 1;
  }
  return finish(model, lo, hi);
}

/** RINS: fix the variables where the LP point and the incumbent agree. */
export function rinsProblem(
  model: Model,
  lo0: Uint8Array,
  hi0: Uint8Array,
  lpX: ArrayLike<number>,
  incumbent: Uint8Array,
): SubProblem | null {
  const lo = Uint8Array.from(lo0);
  const hi = Uint8Array.from(hi0);
  for (let j = 0; j < model.n; j++) {
    if (lo[j] === hi[j]) continue;
    const v = incumbent[j] as number;
    if (Math.abs((lpX[j] as number) - v) < INT_TOL) {
      lo[j] = v;
      hi[j] = v;
    }
  }
  return finish(model, lo, hi);
}

/** Propagates the sub-problem's bounds; null when it is infeasible or has nothing free. */
function finish(model: Model, lo: Uint8Array, hi: Uint8Array): SubProblem | null {
  const b = propagate(model, lo, hi);
  if (b.infeasible) return null;
  let free = 0;
  for (let j = 0; j < model.n; j++) if (b.lo[j] !== b.hi[j]) free++;
  return free === 0 ? null : { lo: b.lo, hi: b.hi, free };
}

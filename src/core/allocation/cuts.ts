/**
 * Lifted cover inequalities for the knapsack rows (budget, resources, maximum shares):
 * for a row Σ a_j x_j ≤ b with a ≥ 0, a cover C (Σ_C a_j > b) gives Σ_C x_j ≤ |C| − 1.
 *
 * Separation (for an LP point x*): projects fixed at 1 lower b, projects fixed at 0 drop out;
 * the cover takes items by (1 − x*_j)/a_j ascending until it overflows, then is made minimal
 * (dropping the items with the least x* while it still overflows). Every other item k is then
 * lifted in sequence (largest x* first) with its exact coefficient
 *   α_k = |C| − 1 − max{ Σ_C x_j + Σ_lifted α_i x_i : Σ a x ≤ b − a_k },
 * computed by a dynamic programme over the (small, integer) left-hand-side values:
 * f(v) = the least weight reaching value v. The cut is kept when x* violates it.
 */
import type { Model } from './rows';

export interface Cut {
  readonly idx: Int32Array;
  readonly val: Float64Array;
  /** Σ val_j x_j ≤ hi. */
  readonly hi: number;
}

const MIN_VIOLATION = 1e-4;

export function separateCovers(
  model: Model,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  x: ArrayLike<number>,
  maxCuts: number,
): Cut[] {
  const found: { cut: Cut; efficacy: number }[] = [];
  // Dense by column: each row's items overwrite their own entries, so one array serves all rows.
  const weight = new Float64Array(model.n);
  const mark = new Uint8Array(model.n);
  const coef = new Float64Array(model.n);
  for (const row of model.rows) {
    if (row.kind !== 'budget' && row.kind !== 'resource' && row.kind !== 'max share') continue;
    let b = row.hi;
    const items: number[] = [];
    let total = 0;
    let used = 0;
    for (let t = 0; t < row.idx.length; t++) {
      const j = row.idx[t] as number;
      const a = row.val[t] as number;
      if (a <= 0) continue;
      if (lo[j] === 1) b -= a;
      else if (hi[j] === 1) {
        items.push(j);
        weight[j] = a;
        total += a;
        used += a * (x[j] as number);
      }
    }
    if (b < 0 || total <= b + 1e-9) continue;
    // Only rows the LP point nearly fills can yield a violated cover.
    if (used < b * 0.5) continue;
    const cut = coverCut(items, weight, mark, coef, b, x);
    if (cut) found.push(cut);
  }
  found.sort((p, q) => q.efficacy - p.efficacy);
  return found.slice(0, maxCuts).map((f) => f.cut);
}

/*
 * The sorts' context (the LP point and the row's weights by column). The comparators are
 * module functions rather than closures made per row: this runs for every row in every round,
 * and a closure per call is a real part of the cost.
 */
let sortX: ArrayLike<number> = [];
let sortW: Float64Array = new Float64Array(0);

/** By (1 − x*)/a ascending, then heaviest first, then by column: the cover's greedy order. */
function byRatio(p: number, q: number): number {
  const x = sortX;
  const w = sortW;
  return (
    (1 - (x[p] as number)) / (w[p] as number) - (1 - (x[q] as number)) / (w[q] as number) ||
    (w[q] as number) - (w[p] as number) ||
    p - q
  );
}

/** By x* ascending, then lightest first (ties keep their order: the sort is stable). */
function byXUp(p: number, q: number): number {
  return (sortX[p] as number) - (sortX[q] as number) || (sortW[p] as number) - (sortW[q] as number);
}

/** By x* descending, then heaviest first, then by column: the lifting order. */
function byXDown(p: number, q: number): number {
  return (
    (sortX[q] as number) - (sortX[p] as number) ||
    (sortW[q] as number) - (sortW[p] as number) ||
    p - q
  );
}

/**
 * The lifted cover cut of one row's items (weights by column); `mark` is zero and left so,
 * `coef` is scratch by column.
 */
function coverCut(
  items: number[],
  weight: Float64Array,
  mark: Uint8Array,
  coef: Float64Array,
  b: number,
  x: ArrayLike<number>,
): { cut: Cut; efficacy: number } | null {
  sortX = x;
  sortW = weight;
  const order = items.slice().sort(byRatio);
  const cover: number[] = [];
  let sum = 0;
  for (const j of order) {
    if (sum > b + 1e-9) break;
    cover.push(j);
    sum += weight[j] as number;
  }
  if (sum <= b + 1e-9) return null;
  // Minimal: drop items with the least x* while the rest still overflows.
  const byX = cover.slice().sort(byXUp);
  for (const j of cover) mark[j] = 1;
  for (const j of byX) {
    const wj = weight[j] as number;
    if (sum - wj > b + 1e-9) {
      mark[j] = 0;
      sum -= wj;
    }
  }
  const c: number[] = [];
  for (const j of cover) if (mark[j] === 1) c.push(j);
  const rest: number[] = [];
  for (const j of items) if (mark[j] === 0) rest.push(j);
  rest.sort(byXDown);
  for (const j of c) mark[j] = 0;
  const rhs = c.length - 1;
  if (rhs < 1) return null;
  // f[v]: least weight with left-hand side v (items of C have coefficient 1).
  const f = new Float64Array(c.length + 1).fill(Infinity);
  const cw = new Float64Array(c.length);
  for (let t = 0; t < c.length; t++) cw[t] = weight[c[t] as number] as number;
  cw.sort();
  f[0] = 0;
  for (let v = 1; v <= c.length; v++) f[v] = (f[v - 1] as number) + (cw[v - 1] as number);
  const idx: number[] = c.slice();
  const val: number[] = new Array<number>(c.length).fill(1);
  for (const k of rest) {
    const wk = weight[k] as number;
    const cap = b - wk;
    if (cap < -1e-9) continue; // x_k = 1 alone overflows: propagation fixes it at 0
    let best = 0;
    for (let v = c.length; v >= 0; v--) {
      if ((f[v] as number) <= cap + 1e-9) {
        best = v;
        break;
      }
    }
    const alpha = rhs - best;
    if (alpha <= 0) continue;
    idx.push(k);
    val.push(alpha);
    for (let v = c.length; v >= alpha; v--) {
      const cand = (f[v - alpha] as number) + wk;
      if (cand < (f[v] as number)) f[v] = cand;
    }
  }
  let lhs = 0;
  let norm = 0;
  for (let t = 0; t < idx.length; t++) {
    const v = val[t] as number;
    lhs += v * (x[idx[t] as number] as number);
    norm += v ** 2;
    coef[idx[t] as number] = v;
  }
  const violation = lhs - rhs;
  if (violation < MIN_VIOLATION) return null;
  // The columns are distinct: sort them, and read each one's coefficient back from coef.
  const cutIdx = Int32Array.from(idx).sort();
  const cutVal = new Float64Array(cutIdx.length);
  for (let t = 0; t < cutIdx.length; t++) cutVal[t] = coef[cutIdx[t] as number] as number;
  return {
    cut: { idx: cutIdx, val: cutVal, hi: rhs },
    efficacy: violation / Math.sqrt(norm),
  };
}

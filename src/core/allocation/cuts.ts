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
    const cut = coverCut(items, weight, mark, b, x);
    if (cut) found.push(cut);
  }
  found.sort((p, q) => q.efficacy - p.efficacy);
  return found.slice(0, maxCuts).map((f) => f.cut);
}

/** The lifted cover cut of one row's items (weights by column); `mark` is zero and left so. */
function coverCut(
  items: number[],
  weight: Float64Array,
  mark: Uint8Array,
  b: number,
  x: ArrayLike<number>,
): { cut: Cut; efficacy: number } | null {
  const w = (j: number): number => weight[j] as number;
  const xs = (j: number): number => x[j] as number;
  const order = [...items].sort(
    (p, q) => (1 - xs(p)) / w(p) - (1 - xs(q)) / w(q) || w(q) - w(p) || p - q,
  );
  const cover: number[] = [];
  let sum = 0;
  for (const j of order) {
    if (sum > b + 1e-9) break;
    cover.push(j);
    sum += w(j);
  }
  if (sum <= b + 1e-9) return null;
  // Minimal: drop items with the least x* while the rest still overflows.
  const byX = [...cover].sort((p, q) => xs(p) - xs(q) || w(p) - w(q));
  for (const j of cover) mark[j] = 1;
  for (const j of byX) {
    if (sum - w(j) > b + 1e-9) {
      mark[j] = 0;
      sum -= w(j);
    }
  }
  const c = cover.filter((j) => mark[j] === 1);
  const rest = items
    .filter((j) => mark[j] === 0)
    .sort((p, q) => xs(q) - xs(p) || w(q) - w(p) || p - q);
  for (const j of c) mark[j] = 0;
  const rhs = c.length - 1;
  if (rhs < 1) return null;
  // f[v]: least weight with left-hand side v (items of C have coefficient 1).
  const f = new Float64Array(c.length + 1).fill(Infinity);
  const cw = c.map(w).sort((p, q) => p - q);
  f[0] = 0;
  for (let v = 1; v <= c.length; v++) f[v] = (f[v - 1] as number) + (cw[v - 1] as number);
  const idx: number[] = [...c];
  const val: number[] = c.map(() => 1);
  for (const k of rest) {
    const cap = b - w(k);
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
      const cand = (f[v - alpha] as number) + w(k);
      if (cand < (f[v] as number)) f[v] = cand;
    }
  }
  let lhs = 0;
  let norm = 0;
  idx.forEach((j, t) => {
    lhs += (val[t] as number) * xs(j);
    norm += (val[t] as number) ** 2;
  });
  const violation = lhs - rhs;
  if (violation < MIN_VIOLATION) return null;
  const perm = idx.map((j, t) => [j, val[t] as number] as const).sort((p, q) => p[0] - q[0]);
  return {
    cut: {
      idx: Int32Array.from(perm.map((e) => e[0])),
      val: Float64Array.from(perm.map((e) => e[1])),
      hi: rhs,
    },
    efficacy: violation / Math.sqrt(norm),
  };
}

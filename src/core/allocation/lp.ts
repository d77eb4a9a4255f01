/**
 * The LP relaxation of a model as the dual simplex takes it: the rows that can still bind,
 * each scaled by 1/max|a| (row activities as logicals with finite bounds — an open side becomes
 * the least/greatest activity the bounds allow, widened by 1), values scaled by 1/max|v| and
 * negated (the simplex minimises); cut rows appended; and the duals read back as row prices.
 */
import type { Cut } from './cuts';
import { activityRange } from './propagate';
import type { Model } from './rows';
import type { DualSimplex, LpData } from './simplex';

export interface Lp {
  readonly data: LpData;
  /** The model row of each LP row, and the factor it was scaled by (1 / max |a|). */
  readonly rows: Int32Array;
  readonly scale: Float64Array;
}

/** Builds the scaled LP of the rows that can still bind under the bounds lo/hi. */
export function buildLp(model: Model, lo: Uint8Array, hi: Uint8Array, valueScale: number): Lp {
  const n = model.n;
  const keep: number[] = [];
  const scale: number[] = [];
  const rLo: number[] = [];
  const rHi: number[] = [];
  const range = new Float64Array(2);
  model.rows.forEach((r, i) => {
    activityRange(r, lo, hi, range);
    const minAct = range[0] as number;
    const maxAct = range[1] as number;
    let big = 0;
    for (let t = 0; t < r.val.length; t++) big = Math.max(big, Math.abs(r.val[t] as number));
    if (big === 0 || (maxAct <= r.hi && minAct >= r.lo)) return;
    const s = 1 / big;
    keep.push(i);
    scale.push(s);
    rLo.push(Number.isFinite(r.lo) ? r.lo * s : minAct * s - 1);
    rHi.push(Number.isFinite(r.hi) ? r.hi * s : maxAct * s + 1);
  });
  const m = keep.length;
  const counts = new Int32Array(n + 1);
  keep.forEach((i) => {
    for (const j of (model.rows[i] as { idx: Int32Array }).idx)
      counts[j + 1] = (counts[j + 1] as number) + 1;
  });
  for (let j = 0; j < n; j++) counts[j + 1] = (counts[j + 1] as number) + (counts[j] as number);
  const colStart = Int32Array.from(counts);
  const fill = Int32Array.from(counts.subarray(0, n));
  const nnz = counts[n] as number;
  const rowIdx = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  keep.forEach((i, r) => {
    const row = model.rows[i] as { idx: Int32Array; val: Float64Array };
    for (let t = 0; t < row.idx.length; t++) {
      const j = row.idx[t] as number;
      const at = fill[j] as number;
      rowIdx[at] = r;
      vals[at] = (row.val[t] as number) * (scale[r] as number);
      fill[j] = at + 1;
    }
  });
  const data: LpData = {
    n,
    m,
    colStart,
    rowIdx,
    vals,
    cost: Float64Array.from(model.problem.projects, (c) => -c.value / valueScale),
    rowLo: Float64Array.from(rLo),
    rowHi: Float64Array.from(rHi),
    colLo: Float64Array.from(lo),
    colHi: Float64Array.from(hi),
  };
  return { data, rows: Int32Array.from(keep), scale: Float64Array.from(scale) };
}

/** The LP with cut rows Σ val_j x_j ≤ hi appended (scaled by 1/max|val|; model row −1). */
export function withCuts(lp: Lp, cuts: readonly Cut[]): Lp {
  const { n, m } = lp.data;
  const old = lp.data;
  // Counted first, then filled in place: the root cut loop rebuilds this every round, with up
  // to a few hundred cuts that may each cover every column.
  const extra = new Int32Array(n);
  for (const c of cuts) for (const j of c.idx) extra[j] = (extra[j] as number) + 1;
  const colStart = new Int32Array(n + 1);
  for (let j = 0; j < n; j++)
    colStart[j + 1] =
      (colStart[j] as number) +
      ((old.colStart[j + 1] as number) - (old.colStart[j] as number)) +
      (extra[j] as number);
  const nnz = colStart[n] as number;
  const rowIdx = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  // Each column: its old entries, then the cuts' in cut order.
  const fill = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    let at = colStart[j] as number;
    for (let k = old.colStart[j] as number; k < (old.colStart[j + 1] as number); k++) {
      rowIdx[at] = old.rowIdx[k] as number;
      vals[at++] = old.vals[k] as number;
    }
    fill[j] = at;
  }
  const scale: number[] = [];
  const rLo: number[] = [];
  const rHi: number[] = [];
  cuts.forEach((c, k) => {
    let big = 0;
    for (const v of c.val) big = Math.max(big, Math.abs(v));
    const s = 1 / big;
    let minAct = 0;
    for (const v of c.val) minAct += Math.min(0, v);
    scale.push(s);
    rLo.push(minAct * s - 1);
    rHi.push(c.hi * s);
    for (let t = 0; t < c.idx.length; t++) {
      const j = c.idx[t] as number;
      const at = fill[j] as number;
      rowIdx[at] = m + k;
      vals[at] = (c.val[t] as number) * s;
      fill[j] = at + 1;
    }
  });
  const cat = (a: Float64Array, b: number[]): Float64Array => {
    const out = new Float64Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  return {
    data: {
      ...old,
      m: m + cuts.length,
      colStart,
      rowIdx,
      vals,
      rowLo: cat(old.rowLo, rLo),
      rowHi: cat(old.rowHi, rHi),
    },
    rows: Int32Array.from([...lp.rows, ...cuts.map(() => -1)]),
    scale: cat(lp.scale, scale),
  };
}

/**
 * Row prices for the greedy from the LP duals: |y_r| per unit of the row's original
 * coefficients (LP row r is model row rows[r] scaled by scale[r]); 0 for rows not in the LP.
 */
export function dualRowWeights(
  model: Model,
  lp: Lp,
  simplex: DualSimplex,
  valueScale: number,
): Float64Array {
  const w = new Float64Array(model.rows.length);
  for (let r = 0; r < lp.data.m; r++) {
    w[lp.rows[r] as number] =
      Math.abs(simplex.d[lp.data.n + r] as number) * (lp.scale[r] as number) * valueScale;
  }
  return w;
}

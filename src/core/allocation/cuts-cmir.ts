/**
 * Complemented mixed-integer rounding (c-MIR) cuts, after Marchand and Wolsey, for rows over
 * 0/1 variables.
 *
 * Base inequalities: each row side as Σ a_j x_j ≤ b (a ≥ side negated), and the sum of two
 * tight rows that share a fractional column, each first divided by its right-hand side (or its
 * largest coefficient) so neither dominates. For a base inequality and the LP point x*:
 * - fixed variables move into b; a free variable with x*_j > ½ is complemented
 *   (x_j = 1 − x̄_j), so every variable y_j (x_j or x̄_j) is a non-negative integer and
 *   Σ c_j y_j ≤ β;
 * - for a scaling δ > 0 with f = β/δ − ⌊β/δ⌋ away from 0 and 1, the MIR inequality
 *   Σ F(c_j/δ) y_j ≤ ⌊β/δ⌋,  F(d) = ⌊d⌋ + max(0, d − ⌊d⌋ − f)/(1 − f),
 *   holds for every non-negative integer y that satisfies the base inequality;
 * - δ is tried at each |c_j| of a fractional y_j, then the best one halved up to three times;
 *   the cut kept is the one with the greatest efficacy (violation ÷ Euclidean norm), and it is
 *   written back in x by undoing the complementing.
 */
import type { Cut } from './cuts';
import type { Model } from './rows';

const FRAC_TOL = 1e-6;
const MIN_EFFICACY = 1e-4;
const MAX_DELTAS = 8;
/** A row is tight enough to aggregate when its slack is at most this share of its rhs scale. */
const TIGHT = 0.05;

export interface Base {
  readonly idx: ArrayLike<number>;
  readonly val: ArrayLike<number>;
  readonly b: number;
}

interface Found {
  readonly cut: Cut;
  readonly efficacy: number;
}

interface RowBase {
  readonly base: Base;
  readonly row: number;
  /** The largest |a| of the side (its scale when b ≤ 0). */
  readonly big: number;
}

/** The base rows of each model: they depend on the rows only, and every round needs them. */
const rowBases = new WeakMap<Model, readonly RowBase[]>();

/** Each side of the model's rows as Σ a x ≤ b (dependencies and exclusions are left out). */
function baseRows(model: Model): readonly RowBase[] {
  const cached = rowBases.get(model);
  if (cached) return cached;
  const out: RowBase[] = [];
  model.rows.forEach((r, i) => {
    if (r.kind === 'dependency' || r.kind === 'exclusion') return;
    let big = 0;
    for (let t = 0; t < r.val.length; t++) big = Math.max(big, Math.abs(r.val[t] as number));
    if (Number.isFinite(r.hi)) out.push({ base: { idx: r.idx, val: r.val, b: r.hi }, row: i, big });
    if (Number.isFinite(r.lo))
      out.push({ base: { idx: r.idx, val: r.val.map((v) => -v), b: -r.lo }, row: i, big });
  });
  rowBases.set(model, out);
  return out;
}

/*
 * Scratch for cmirOf, grown on demand: the free variables of the base (column, coefficient
 * c_j, value y_j, complemented or not). The separators run one at a time, so one set serves all.
 */
let sJ = new Int32Array(256);
let sC = new Float64Array(256);
let sY = new Float64Array(256);
let sComp = new Uint8Array(256);
let sG = new Float64Array(256);

function reserve(len: number): void {
  if (sJ.length >= len) return;
  const cap = Math.max(len, 2 * sJ.length);
  sJ = new Int32Array(cap);
  sC = new Float64Array(cap);
  sY = new Float64Array(cap);
  sComp = new Uint8Array(cap);
  sG = new Float64Array(cap);
}

/** Scratch entries by column (a module function: cmirOf runs for every base, every round). */
function byColumn(p: number, q: number): number {
  return (sJ[p] as number) - (sJ[q] as number);
}

/**
 * The efficacy of the MIR inequality for scaling δ over the first `len` scratch entries
 * (−Infinity when f is too near 0 or 1, or every coefficient rounds to 0). Entries with y = 0
 * add nothing to the left-hand side but still count in the norm.
 */
function efficacyAt(len: number, beta: number, delta: number): number {
  const bd = beta / delta;
  const fb = Math.floor(bd);
  const f = bd - fb;
  if (f < 0.01 || f > 0.99) return -Infinity;
  let lhs = 0;
  let norm = 0;
  for (let t = 0; t < len; t++) {
    const d = (sC[t] as number) / delta;
    const fl = Math.floor(d + 1e-9);
    const fr = Math.max(0, d - fl);
    const gt = fr > f ? fl + (fr - f) / (1 - f) : fl;
    const y = sY[t] as number;
    if (y !== 0) lhs += gt * y;
    norm += gt * gt;
  }
  if (norm === 0) return -Infinity;
  return (lhs - fb) / Math.sqrt(norm);
}

/** The MIR coefficients for δ into sG (efficacyAt's rounding); returns ⌊β/δ⌋. */
function coefficientsAt(len: number, beta: number, delta: number): number {
  const bd = beta / delta;
  const fb = Math.floor(bd);
  const f = bd - fb;
  for (let t = 0; t < len; t++) {
    const d = (sC[t] as number) / delta;
    const fl = Math.floor(d + 1e-9);
    const fr = Math.max(0, d - fl);
    sG[t] = fr > f ? fl + (fr - f) / (1 - f) : fl;
  }
  return fb;
}

/**
 * True when no δ cmirOf may try (each candidate and its halvings) can give a violated cut, so
 * the base yields nothing. Since F(d) ≤ d + 1e-9 (the 1e-9 of the rounding) and y ≥ 0, the
 * violation Σ F(c/δ) y − ⌊β/δ⌋ is at most Σ c y / δ − ⌊β/δ⌋ + 1e-9 Σ y: a base with slack
 * β − Σ c y large against δ cannot be violated. The margin is far above round-off, so the
 * skipped evaluations would all have found a negative efficacy (and so no cut).
 */
function hopeless(len: number, beta: number, deltas: readonly number[]): boolean {
  let cy = 0;
  let size = 0;
  for (let t = 0; t < len; t++) {
    const v = (sC[t] as number) * (sY[t] as number);
    cy += v;
    size += Math.abs(v);
  }
  for (const d0 of deltas) {
    for (let k = 0; k <= 3; k++) {
      const delta = k === 0 ? d0 : d0 / 2 ** k;
      const bd = beta / delta;
      const fb = Math.floor(bd);
      const f = bd - fb;
      if (f < 0.01 || f > 0.99) continue;
      const margin = 1e-6 + 1e-9 * (len + size / delta);
      if (cy / delta - fb >= -margin) return false;
    }
  }
  return true;
}

/**
 * The most efficacious c-MIR cut of one base inequality at x* (null when none is violated by
 * at least MIN_EFFICACY).
 */
export function cmirCut(
  base: Base,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  x: ArrayLike<number>,
): Found | null {
  return cmirOf(base.idx, base.val, base.idx.length, base.b, lo, hi, x);
}

/** cmirCut of the base Σ_{t<len} val_t x_{idx_t} ≤ b. */
function cmirOf(
  idx: ArrayLike<number>,
  val: ArrayLike<number>,
  count: number,
  b: number,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  x: ArrayLike<number>,
): Found | null {
  reserve(count);
  let len = 0;
  let beta = b;
  for (let t = 0; t < count; t++) {
    const j = idx[t] as number;
    const a = val[t] as number;
    if (a === 0) continue;
    if (lo[j] === hi[j]) {
      beta -= a * (lo[j] as number);
      continue;
    }
    const xj = Math.min(1, Math.max(0, x[j] as number));
    const c = xj > 0.5;
    sJ[len] = j;
    sC[len] = c ? -a : a;
    sY[len] = c ? 1 - xj : xj;
    sComp[len] = c ? 1 : 0;
    len++;
    if (c) beta -= a;
  }
  if (len < 2) return null;
  const deltas: number[] = [];
  for (let t = 0; t < len && deltas.length < MAX_DELTAS; t++) {
    const y = sY[t] as number;
    if (y <= FRAC_TOL || y >= 1 - FRAC_TOL) continue;
    const d = Math.abs(sC[t] as number);
    let known = false;
    for (const e of deltas) if (Math.abs(e - d) <= 1e-9 * d) known = true;
    if (!known) deltas.push(d);
  }
  if (deltas.length === 0) return null;
  if (hopeless(len, beta, deltas)) return null;

  // Only the efficacy is needed to choose δ; the coefficients are computed once, for the winner.
  let bestEff = -Infinity;
  let bestDelta = 0;
  for (const d of deltas) {
    const e = efficacyAt(len, beta, d);
    if (e > bestEff) {
      bestEff = e;
      bestDelta = d;
    }
  }
  if (bestEff === -Infinity) return null;
  let winner = bestDelta;
  for (let k = 1; k <= 3; k++) {
    const d = bestDelta / 2 ** k;
    const e = efficacyAt(len, beta, d);
    if (e > bestEff) {
      bestEff = e;
      winner = d;
    }
  }
  if (bestEff < MIN_EFFICACY) return null;
  // Back to x: g·x̄ = g − g·x.
  let rhs = coefficientsAt(len, beta, winner);
  const order: number[] = [];
  let sorted = true;
  for (let t = 0; t < len; t++) {
    const gt = sG[t] as number;
    if (gt === 0) continue;
    if (sComp[t] === 1) {
      rhs -= gt;
      sG[t] = -gt;
    }
    if (order.length > 0 && (sJ[order[order.length - 1] as number] as number) > (sJ[t] as number))
      sorted = false;
    order.push(t);
  }
  if (!sorted) order.sort(byColumn);
  // A hair of slack against round-off in the coefficients.
  let scale = Math.abs(rhs);
  const cutIdx = new Int32Array(order.length);
  const cutVal = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const t = order[k] as number;
    cutIdx[k] = sJ[t] as number;
    cutVal[k] = sG[t] as number;
    scale = Math.max(scale, Math.abs(sG[t] as number));
  }
  return {
    cut: { idx: cutIdx, val: cutVal, hi: rhs + 1e-9 * Math.max(1, scale) },
    efficacy: bestEff,
  };
}

/**
 * c-MIR cuts at x*: from every row side with a fractional variable, and from sums of two tight
 * row sides sharing a fractional column; the `maxCuts` most efficacious, one per base.
 */
export function separateCmir(
  model: Model,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  x: ArrayLike<number>,
  maxCuts: number,
): Cut[] {
  const found: Found[] = [];
  const tight: { base: Base; row: number; norm: number; fracCol: number }[] = [];
  for (const { base, row, big } of baseRows(model)) {
    let act = 0;
    let fracCol = -1;
    let fracBest = FRAC_TOL;
    for (let t = 0; t < base.idx.length; t++) {
      const j = base.idx[t] as number;
      const xj = x[j] as number;
      act += (base.val[t] as number) * xj;
      const fr = Math.min(xj, 1 - xj);
      if (fr > fracBest && lo[j] !== hi[j]) {
        fracBest = fr;
        fracCol = j;
      }
    }
    if (fracCol < 0) continue;
    const c = cmirCut(base, lo, hi, x);
    if (c) found.push(c);
    const norm = base.b > 0 ? base.b : big;
    if (norm > 0 && base.b - act <= TIGHT * norm) tight.push({ base, row, norm, fracCol });
  }
  if (tight.length > 1) aggregate(model, tight, lo, hi, x, found);
  found.sort((p, q) => q.efficacy - p.efficacy);
  return found.slice(0, maxCuts).map((f) => f.cut);
}

/**
 * c-MIR cuts (into `found`) of the sums of two tight rows sharing the first one's most
 * fractional column, at most two partners per row, each pair once.
 */
function aggregate(
  model: Model,
  tight: readonly { base: Base; row: number; norm: number; fracCol: number }[],
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  x: ArrayLike<number>,
  found: Found[],
): void {
  const byRow = new Map<number, number[]>();
  tight.forEach((t, k) => {
    const list = byRow.get(t.row);
    if (list) list.push(k);
    else byRow.set(t.row, [k]);
  });
  const seen = new Set<number>();
  // The sum, built in dense scratch: its columns in order of first appearance (the first
  // row's, then the second's new ones), as the cut's choice of δ depends on that order.
  const sum = new Float64Array(model.n);
  const stamp = new Int32Array(model.n);
  let pair = 0;
  let idx = new Int32Array(0);
  let val = new Float64Array(0);
  tight.forEach((t, k) => {
    let partners = 0;
    for (const r of model.colRows[t.fracCol] as Int32Array) {
      if (partners >= 2) break;
      for (const k2 of byRow.get(r) ?? []) {
        if (k2 === k || partners >= 2) continue;
        const key = k < k2 ? k * tight.length + k2 : k2 * tight.length + k;
        if (seen.has(key)) continue;
        seen.add(key);
        partners++;
        const u = tight[k2] as (typeof tight)[number];
        const cap = t.base.idx.length + u.base.idx.length;
        if (idx.length < cap) {
          idx = new Int32Array(cap);
          val = new Float64Array(cap);
        }
        pair++;
        let len = 0;
        for (let q = 0; q < t.base.idx.length; q++) {
          const j = t.base.idx[q] as number;
          stamp[j] = pair;
          sum[j] = (t.base.val[q] as number) / t.norm;
          idx[len++] = j;
        }
        for (let q = 0; q < u.base.idx.length; q++) {
          const j = u.base.idx[q] as number;
          const v = (u.base.val[q] as number) / u.norm;
          if (stamp[j] === pair) sum[j] = (sum[j] as number) + v;
          else {
            stamp[j] = pair;
            sum[j] = 0 + v;
            idx[len++] = j;
          }
        }
        for (let q = 0; q < len; q++) val[q] = sum[idx[q] as number] as number;
        const c = cmirOf(idx, val, len, t.base.b / t.norm + u.base.b / u.norm, lo, hi, x);
        if (c) found.push(c);
      }
    }
  });
}

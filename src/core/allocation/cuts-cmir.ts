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

interface Base {
  readonly idx: number[];
  readonly val: number[];
  readonly b: number;
}

interface Found {
  readonly cut: Cut;
  readonly efficacy: number;
}

/** Each side of the model's rows as Σ a x ≤ b (dependencies and exclusions are left out). */
function baseRows(model: Model): { base: Base; row: number }[] {
  const out: { base: Base; row: number }[] = [];
  model.rows.forEach((r, i) => {
    if (r.kind === 'dependency' || r.kind === 'exclusion') return;
    const idx = Array.from(r.idx);
    if (Number.isFinite(r.hi)) out.push({ base: { idx, val: Array.from(r.val), b: r.hi }, row: i });
    if (Number.isFinite(r.lo))
      out.push({ base: { idx, val: Array.from(r.val, (v) => -v), b: -r.lo }, row: i });
  });
  return out;
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
  const js: number[] = [];
  const cs: number[] = [];
  const ys: number[] = [];
  const comp: boolean[] = [];
  let beta = base.b;
  for (let t = 0; t < base.idx.length; t++) {
    const j = base.idx[t] as number;
    const a = base.val[t] as number;
    if (a === 0) continue;
    if (lo[j] === hi[j]) {
      beta -= a * (lo[j] as number);
      continue;
    }
    const xj = Math.min(1, Math.max(0, x[j] as number));
    const c = xj > 0.5;
    js.push(j);
    cs.push(c ? -a : a);
    ys.push(c ? 1 - xj : xj);
    comp.push(c);
    if (c) beta -= a;
  }
  if (js.length < 2) return null;
  const deltas: number[] = [];
  for (let t = 0; t < js.length && deltas.length < MAX_DELTAS; t++) {
    const y = ys[t] as number;
    if (y <= FRAC_TOL || y >= 1 - FRAC_TOL) continue;
    const d = Math.abs(cs[t] as number);
    if (!deltas.some((e) => Math.abs(e - d) <= 1e-9 * d)) deltas.push(d);
  }
  if (deltas.length === 0) return null;

  const evaluate = (delta: number): { efficacy: number; g: Float64Array; rhs: number } | null => {
    const bd = beta / delta;
    const fb = Math.floor(bd);
    const f = bd - fb;
    if (f < 0.01 || f > 0.99) return null;
    const g = new Float64Array(js.length);
    let lhs = 0;
    let norm = 0;
    for (let t = 0; t < js.length; t++) {
      const d = (cs[t] as number) / delta;
      const fl = Math.floor(d + 1e-9);
      const fr = Math.max(0, d - fl);
      const gt = fl + Math.max(0, fr - f) / (1 - f);
      g[t] = gt;
      lhs += gt * (ys[t] as number);
      norm += gt * gt;
    }
    if (norm === 0) return null;
    const efficacy = (lhs - fb) / Math.sqrt(norm);
    return { efficacy, g, rhs: fb };
  };

  let best: { efficacy: number; g: Float64Array; rhs: number } | null = null;
  let bestDelta = 0;
  for (const d of deltas) {
    const e = evaluate(d);
    if (e && (best === null || e.efficacy > best.efficacy)) {
      best = e;
      bestDelta = d;
    }
  }
  if (best === null) return null;
  for (let k = 1; k <= 3; k++) {
    const e = evaluate(bestDelta / 2 ** k);
    if (e && e.efficacy > best.efficacy) best = e;
  }
  if (best.efficacy < MIN_EFFICACY) return null;
  // Back to x: g·x̄ = g − g·x.
  let rhs = best.rhs;
  const entries: [number, number][] = [];
  for (let t = 0; t < js.length; t++) {
    const gt = best.g[t] as number;
    if (gt === 0) continue;
    if (comp[t]) {
      rhs -= gt;
      entries.push([js[t] as number, -gt]);
    } else entries.push([js[t] as number, gt]);
  }
  entries.sort((p, q) => p[0] - q[0]);
  // A hair of slack against round-off in the coefficients.
  let scale = Math.abs(rhs);
  for (const [, v] of entries) scale = Math.max(scale, Math.abs(v));
  return {
    cut: {
      idx: Int32Array.from(entries.map((e) => e[0])),
      val: Float64Array.from(entries.map((e) => e[1])),
      hi: rhs + 1e-9 * Math.max(1, scale),
    },
    efficacy: best.efficacy,
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
  const bases = baseRows(model);
  const found: Found[] = [];
  const tight: { base: Base; row: number; norm: number; fracCol: number }[] = [];
  for (const { base, row } of bases) {
    let act = 0;
    let big = 0;
    let fracCol = -1;
    let fracBest = FRAC_TOL;
    for (let t = 0; t < base.idx.length; t++) {
      const j = base.idx[t] as number;
      const a = base.val[t] as number;
      const xj = x[j] as number;
      act += a * xj;
      big = Math.max(big, Math.abs(a));
      const fr = Math.min(xj, 1 - xj);
      if (lo[j] !== hi[j] && fr > fracBest) {
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
  // Aggregations of two tight rows sharing the first one's most fractional column.
  const byRow = new Map<number, number[]>();
  tight.forEach((t, k) => byRow.set(t.row, [...(byRow.get(t.row) ?? []), k]));
  const seen = new Set<string>();
  tight.forEach((t, k) => {
    let partners = 0;
    for (const r of model.colRows[t.fracCol] as Int32Array) {
      if (partners >= 2) break;
      for (const k2 of byRow.get(r) ?? []) {
        if (k2 === k || partners >= 2) continue;
        const key = k < k2 ? `${k},${k2}` : `${k2},${k}`;
        if (seen.has(key)) continue;
        seen.add(key);
        partners++;
        const u = tight[k2] as (typeof tight)[number];
        const sum = new Map<number, number>();
        t.base.idx.forEach((j, q) => sum.set(j, (t.base.val[q] as number) / t.norm));
        u.base.idx.forEach((j, q) =>
          sum.set(j, (sum.get(j) ?? 0) + (u.base.val[q] as number) / u.norm),
        );
        const idx = [...sum.keys()];
        const c = cmirCut(
          {
            idx,
            val: idx.map((j) => sum.get(j) as number),
            b: t.base.b / t.norm + u.base.b / u.norm,
          },
          lo,
          hi,
          x,
        );
        if (c) found.push(c);
      }
    }
  });
  found.sort((p, q) => q.efficacy - p.efficacy);
  return found.slice(0, maxCuts).map((f) => f.cut);
}

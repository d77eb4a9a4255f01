import type { Direction } from './direction';

/** One scoring criterion: its weight, its direction and, optionally, a fixed scale. */
export interface Criterion {
  /** Non-negative; weights are normalised, so only their ratios matter. */
  readonly weight: number;
  readonly direction: Direction;
  /** Fixed scale bounds. When both are set, a row's score never depends on other rows. */
  readonly scaleMin?: number | undefined;
  readonly scaleMax?: number | undefined;
}

/** A row of raw criterion values; `null` marks a blank cell. */
export type ValueRow = readonly (number | null)[];

/** How one criterion contributed to one row's score (for "explain score"). */
export interface Contribution {
  readonly raw: number | null;
  /** The value on a 0–1 scale where 1 is best. */
  readonly normalised: number;
  /** The criterion's weight after normalisation (weights sum to 1). */
  readonly weight: number;
  /** weight × normalised × 100: the points this criterion adds to the score. */
  readonly points: number;
}

/** The bounds each criterion is normalised on. */
export interface Bounds {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Normalises weights so they sum to 1: w'_k = w_k / Σ_j w_j.
 * Throws a RangeError when a weight is negative or not finite, or when all are zero. The
 * weights are divided by the largest first when their sum overflows (1e308 each).
 */
export function normaliseWeights(weights: readonly number[]): number[] {
  let largest = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0)
      throw new RangeError(`weight ${w} is not a non-negative number`);
    if (w > largest) largest = w;
  }
  if (largest <= 0) throw new RangeError('all weights are zero');
  const total = weights.reduce((a, b) => a + b, 0);
  if (Number.isFinite(total)) return weights.map((w) => w / total);
  const scaled = weights.map((w) => w / largest);
  const scaledTotal = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((w) => w / scaledTotal);
}

/**
 * The bounds of each criterion: the fixed scale [scaleMin, scaleMax] when given, otherwise the
 * minimum and maximum of the non-blank values over the non-blank rows (min-max normalisation).
 * A criterion with no value at all gets lo = hi = 0.
 */
export function criterionBounds(
  rows: readonly (ValueRow | null)[],
  criteria: readonly Criterion[],
): Bounds[] {
  return criteria.map((c, k) => {
    if (c.scaleMin !== undefined && c.scaleMax !== undefined)
      return { lo: c.scaleMin, hi: c.scaleMax };
    let lo = Infinity;
    let hi = -Infinity;
    for (const row of rows) {
      const x = row?.[k];
      if (x === null || x === undefined) continue;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    return lo === Infinity ? { lo: 0, hi: 0 } : { lo, hi };
  });
}

/**
 * Normalises one raw value to [0, 1], 1 being best:
 *   higher is better: n = (x − lo) / (hi − lo)
 *   lower is better:  n = (hi − x) / (hi − lo)
 * When hi = lo every row has the same value, so the criterion counts fully (n = 1).
 * A blank value (null) counts as the worst value (n = 0). Values outside a fixed scale are
 * clamped to it. When hi − lo overflows (values near ±1.8e308), halves are used instead.
 */
export function normaliseValue(x: number | null, bounds: Bounds, direction: Direction): number {
  if (x === null) return 0;
  const { lo, hi } = bounds;
  if (hi <= lo) return 1;
  const span = hi - lo;
  const n = Number.isFinite(span)
    ? direction === 'higher'
      ? (x - lo) / span
      : (hi - x) / span
    : direction === 'higher'
      ? (x / 2 - lo / 2) / (hi / 2 - lo / 2)
      : (hi / 2 - x / 2) / (hi / 2 - lo / 2);
  return n < 0 ? 0 : n > 1 ? 1 : n;
}

/**
 * Weighted scoring on a 0–100 scale:
 *   score_i = 100 × Σ_k w'_k × n_ik
 * with w'_k the normalised weights and n_ik the normalised value of criterion k in row i
 * (see normaliseValue; bounds from criterionBounds). A wholly blank row (null) scores null.
 */
export function weightedScores(
  rows: readonly (ValueRow | null)[],
  criteria: readonly Criterion[],
): (number | null)[] {
  const weights = normaliseWeights(criteria.map((c) => c.weight));
  const bounds = criterionBounds(rows, criteria);
  const k = criteria.length;
  const out: (number | null)[] = new Array<number | null>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) {
      out[i] = null;
      continue;
    }
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const c = criteria[j] as Criterion;
      sum +=
        (weights[j] as number) * normaliseValue(row[j] ?? null, bounds[j] as Bounds, c.direction);
    }
    out[i] = 100 * sum;
  }
  return out;
}

/** The per-criterion breakdown of one row's weighted score (the points add up to the score). */
export function explainWeighted(
  rows: readonly (ValueRow | null)[],
  criteria: readonly Criterion[],
  rowIndex: number,
): Contribution[] {
  const weights = normaliseWeights(criteria.map((c) => c.weight));
  const bounds = criterionBounds(rows, criteria);
  const row = rows[rowIndex] ?? null;
  return criteria.map((c, k) => {
    const raw = row ? (row[k] ?? null) : null;
    const normalised = normaliseValue(raw, bounds[k] as Bounds, c.direction);
    const weight = weights[k] as number;
    return { raw, normalised, weight, points: 100 * weight * normalised };
  });
}

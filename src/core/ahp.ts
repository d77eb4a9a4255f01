/**
 * The Analytic Hierarchy Process (Saaty): priority weights from a positive reciprocal matrix of
 * pairwise judgements a_ij ("how much more important is criterion i than j", 1/9 … 9), with
 * a_ji = 1 / a_ij and a_ii = 1.
 */

/**
 * Saaty's random consistency index RI(n) for n = 1 … 15 (Saaty, 1980): the mean consistency
 * index of random reciprocal matrices of order n.
 */
export const RANDOM_INDEX: readonly number[] = [
  0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

export const AHP_MAX_ORDER = RANDOM_INDEX.length;

/** The judgement whose change would most improve consistency, and the value to change it to. */
export interface InconsistentJudgement {
  /** 0-based row and column of the judgement a_ij (i < j). */
  readonly row: number;
  readonly col: number;
  readonly current: number;
  /** The value of a_ij (with a_ji = 1/a_ij) that minimises λmax, within Saaty's 1/9 … 9. */
  readonly consistentValue: number;
  /** consistentValue rounded to Saaty's scale (1 … 9 or 1/2 … 1/9). */
  readonly suggested: number;
  /** The consistency ratio once a_ij is set to `suggested`. */
  readonly crAfter: number;
}

export interface AhpResult {
  /** The normalised principal eigenvector: w with A·w = λmax·w and Σ w_i = 1. */
  readonly weights: number[];
  readonly lambdaMax: number;
  /** CI = (λmax − n) / (n − 1); 0 for n ≤ 2. */
  readonly consistencyIndex: number;
  /** CR = CI / RI(n); 0 for n ≤ 2. Saaty's rule of thumb: CR ≤ 0.1 is acceptable. */
  readonly consistencyRatio: number;
  /** The power-iteration steps it took to converge. */
  readonly iterations: number;
}

const TOLERANCE = 1e-9;
const MAX_ITERATIONS = 100_000;

/**
 * Principal right eigenvector by power iteration: w ← A·w / Σ(A·w), until
 * max_i |w_i(new) − w_i(old)| < 1e-9. A positive matrix has a simple dominant (Perron) eigenvalue,
 * so the iteration converges from the uniform start; λmax = Σ_i (A·w)_i when Σ w_i = 1.
 */
export function principalEigenvector(a: readonly (readonly number[])[]): {
  weights: number[];
  lambdaMax: number;
  iterations: number;
} {
  const n = a.length;
  let w = new Array<number>(n).fill(1 / n);
  for (let it = 1; it <= MAX_ITERATIONS; it++) {
    const aw = multiply(a, w);
    const total = aw.reduce((s, x) => s + x, 0);
    const next = aw.map((x) => x / total);
    let delta = 0;
    for (let i = 0; i < n; i++)
      delta = Math.max(delta, Math.abs((next[i] as number) - (w[i] as number)));
    w = next;
    if (delta < TOLERANCE) {
      const lambdaMax = multiply(a, w).reduce((s, x) => s + x, 0);
      return { weights: w, lambdaMax, iterations: it };
    }
  }
  throw new Error(`the eigenvector did not converge in ${MAX_ITERATIONS} iterations`);
}

function multiply(a: readonly (readonly number[])[], w: readonly number[]): number[] {
  return a.map((row) => row.reduce((s, x, j) => s + x * (w[j] as number), 0));
}

/** Rounds a positive ratio to the nearest value of Saaty's scale on a log scale. */
export function nearestSaaty(x: number): number {
  if (x >= 1) return Math.min(9, Math.max(1, Math.round(x)));
  return 1 / Math.min(9, Math.max(1, Math.round(1 / x)));
}

/**
 * The AHP analysis of a complete reciprocal matrix (validated by the caller: square, n ≤ 15,
 * positive, reciprocal): w the principal eigenvector, CI = (λmax − n)/(n − 1), CR = CI / RI(n).
 */
export function analyseAhp(a: readonly (readonly number[])[]): AhpResult {
  const n = a.length;
  const { weights, lambdaMax, iterations } = principalEigenvector(a);
  if (n <= 2)
    return { weights, lambdaMax: n, consistencyIndex: 0, consistencyRatio: 0, iterations };
  return {
    weights,
    lambdaMax,
    consistencyIndex: ci(lambdaMax, n),
    consistencyRatio: cr(lambdaMax, n),
    iterations,
  };
}

/** CI = (λmax − n)/(n − 1), clamped at 0 (λmax ≥ n for every positive reciprocal matrix). */
function ci(lambdaMax: number, n: number): number {
  return n <= 2 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
}

function cr(lambdaMax: number, n: number): number {
  return n <= 2 ? 0 : ci(lambdaMax, n) / (RANDOM_INDEX[n - 1] as number);
}

const LOG9 = Math.log(9);
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * The single judgement whose correction most improves consistency. For each pair i < j, λmax as a
 * function of t = ln a_ij (with a_ji = 1/a_ij) is convex (Kingman: the Perron root is log-convex
 * in the log-entries), so a golden-section search over t ∈ [ln 1/9, ln 9] finds the value x*_ij
 * that minimises it. The judgement with the largest drop λmax − λmax(x*) is the most inconsistent;
 * x* is the value that makes it consistent with the rest. Returns null for n ≤ 2.
 */
export function mostInconsistentJudgement(
  a: readonly (readonly number[])[],
): InconsistentJudgement | null {
  const n = a.length;
  if (n <= 2) return null;
  const base = principalEigenvector(a).lambdaMax;
  const m = a.map((row) => row.slice());
  const lambdaWith = (i: number, j: number, t: number): number => {
    (m[i] as number[])[j] = Math.exp(t);
    (m[j] as number[])[i] = Math.exp(-t);
    return principalEigenvector(m).lambdaMax;
  };
  let best: { i: number; j: number; t: number; drop: number } | null = null;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let lo = -LOG9;
      let hi = LOG9;
      let x1 = hi - GOLDEN * (hi - lo);
      let x2 = lo + GOLDEN * (hi - lo);
      let f1 = lambdaWith(i, j, x1);
      let f2 = lambdaWith(i, j, x2);
      while (hi - lo > 1e-6) {
        if (f1 <= f2) {
          hi = x2;
          x2 = x1;
          f2 = f1;
          x1 = hi - GOLDEN * (hi - lo);
          f1 = lambdaWith(i, j, x1);
        } else {
          lo = x1;
          x1 = x2;
          f1 = f2;
          x2 = lo + GOLDEN * (hi - lo);
          f2 = lambdaWith(i, j, x2);
        }
      }
      const t = (lo + hi) / 2;
      const drop = base - lambdaWith(i, j, t);
      if (!best || drop > best.drop) best = { i, j, t, drop };
      (m[i] as number[])[j] = (a[i] as number[])[j] as number;
      (m[j] as number[])[i] = (a[j] as number[])[i] as number;
    }
  }
  if (!best) return null;
  const { i, j } = best;
  const consistentValue = Math.exp(best.t);
  const suggested = nearestSaaty(consistentValue);
  const crAfter = cr(lambdaWith(i, j, Math.log(suggested)), n);
  return {
    row: i,
    col: j,
    current: (a[i] as number[])[j] as number,
    consistentValue,
    suggested,
    crAfter,
  };
}

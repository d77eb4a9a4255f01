/** Pairwise judgement matrices: reading, completing and checking them. */

export type MatrixProblem =
  | { kind: 'missing'; row: number; col: number }
  | { kind: 'diagonal'; row: number; col: number; value: number }
  | { kind: 'range'; row: number; col: number; value: number }
  | { kind: 'reciprocal'; row: number; col: number; value: number; mirror: number };

export type Completion = { ok: true; matrix: number[][] } | { ok: false; problem: MatrixProblem };

const FRACTION = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/;
const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A judgement typed as a number, numeric text, or a fraction such as "1/3". */
export function parseJudgement(v: number | string): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const f = FRACTION.exec(v);
  if (f) {
    const den = Number(f[2]);
    return den === 0 ? undefined : Number(f[1]) / den;
  }
  return NUMBER.test(v) ? Number(v) : undefined;
}

/** Saaty's scale runs from 1/9 to 9; allow rounding of typed decimals such as 0.111. */
const MIN = 1 / 9 - 1e-3;
const MAX = 9 + 1e-9;

/**
 * Completes a K×K judgement matrix: a blank diagonal is 1, a blank cell whose mirror is given is
 * the mirror's reciprocal (a_ji = 1 / a_ij). Checks each value is on Saaty's scale, the diagonal
 * is 1, and a pair given both ways is reciprocal within 1%: |a_ij × a_ji − 1| ≤ 0.01; the upper
 * triangle then wins, so the result is exactly reciprocal.
 */
export function completeMatrix(judgements: readonly (readonly (number | null)[])[]): Completion {
  const k = judgements.length;
  const at = (i: number, j: number): number | null =>
    (judgements[i] as (number | null)[])[j] ?? null;
  const m: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(1));
  for (let i = 0; i < k; i++) {
    const d = at(i, i);
    if (d !== null && Math.abs(d - 1) > 1e-9)
      return { ok: false, problem: { kind: 'diagonal', row: i, col: i, value: d } };
    for (let j = 0; j < k; j++) {
      const v = at(i, j);
      if (i !== j && v !== null && (v < MIN || v > MAX))
        return { ok: false, problem: { kind: 'range', row: i, col: j, value: v } };
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const upper = at(i, j);
      const lower = at(j, i);
      if (upper !== null && lower !== null && Math.abs(upper * lower - 1) > 0.01) {
        return {
          ok: false,
          problem: { kind: 'reciprocal', row: i, col: j, value: upper, mirror: lower },
        };
      }
      const a = upper ?? (lower !== null ? 1 / lower : null);
      if (a === null) return { ok: false, problem: { kind: 'missing', row: i, col: j } };
      (m[i] as number[])[j] = a;
      (m[j] as number[])[i] = 1 / a;
    }
  }
  return { ok: true, matrix: m };
}

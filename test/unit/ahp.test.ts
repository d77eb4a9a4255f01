import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseAhp,
  mostInconsistentJudgement,
  nearestSaaty,
  principalEigenvector,
  RANDOM_INDEX,
} from '../../src/core/ahp';
import { completeMatrix } from '../../src/core/pairwise';

/** The classic three-criterion example (Saaty): A over B 3, A over C 5, B over C 3. */
const classic = [
  [1, 3, 5],
  [1 / 3, 1, 3],
  [1 / 5, 1 / 3, 1],
];

function consistent(weights: readonly number[]): number[][] {
  return weights.map((wi) => weights.map((wj) => wi / wj));
}

describe('AHP', () => {
  it('matches the published weights and consistency of the classic 3×3 example', () => {
    const r = analyseAhp(classic);
    // Published: w ≈ (0.637, 0.258, 0.105), λmax ≈ 3.039, CR ≈ 0.033.
    expect(r.weights[0]).toBeCloseTo(0.637, 3);
    expect(r.weights[1]).toBeCloseTo(0.2583, 4);
    expect(r.weights[2]).toBeCloseTo(0.1047, 4);
    // Closed form for a 3×3 reciprocal matrix: λmax = 1 + c^(1/3) + c^(−1/3), c = a12·a23 / a13.
    const c = (3 * 3) / 5;
    const lambda = 1 + Math.cbrt(c) + 1 / Math.cbrt(c);
    expect(r.lambdaMax).toBeCloseTo(lambda, 9);
    expect(r.consistencyIndex).toBeCloseTo((lambda - 3) / 2, 9);
    expect(r.consistencyRatio).toBeCloseTo((lambda - 3) / 2 / 0.58, 9);
    expect(r.consistencyRatio).toBeCloseTo(0.0332, 4);
  });

  it('computes the eigenvector, not the column-average shortcut', () => {
    const r = analyseAhp(classic);
    // Independent eigenvector: the null space of (A − λI) is the cross product of two of its rows.
    const l = r.lambdaMax;
    const r1 = [1 - l, 3, 5];
    const r2 = [1 / 3, 1 - l, 3];
    const v = [
      r1[1]! * r2[2]! - r1[2]! * r2[1]!,
      r1[2]! * r2[0]! - r1[0]! * r2[2]!,
      r1[0]! * r2[1]! - r1[1]! * r2[0]!,
    ];
    const s = v[0]! + v[1]! + v[2]!;
    v.forEach((x, i) => expect(r.weights[i]).toBeCloseTo(x / s, 8));
    // The column-average shortcut gives 0.6333 for the first weight.
    const colAvg = classic.map(
      (row) => row.reduce((acc, x, j) => acc + x / classic.reduce((t, rr) => t + rr[j]!, 0), 0) / 3,
    );
    expect(Math.abs(colAvg[0]! - r.weights[0]!)).toBeGreaterThan(1e-3);
  });

  it('uses Saaty random indices for n up to 15', () => {
    expect(RANDOM_INDEX).toHaveLength(15);
    expect(RANDOM_INDEX[2]).toBe(0.58);
    expect(RANDOM_INDEX[9]).toBe(1.49);
    expect(RANDOM_INDEX[14]).toBe(1.59);
  });

  it('recovers the weights of any consistent matrix with CR 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: 1, maxLength: 15 }),
        (raw) => {
          const total = raw.reduce((a, b) => a + b, 0);
          const r = analyseAhp(consistent(raw));
          raw.forEach((w, i) => expect(Math.abs(r.weights[i]! - w / total)).toBeLessThan(1e-8));
          expect(r.consistencyRatio).toBeLessThan(1e-8);
        },
      ),
    );
  });

  it('satisfies A·w = λmax·w on random reciprocal matrices up to 15×15', () => {
    const saaty = fc.constantFrom(
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      9,
      1 / 2,
      1 / 3,
      1 / 4,
      1 / 5,
      1 / 6,
      1 / 7,
      1 / 8,
      1 / 9,
    );
    const matrix = fc.integer({ min: 3, max: 15 }).chain((n) =>
      fc
        .array(saaty, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 })
        .map((upper) => {
          const m = Array.from({ length: n }, () => new Array<number | null>(n).fill(null));
          let k = 0;
          for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) m[i]![j] = upper[k++]!;
          return m;
        }),
    );
    fc.assert(
      fc.property(matrix, (judgements) => {
        const done = completeMatrix(judgements);
        if (!done.ok) throw new Error('incomplete');
        const a = done.matrix;
        const r = analyseAhp(a);
        expect(r.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
        a.forEach((row, i) => {
          const aw = row.reduce((s, x, j) => s + x * r.weights[j]!, 0);
          expect(Math.abs(aw - r.lambdaMax * r.weights[i]!)).toBeLessThan(1e-7);
        });
        expect(r.lambdaMax).toBeGreaterThanOrEqual(a.length - 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('finds the single most inconsistent judgement and the value that fixes it', () => {
    const m = consistent([8, 4, 2, 1]);
    m[0]![3] = 1 / 8; // reversed: "A is much less important than D"
    m[3]![0] = 8;
    expect(analyseAhp(m).consistencyRatio).toBeGreaterThan(0.1);
    const worst = mostInconsistentJudgement(m)!;
    expect(worst).toMatchObject({ row: 0, col: 3, current: 1 / 8, suggested: 8 });
    expect(worst.consistentValue).toBeCloseTo(8, 4);
    expect(worst.crAfter).toBeLessThan(1e-9);
  });

  it('picks the judgement whose correction lowers CR the most', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(1, 2, 3, 5, 7, 9, 1 / 3, 1 / 5), { minLength: 6, maxLength: 6 }),
        (upper) => {
          const m = consistent([1, 1, 1, 1]);
          let k = 0;
          for (let i = 0; i < 4; i++)
            for (let j = i + 1; j < 4; j++) ((m[i]![j] = upper[k]!), (m[j]![i] = 1 / upper[k++]!));
          const worst = mostInconsistentJudgement(m)!;
          const before = analyseAhp(m).lambdaMax;
          const at = (i: number, j: number, x: number): number => {
            const c = m.map((r) => r.slice());
            c[i]![j] = x;
            c[j]![i] = 1 / x;
            return analyseAhp(c).lambdaMax;
          };
          const bestDrop = before - at(worst.row, worst.col, worst.consistentValue);
          // No other single judgement, set to any Saaty value, lowers λmax by more.
          for (let i = 0; i < 4; i++)
            for (let j = i + 1; j < 4; j++)
              for (const x of [
                1,
                2,
                3,
                4,
                5,
                6,
                7,
                8,
                9,
                1 / 2,
                1 / 3,
                1 / 4,
                1 / 5,
                1 / 6,
                1 / 7,
                1 / 8,
                1 / 9,
              ])
                expect(before - at(i, j, x)).toBeLessThanOrEqual(bestDrop + 1e-6);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rounds to the Saaty scale', () => {
    expect(nearestSaaty(2.6)).toBe(3);
    expect(nearestSaaty(14)).toBe(9);
    expect(nearestSaaty(0.3)).toBeCloseTo(1 / 3, 12);
    expect(nearestSaaty(0.01)).toBeCloseTo(1 / 9, 12);
  });

  it('converges quickly and reports the iterations', () => {
    expect(principalEigenvector(classic).iterations).toBeLessThan(100);
  });
});

describe('pairwise matrices', () => {
  it('completes the lower triangle and the diagonal', () => {
    const done = completeMatrix([
      [null, 3, 5],
      [null, null, 3],
      [null, null, null],
    ]);
    expect(done).toEqual({ ok: true, matrix: classic });
  });
  it('accepts a lower triangle alone', () => {
    const done = completeMatrix([
      [null, null],
      [0.25, null],
    ]);
    expect(done).toEqual({
      ok: true,
      matrix: [
        [1, 4],
        [0.25, 1],
      ],
    });
  });
  it('reports missing, non-reciprocal, off-scale and bad diagonal judgements', () => {
    expect(
      completeMatrix([
        [1, null],
        [null, 1],
      ]),
    ).toEqual({ ok: false, problem: { kind: 'missing', row: 0, col: 1 } });
    expect(
      completeMatrix([
        [1, 3],
        [0.5, 1],
      ]),
    ).toMatchObject({ ok: false, problem: { kind: 'reciprocal', value: 3, mirror: 0.5 } });
    expect(
      completeMatrix([
        [1, 3],
        [0.334, 1],
      ]),
    ).toMatchObject({ ok: true });
    expect(
      completeMatrix([
        [1, 12],
        [null, 1],
      ]),
    ).toMatchObject({ ok: false, problem: { kind: 'range', value: 12 } });
    expect(
      completeMatrix([
        [2, 3],
        [null, 1],
      ]),
    ).toMatchObject({ ok: false, problem: { kind: 'diagonal', value: 2 } });
  });
});

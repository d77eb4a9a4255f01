import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  criterionBounds,
  explainWeighted,
  normaliseValue,
  normaliseWeights,
  weightedScores,
  type Criterion,
} from '../../src/core/weighted';

const hi = (weight: number): Criterion => ({ weight, direction: 'higher' });
const lo = (weight: number): Criterion => ({ weight, direction: 'lower' });

describe('weighted scoring', () => {
  it('normalises weights to sum to 1 and rejects bad ones', () => {
    expect(normaliseWeights([1, 3])).toEqual([0.25, 0.75]);
    expect(() => normaliseWeights([0, 0])).toThrow(/all weights are zero/);
    expect(() => normaliseWeights([1, -1])).toThrow(/non-negative/);
  });

  it('scores by min-max over the rows (hand-computed)', () => {
    // criterion 1 (w 2, higher): 10, 20, 30 → 0, 0.5, 1
    // criterion 2 (w 1, lower):  5, 1, 3   → 0, 1, 0.5
    const s = weightedScores(
      [
        [10, 5],
        [20, 1],
        [30, 3],
      ],
      [hi(2), lo(1)],
    );
    expect(s[0]).toBeCloseTo(0, 12);
    expect(s[1]).toBeCloseTo(100 * (2 / 3) * 0.5 + 100 * (1 / 3) * 1, 12); // 66.67
    expect(s[2]).toBeCloseTo(100 * (2 / 3) * 1 + 100 * (1 / 3) * 0.5, 12); // 83.33
  });

  it('counts a criterion where all rows are equal fully, and a blank as the worst value', () => {
    const s = weightedScores(
      [
        [7, 1],
        [7, null],
        [7, 3],
      ],
      [hi(1), hi(1)],
    );
    expect(s).toEqual([50, 50, 100]);
  });

  it('leaves wholly blank rows unscored', () => {
    expect(weightedScores([[1], null, [3]], [hi(1)])).toEqual([0, null, 100]);
  });

  it('uses fixed scale bounds so a row never depends on the others', () => {
    const c: Criterion[] = [{ weight: 1, direction: 'higher', scaleMin: 1, scaleMax: 5 }];
    expect(weightedScores([[3]], c)).toEqual([50]);
    expect(weightedScores([[3], [5], [1]], c)[0]).toBe(50);
    expect(criterionBounds([[3]], c)).toEqual([{ lo: 1, hi: 5 }]);
  });

  it('clamps and handles lower-is-better on a fixed scale', () => {
    expect(normaliseValue(2, { lo: 1, hi: 5 }, 'lower')).toBe(0.75);
    expect(normaliseValue(9, { lo: 1, hi: 5 }, 'higher')).toBe(1);
  });

  it('explains a score as points that add up to it', () => {
    const rows = [
      [10, 5],
      [20, 1],
      [30, 3],
    ];
    const criteria = [hi(2), lo(1)];
    const parts = explainWeighted(rows, criteria, 1);
    expect(parts.map((p) => p.normalised)).toEqual([0.5, 1]);
    const total = parts.reduce((s, p) => s + p.points, 0);
    expect(total).toBeCloseTo(weightedScores(rows, criteria)[1] as number, 12);
  });

  const matrix = fc.integer({ min: 1, max: 6 }).chain((k) =>
    fc.record({
      rows: fc.array(
        fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), {
          minLength: k,
          maxLength: k,
        }),
        {
          minLength: 1,
          maxLength: 20,
        },
      ),
      weights: fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), {
        minLength: k,
        maxLength: k,
      }),
      dirs: fc.array(fc.boolean(), { minLength: k, maxLength: k }),
    }),
  );

  it('property: scaling all weights leaves scores unchanged', () => {
    fc.assert(
      fc.property(
        matrix,
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        ({ rows, weights, dirs }, factor) => {
          const a = weightedScores(
            rows,
            weights.map((w, k) => ({ weight: w, direction: dirs[k] ? 'higher' : 'lower' })),
          );
          const b = weightedScores(
            rows,
            weights.map((w, k) => ({
              weight: w * factor,
              direction: dirs[k] ? 'higher' : 'lower',
            })),
          );
          a.forEach((x, i) => {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(100 + 1e-9);
            expect(Math.abs((x as number) - (b[i] as number))).toBeLessThan(1e-9);
          });
        },
      ),
    );
  });

  it('property: raising a higher-is-better value never lowers its row score', () => {
    fc.assert(
      fc.property(
        matrix,
        fc.nat(),
        fc.nat(),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        ({ rows, weights }, ri, ci, bump) => {
          const criteria = weights.map((w) => hi(w));
          const i = ri % rows.length;
          const k = ci % weights.length;
          const before = weightedScores(rows, criteria)[i] as number;
          const raised = rows.map((r) => r.slice());
          const row = raised[i] as (number | null)[];
          row[k] = (row[k] ?? -1e6) + bump;
          const after = weightedScores(raised, criteria)[i] as number;
          expect(after).toBeGreaterThanOrEqual(before - 1e-9);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActiveRows } from '../../src/core/allocation/active-rows';

interface Matrix {
  n: number;
  m: number;
  /** dense[i][j], 0 = no entry. */
  dense: number[][];
}

const arbMatrix = fc
  .record({ n: fc.integer({ min: 1, max: 12 }), m: fc.integer({ min: 1, max: 8 }) })
  .chain(({ n, m }) =>
    fc
      .array(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: -5, max: 5 })), {
          minLength: n,
          maxLength: n,
        }),
        { minLength: m, maxLength: m },
      )
      .map((dense): Matrix => ({ n, m, dense })),
  );

function csc({ n, m, dense }: Matrix): {
  colStart: Int32Array;
  rowIdx: Int32Array;
  vals: Float64Array;
} {
  const colStart = [0];
  const rowIdx: number[] = [];
  const vals: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      const v = (dense[i] as number[])[j] as number;
      if (v !== 0) {
        rowIdx.push(i);
        vals.push(v);
      }
    }
    colStart.push(rowIdx.length);
  }
  return {
    colStart: Int32Array.from(colStart),
    rowIdx: Int32Array.from(rowIdx),
    vals: Float64Array.from(vals),
  };
}

/** Row i of the copy as [column, value] pairs, in the copy's order. */
function rowOf(a: ActiveRows, i: number): [number, number][] {
  const out: [number, number][] = [];
  for (let k = a.start[i] as number; k < (a.start[i + 1] as number); k++)
    out.push([a.idx[k] as number, a.val[k] as number]);
  return out;
}

describe('ActiveRows', () => {
  it('holds, row by row in column order, every entry of every free column', () => {
    fc.assert(
      fc.property(
        arbMatrix,
        fc.array(fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (mat, fixings) => {
          const { colStart, rowIdx, vals } = csc(mat);
          const a = new ActiveRows(mat.n, mat.m, colStart, rowIdx, vals);
          for (const fixed of fixings) {
            const lo = new Float64Array(mat.n);
            const hi = Float64Array.from({ length: mat.n }, (_, j) => (fixed[j] ? 0 : 1));
            a.sync(lo, hi);
            for (let i = 0; i < mat.m; i++) {
              const row = rowOf(a, i);
              // Column order, and only real entries of the matrix.
              for (let t = 1; t < row.length; t++)
                expect((row[t] as [number, number])[0]).toBeGreaterThan(
                  (row[t - 1] as [number, number])[0],
                );
              for (const [j, v] of row) expect(v).toBe((mat.dense[i] as number[])[j]);
              // Every free column's entry is there.
              const held = new Set(row.map(([j]) => j));
              for (let j = 0; j < mat.n; j++)
                if (!fixed[j] && (mat.dense[i] as number[])[j] !== 0)
                  expect(held.has(j)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('drops fixed columns, and rebuilds only when a free column is missing or a quarter is stale', () => {
    // One row, eight columns, all entries 1.
    const n = 8;
    const colStart = Int32Array.from({ length: n + 1 }, (_, j) => j);
    const a = new ActiveRows(n, 1, colStart, new Int32Array(n), new Float64Array(n).fill(1));
    const lo = new Float64Array(n);
    const hi = new Float64Array(n).fill(1);
    hi[0] = 0;
    hi[1] = 0;
    a.sync(lo, hi);
    expect(a.rebuilds).toBe(1);
    expect(rowOf(a, 0).map(([j]) => j)).toEqual([2, 3, 4, 5, 6, 7]);
    // Fixing one more of six held: stale but under a quarter, no rebuild.
    hi[2] = 0;
    a.sync(lo, hi);
    expect(a.rebuilds).toBe(1);
    // A second: 2 of 6 held are fixed, over a quarter: rebuilt without them.
    hi[3] = 0;
    a.sync(lo, hi);
    expect(a.rebuilds).toBe(2);
    expect(rowOf(a, 0).map(([j]) => j)).toEqual([4, 5, 6, 7]);
    // Freeing a column it does not hold forces a rebuild.
    hi[0] = 1;
    a.sync(lo, hi);
    expect(a.rebuilds).toBe(3);
    expect(rowOf(a, 0).map(([j]) => j)).toEqual([0, 4, 5, 6, 7]);
  });
});

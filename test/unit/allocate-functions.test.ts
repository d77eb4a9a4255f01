import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOCATE, FRONTIER } from '../../src/functions/allocate';
import { problem } from '../../src/core/allocation';
import { bruteForce } from './allocation-fixtures';

const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);
const flat = (g: unknown[][]): unknown[] => g.map((r) => r[0]);

describe('ALLOCATE', () => {
  it('chooses the best projects within the budget; blank rows stay blank', () => {
    // Budget 10: {A, C} = 17 for 9 beats {B, C} = 16 for 10.
    expect(ALLOCATE(col(10, 9, 7, ''), col(5, 6, 4, ''), 10)).toEqual(col(1, 0, 1, ''));
  });

  it('respects capacities per demand column and force in/out', () => {
    const values = col(10, 9, 7, 1);
    const costs = col(1, 1, 1, 1);
    // Column 1 capacity 10: A (8) and B (5) cannot both be in.
    const demand = [
      [8, 0],
      [5, 1],
      ['', 2],
      [0, 0],
    ];
    expect(flat(ALLOCATE(values, costs, 100, demand, [[10, 5]]))).toEqual([1, 0, 1, 1]);
    expect(flat(ALLOCATE(values, costs, 100, demand, [[10, 5]], col('', 'IN', '', 'out')))).toEqual(
      [0, 1, 1, 0],
    );
  });

  it('shapes the result like values: a row in, a row out', () => {
    expect(ALLOCATE([[3, 4]], [[2, 2]], 2)).toEqual([[0, 1]]);
  });

  it('counts a blank value as 0 and accepts text numbers', () => {
    expect(flat(ALLOCATE(col('', '5'), col(1, '1'), 1))).toEqual([0, 1]);
  });

  it('names the argument, the cell and the fix on bad input', () => {
    expect(() => ALLOCATE(col(1, 2), col(1), 5)).toThrow(
      'ALLOCATE: costs has 1 cells but values has 2. Use ranges of the same size.',
    );
    expect(() => ALLOCATE(col(1, 1), col(2, -1), 5)).toThrow(
      'ALLOCATE: costs row 2 is -1; it must be at least 0. Costs must be numbers of 0 or more.',
    );
    expect(() => ALLOCATE(col(1, 2), col(1, ''), 5)).toThrow(
      'ALLOCATE: costs row 2 is blank. Give every project a cost (0 if it is free).',
    );
    expect(() => ALLOCATE(col(1), col(1), [[1, 2]])).toThrow(
      'ALLOCATE: budget must be a single number',
    );
    expect(() => ALLOCATE(col(1), col(1), 'lots')).toThrow(
      'ALLOCATE: budget is "lots", not a number.',
    );
    expect(() => ALLOCATE(col(1), col(1), '')).toThrow(
      'ALLOCATE: budget is a blank cell. Type the budget (a number of 0 or more) in it.',
    );
    expect(() => ALLOCATE(col(1), col(1), [['']])).toThrow('ALLOCATE: budget is a blank cell.');
    expect(() => ALLOCATE(col(1), col(1), undefined)).toThrow('ALLOCATE: budget is missing.');
    expect(() => ALLOCATE(col(1), col(1), 5, [[1]])).toThrow('ALLOCATE: capacity is missing.');
    expect(() => ALLOCATE(col(1), col(1), 5, [[1, 2]], [[3]])).toThrow(
      'ALLOCATE: capacity has 1 cells but demand has 2 columns.',
    );
    expect(() => ALLOCATE(col(1), col(1), 5, [[1, 2]], [[3, '']])).toThrow(
      'ALLOCATE: capacity column 2 is blank. Give every demand column a capacity.',
    );
    expect(() => ALLOCATE(col(1), col(1), 5, [['x']], [[3]])).toThrow(
      'ALLOCATE: demand row 1, column 1 is "x", not a number.',
    );
    expect(() => ALLOCATE(col(1, 2), col(1, 1), 5, undefined, undefined, col('yes', ''))).toThrow(
      'ALLOCATE: force row 1 is "yes". Use "in" to force a project in, "out" to keep it out, or leave it blank.',
    );
  });

  it('explains why no selection exists', () => {
    expect(() =>
      ALLOCATE(col(1, 1, 1), col(1, 1, 1), 10, [[80], [80], [10]], [[120]], col('in', 'in', '')),
    ).toThrow(
      'ALLOCATE: no selection satisfies every constraint: forced-in row 1 and row 2 need 160 of demand column 1 but capacity is 120.',
    );
  });

  it('property: returns an optimal feasible selection (against enumeration)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: -5, max: 50 }),
            fc.integer({ min: 0, max: 30 }),
            fc.integer({ min: 0, max: 20 }),
          ),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 0, max: 60 }),
        (rows, budget, cap) => {
          const out = flat(
            ALLOCATE(
              col(...rows.map((r) => r[0])),
              col(...rows.map((r) => r[1])),
              budget,
              rows.map((r) => [r[2]]),
              [[cap]],
            ),
          ) as number[];
          let cost = 0;
          let hours = 0;
          let value = 0;
          out.forEach((x, i) => {
            expect([0, 1]).toContain(x);
            if (x === 1) {
              value += rows[i]![0];
              cost += rows[i]![1];
              hours += rows[i]![2];
            }
          });
          expect(cost).toBeLessThanOrEqual(budget);
          expect(hours).toBeLessThanOrEqual(cap);
          const best = bruteForce(
            problem({
              projects: rows.map((r, j) => ({
                id: `row ${j + 1}`,
                value: r[0],
                cost: r[1],
                force: null,
              })),
              budget,
              resources: [
                {
                  name: 'c',
                  subject: 'c',
                  unit: '',
                  kind: 'capacity',
                  limit: cap,
                  use: rows.map((r, j) => [j, r[2]] as [number, number]),
                },
              ],
            }),
          ).best;
          expect(value).toBe(best);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('FRONTIER', () => {
  it('gives budget, best value, cost used and count per budget, in the order given', () => {
    // Projects (value, cost): A (10, 5), B (9, 6), C (7, 4).
    const out = FRONTIER(col(10, 9, 7), col(5, 6, 4), col(10, 0, '', 4, 15));
    expect(out).toEqual([
      [10, 17, 9, 2],
      [0, 0, 0, 0],
      ['', '', '', ''],
      [4, 7, 4, 1],
      [15, 26, 15, 3],
    ]);
  });

  it('never loses value as the budget grows, and respects capacity', () => {
    const budgets = col(...Array.from({ length: 11 }, (_, i) => i * 3));
    const out = FRONTIER(
      col(4, 5, 6, 3, 8),
      col(3, 4, 5, 2, 6),
      budgets,
      [[1], [2], [3], [1], [4]],
      [[6]],
    );
    for (let i = 1; i < out.length; i++)
      expect(out[i]![1]).toBeGreaterThanOrEqual(out[i - 1]![1] as number);
    // 6 h allow {A, B, C} or {A, D, E}: both worth 15 (costs 12 and 11), three projects.
    expect(out[10]![1]).toBe(15);
    expect(out[10]![3]).toBe(3);
    const best = bruteForce(
      problem({
        projects: [4, 5, 6, 3, 8].map((v, j) => ({
          id: `${j}`,
          value: v,
          cost: [3, 4, 5, 2, 6][j]!,
          force: null,
        })),
        budget: 30,
        resources: [
          {
            name: 'c',
            subject: 'c',
            unit: '',
            kind: 'capacity',
            limit: 6,
            use: [
              [0, 1],
              [1, 2],
              [2, 3],
              [3, 1],
              [4, 4],
            ],
          },
        ],
      }),
    ).best;
    expect(out[10]![1]).toBe(best);
  });

  it('names a bad budget cell', () => {
    expect(() => FRONTIER(col(1), col(1), col(5, -2))).toThrow(
      'FRONTIER: budgets row 2 is -2; it must be at least 0. The budget must be a number of 0 or more.',
    );
  });
});

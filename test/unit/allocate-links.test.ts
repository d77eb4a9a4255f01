/**
 * ALLOCATE's and FRONTIER's ids, dependsOn and excludes arguments: dependencies and exclusions
 * from the formula, like the Projects sheet's Depends on and Excludes columns.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOCATE, FRONTIER } from '../../src/functions/allocate';

const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);
const flat = (g: unknown[][]): unknown[] => g.map((r) => r[0]);
const U = undefined;

/** ALLOCATE with values, costs, budget, force and the three link arguments. */
function allocate(
  values: unknown[],
  costs: unknown[],
  budget: number,
  links: { force?: unknown[]; ids?: unknown; dependsOn?: unknown; excludes?: unknown },
): unknown[] {
  return flat(
    ALLOCATE(
      col(...values),
      col(...costs),
      budget,
      U,
      U,
      links.force ? col(...links.force) : U,
      links.ids,
      links.dependsOn,
      links.excludes,
    ),
  );
}

describe('ALLOCATE with dependencies and exclusions', () => {
  it('leaves out a high-value project whose prerequisite is unaffordable with it', () => {
    // A (10, cost 5) needs B (1, cost 8): A + B cost 13 > 10, so C (4, cost 4) and D (3, cost 5).
    const values = [10, 1, 4, 3];
    const costs = [5, 8, 4, 5];
    expect(allocate(values, costs, 10, {})).toEqual([1, 0, 1, 0]);
    const ids = col('A', 'B', 'C', 'D');
    expect(allocate(values, costs, 10, { ids, dependsOn: col('B', '', '', '') })).toEqual([
      0, 0, 1, 1,
    ]);
    // Sheets passes a skipped argument (=ALLOCATE(D2:D, E2:E, B1, , , , A2:A, S2:S)) as "".
    expect(
      flat(ALLOCATE(col(...values), col(...costs), 10, '', '', '', ids, col('B', '', '', ''))),
    ).toEqual([0, 0, 1, 1]);
    // With 13 the prerequisite fits: A and B together (11) beat C and D (7).
    expect(allocate(values, costs, 13, { ids, dependsOn: col('B', '', '', '') })).toEqual([
      1, 1, 0, 0,
    ]);
  });

  it('chooses at most one of two projects that exclude each other, whichever side names it', () => {
    const values = [10, 9, 2];
    const costs = [1, 1, 1];
    const ids = col('A', 'B', 'C');
    expect(allocate(values, costs, 10, {})).toEqual([1, 1, 1]);
    expect(allocate(values, costs, 10, { ids, excludes: col('B', '', '') })).toEqual([1, 0, 1]);
    expect(allocate(values, costs, 10, { ids, excludes: col('', 'A', '') })).toEqual([1, 0, 1]);
    // Forced in, B wins over A.
    expect(
      allocate(values, costs, 10, { ids, excludes: col('B', 'A', ''), force: ['', 'in', ''] }),
    ).toEqual([0, 1, 1]);
  });

  it('follows a chain of prerequisites, several IDs per cell, IDs matched ignoring case and spaces', () => {
    // A needs B and C; C needs D. Budget 10 buys A's chain (1+2+3+4 = 10) worth 20+1+1+1.
    const values = [20, 1, 1, 1, 12];
    const costs = [1, 2, 3, 4, 6];
    const ids = col('P-01', ' p-02 ', 'P-03', 'P-04', 'P-05');
    const dependsOn = col('p-02; P-03', '', ' p-04', '', '');
    expect(allocate(values, costs, 10, { ids, dependsOn })).toEqual([1, 1, 1, 1, 0]);
    // Budget 9 cannot buy the chain: E (12) and B (1) fit.
    expect(allocate(values, costs, 9, { ids, dependsOn })).toEqual([0, 1, 0, 0, 1]);
    expect(
      allocate(values, costs, 9, { ids, dependsOn: col('P-02,P-03', '', 'P-04\nP-02', '', '') }),
    ).toEqual([0, 1, 0, 0, 1]);
  });

  it('reads numbers as IDs, rows as well as columns, and keeps blank rows blank', () => {
    const out = ALLOCATE(
      [[10, 1, 4, '']],
      [[5, 8, 4, '']],
      10,
      U,
      U,
      U,
      [[101, 102, 103, '']],
      [['102', '', '', '']],
      [['', '', '', '']],
    );
    expect(out).toEqual([[0, 0, 1, '']]);
    expect(
      flat(
        ALLOCATE(
          col(10, 1, '', ''),
          col(5, 8, '', ''),
          20,
          U,
          U,
          U,
          col('A', 'B', '', ''),
          col('B', '', '', ''),
          col('', '', '', ''),
        ),
      ),
    ).toEqual([1, 1, '', '']);
  });

  it('names projects by their IDs when no selection satisfies the constraints', () => {
    const ids = col('P01', 'P02', 'P03');
    expect(() =>
      allocate([1, 1, 1], [1, 1, 1], 10, {
        ids,
        dependsOn: col('P03', '', ''),
        force: ['in', '', 'out'],
      }),
    ).toThrow(
      'ALLOCATE: no selection satisfies every constraint: forced-in P01 needs P03, which is forced out.',
    );
    expect(() =>
      allocate([1, 1, 1], [1, 1, 1], 10, {
        ids,
        dependsOn: col('P02', '', ''),
        excludes: col('', '', 'P02'),
        force: ['in', '', 'in'],
      }),
    ).toThrow(
      'ALLOCATE: no selection satisfies every constraint: P02 (needed by forced-in P01) and forced-in P03 exclude each other.',
    );
  });

  it('names the argument, the row, the value and the fix on bad links', () => {
    const v = [1, 2, 3];
    const ids = col('A', 'B', 'C');
    const cases: [Parameters<typeof allocate>[3], string][] = [
      [
        { dependsOn: col('B', '', '') },
        "ALLOCATE: dependsOn is given but ids is missing. Pass the projects' IDs as ids (e.g. A2:A): dependsOn names projects by those IDs.",
      ],
      [{ excludes: col('B', '', '') }, 'ALLOCATE: excludes is given but ids is missing.'],
      [
        { ids: col('A', 'B') },
        'ALLOCATE: ids has 2 cells but values has 3. Use ranges of the same size.',
      ],
      [
        { ids, dependsOn: col('', '', '', '') },
        'ALLOCATE: dependsOn has 4 cells but values has 3. Use ranges of the same size.',
      ],
      [
        {
          ids,
          excludes: [
            ['A', 'B'],
            ['C', ''],
          ],
        },
        'ALLOCATE: excludes must be a single row or a single column, not 2 rows × 2 columns.',
      ],
      [
        { ids: col('A', '', 'C') },
        'ALLOCATE: ids row 2 is blank, but that row is a project (it has a value, a cost or another input). Give every project an ID, e.g. P02.',
      ],
      [
        { ids: col('A', 'b', ' B ') },
        'ALLOCATE: ids row 3 is " B ", the same ID as ids row 2 (IDs are compared ignoring case and spaces). Give each project its own ID.',
      ],
      [
        { ids: col('A', true, 'C') },
        "ALLOCATE: ids row 2 is TRUE, not an ID. Type the project's ID as text, e.g. P07",
      ],
      [
        { ids, dependsOn: col('', '', 'A, X') },
        'ALLOCATE: dependsOn row 3 names "X", which is not in ids. Use the IDs of the ids range (case and spaces are ignored), separated by commas, or remove "X".',
      ],
      [
        { ids, excludes: col('', 'Z', '') },
        'ALLOCATE: excludes row 2 names "Z", which is not in ids.',
      ],
      [
        { ids, dependsOn: col('', '', 'c') },
        'ALLOCATE: dependsOn row 3 names "c", this project\'s own ID: a project cannot depend on itself. Remove "c" from dependsOn row 3.',
      ],
      [
        { ids, excludes: col('A', '', '') },
        'ALLOCATE: excludes row 1 names "A", this project\'s own ID: a project cannot exclude itself. Remove "A" from excludes row 1.',
      ],
      [
        { ids, dependsOn: col('', new Date(2027, 0, 15), '') },
        'ALLOCATE: dependsOn row 2 is the date 2027-01-15, not a list of IDs. Type the IDs of the projects this one needs, separated by commas (e.g. "P03, P07"), or leave it blank.',
      ],
      [
        { ids: col('Project A', 'B', 'C'), dependsOn: col('', 'Project', '') },
        'ALLOCATE: dependsOn row 2 names "Project", which is not in ids: IDs there are separated by commas, semicolons or spaces, so ids row 1 ("Project A") cannot be named. Give that project an ID without them, e.g. "Project-A".',
      ],
    ];
    for (const [links, message] of cases)
      expect(() => allocate(v, [1, 1, 1], 5, links), message).toThrow(message);
  });

  it('property: the selection is the best one that keeps every dependency and exclusion', () => {
    const n = 7;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -3, max: 20 }), fc.integer({ min: 0, max: 10 })), {
          minLength: n,
          maxLength: n,
        }),
        fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 4 }),
        fc.integer({ min: 0, max: 40 }),
        (rows, deps, excl, budget) => {
          const d = deps.filter(([a, b]) => a !== b);
          const e = excl.filter(([a, b]) => a !== b);
          const name = (j: number): string => `P${j}`;
          const cellOf = (pairs: [number, number][], j: number): string =>
            pairs
              .filter(([a]) => a === j)
              .map(([, b]) => name(b))
              .join(', ');
          const out = allocate(
            rows.map((r) => r[0]),
            rows.map((r) => r[1]),
            budget,
            {
              ids: col(...rows.map((_, j) => name(j))),
              dependsOn: col(...rows.map((_, j) => cellOf(d, j))),
              excludes: col(...rows.map((_, j) => cellOf(e, j))),
            },
          ) as number[];
          const ok = (x: (j: number) => boolean): boolean =>
            rows.reduce((s, r, j) => s + (x(j) ? r[1] : 0), 0) <= budget &&
            d.every(([a, b]) => !x(a) || x(b)) &&
            e.every(([a, b]) => !(x(a) && x(b)));
          const worth = (x: (j: number) => boolean): number =>
            rows.reduce((s, r, j) => s + (x(j) ? r[0] : 0), 0);
          expect(ok((j) => out[j] === 1)).toBe(true);
          let best = 0;
          for (let m = 0; m < 2 ** n; m++) {
            const x = (j: number): boolean => ((m >> j) & 1) === 1;
            if (ok(x)) best = Math.max(best, worth(x));
          }
          expect(worth((j) => out[j] === 1)).toBe(best);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('FRONTIER with dependencies and exclusions', () => {
  it('never loses value as the budget grows, and keeps dependencies and exclusions', () => {
    // A (10, 5) needs B (1, 8); C (6, 3) and D (5, 3) exclude each other; E (2, 2).
    const values = col(10, 1, 6, 5, 2);
    const costs = col(5, 8, 3, 3, 2);
    const ids = col('A', 'B', 'C', 'D', 'E');
    const budgets = col(...Array.from({ length: 12 }, (_, i) => i * 2));
    const out = FRONTIER(
      values,
      costs,
      budgets,
      U,
      U,
      ids,
      col('B', '', '', '', ''),
      col('', '', 'D', '', ''),
    );
    for (let i = 1; i < out.length; i++)
      expect(out[i]![1]).toBeGreaterThanOrEqual(out[i - 1]![1] as number);
    // Budget 12: without links A, C, D (21, cost 11); with them C and E (8, cost 5) — A needs B
    // (13 together) and only one of C, D.
    expect(FRONTIER(values, costs, col(12), U, U)[0]).toEqual([12, 21, 11, 3]);
    expect(out[6]).toEqual([12, 8, 5, 2]);
    // Budget 22: A, B, C, E (19, cost 18).
    expect(out[11]).toEqual([22, 19, 18, 4]);
  });

  it('names bad links as FRONTIER', () => {
    expect(() => FRONTIER(col(1, 2), col(1, 1), col(5), U, U, col('A', 'B'), col('', 'C'))).toThrow(
      'FRONTIER: dependsOn row 2 names "C", which is not in ids.',
    );
    expect(() => FRONTIER(col(1, 2), col(1, 1), col(5), U, U, U, U, col('', 'A'))).toThrow(
      'FRONTIER: excludes is given but ids is missing.',
    );
  });
});

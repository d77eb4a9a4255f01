/**
 * Every custom function of the built Code.js, driven with adversarial input (fast-check): the
 * footer's list of custom functions is the list tested, so a new formula is covered the day it
 * is added. Whatever a user can put in the ranges, a formula either
 *  - returns values Sheets can show: no NaN, no ±Infinity, no text over 50,000 characters; or
 *  - throws an Error whose message starts with the function's name ("RICE: …") and is short
 *    (a long argument is quoted as an excerpt, never in full).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, loadBundle, type LoadedBundle } from '../../emulator/bundle';
import { readEntryPoints, type EntryPoint } from '../../scripts/entry-points';

/** The longest error message a user should see on a cell. */
const MAX_MESSAGE = 600;
const CELL_CHARS = 50_000;
const LONG = 'x'.repeat(60_000);

let bundle: LoadedBundle;
let formulas: EntryPoint[];

beforeAll(() => {
  bundle = loadBundle();
  formulas = readEntryPoints(join(ROOT, 'src/entry.ts')).filter((e) => e.customFunction);
});

/** What a Sheets cell can hand a custom function, with the extremes that break arithmetic. */
const cell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, 5e-324, 1e-300) },
  { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -10, max: 20 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '1e400',
      '-1e400',
      '1e308',
      '-1e308',
      '1e308%',
      '1e-400',
      'NaN',
      'Infinity',
      '-Infinity',
      '1/3',
      '80%',
      'in',
      'out',
      'average',
      'higher',
      'lower',
      LONG,
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(new Date(2027, 0, 15), new Date(Number.NaN)) },
);

/** One argument: a single value, a column of `rows`, a row of `cols`, or a rows × cols range. */
function argument(rows: number, cols: number): fc.Arbitrary<unknown> {
  const grid = (r: number, c: number): fc.Arbitrary<unknown[][]> =>
    fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });
  return fc.oneof(
    cell,
    grid(rows, 1),
    grid(1, cols),
    grid(rows, cols),
    grid(cols, cols),
    fc.constant(undefined),
  );
}

/** Why a value cannot be shown by Sheets, or null when it can. */
function unshowable(v: unknown): string | null {
  if (typeof v === 'number' && !Number.isFinite(v)) return `the number ${String(v)}`;
  if (typeof v === 'string' && v.length > CELL_CHARS) return `text of ${v.length} characters`;
  if (Array.isArray(v)) {
    for (const x of v as unknown[]) {
      const bad = unshowable(x);
      if (bad) return bad;
    }
  }
  return null;
}

function check(f: EntryPoint, args: unknown[]): void {
  let out: unknown;
  try {
    out = bundle.call(f.name, ...args);
  } catch (e) {
    const message =
      typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e);
    expect(message.startsWith(`${f.name}: `), `${f.name} threw "${message.slice(0, 200)}"`).toBe(
      true,
    );
    expect(message.length, `${f.name}: ${message.slice(0, 200)}…`).toBeLessThanOrEqual(MAX_MESSAGE);
    return;
  }
  expect(unshowable(out), `${f.name} returned an unshowable value`).toBeNull();
}

describe('every custom function, adversarial input through the built bundle', () => {
  it('lists the custom functions from the footer', () => {
    expect(formulas.length).toBeGreaterThanOrEqual(9);
  });

  it('returns only values Sheets can show, or an error that starts with its name and is short', () => {
    for (const f of formulas) {
      const arity = f.params.length;
      fc.assert(
        fc.property(
          fc
            .record({ rows: fc.integer({ min: 1, max: 4 }), cols: fc.integer({ min: 1, max: 3 }) })
            .chain(({ rows, cols }) =>
              fc.array(argument(rows, cols), { minLength: arity, maxLength: arity }),
            ),
          (args) => check(f, args),
        ),
        { numRuns: 300, seed: 12 },
      );
    }
  });

  it('rejects text that overflows to Infinity, naming the function, argument, row and column', () => {
    const c = (xs: unknown[]): unknown[][] => xs.map((x) => [x]);
    const cases: [string, unknown[], RegExp][] = [
      ['RICE', [c([10, '1e400']), 1, 1, 1], /^RICE: reach row 2 is "1e400"/],
      ['PPM_RANK', [c([3, '1e400'])], /^PPM_RANK: scores row 2 is "1e400"/],
      ['ALLOCATE', [c([1, 2]), c([1, 1]), '1e400'], /^ALLOCATE: budget is "1e400"/],
      [
        'ALLOCATE',
        [
          c([1, 2]),
          c([1, 1]),
          5,
          [
            [1, 2],
            [1, '-1e400'],
          ],
          [[3, 4]],
        ],
        /^ALLOCATE: demand row 2, column 2 is "-1e400"/,
      ],
    ];
    for (const [name, args, message] of cases)
      expect(() => bundle.call(name, ...args), name).toThrow(message);
  });

  it('turns overflow in the arithmetic into an error naming the row', () => {
    const c = (xs: unknown[]): unknown[][] => xs.map((x) => [x]);
    expect(() => bundle.call('RICE', c([1, 1e308]), c([1, 1e308]), 1, 1)).toThrow(
      /^RICE: row 2 .*too large/,
    );
    expect(() =>
      bundle.call('ALLOCATE', c([1e308, 1e308]), c([1, 1]), 5, [[1e308], [1e308]], [[1]]),
    ).toThrow(/^ALLOCATE: .*row 2.*too large/);
  });

  it('quotes a 60,000-character argument as a short excerpt', () => {
    expect(() => bundle.call('ICE', 1, 1, 1, LONG)).toThrow(/^ICE: method is "x{10,60}\.\.\."/);
  });
});

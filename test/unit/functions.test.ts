import { describe, expect, it } from 'vitest';
import { AHP_CR, AHP_WEIGHTS } from '../../src/functions/ahp';
import { ICE, RICE, WSJF } from '../../src/functions/frameworks';
import { PRIORITY } from '../../src/functions/priority';
import { PPM_RANK } from '../../src/functions/rank';

const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);
const flat = (g: unknown[][]): unknown[] => g.map((r) => r[0]);

describe('PRIORITY', () => {
  const values = [
    [10, 5],
    [20, 1],
    [30, 3],
    ['', ''],
  ];
  it('scores each row 0–100 and leaves blank rows blank', () => {
    const out = flat(PRIORITY(values, [[2, 1]], [['higher', 'lower']]));
    expect(out[0]).toBeCloseTo(0, 9);
    expect(out[1]).toBeCloseTo(66.6667, 3);
    expect(out[2]).toBeCloseTo(83.3333, 3);
    expect(out[3]).toBe('');
  });
  it('takes weights as a column and directions as words or numbers', () => {
    expect(PRIORITY(values, col(2, 1), [['MAX', -1]])).toEqual(
      PRIORITY(values, [[2, 1]], [['higher', 'lower']]),
    );
  });
  it('normalises on a fixed scale', () => {
    expect(flat(PRIORITY([[3, 1]], [[1, 1]], '', [[1, 1]], [[5, 5]]))).toEqual([25]);
  });
  it('accepts text numbers, percentages and dates (as Sheets day numbers) as values', () => {
    // "1" → 1, "50%" → 0.5, 2027-01-01 → day 46388; min-max over 0.5 … 46388.
    const out = flat(PRIORITY([['1'], ['50%'], [new Date(2027, 0, 1)]], 1));
    expect(out).toEqual([expect.closeTo((100 * 0.5) / 46387.5, 12), 0, 100]);
  });
  it('gives a blank for a blank single cell (one criterion, filled down row by row)', () => {
    expect(PRIORITY('', 1, undefined, 0, 10)).toEqual([['']]);
    expect(PRIORITY(4, 1, undefined, 0, 10)).toEqual([[40]]);
    expect(() => PRIORITY(undefined, 1)).toThrow('PRIORITY: values is missing');
  });
  it('counts a blank cell in a non-blank row as the worst value', () => {
    expect(
      flat(
        PRIORITY(
          [
            [1, ''],
            [2, 5],
          ],
          [[1, 1]],
        ),
      ),
    ).toEqual([0, 100]);
  });
  it('names the function, argument, row, column and value on bad input', () => {
    expect(() => PRIORITY([[1, 'abc']], [[1, 1]])).toThrow(
      'PRIORITY: values row 1, column 2 is "abc", not a number.',
    );
    expect(() => PRIORITY([[1, 2]], [[1]])).toThrow(
      'PRIORITY: weights has 1 entry but values has 2 columns',
    );
    expect(() => PRIORITY([[1, 2]], [[1, -2]])).toThrow(
      'PRIORITY: weights column 2 is -2; it must be at least 0',
    );
    expect(() => PRIORITY([[1, 2]], [[0, 0]])).toThrow('PRIORITY: all weights are 0');
    expect(() => PRIORITY([[1, 2]], [[1, 1]], [['up', 'higher']])).toThrow(
      'PRIORITY: directions column 1 is "up"',
    );
    expect(() => PRIORITY([[1, 2]], [[1, 1]], '', [[0, 0]])).toThrow(
      'PRIORITY: scale_max is missing',
    );
    expect(() => PRIORITY([[9, 2]], [[1, 1]], '', [[0, 0]], [[5, 5]])).toThrow(
      'PRIORITY: values row 1, column 1 is 9, outside the scale 0 to 5',
    );
    expect(() => PRIORITY([[true, 2]], [[1, 1]])).toThrow(
      /values row 1, column 1 is TRUE, not a number. A checkbox/,
    );
    expect(() => PRIORITY(undefined, [[1]])).toThrow('PRIORITY: values is missing');
  });
});

describe('PPM_RANK', () => {
  it('ranks 1 best with shared ties, blank stays blank, shape kept', () => {
    expect(flat(PPM_RANK(col(90, 80, 80, '', 70)))).toEqual([1, 2, 2, '', 4]);
    expect(PPM_RANK([[1, 3, 2]])).toEqual([[3, 1, 2]]);
  });
  it('breaks ties with the tie-break column', () => {
    expect(flat(PPM_RANK(col(80, 80, 90), col(1, 2, 0)))).toEqual([3, 2, 1]);
  });
  it('ties PRIORITY scores that are equal but summed from different weights', () => {
    // Weights 3,2,2,1,1,1 normalise to 0.3, 0.2, 0.2, 0.1, 0.1, 0.1. Row 1 is best on the three
    // 0.1 criteria, row 2 on the 0.3 one: both score 30 (the first as 30.000000000000004), and
    // rows 3 and 4 both score 40; Sheets shows 30, 30, 40, 40, so the ranks are 3, 3, 1, 1.
    const scores = PRIORITY(
      [
        [0, 0, 0, 1, 1, 1],
        [1, 0, 0, 0, 0, 0],
        [0, 1, 1, 0, 0, 0],
        [1, 0, 0, 1, 0, 0],
      ],
      [[3, 2, 2, 1, 1, 1]],
    );
    expect(flat(scores).map((x) => Number((x as number).toFixed(9)))).toEqual([30, 30, 40, 40]);
    expect(flat(PPM_RANK(scores))).toEqual([3, 3, 1, 1]);
  });
  it('rejects text scores and mismatched tie-breaks', () => {
    expect(() => PPM_RANK(col(1, 'x'))).toThrow('PPM_RANK: scores row 2 is "x", not a number');
    expect(() => PPM_RANK(col(1, 2), col(1))).toThrow(
      'PPM_RANK: tiebreak has 1 cells but scores has 2',
    );
  });
});

describe('RICE, ICE, WSJF', () => {
  it('computes RICE with broadcast single values and percent confidence', () => {
    expect(flat(RICE(col(1000, 500, ''), 2, col(80, 0.5, ''), col(4, 5, '')))).toEqual([
      400,
      100,
      '',
    ]);
  });
  it('scores a partly blank row 0 and rejects zero effort', () => {
    expect(flat(RICE(col(1000), col(''), 1, col(2)))).toEqual([0]);
    expect(flat(RICE(col(1000), 1, 1, col('')))).toEqual([0]);
    expect(() => RICE(col(1000, 10), 1, 1, col(2, 0))).toThrow(
      'RICE: effort row 2 is 0; it must be above 0',
    );
    expect(() => RICE(col(1, 2), 1, 1, col(1, 2, 3))).toThrow(
      'RICE: effort has 3 rows but reach has 2 rows',
    );
    expect(() => RICE(col(1), 1, 120, 1)).toThrow(
      'RICE: confidence is 120; it must be at most 100',
    );
  });
  it('computes ICE as product or average', () => {
    expect(flat(ICE(col(8, 6), col(5, 6), col(3, 6)))).toEqual([120, 216]);
    expect(flat(ICE(col(8), col(5), col(2), 'average'))).toEqual([5]);
    expect(() => ICE(1, 1, 1, 'median')).toThrow('ICE: method is "median"');
  });
  it('computes WSJF', () => {
    expect(flat(WSJF(col(8, ''), col(5, ''), col(3, ''), col(4, '')))).toEqual([4, '']);
    expect(() => WSJF(1, 1, 1, 0)).toThrow('WSJF: job_size is 0; it must be above 0');
  });
  it('keeps a row orientation', () => {
    expect(WSJF([[1, 2]], 0, 0, 1)).toEqual([[1, 2]]);
  });
  it('filled down one row at a time (single cells), a blank row gives a blank', () => {
    // Sheets passes a blank single cell as "": =RICE(C9, D9, E9, F9) on an empty row.
    expect(RICE('', '', '', '')).toEqual([['']]);
    expect(ICE('', ' ', '')).toEqual([['']]);
    expect(ICE('', '', '', 'average')).toEqual([['']]);
    expect(WSJF('', '', '', '')).toEqual([['']]);
    // A row with data: the blank cell counts as the worst value, as in a range.
    expect(RICE(1000, '', 1, 2)).toEqual([[0]]);
    expect(RICE(1000, 2, 1, '')).toEqual([[0]]);
    expect(WSJF(8, 5, '', 4)).toEqual([[13 / 4]]);
    // An omitted argument is still missing; a blank value next to ranges is an error.
    expect(() => RICE(undefined, 1, 1, 1)).toThrow('RICE: reach is missing');
    expect(() => RICE(col(1000, 500), '', 1, col(2, 2))).toThrow(
      'RICE: impact is a blank cell. Give a number to use for every row, or a range such as D2:D.',
    );
  });
});

describe('AHP_WEIGHTS and AHP_CR', () => {
  const upper = [
    [1, 3, 5],
    ['', 1, 3],
    ['', '', ''],
  ];
  it('computes weights and CR from the upper triangle', () => {
    const w = flat(AHP_WEIGHTS(upper)) as number[];
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(w[0]).toBeCloseTo(0.637, 3);
    expect(AHP_CR(upper)[0]![0]).toBeCloseTo(0.0332, 4);
  });
  it('reads fractions typed as text', () => {
    expect(
      AHP_WEIGHTS([
        [1, '1/3'],
        ['', 1],
      ]).map((r) => r[0]),
    ).toEqual([0.25, 0.75]);
  });
  it('rejects non-square, non-reciprocal and date judgements with the cell named', () => {
    expect(() => AHP_WEIGHTS([[1, 2, 3]])).toThrow('AHP_WEIGHTS: matrix must be square');
    expect(() =>
      AHP_CR([
        [1, 3],
        [0.5, 1],
      ]),
    ).toThrow('AHP_CR: matrix row 1, column 2 is 3 but row 2, column 1 is 0.5');
    expect(() =>
      AHP_CR([
        [1, new Date(2027, 0, 3)],
        ['', 1],
      ]),
    ).toThrow(
      /row 1, column 2 is the date 2027-01-0\d, not a judgement. Sheets turned a fraction into a date/,
    );
    expect(() =>
      AHP_CR([
        [1, ''],
        ['', 1],
      ]),
    ).toThrow('AHP_CR: matrix row 1, column 2 and its mirror (row 2, column 1) are both blank');
  });
});

describe('PRIORITY fixed scales per criterion', () => {
  it('keeps min-max for a criterion whose two bounds are blank', () => {
    // criterion 1 on the fixed scale 0–10; criterion 2 min-max over 2 … 4.
    expect(
      flat(
        PRIORITY(
          [
            [5, 2],
            [5, 4],
          ],
          [[1, 1]],
          '',
          [[0, '']],
          [[10, '']],
        ),
      ),
    ).toEqual([25, 75]);
    expect(() => PRIORITY([[5, 2]], [[1, 1]], '', [[0, 1]], [[10, '']])).toThrow(
      'PRIORITY: scale_max column 2 is blank but its pair is not',
    );
  });
});

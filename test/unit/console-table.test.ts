import { describe, expect, it } from 'vitest';
import { columnDecimals, rankLabels, table, text } from '../../scripts/console-table';

describe("npm start's console tables", () => {
  it('prints a number column with one number of decimals: no "63" above "60.0"', () => {
    expect(columnDecimals([81.4, 63, 59.95])).toBe(2);
    expect(columnDecimals([392, 320, 72])).toBe(0);
    expect(columnDecimals([0.1 + 0.2, 1])).toBe(1);
    expect(columnDecimals([1 / 3], 2)).toBe(2);
    expect(
      table([
        ['Rank', 'Score', 'Name'],
        [1, 81.4, 'a'],
        [2, 63, 'b'],
        [3, 59.95, 'c'],
        [4, 1250.5, 'd'],
      ]).split('\n'),
    ).toEqual([
      'Rank     Score  Name',
      '   1     81.40  a',
      '   2     63.00  b',
      '   3     59.95  c',
      '   4  1,250.50  d',
    ]);
  });

  it('marks a shared rank "=12" on each row that shares it, and right-aligns it', () => {
    const ranks = [11, 12, 12, 14];
    expect(rankLabels(ranks)).toEqual(['11', '=12', '=12', '14']);
    const rows = [11, 12, 12, 14].map((r, i) => [
      rankLabels(ranks)[i] ?? '',
      [67.65, 66.23, 66.23, 66.2][i] ?? 0,
    ]);
    expect(table([['Rank', 'Score'], ...rows]).split('\n')).toEqual([
      'Rank  Score',
      '  11  67.65',
      ' =12  66.23',
      ' =12  66.23',
      '  14  66.20',
    ]);
  });

  it('shows dates as days and leaves text alone', () => {
    expect(text(new Date(Date.UTC(2027, 2, 1)))).toBe('2027-03-01');
    expect(text('P01')).toBe('P01');
    expect(text(true)).toBe('true');
    expect(text(null)).toBe('');
    expect(text(66.23)).toBe(66.23);
  });
});

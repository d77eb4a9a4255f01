import { describe, expect, it } from 'vitest';
import { matchRows } from '../../src/sheets/row-keys';

const was = ['P01', 'P02', 'P03', 'P04'];

describe('matchRows: where the rows of a block are now', () => {
  it('in place, also with rows added below or an ID renamed where it stands', () => {
    expect(matchRows(2, was, was)).toMatchObject({ inPlace: true, rows: [2, 3, 4, 5] });
    expect(matchRows(2, was, [...was, 'P05']).inPlace).toBe(true);
    expect(matchRows(2, was, ['P01', 'P2-new', 'P03', 'P04']).inPlace).toBe(true);
  });

  it('a row inserted: found by key, and said where', () => {
    const m = matchRows(2, was, ['P01', 'NEW', 'P02', 'P03', 'P04']);
    expect(m).toMatchObject({ inPlace: false, rows: [2, 4, 5, 6], unmatched: null });
    expect(m.change).toBe('a row was inserted at row 3');
    expect(matchRows(2, was, ['P01', '', 'P02', 'P03', 'P04']).change).toBe(
      'a row was inserted at row 3',
    );
  });

  it('a row deleted, rows sorted, keys matched ignoring case and spaces', () => {
    const d = matchRows(2, was, ['P01', 'P03', 'P04']);
    expect(d).toMatchObject({ rows: [2, null, 3, 4], change: 'P02 (row 3) was deleted' });
    const s = matchRows(2, was, ['p04 ', 'P03', 'P02', 'P01']);
    expect(s).toMatchObject({ rows: [5, 4, 3, 2], change: 'rows were sorted or moved' });
  });

  it('cannot match rows without a key or with a repeated one', () => {
    expect(matchRows(2, ['P01', '', 'P03'], ['X', 'P01', '', 'P03']).unmatched).toBe(
      'row 3 has no key',
    );
    expect(matchRows(2, was, ['NEW', 'P01', 'P01', 'P02', 'P03', 'P04']).unmatched).toBe(
      '"P01" is on more than one row',
    );
  });

  it('a single row found after rows moved above it', () => {
    expect(matchRows(5, ['P04'], ['NEW', ...was])).toMatchObject({
      rows: [6],
      change: 'P04 moved from row 5 to row 6',
    });
  });
});

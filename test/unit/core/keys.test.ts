import { describe, expect, it } from 'vitest';
import { matchKey, splitIds } from '../../../src/core/keys';

describe('splitIds (Depends on / Excludes cells, on the sheet and in ALLOCATE)', () => {
  it('splits on commas, semicolons, spaces and new lines, dropping empty pieces', () => {
    expect(splitIds('P04, P09')).toEqual(['P04', 'P09']);
    expect(splitIds(' P04;P09\nP10\t,, P11 ')).toEqual(['P04', 'P09', 'P10', 'P11']);
    expect(splitIds('P04\u00a0P09')).toEqual(['P04', 'P09']);
    expect(splitIds(' ,; ')).toEqual([]);
  });

  it('keeps pieces matchable by matchKey', () => {
    expect(splitIds('p04, P09').map(matchKey)).toEqual(['p04', 'p09']);
  });
});

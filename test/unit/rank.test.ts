import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparable, competitionRanks, sameNumber } from '../../src/core/rank';

describe('competition ranking', () => {
  it('shares the lower rank on ties (1, 2, 2, 4)', () => {
    expect(competitionRanks([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 80, 90, 80])).toEqual([4, 2, 1, 2]);
  });

  it('breaks ties by the higher tie-break value, blank tie-break losing', () => {
    expect(competitionRanks([80, 80, 80, 90], [1, 5, null, 0])).toEqual([3, 2, 4, 1]);
    expect(competitionRanks([80, 80], [3, 3])).toEqual([1, 1]);
  });

  it('ties scores that differ only past 15 significant digits, as Sheets compares them', () => {
    // 0.1 + 0.1 + 0.1 is 0.30000000000000004 in binary floating point; Sheets shows and compares
    // both as 0.3, so they share a rank. Likewise for tie-breaks.
    expect(competitionRanks([0.1 + 0.1 + 0.1, 0.3, 0.4])).toEqual([2, 2, 1]);
    expect(competitionRanks([5, 5, 5], [0.1 + 0.2, 0.3, 0.2])).toEqual([1, 1, 3]);
    // A real difference in the 15th digit still counts.
    expect(competitionRanks([1.00000000000001, 1])).toEqual([1, 2]);
  });

  it('property: rank = 1 + the rows better by (score, tie-break) compared at 15 digits', () => {
    // Scores summed from tenths in random order, so equal sums often differ in the last bits.
    const sum = fc
      .array(fc.integer({ min: 0, max: 9 }), { maxLength: 6 })
      .map((ks) => ks.reduce((acc, k) => acc + k / 10, 0));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(sum, { nil: null }), fc.option(sum, { nil: null })), {
          maxLength: 30,
        }),
        fc.boolean(),
        (rows, withTiebreak) => {
          const scores = rows.map((r) => r[0]);
          const ties = withTiebreak ? rows.map((r) => r[1]) : undefined;
          const ranks = competitionRanks(scores, ties);
          const key = (i: number): [number, number] => [
            comparable(scores[i] as number),
            ties?.[i] == null ? -Infinity : comparable(ties[i]),
          ];
          scores.forEach((s, i) => {
            if (s === null) return expect(ranks[i]).toBeNull();
            const [si, ti] = key(i);
            const better = scores.filter((x, j) => {
              if (x === null) return false;
              const [sj, tj] = key(j);
              return sj > si || (sj === si && withTiebreak && tj > ti);
            }).length;
            expect(ranks[i]).toBe(better + 1);
          });
        },
      ),
    );
  });

  it('sameNumber agrees with rounding to 15 significant digits', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: -40, max: 40 }),
        (x, ulps) => {
          const y = x + ulps * Math.abs(x) * Number.EPSILON;
          expect(sameNumber(x, y)).toBe(comparable(x) === comparable(y));
        },
      ),
    );
  });

  it('leaves blank scores unranked', () => {
    expect(competitionRanks([null, 5, null, 6])).toEqual([null, 2, null, 1]);
  });

  it('property: ranks agree with scores', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }), { maxLength: 40 }),
        (scores) => {
          const ranks = competitionRanks(scores);
          scores.forEach((s, i) => {
            if (s === null) return expect(ranks[i]).toBeNull();
            const better = scores.filter((t) => t !== null && t > s).length;
            expect(ranks[i]).toBe(better + 1);
            scores.forEach((t, j) => {
              if (t !== null && t > s) expect(ranks[j] as number).toBeLessThan(ranks[i] as number);
              if (t === s) expect(ranks[j]).toBe(ranks[i]);
            });
          });
        },
      ),
    );
  });
});

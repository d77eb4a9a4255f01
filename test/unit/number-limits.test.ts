/** Numbers near the edge of what a double holds: read as bad input or computed without overflow. */
import { describe, expect, it } from 'vitest';
import { normaliseValue, normaliseWeights, weightedScores } from '../../src/core/weighted';
import { looseNumber } from '../../src/sheets/cell-parsers';

describe('numbers near ±1.8e308', () => {
  it('reads a number typed beyond a double, also once scaled by k or M, as not a number', () => {
    const digits = (n: number): string => `1${'0'.repeat(n)}`;
    expect(looseNumber(digits(400))).toBeUndefined();
    expect(looseNumber(`${digits(306)}k`)).toBeUndefined();
    expect(looseNumber(`-${digits(303)}M`)).toBeUndefined();
    expect(looseNumber(`${digits(300)}k`)).toBe(1e303);
    expect(looseNumber('57%')).toBe(0.57);
  });

  it('normalises huge weights and values without Infinity or NaN', () => {
    expect(normaliseWeights([1e308, 1e308])).toEqual([0.5, 0.5]);
    const bounds = { lo: -1e308, hi: 1e308 };
    expect(normaliseValue(1e308, bounds, 'higher')).toBe(1);
    expect(normaliseValue(0, bounds, 'higher')).toBe(0.5);
    expect(normaliseValue(-1e308, bounds, 'lower')).toBe(1);
    const scores = weightedScores(
      [
        [1e308, -1e308],
        [-1e308, 1e308],
      ],
      [
        { weight: Number.MAX_VALUE, direction: 'higher' },
        { weight: Number.MAX_VALUE, direction: 'lower' },
      ],
    );
    expect(scores).toEqual([100, 0]);
  });
});

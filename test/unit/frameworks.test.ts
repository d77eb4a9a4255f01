import { describe, expect, it } from 'vitest';
import { confidenceFraction, ice, rice, wsjf } from '../../src/core/frameworks';

describe('frameworks', () => {
  it('RICE = reach × impact × confidence ÷ effort, confidence as fraction or percent', () => {
    expect(rice(1000, 2, 0.8, 4)).toBe(400);
    expect(rice(1000, 2, 80, 4)).toBe(400);
    expect(confidenceFraction(1)).toBe(1);
    expect(confidenceFraction(50)).toBe(0.5);
  });
  it('ICE as product or average', () => {
    expect(ice(8, 5, 3)).toBe(120);
    expect(ice(8, 5, 2, 'average')).toBe(5);
  });
  it('WSJF = (bv + tc + rr) ÷ job size', () => {
    expect(wsjf(8, 5, 3, 4)).toBe(4);
  });
});

import { describe, expect, it } from 'vitest';
import { click, growPortfolio, lastToast, records, world } from './helpers';

/** Service calls of the user's last execution, as "Service.method" → count. */
function callsOf(w: ReturnType<typeof world>): Record<string, number> {
  return w.ana.lastCalls.snapshot();
}

describe('cost model: service calls do not grow with rows', () => {
  it('Score & rank and Check capacity make the same calls on 100 and on 10,000 projects', () => {
    const counts = [100, 10_000].map((n) => {
      const w = world({ sample: true });
      growPortfolio(w, n);
      click(w.ana, 'Score & rank');
      const score = callsOf(w);
      expect(records(w, 'Projects')).toHaveLength(n);
      click(w.ana, 'Check capacity');
      const capacity = callsOf(w);
      return { score, capacity };
    });
    expect(counts[1]?.score).toEqual(counts[0]?.score);
    expect(counts[1]?.capacity).toEqual(counts[0]?.capacity);
    const total = (c: Record<string, number>): number =>
      Object.values(c).reduce((a, b) => a + b, 0);
    expect(total(counts[0]?.score ?? {})).toBeLessThan(120);
    expect(counts[0]?.score['Range.getValues']).toBeLessThan(12);
  });
});

describe('large workbooks', () => {
  it('scores and ranks a 50,000-row Projects sheet', () => {
    const w = world({ sample: true });
    growPortfolio(w, 50_000);
    click(w.ana, 'Score & rank');
    expect(lastToast(w.ana)).toMatch(/^Scored 50000 projects/);
    const last = w.workbook.sheetValues('Projects', 'A50001:A50001');
    expect(last).toEqual([['Q050000']]);
  }, 120_000);
});

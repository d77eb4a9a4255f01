/** The pure parts of Sheets' limits: time budgets, cell text, History's compaction. */
import { describe, expect, it } from 'vitest';
import { Deadline, TIME_BUDGET } from '../../src/core/time-budget';
import { efficientFrontier, problem, solveAllocation } from '../../src/core/allocation';
import {
  CELL_BUDGET,
  CELL_CHARS,
  assertCellsFit,
  fitText,
  splitList,
} from '../../src/sheets/cell-text';
import { compaction } from '../../src/sheets/history-bound';
import type { Snapshot } from '../../src/core/snapshot';

/** A clock tests move by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('Deadline', () => {
  it('shares what is left, never past its end', () => {
    const c = manualClock();
    const d = Deadline.in(10_000, c.now);
    expect(d.share(0.5).remainingMs()).toBe(5_000);
    expect(d.within(20_000).at).toBe(d.at);
    c.advance(8_000);
    expect(d.remainingMs()).toBe(2_000);
    expect(d.share(0.5).remainingMs()).toBe(1_000);
    c.advance(5_000);
    expect(d.expired()).toBe(true);
    expect(d.remainingMs()).toBe(0);
    expect(TIME_BUDGET.actionMs).toBeLessThan(TIME_BUDGET.actionLimitMs);
    expect(TIME_BUDGET.customFunctionMs).toBeLessThan(TIME_BUDGET.customFunctionLimitMs);
  });

  it('stops the frontier from starting budgets once the deadline has passed', () => {
    const c = manualClock();
    const base = problem({
      projects: [
        { id: 'a', value: 3, cost: 2, force: null },
        { id: 'b', value: 2, cost: 1, force: null },
      ],
      budget: 0,
      resources: [],
    });
    // Every clock read costs 1 s: the 3 s deadline lets only the first budgets start.
    const slow = (): number => {
      c.advance(1_000);
      return c.now();
    };
    const points = efficientFrontier(base, [0, 1, 2, 3, 4, 5], {
      deadline: Deadline.in(3_000, slow),
      timeLimitMs: 60_000,
    });
    expect(points.some((p) => !p.solved)).toBe(true);
    expect(points[0]?.solved).toBe(true);
    // A budget not searched has no selection unless a larger budget's answer was carried down.
    for (const p of points.filter((x) => !x.solved)) expect(p.result.feasible).toBe(p.carried);
    // The search alone honours the deadline too, whatever timeLimitMs says.
    const r = solveAllocation(base, { timeLimitMs: 60_000, deadline: Deadline.in(0, c.now) });
    expect(r.status === 'optimal' || r.limit === 'time').toBe(true);
  });
});

describe('cell text', () => {
  it('cuts display text to fit, saying how much was left out', () => {
    const t = fitText('x'.repeat(60_000));
    expect(t.length).toBe(CELL_BUDGET);
    expect(t).toMatch(/… \([\d,]+ more characters\)$/);
    expect(fitText('short')).toBe('short');
  });

  it('splits a list into cells at item boundaries, losing nothing', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `Q${String(i).padStart(6, '0')}`);
    const chunks = splitList(ids);
    expect(chunks.length).toBe(2);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(CELL_BUDGET);
    expect(chunks.join(', ').split(', ')).toEqual(ids);
    expect(splitList([])).toEqual(['']);
  });

  it('refuses a block with a cell over 50,000 characters, naming the cell', () => {
    expect(() => assertCellsFit('Scenarios', 5, 13, [['a', 'x'.repeat(CELL_CHARS + 1)]])).toThrow(
      /did not write Scenarios!N5: its text would have 50,001 characters/,
    );
    expect(() => assertCellsFit('Scenarios', 5, 13, [['x'.repeat(CELL_CHARS)]])).not.toThrow();
  });
});

describe('History compaction', () => {
  const day = (date: string): Snapshot => ({ date }) as unknown as Snapshot;
  const rows = [day('d1'), day('d1'), null, day('d2'), day('d2'), day('d3'), day('t'), day('t')];

  it('removes the oldest whole days (with their unreadable rows), never today', () => {
    expect(compaction(rows, 6, 8, 8)).toEqual({ cut: 0, days: [] });
    expect(compaction(rows, 6, 8, 7)).toEqual({ cut: 3, days: ['d1'] });
    expect(compaction(rows, 6, 8, 4)).toEqual({ cut: 5, days: ['d1', 'd2'] });
    expect(compaction(rows, 6, 8, 0)).toEqual({ cut: 6, days: ['d1', 'd2', 'd3'] });
  });
});

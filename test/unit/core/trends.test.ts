import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectStatus } from '../../../src/core/model';
import type { Snapshot } from '../../../src/core/snapshot';
import { historyTrends } from '../../../src/core/trends';

function snap(
  date: string,
  id: string,
  status: ProjectStatus | null,
  score: number | null,
  extra: Partial<Snapshot> = {},
): Snapshot {
  return {
    date,
    id,
    name: id,
    owner: '',
    status,
    score,
    rank: null,
    selected: null,
    cost: null,
    expectedRevenue: null,
    end: null,
    actualCost: null,
    pipelineGenerated: null,
    revenueWon: null,
    dealsWon: null,
    dealsLost: null,
    lastUpdate: null,
    ...extra,
  };
}

describe('history trends', () => {
  it('averages scores and sums values per snapshot day (hand-computed)', () => {
    const history = [
      snap('2027-02-01', 'P1', 'Active', 80, { expectedRevenue: 100, revenueWon: 10 }),
      snap('2027-02-01', 'P2', 'Proposed', 40, { expectedRevenue: 500, pipelineGenerated: 7 }),
      snap('2027-01-01', 'P1', 'Approved', 70, { expectedRevenue: 90 }),
      snap('2027-01-01', 'P2', 'Proposed', null, { selected: true, expectedRevenue: 50 }),
      snap('2027-02-01', 'P3', 'Done', 60, { revenueWon: 5 }),
    ];
    expect(historyTrends(history)).toEqual([
      // 01-01 has a selection, so the plan is Active or Selected: P2 only (Selected, no score);
      // P1 is Approved but not selected.
      {
        date: '2027-01-01',
        projects: 2,
        averageScore: 70,
        committedAverageScore: null,
        committedExpectedRevenue: 50,
        revenueWon: 0,
        pipelineGenerated: 0,
      },
      // 02-01: no selection, so the plan is Approved or Active: P1 only. Scores 80, 40, 60 → 60.
      {
        date: '2027-02-01',
        projects: 3,
        averageScore: 60,
        committedAverageScore: 80,
        committedExpectedRevenue: 100,
        revenueWon: 15,
        pipelineGenerated: 7,
      },
    ]);
    expect(historyTrends(history, { limit: 1 }).map((t) => t.date)).toEqual(['2027-02-01']);
    expect(historyTrends([])).toEqual([]);
  });

  it('has one point per distinct date, in order, whose project counts add up to the rows', () => {
    const row = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      score: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const history = rows.map((r, i) =>
          snap(`2027-03-${String(r.day).padStart(2, '0')}`, `P${i}`, 'Active', r.score),
        );
        const points = historyTrends(history);
        expect(points.map((p) => p.date)).toEqual([...new Set(history.map((h) => h.date))].sort());
        expect(points.reduce((s, p) => s + p.projects, 0)).toBe(rows.length);
        for (const p of points) {
          const scores = history
            .filter((h) => h.date === p.date && h.score !== null)
            .map((h) => h.score as number);
          if (scores.length === 0) expect(p.averageScore).toBeNull();
          else {
            expect(p.averageScore).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-9);
            expect(p.averageScore).toBeLessThanOrEqual(Math.max(...scores) + 1e-9);
          }
        }
      }),
    );
  });
});

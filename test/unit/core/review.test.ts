import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OverAllocation } from '../../../src/core/capacity';
import { PROJECT_STATUSES } from '../../../src/core/model';
import { reviewDiff } from '../../../src/core/review';
import {
  mergeSnapshot,
  previousSnapshot,
  snapshotSchema,
  takeSnapshot,
  type Snapshot,
} from '../../../src/core/snapshot';
import { project } from './fixtures';

const feb = takeSnapshot(
  [
    project('P1', {
      name: 'EMEA webinars',
      owner: 'Ana',
      status: 'In review',
      rank: 3,
      actuals: { lastUpdate: '2027-01-15' },
    }),
    project('P2', {
      name: 'CPQ rollout',
      owner: 'Ben',
      status: 'Active',
      rank: 10,
      end: '2027-02-15',
      actuals: { lastUpdate: '2027-01-30' },
    }),
    project('P3', { name: 'Old partner push', owner: 'Cy', status: 'Active', rank: 1 }),
  ],
  '2027-02-01',
);
const mar = takeSnapshot(
  [
    project('P1', {
      name: 'EMEA webinars',
      owner: 'Ana',
      status: 'Approved',
      rank: 1,
      actuals: { lastUpdate: '2027-01-15' },
    }),
    project('p2 ', {
      name: 'CPQ rollout',
      owner: 'Ben',
      status: 'Active',
      rank: 2,
      end: '2027-02-15',
      actuals: { lastUpdate: '2027-02-20' },
    }),
    project('P4', {
      name: 'Nordics ABM',
      owner: '',
      status: 'Proposed',
      rank: 5,
      actuals: { lastUpdate: '2027-02-27' },
    }),
  ],
  '2027-03-01',
);
const over = (skill: string, period: string, projects: [string, number][]): OverAllocation => ({
  skill,
  period,
  demand: projects.reduce((s, [, h]) => s + h, 0),
  capacity: 100,
  hoursOver: projects.reduce((s, [, h]) => s + h, 0) - 100,
  utilisation: projects.reduce((s, [, h]) => s + h, 0) / 100,
  projects: projects.map(([projectId, hours]) => ({ projectId, hours })),
});

const snapshotArb = fc
  .array(
    fc.record({
      id: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5'),
      status: fc.constantFrom(...PROJECT_STATUSES, null),
      rank: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
      end: fc.option(fc.constantFrom('2027-01-01', '2027-06-01', '2028-01-01'), { nil: null }),
      lastUpdate: fc.option(fc.constantFrom('2026-12-01', '2027-02-20'), { nil: null }),
      owner: fc.constantFrom('', 'Ana', 'Ben'),
    }),
    { maxLength: 5 },
  )
  .map((rows) =>
    takeSnapshot(
      [...new Map(rows.map((r) => [r.id, r])).values()].map((r) =>
        project(r.id, {
          status: r.status,
          rank: r.rank,
          end: r.end,
          owner: r.owner,
          actuals: { lastUpdate: r.lastUpdate },
        }),
      ),
      '2027-03-01',
    ),
  );

describe('review diff', () => {
  it('lists what changed, each with its owner (hand-made snapshots)', () => {
    const items = reviewDiff(feb, mar, {
      overAllocations: {
        previous: [over('AE', '2027-04', [['P1', 120]])],
        current: [
          over('ae', '2027-04', [['P1', 130]]),
          over('SE', '2027-05', [
            ['P2', 90],
            ['P1', 40],
          ]),
        ],
      },
    });
    expect(items.map((i) => i.message)).toEqual([
      'New: P4 "Nordics ABM" (Proposed), no owner.',
      'Removed: P3 "Old partner push", owner Cy.',
      'P1 "EMEA webinars": status In review → Approved (owner Ana).',
      // P1 moved 2 places (not more than 3): not listed. "p2 " is P2.
      'p2 "CPQ rollout": rank 10 → 2, up 8 places (owner Ben).',
      'SE over-allocated in 2027-05 by 30 h (130 of 100 h): P2 90 h (Ben), P1 40 h (Ana).',
      // P2 ended 2027-02-15: not yet overdue on 02-01, 14 days overdue on 03-01.
      'p2 "CPQ rollout" is overdue: End 2027-02-15, 14 days ago (owner Ben).',
      // P1 last updated 01-15: 17 days before 02-01 (fresh), 45 days before 03-01 (stale).
      'P1 "EMEA webinars" has had no update for 45 days (owner Ana).',
    ]);
    const oa = items.find((i) => i.kind === 'new-over-allocation');
    expect(oa).toMatchObject({ skill: 'SE', owners: ['Ben', 'Ana'], hoursOver: 30 });
    expect(items.find((i) => i.kind === 'rank-move')).toMatchObject({ from: 10, to: 2, places: 8 });
  });

  it('lists every current over-allocation when the previous list is unknown, and honours the rank threshold', () => {
    const items = reviewDiff(feb, mar, {
      rankMove: 1,
      overAllocations: { current: [over('AE', '2027-04', [['P1', 130]])] },
    });
    expect(items.filter((i) => i.kind === 'rank-move').map((i) => i.id)).toEqual(['P1', 'p2 ']);
    expect(items.filter((i) => i.kind === 'over-allocation')).toHaveLength(1);
  });

  it('treats every project as new when there is no previous snapshot', () => {
    const items = reviewDiff([], feb);
    expect(items.filter((i) => i.kind === 'new-project')).toHaveLength(3);
  });

  it('refuses snapshot rows of several dates', () => {
    expect(() => reviewDiff([...feb, ...mar], mar)).toThrow(
      /previous snapshot mixes the dates 2027-02-01 and 2027-03-01/,
    );
  });

  it('property: the diff of a snapshot with itself is empty', () => {
    fc.assert(
      fc.property(snapshotArb, (s) => {
        const current = [over('AE', '2027-04', [['P1', 130]])];
        expect(reviewDiff(s, s, { overAllocations: { current, previous: current } })).toEqual([]);
      }),
    );
  });

  it('property: every current project not in the previous snapshot is new, and every dropped one removed', () => {
    fc.assert(
      fc.property(snapshotArb, snapshotArb, (a, b) => {
        const prev = a.map((s) => ({ ...s, date: '2027-02-01' }));
        const items = reviewDiff(prev, b);
        const ids = (xs: readonly Snapshot[]) => new Set(xs.map((s) => s.id));
        expect(new Set(items.filter((i) => i.kind === 'new-project').map((i) => i.id))).toEqual(
          new Set([...ids(b)].filter((id) => !ids(prev).has(id))),
        );
        expect(new Set(items.filter((i) => i.kind === 'removed-project').map((i) => i.id))).toEqual(
          new Set([...ids(prev)].filter((id) => !ids(b).has(id))),
        );
      }),
    );
  });
});

describe('snapshots', () => {
  it('holds every History column and passes its schema', () => {
    expect(feb[0]).toEqual({
      date: '2027-02-01',
      id: 'P1',
      name: 'EMEA webinars',
      owner: 'Ana',
      status: 'In review',
      score: null,
      rank: 3,
      selected: null,
      cost: null,
      expectedRevenue: null,
      end: null,
      actualCost: null,
      pipelineGenerated: null,
      revenueWon: null,
      dealsWon: null,
      dealsLost: null,
      lastUpdate: '2027-01-15',
    });
    for (const s of [...feb, ...mar]) expect(snapshotSchema().safeParse(s).success).toBe(true);
    expect(snapshotSchema().safeParse({ ...feb[0], date: '01/02/2027' }).success).toBe(false);
    expect(snapshotSchema().safeParse({ ...feb[0], status: 'Maybe' }).success).toBe(false);
  });

  it('merges today into history: same date and ID replaced in place, others appended, removed ones gone', () => {
    const morning = takeSnapshot(
      [project('P1', { rank: 1 }), project('P2', { rank: 2 })],
      '2027-03-01',
    );
    const evening = takeSnapshot(
      [project('p1', { rank: 2 }), project('P3', { rank: 1 })],
      '2027-03-01',
    );
    const m = mergeSnapshot([...feb, ...morning], evening);
    // P2 was deleted from Projects between the morning and the evening snapshot: the day's
    // snapshot is the evening's, so P2 has no row that day (it is not in the day's trend point,
    // and the next review does not report its removal a second time).
    expect(m.rows.map((s) => [s.date, s.id, s.rank])).toEqual([
      ['2027-02-01', 'P1', 3],
      ['2027-02-01', 'P2', 10],
      ['2027-02-01', 'P3', 1],
      ['2027-03-01', 'p1', 2],
      ['2027-03-01', 'P3', 1],
    ]);
    expect(m).toMatchObject({ replaced: 1, added: 1, dropped: 0, removed: 1 });
    expect(mergeSnapshot([...morning, ...morning], [])).toMatchObject({ dropped: 2, removed: 0 });
    // Every project deleted by the evening: the day's snapshot is empty (the date given).
    expect(mergeSnapshot([...feb, ...morning], [], '2027-03-01')).toMatchObject({
      rows: feb,
      removed: 2,
    });
    expect(previousSnapshot(m.rows, '2027-03-01').map((s) => s.id)).toEqual(['P1', 'P2', 'P3']);
    expect(previousSnapshot(m.rows, '2027-02-01')).toEqual([]);
  });

  it('property: merging the same snapshot twice is the same as once', () => {
    fc.assert(
      fc.property(snapshotArb, snapshotArb, snapshotArb, (older, history, today) => {
        const once = mergeSnapshot(
          [...older.map((s) => ({ ...s, date: '2027-02-01' })), ...history],
          today,
        ).rows;
        const twice = mergeSnapshot(once, today);
        expect(twice.rows).toEqual(once);
        expect(twice.added).toBe(0);
      }),
    );
  });
});

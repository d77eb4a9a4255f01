import { describe, expect, it } from 'vitest';
import { snapshotSchema } from '../../../src/core/snapshot';
import { sampleEarlierDay } from '../../../src/core/sample-history';

describe("the sample's earlier snapshot day", () => {
  it('is dated four weeks before the load, as valid History rows with ranks from the scores', () => {
    const day = sampleEarlierDay('2027-01-15');
    expect(day.date).toBe('2026-12-18');
    expect(day.snapshot.length).toBe(42);
    for (const s of day.snapshot) expect(snapshotSchema().safeParse(s).success).toBe(true);
    // Ranks follow the scores among the open projects; closed ones have none.
    const open = day.snapshot.filter((s) => s.rank !== null);
    for (const a of open)
      for (const b of open)
        if ((a.score ?? 0) > (b.score ?? 0)) expect(a.rank).toBeLessThan(b.rank ?? 0);
    expect(day.snapshot.find((s) => s.status === 'Done')).toBeUndefined();
    expect(day.overAllocations.map((o) => [o.skill, o.period, o.hoursOver])).toEqual([
      ['RevOps', '2027-03', 13],
      ['RevOps', '2027-04', 13],
    ]);
  });
});

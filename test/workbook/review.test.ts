import { describe, expect, it } from 'vitest';
import {
  click,
  columnOf,
  lastToast,
  records,
  sampleWithoutHistory,
  world,
  type World,
} from './helpers';
import { addDays, iso, rowOf, setProject, today } from './governance-helpers';

const OPEN = (s: unknown): boolean => !['Done', 'Rejected', 'Stopped'].includes(String(s));

describe('Snapshot', () => {
  it('appends every project to History, and a second snapshot the same day replaces the first', () => {
    const w = sampleWithoutHistory();
    const day = today(w);
    click(w.ana, 'Score & rank');
    click(w.ana, 'Snapshot');
    expect(lastToast(w.ana)).toBe(
      `Snapshot of 42 projects for ${day} in Snapshots; Snapshots holds 1 day.`,
    );
    const projects = records(w, 'Projects');
    let history = records(w, 'Snapshots');
    expect(history).toHaveLength(42);
    const p01 = projects.find((p) => p.ID === 'P01');
    const h01 = history.find((h) => h.ID === 'P01');
    expect(iso(h01?.Date)).toBe(day);
    expect(h01).toMatchObject({
      Name: p01?.Name,
      Owner: p01?.Owner,
      Status: 'Active',
      Score: p01?.Score,
      Rank: p01?.Rank,
      Cost: p01?.Cost,
      'Expected revenue': p01?.['Expected revenue'],
    });
    expect(iso(h01?.End)).toBe(iso(p01?.End));
    expect(w.workbook.cell('Snapshots', `${columnOf(w, 'Snapshots', 'Date')}2`).numberFormat).toBe(
      'yyyy-mm-dd',
    );

    setProject(w, 'P03', 'Status', 'In review');
    click(w.ana, 'Snapshot');
    history = records(w, 'Snapshots');
    expect(history).toHaveLength(42);
    expect(history.filter((h) => h.ID === 'P03').map((h) => h.Status)).toEqual(['In review']);
    expect(lastToast(w.ana)).toMatch(/replacing the earlier snapshot of/);
    expect(w.workbook.sheetInfo('_Capacity history').hidden).toBe(true);
    const over = records(w, '_Capacity history');
    expect(over.length).toBeGreaterThan(0);
    expect(new Set(over.map((o) => iso(o.Date)))).toEqual(new Set([day]));
  });

  it('a project deleted between two snapshots the same day leaves no row that day, nor in the trend', () => {
    const w = sampleWithoutHistory();
    click(w.ana, 'Score & rank');
    click(w.ana, 'Snapshot');
    // P42 (Approved, so in the committed portfolio) is deleted from Projects the same day.
    const projects = w.byHand().getActiveSpreadsheet().getSheetByName('Projects');
    if (!projects) throw new Error('no Projects');
    projects.deleteRow(rowOf(w, 'P42'));
    click(w.ana, 'Snapshot');
    expect(lastToast(w.ana)).toMatch(/^Snapshot of 41 projects for/);
    const history = records(w, 'Snapshots');
    expect(history.map((h) => h.ID)).toEqual(records(w, 'Projects').map((p) => p.ID));
    // The day's trend point agrees with the Expected revenue KPI of the same moment.
    click(w.ana, 'Refresh dashboard');
    const committed = records(w, 'Projects').filter(
      (p) => p.Status === 'Approved' || p.Status === 'Active',
    );
    const expected = committed.reduce((s, p) => s + Number(p['Expected revenue']), 0);
    expect(w.workbook.sheetValues('_Dashboard data', 'R2:R2')).toEqual([[expected]]);
    expect(w.workbook.sheetValues('Dashboard').find((r) => r[0] === 'Expected revenue')?.[1]).toBe(
      expected,
    );
  });
});

/**
 * Two snapshots on different days: the first is taken, then dated 40 days back in History (as if
 * it had been taken then); the portfolio changes; Prepare review compares today with it.
 */
function twoSnapshots(): { w: World; day: string; before: string } {
  const w = sampleWithoutHistory();
  const day = today(w);
  const before = addDays(day, -40);
  click(w.ana, 'Score & rank');
  const n = records(w, 'Projects').length;
  const update = columnOf(w, 'Projects', 'Last update');
  w.workbook.setValues(
    'Projects',
    `${update}2`,
    Array.from({ length: n }, () => [day]),
  );
  click(w.ana, 'Snapshot');

  // Date the snapshot 40 days back: every project was updated that day, P05 the day before.
  const h = records(w, 'Snapshots');
  const date = columnOf(w, 'Snapshots', 'Date');
  const hUpdate = columnOf(w, 'Snapshots', 'Last update');
  w.workbook.setValues(
    'Snapshots',
    `${date}2`,
    h.map(() => [before]),
  );
  w.workbook.setValues(
    'Snapshots',
    `${hUpdate}2`,
    h.map((x) => [x.ID === 'P05' ? addDays(before, -1) : before]),
  );
  // The over-allocations recorded that day: all of today's but RevOps in 2027-03.
  const over = records(w, '_Capacity history');
  w.workbook.setValues(
    '_Capacity history',
    'A2',
    over.map(() => [before]),
  );
  const revops = over.findIndex((o) => o.Skill === 'RevOps' && o.Period === '2027-03');
  expect(revops).toBeGreaterThanOrEqual(0);
  w.workbook.setValues('_Capacity history', `B${revops + 2}`, [['Nobody']]);

  // What happens in the 40 days.
  const last = n + 2;
  const header = w.workbook.sheetValues('Projects')[0] ?? [];
  const row = header.map((hd) =>
    hd === 'ID'
      ? 'P43'
      : hd === 'Name'
        ? 'Channel partner portal'
        : hd === 'Owner'
          ? 'Zoe Park'
          : hd === 'Status'
            ? 'Proposed'
            : hd === 'Last update'
              ? day
              : '',
  );
  w.workbook.setValues('Projects', `A${last}`, [row]);
  setProject(w, 'P03', 'Status', 'In review');
  const rank = (id: string): number =>
    Number(records(w, 'Projects').find((p) => p.ID === id)?.Rank);
  setProject(w, 'P10', 'Rank', rank('P10') + 10);
  setProject(w, 'P11', 'Rank', rank('P11') + 2);
  setProject(w, 'P02', 'End', addDays(day, -3));
  setProject(w, 'P05', 'Last update', addDays(day, -41));
  return { w, day, before };
}

describe('Prepare review', () => {
  it('lists what changed since the previous snapshot day, each with its owner', () => {
    const { w, day, before } = twoSnapshots();
    const history0 = records(w, 'Snapshots');
    click(w.ana, 'Prepare review');
    const review = w.workbook.sheetValues('Review');
    expect(review[0]?.[0]).toBe(`Portfolio review — ${day}`);
    expect(String(review[1]?.[0])).toContain(`since the snapshot of ${before}`);
    expect(review[4]).toEqual([
      'Change',
      'Project / skill',
      'Name',
      'Owner',
      'What changed',
      '',
      '',
    ]);
    const items = review.slice(
      5,
      review.findIndex((r, i) => i > 4 && r[0] === ''),
    );
    const owner = (id: string): unknown => records(w, 'Projects').find((p) => p.ID === id)?.Owner;
    const of = (kind: string): unknown[][] => items.filter((r) => r[0] === kind);

    expect(of('New project').map((r) => r.slice(1, 4))).toEqual([
      ['P43', 'Channel partner portal', 'Zoe Park'],
    ]);
    expect(of('Status change').map((r) => [r[1], r[3], r[4]])).toEqual([
      [
        'P03',
        owner('P03'),
        `P03 "Outbound SDR sprint for SMB": status Proposed → In review (owner ${String(owner('P03'))}).`,
      ],
    ]);
    expect(of('Rank move').map((r) => [r[1], r[3]])).toEqual([['P10', owner('P10')]]); // P11 moved 2 ≤ 3
    expect(String(of('Rank move')[0]?.[4])).toMatch(/rank \d+ → \d+, down 10 places/);
    const newOver = of('New over-allocation');
    expect(newOver.map((r) => r[1])).toEqual(['RevOps 2027-03']);
    expect(String(newOver[0]?.[3])).not.toBe('');
    expect(of('Over-allocation')).toEqual([]);

    // Newly overdue: open today with End before today, and not overdue on the earlier day.
    const earlier = new Map(history0.map((x) => [x.ID, x]));
    const expectedOverdue = records(w, 'Projects')
      .filter((p) => OPEN(p.Status) && p.End !== '' && iso(p.End) < day)
      .filter((p) => {
        const was = earlier.get(p.ID);
        return !was || !(OPEN(was.Status) && was.End !== '' && iso(was.End) < before);
      })
      .map((p) => p.ID);
    expect(expectedOverdue).toContain('P02');
    expect(of('Newly overdue').map((r) => r[1])).toEqual(expectedOverdue);
    expect(of('Newly overdue').find((r) => r[1] === 'P02')?.[3]).toBe(owner('P02'));
    // Newly stale: P05, updated the day before the earlier snapshot and not since (41 days).
    expect(of('Newly stale').map((r) => [r[1], r[3]])).toEqual([['P05', owner('P05')]]);
    expect(String(of('Newly stale')[0]?.[4])).toContain('no update for 41 days');

    const history = records(w, 'Snapshots');
    expect(history.filter((x) => iso(x.Date) === before)).toHaveLength(42);
    expect(history.filter((x) => iso(x.Date) === day)).toHaveLength(43);
    expect(w.workbook.sheetNames()).toContain('Dashboard');
    expect(lastToast(w.ana)).toMatch(
      new RegExp(`^Review for ${day}: \\d+ changes since ${before}`),
    );
  });

  it('is idempotent within a day: running it twice leaves one snapshot for today and the same review', () => {
    const { w, day } = twoSnapshots();
    click(w.ana, 'Prepare review');
    const review = w.workbook.sheetValues('Review');
    const charts = w.workbook.charts('Dashboard');
    click(w.ana, 'Prepare review');
    expect(w.workbook.sheetValues('Review')).toEqual(review);
    expect(w.workbook.charts('Dashboard')).toEqual(charts);
    expect(records(w, 'Snapshots').filter((x) => iso(x.Date) === day)).toHaveLength(43);
    // The trends now have two days: the score trend block has a header and two rows.
    expect(charts.find((c) => c.type === 'LINE')?.ranges).toEqual(["'_Dashboard data'!M1:O3"]);
    expect(rowOf(w, 'P43')).toBe(44);
  });

  it('on the sample just loaded, shows what changed since the previous review, not 42 new projects', () => {
    const w = world({ sample: true });
    expect(lastToast(w.ana)).toMatch(
      /Snapshots holds the snapshot of the previous review \(\d{4}-\d{2}-\d{2}\), so Prepare review shows what changed since\./,
    );
    click(w.ana, 'Score & rank');
    click(w.ana, 'Prepare review');
    const review = w.workbook.sheetValues('Review');
    const before = addDays(today(w), -28);
    expect(String(review[1]?.[0])).toContain(`since the snapshot of ${before}`);
    const of = (kind: string): string[] =>
      review.filter((r) => r[0] === kind).map((r) => String(r[1]));
    expect(of('New project')).toEqual(['P42']);
    expect(of('Removed project')).toEqual(['P43']);
    expect(of('Status change').sort()).toEqual(['P01', 'P04', 'P07', 'P13', 'P15', 'P24', 'P28']);
    expect(of('Rank move').length).toBeGreaterThanOrEqual(4);
    expect(of('Rank move')).toEqual(expect.arrayContaining(['P18', 'P24', 'P06', 'P11']));
    // RevOps was already over in March and April; the rest are new since.
    expect(of('New over-allocation').length).toBeGreaterThan(0);
    expect(of('New over-allocation').some((x) => x.startsWith('RevOps'))).toBe(false);
    const status = review.find((r) => r[0] === 'Status change' && r[1] === 'P28');
    expect(String(status?.[4])).toMatch(/status Active → Done/);
    // The Dashboard's trends have two days.
    const charts = w.workbook.charts('Dashboard');
    expect(charts.find((c) => c.type === 'LINE')?.ranges).toEqual(["'_Dashboard data'!M1:O3"]);
  });

  it('keeps a History that already has rows when the sample is loaded again', () => {
    const w = world({ sample: true });
    const history = w.workbook.sheetValues('Snapshots');
    w.ana.answerAlert('YES');
    click(w.ana, 'Load sample portfolio');
    expect(w.workbook.sheetValues('Snapshots')).toEqual(history);
    expect(lastToast(w.ana)).not.toMatch(/Snapshots holds/);
  });

  it('with no earlier snapshot lists every project as new', () => {
    const w = sampleWithoutHistory();
    click(w.ana, 'Prepare review');
    const review = w.workbook.sheetValues('Review');
    expect(String(review[1]?.[0])).toMatch(/^No earlier snapshot/);
    expect(review.filter((r) => r[0] === 'New project')).toHaveLength(42);
  });
});

import { describe, expect, it } from 'vitest';
import { click, columnOf, lastToast, records, world, type World } from './helpers';
import { addDays, setProject, today } from './governance-helpers';

/** The Dashboard row whose first cell is `label`. */
function kpiRow(w: World, label: string): unknown[] {
  const row = w.workbook.sheetValues('Dashboard').find((r) => r[0] === label);
  if (!row) throw new Error(`no KPI ${label}`);
  return row;
}

function rowIndex(w: World, label: string): number {
  return w.workbook.sheetValues('Dashboard').findIndex((r) => r[0] === label) + 1;
}

const OPEN = (s: unknown): boolean => !['Done', 'Rejected', 'Stopped'].includes(String(s));

const ACTUALS = [
  'Actual cost',
  'Pipeline generated',
  'Revenue won',
  'Deals won',
  'Deals lost',
  'Last update',
];

/** Blanks the actuals the sample ships with, so a test sets exactly the ones it counts. */
function clearActuals(w: World): void {
  const n = records(w, 'Projects').length;
  for (const h of ACTUALS)
    w.workbook.setValues(
      'Projects',
      `${columnOf(w, 'Projects', h)}2`,
      Array.from({ length: n }, () => ['']),
    );
}

/** The sample with two projects' actuals and dates set (no other actuals), scored. */
function withActuals(): { w: World; day: string } {
  const w = world({ sample: true });
  clearActuals(w);
  const day = today(w);
  click(w.ana, 'Score & rank');
  const actuals: [string, number, number, number, number, number, string][] = [
    // ID, Actual cost, Revenue won, Pipeline generated, Deals won, Deals lost, Last update
    ['P01', 40_000, 100_000, 300_000, 3, 1, addDays(day, -5)],
    ['P07', 20_000, 10_000, 50_000, 1, 4, addDays(day, -40)],
  ];
  for (const [id, cost, won, pipe, dw, dl, update] of actuals) {
    setProject(w, id, 'Actual cost', cost);
    setProject(w, id, 'Revenue won', won);
    setProject(w, id, 'Pipeline generated', pipe);
    setProject(w, id, 'Deals won', dw);
    setProject(w, id, 'Deals lost', dl);
    setProject(w, id, 'Last update', update);
  }
  setProject(w, 'P02', 'End', addDays(day, -10));
  return { w, day };
}

describe('Refresh dashboard', () => {
  it('writes every KPI with its value and its formula in words, computed from the sheets', () => {
    const { w, day } = withActuals();
    click(w.ana, 'Refresh dashboard');
    const projects = records(w, 'Projects');
    const committed = projects.filter((p) => p.Status === 'Approved' || p.Status === 'Active');
    const sum = (rows: Record<string, unknown>[], k: string): number =>
      rows.reduce((s, p) => s + (Number(p[k]) || 0), 0);

    expect(kpiRow(w, 'Budget committed').slice(1, 3)).toEqual([
      sum(committed, 'Cost'),
      'Σ Cost of projects with Status Approved or Active',
    ]);
    expect(kpiRow(w, 'Budget available')[1]).toBe(1_200_000); // the sample's Settings → Budget
    expect(kpiRow(w, 'Budget used')[1]).toBeCloseTo(sum(committed, 'Cost') / 1_200_000, 12);
    expect(kpiRow(w, 'Expected revenue')[1]).toBe(sum(committed, 'Expected revenue'));
    expect(kpiRow(w, 'Risk-adjusted value')[1]).toBeCloseTo(
      committed.reduce((s, p) => s + Number(p['Expected revenue']) * Number(p.Confidence), 0),
      6,
    );
    // By hand: (100,000 + 10,000) ÷ (40,000 + 20,000) − 1, 350,000 ÷ 60,000, 4 ÷ (4 + 5).
    expect(kpiRow(w, 'Realised ROI')[1]).toBeCloseTo(110_000 / 60_000 - 1, 12);
    expect(kpiRow(w, 'Realised ROI')[2]).toBe(
      'Σ Revenue won ÷ Σ Actual cost − 1, over projects with both',
    );
    expect(kpiRow(w, 'Realised ROI')[3]).toBe(
      '2 projects; Σ Revenue won 110,000; Σ Actual cost 60,000',
    );
    expect(kpiRow(w, 'Pipeline per unit cost')[1]).toBeCloseTo(350_000 / 60_000, 12);
    expect(kpiRow(w, 'Win rate')[1]).toBeCloseTo(4 / 9, 12);
    const expectedOfBoth =
      Number(projects.find((p) => p.ID === 'P01')?.['Expected revenue']) +
      Number(projects.find((p) => p.ID === 'P07')?.['Expected revenue']);
    expect(kpiRow(w, 'Forecast accuracy')[1]).toBeCloseTo(110_000 / expectedOfBoth, 12);
    // Stale: open projects not updated in the last 30 days (never updated counts as stale).
    const open = projects.filter((p) => OPEN(p.Status));
    expect(kpiRow(w, 'Stale projects')[1]).toBe(open.length - 1); // all but P01
    const overdue = open.filter(
      (p) => p.End instanceof Date && p.End.toISOString().slice(0, 10) < day,
    );
    expect(overdue.map((p) => p.ID)).toContain('P02');
    expect(kpiRow(w, 'Overdue projects')[1]).toBe(overdue.length);

    const roiRow = rowIndex(w, 'Realised ROI');
    expect(w.workbook.cell('Dashboard', `B${roiRow}`).numberFormat).toBe('0.0%');
    expect(w.workbook.cell('Dashboard', `B${rowIndex(w, 'Budget committed')}`).numberFormat).toBe(
      '#,##0',
    );
    // Forecast accuracy by owner: Maya Chen owns P01.
    expect(kpiRow(w, 'Maya Chen').slice(1, 5)).toEqual([
      100_000 / Number(projects.find((p) => p.ID === 'P01')?.['Expected revenue']),
      100_000,
      Number(projects.find((p) => p.ID === 'P01')?.['Expected revenue']),
      1,
    ]);
    expect(lastToast(w.ana)).toMatch(
      /^Dashboard refreshed for \d{4}-\d\d-\d\d: committed portfolio/,
    );
  });

  it('counts the selection as the plan once Optimise portfolio has run, as Check capacity does', () => {
    const { w } = withActuals();
    click(w.ana, 'Optimise portfolio');
    click(w.ana, 'Refresh dashboard');
    const plan = records(w, 'Projects').filter(
      (p) =>
        p.Status === 'Active' ||
        (p.Selected === true &&
          !['On hold', 'Done', 'Rejected', 'Stopped'].includes(String(p.Status))),
    );
    expect(plan.length).toBeGreaterThan(0);
    expect(kpiRow(w, 'Budget committed').slice(1, 3)).toEqual([
      plan.reduce((s, p) => s + Number(p.Cost), 0),
      'Σ Cost of projects with Status Active, or Selected and not On hold or closed',
    ]);
  });

  it('builds the charts with the right types, each reading its own block of _Dashboard data', () => {
    const { w } = withActuals();
    click(w.ana, 'Refresh dashboard');
    const charts = w.workbook.charts('Dashboard');
    const projects = records(w, 'Projects');
    const open = projects.filter((p) => OPEN(p.Status));
    expect(charts.map((c) => [c.type, c.ranges])).toEqual([
      ['BUBBLE', [`'_Dashboard data'!A1:E${open.length + 1}`]],
      ['LINE', ["'_Dashboard data'!M1:O2"]],
      ['PIE', ["'_Dashboard data'!G1:H6"]],
      ['PIE', ["'_Dashboard data'!J1:K6"]],
      ['LINE', ["'_Dashboard data'!Q1:T2"]],
    ]);
    expect(charts.every((c) => c.numHeaders === 1)).toBe(true);
    expect(w.workbook.sheetInfo('_Dashboard data').hidden).toBe(true);
    // The bubble block: ID, x = Cost, y = Score, colour = Type, size = Expected revenue.
    const data = w.workbook.sheetValues('_Dashboard data', `A1:E${open.length + 1}`);
    expect(data[0]).toEqual(['ID', 'Cost', 'Score', 'Type', 'Expected revenue']);
    const p01 = projects.find((p) => p.ID === 'P01');
    expect(data.find((r) => r[0] === 'P01')).toEqual([
      'P01',
      p01?.Cost,
      p01?.Score,
      'Campaign',
      p01?.['Expected revenue'],
    ]);
    // Sorted by score, best first.
    const scores = data.slice(1).map((r) => r[2] as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The mix block is the cost of the committed portfolio by Type.
    const mix = w.workbook.sheetValues('_Dashboard data', 'G2:H6');
    const committed = projects.filter((p) => p.Status === 'Approved' || p.Status === 'Active');
    for (const [type, cost] of mix)
      expect(cost).toBe(
        committed.filter((p) => p.Type === type).reduce((s, p) => s + Number(p.Cost), 0),
      );
  });

  it('rebuilds in place: twice gives one dashboard with the same charts, and keeps charts of the user', () => {
    const { w } = withActuals();
    click(w.ana, 'Refresh dashboard');
    const first = w.workbook.charts('Dashboard');
    const values = w.workbook.sheetValues('Dashboard');
    click(w.ana, 'Refresh dashboard');
    expect(w.workbook.sheetNames().filter((n) => n === 'Dashboard')).toHaveLength(1);
    expect(w.workbook.sheetNames().filter((n) => n === '_Dashboard data')).toHaveLength(1);
    expect(w.workbook.charts('Dashboard')).toEqual(first);
    expect(w.workbook.sheetValues('Dashboard')).toEqual(values);
    expect(w.workbook.conditionalFormats('Dashboard')).toHaveLength(3);

    // The user adds a chart of their own and deletes one of ours.
    const sheet = w
      .byHand(w.emulator.owner.email)
      .getActiveSpreadsheet()
      .getSheetByName('Dashboard');
    if (!sheet) throw new Error('no Dashboard');
    const projects = w.byHand().getActiveSpreadsheet().getSheetByName('Projects');
    if (!projects) throw new Error('no Projects');
    sheet.insertChart(
      sheet
        .newChart()
        .addRange(projects.getRange('A1:B5'))
        .asColumnChart()
        .setPosition(80, 1, 0, 0)
        .build(),
    );
    const pie = sheet.getCharts().find((c) => c.getRanges()[0]?.getA1Notation() === 'G1:H6');
    if (!pie) throw new Error('no mix chart');
    sheet.removeChart(pie);
    click(w.ana, 'Refresh dashboard');
    const after = w.workbook.charts('Dashboard');
    expect(after).toHaveLength(6);
    expect(after.filter((c) => c.ranges[0] === 'Projects!A1:B5')).toHaveLength(1);
    expect(after.filter((c) => c.ranges[0]?.startsWith("'_Dashboard data'!G1"))).toHaveLength(1);
  });

  it('heat-maps utilisation by skill and month with the same numbers as Check capacity', () => {
    const { w } = withActuals();
    click(w.ana, 'Check capacity');
    click(w.ana, 'Refresh dashboard');
    const dash = w.workbook.sheetValues('Dashboard');
    const header = dash.findIndex((r) => r[0] === 'Skill');
    const util = w.workbook.sheetValues('Utilization');
    expect(dash[header]?.slice(0, 14)).toEqual(util[1]?.slice(0, 14));
    // The heat map rows: skill, one utilisation per month, peak, peak month — as on Utilization.
    const skills = util.slice(2, 10);
    expect(skills.map((r) => r[0])).toEqual(dash.slice(header + 1, header + 9).map((r) => r[0]));
    skills.forEach((row, i) => {
      expect(dash[header + 1 + i]?.slice(0, row.length)).toEqual(row);
    });
    expect(dash[header + 9]?.[0]).toBe('');
    const rules = w.workbook.conditionalFormats('Dashboard');
    expect(
      rules.map((r) => [r.condition?.criteria, r.condition?.values[0], r.condition?.background]),
    ).toEqual([
      ['NUMBER_GREATER_THAN', 1, '#f4c7c3'],
      ['NUMBER_GREATER_THAN', 0.85, '#fce8b2'],
      ['TEXT_EQUAL_TO', 'no capacity', '#f4c7c3'],
    ]);
    const top = header + 2;
    expect(rules[0]?.ranges).toEqual([`B${top}:N${top + 7}`]);
  });

  it('can be undone: the dashboard it created is removed again', () => {
    const { w } = withActuals();
    click(w.ana, 'Refresh dashboard');
    click(w.ana, 'Undo last action');
    expect(w.workbook.sheetNames()).not.toContain('Dashboard');
    expect(w.workbook.sheetNames()).not.toContain('_Dashboard data');
  });

  it('says a sum left every project out, instead of "Settings", when its column is blank', () => {
    const { w } = withActuals();
    const committed = records(w, 'Projects').filter(
      (p) => p.Status === 'Approved' || p.Status === 'Active',
    );
    for (const p of committed) setProject(w, String(p.ID), 'Expected revenue', '');
    click(w.ana, 'Refresh dashboard');
    expect(kpiRow(w, 'Expected revenue').slice(1, 4)).toEqual([
      0,
      'Σ Expected revenue of projects with Status Approved or Active',
      `0 projects, ${committed.length} left out for a blank input`,
    ]);
    expect(kpiRow(w, 'Budget available')[3]).toBe('Settings → Budget');
  });

  it('says "0 projects" for Budget committed when nothing is committed, not "Settings"', () => {
    const { w } = withActuals();
    for (const p of records(w, 'Projects'))
      if (p.Status === 'Approved' || p.Status === 'Active')
        setProject(w, String(p.ID), 'Status', 'Proposed');
    click(w.ana, 'Refresh dashboard');
    expect(kpiRow(w, 'Budget committed').slice(1, 4)).toEqual([
      0,
      'Σ Cost of projects with Status Approved or Active',
      '0 projects',
    ]);
  });

  it('does not report "0 stale" when no project has a Last update (staleness not judged)', () => {
    const w = world({ sample: true });
    clearActuals(w);
    click(w.ana, 'Refresh dashboard');
    expect(kpiRow(w, 'Stale projects')[1]).toBe('—');
    expect(lastToast(w.ana)).toMatch(/; staleness not judged \(no Last update\), 0 overdue\./);
  });

  it('undoes a refresh of an existing dashboard exactly, and then the refresh before it', () => {
    const { w } = withActuals();
    click(w.ana, 'Refresh dashboard');
    const first = JSON.stringify(w.workbook.sheetValues('Dashboard'));
    click(w.ana, 'Refresh dashboard');
    // A refresh writes some Dashboard cells twice; undo must restore them as the first left them.
    click(w.ana, 'Undo last action');
    expect(JSON.stringify(w.workbook.sheetValues('Dashboard'))).toBe(first);
    click(w.ana, 'Undo last action');
    expect(w.workbook.sheetNames()).not.toContain('Dashboard');
  });
});

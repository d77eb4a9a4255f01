import { describe, expect, it } from 'vitest';
import { ANA, click, lastAlert, lastToast, records, world } from './helpers';

describe('Set up workbook', () => {
  it('creates every sheet of the contract with headers, frozen rows, dropdowns and named ranges', () => {
    const w = world();
    click(w.ana, 'Set up workbook');
    for (const s of ['Projects', 'Criteria', 'Pairwise', 'Capacity', 'Demand', 'Settings', 'Log']) {
      expect(w.workbook.sheetNames()).toContain(s);
    }
    const header = w.workbook.sheetValues('Projects')[0] ?? [];
    expect(header.slice(0, 6)).toEqual(['ID', 'Name', 'Description', 'Type', 'Owner', 'Status']);
    expect(header).toEqual(
      expect.arrayContaining([
        'Cost',
        'Expected revenue',
        'Confidence',
        'Depends on',
        'Excludes',
        'Force',
        'Score',
        'Rank',
        'Selected',
        'Flags',
      ]),
    );
    expect(w.workbook.sheetInfo('Projects').frozenRows).toBe(1);
    const status = w.workbook.cell('Projects', 'F2').validation;
    expect(status?.criteria).toBe('VALUE_IN_LIST');
    expect(status?.values[0]).toEqual(
      expect.arrayContaining(['Proposed', 'Approved', 'Active', 'Done']),
    );
    expect(w.workbook.cell('Projects', 'D5').validation?.values[0]).toEqual(
      expect.arrayContaining(['Campaign', 'Partnership']),
    );
    expect(Object.keys(w.workbook.namedRanges())).toContain('PP_Projects_ID');
    const settings = records(w, 'Settings').map((r) => r.Setting);
    expect(settings).toEqual(
      expect.arrayContaining(['Weights from', 'Budget', 'Objective', 'Board members']),
    );
    expect(lastToast(w.ana)).toMatch(/^Set up: created Projects/);
  });

  it('is idempotent: a second run adds nothing and changes nothing', () => {
    const w = world();
    click(w.ana, 'Set up workbook');
    const before = w.workbook
      .sheetNames()
      .map((n) => [n, JSON.stringify(w.workbook.sheetValues(n))]);
    click(w.ana, 'Set up workbook');
    expect(lastToast(w.ana)).toBe('The workbook was already set up: nothing to add.');
    const after = w.workbook
      .sheetNames()
      .map((n) => [n, JSON.stringify(w.workbook.sheetValues(n))]);
    expect(after.filter(([n]) => n !== 'Log' && n !== '_Undo')).toEqual(
      before.filter(([n]) => n !== 'Log' && n !== '_Undo'),
    );
  });

  it("adds only the missing columns to a user's own Projects sheet and keeps their data and order", () => {
    const w2 = world();
    const ss = w2.workbook;
    w2.ana.run('menuSetup');
    ss.setValues('Projects', 'A1:D3', [
      ['Budget', 'project id', 'My notes', 'TITLE'],
      [1000, 'X1', 'keep me', 'First'],
      [2000, 'X2', 'me too', 'Second'],
    ]);
    // Blank the rest of the header: the user's sheet has just these four columns, "Budget" and
    // "project id" being accepted aliases of Cost and ID.
    const width = (ss.sheetValues('Projects')[0] ?? []).length;
    ss.setValues('Projects', `E1:${String.fromCharCode(64 + Math.min(width, 26))}1`, [
      new Array<string>(Math.min(width, 26) - 4).fill(''),
    ]);
    click(w2.ana, 'Set up workbook');
    const header = ss.sheetValues('Projects')[0] ?? [];
    expect(header.slice(0, 4)).toEqual(['Budget', 'project id', 'My notes', 'TITLE']);
    expect(header).toContain('Status');
    expect(header).not.toContain('ID');
    expect(header).not.toContain('Cost');
    expect(ss.sheetValues('Projects')[1]?.slice(0, 4)).toEqual([1000, 'X1', 'keep me', 'First']);
  });
});

describe('Load sample portfolio', () => {
  it('loads about 40 projects, 6 criteria, a pairwise matrix, 8 skills × 12 months and demand', () => {
    const w = world({ sample: true });
    const projects = records(w, 'Projects');
    expect(projects.length).toBeGreaterThanOrEqual(40);
    expect(new Set(projects.map((p) => p.Type))).toEqual(
      new Set([
        'Campaign',
        'Lead generation',
        'Sales process',
        'Enablement',
        'Tooling',
        'Partnership',
      ]),
    );
    expect(projects.some((p) => p['Depends on'] !== '')).toBe(true);
    expect(projects.some((p) => p.Excludes !== '')).toBe(true);
    expect(projects[0]?.Start).toBeInstanceOf(Date);
    expect(records(w, 'Criteria')).toHaveLength(6);
    expect(w.workbook.sheetValues('Pairwise')).toHaveLength(7);
    const capacity = w.workbook.sheetValues('Capacity');
    expect(capacity).toHaveLength(9);
    expect(capacity[0]).toHaveLength(13);
    expect(records(w, 'Demand').length).toBeGreaterThan(100);
    const header = w.workbook.sheetValues('Projects')[0] ?? [];
    expect(header.indexOf('Strategic fit')).toBe(header.indexOf('Confidence') + 1);
  });

  it('asks before replacing a Projects sheet that has data, and keeps it on No', () => {
    const w = world({ sample: true });
    w.workbook.setValues('Projects', 'B2', [['My renamed project']]);
    w.ana.answerAlert('NO');
    w.ana.clickMenu('Portfolio Pilot', 'Load sample portfolio');
    expect(lastAlert(w.ana)?.prompt).toMatch(/already has data\. Replace/);
    expect(w.workbook.sheetValues('Projects', 'B2')).toEqual([['My renamed project']]);
    w.ana.answerAlert('YES');
    w.ana.clickMenu('Portfolio Pilot', 'Load sample portfolio');
    expect(w.workbook.sheetValues('Projects', 'B2')).toEqual([['Q1 enterprise ABM campaign']]);
  });

  it('logs every action with time, user and what changed', () => {
    const w = world({ sample: true });
    const log = records(w, 'Log');
    expect(log.map((r) => r.Action)).toEqual(['Set up workbook', 'Load sample portfolio']);
    expect(log[1]?.User).toBe(ANA);
    expect(log[1]?.Time).toBeInstanceOf(Date);
    expect(String(log[1]?.['What changed'])).toMatch(/42 projects/);
  });
});

describe('where the user is', () => {
  it('stays on the sheet the user was on, even when an action creates sheets', () => {
    const w = world({ sample: true });
    w.byHand(ANA).getActiveSpreadsheet().getSheetByName('Criteria')?.activate();
    click(w.ana, 'Check capacity');
    expect(w.workbook.sheetNames()).toContain('Utilization');
    expect(w.workbook.selection(ANA).sheet).toBe('Criteria');
  });
});

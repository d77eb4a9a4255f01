import { describe, expect, it } from 'vitest';
import { click, columnOf, lastAlert, lastToast, records, world } from './helpers';

const CRITERIA = [
  'Strategic fit',
  'Revenue impact',
  'Customer reach',
  'Time to value (months)',
  'Delivery risk',
  'Effort (person-weeks)',
];

describe('Score & rank', () => {
  it('writes the same scores as the PRIORITY formula, ranks open projects and flags gaps', () => {
    const w = world({ sample: true });
    click(w.ana, 'Score & rank');
    const projects = records(w, 'Projects');
    const criteria = records(w, 'Criteria');
    const values = projects.map((p) => CRITERIA.map((c) => p[c] as number));
    const expected = w.ana.customFunction(
      'PRIORITY',
      values,
      [criteria.map((c) => c.Weight)],
      [criteria.map((c) => c.Direction)],
      [criteria.map((c) => c['Scale min'])],
      [criteria.map((c) => c['Scale max'])],
    ) as number[][];
    projects.forEach((p, i) => expect(p.Score).toBeCloseTo(expected[i]?.[0] ?? NaN, 2));
    const ranks = w.ana.customFunction(
      'PPM_RANK',
      projects.map((p) => [p.Status === 'Done' ? '' : p.Score]),
    ) as unknown[][];
    projects.forEach((p, i) => expect(p.Rank).toBe(ranks[i]?.[0]));
    const done = projects.find((p) => p.Status === 'Done');
    expect(done?.Rank).toBe('');
    expect(typeof done?.Score).toBe('number');
    expect(projects.filter((p) => p.Rank === 1).map((p) => p.ID)).toEqual(['P01', 'P19']);
    expect(lastToast(w.ana)).toMatch(/^Scored 42 projects, ranked 41\. Top: P01/);
  });

  it('shows scores to the digits that rank them: projects ranked apart never show the same Score', () => {
    const w = world({ sample: true });
    click(w.ana, 'Score & rank');
    const [header = [], ...rows] = w.workbook.sheetDisplayValues('Projects');
    const score = header.indexOf('Score');
    const rank = header.indexOf('Rank');
    const shown = new Map<string, Set<string>>();
    for (const r of rows.filter((x) => x[rank] !== ''))
      shown.set(r[score] ?? '', (shown.get(r[score] ?? '') ?? new Set()).add(r[rank] ?? ''));
    // The sample has 66.23, 66.23 (both 12th) and 66.20 (14th): at one decimal all read 66.2.
    expect(shown.get('66.23')).toEqual(new Set(['12']));
    expect(shown.get('66.20')).toEqual(new Set(['14']));
    expect([...shown].filter(([, ranks]) => ranks.size > 1)).toEqual([]);
  });

  it('takes the weights from the Pairwise sheet by AHP when chosen, and reports the consistency ratio', () => {
    const w = world({ sample: true });
    const settings = records(w, 'Settings');
    const row = settings.findIndex((s) => s.Setting === 'Weights from') + 2;
    w.workbook.setValues('Settings', `B${row}`, [['Pairwise (AHP)']]);
    click(w.ana, 'Score & rank');
    const ahp = w.ana.customFunction(
      'AHP_WEIGHTS',
      w.workbook.sheetValues('Pairwise', 'B2:G7'),
    ) as number[][];
    const written = records(w, 'Criteria').map((c) => c['AHP weight'] as number);
    written.forEach((x, i) => expect(x).toBeCloseTo(ahp[i]?.[0] ?? NaN, 9));
    expect(lastToast(w.ana)).toMatch(/AHP CR 0\.0\d\d\./);
  });

  it('warns above a consistency ratio of 0.1 and names the judgement to fix', () => {
    const w = world({ sample: true });
    const row = records(w, 'Settings').findIndex((s) => s.Setting === 'Weights from') + 2;
    w.workbook.setValues('Settings', `B${row}`, [['Pairwise (AHP)']]);
    w.workbook.setValues('Pairwise', 'G2', [[1 / 9]]); // Strategic fit far below Effort: inconsistent
    w.ana.answerAlert('OK');
    click(w.ana, 'Score & rank');
    const alert = lastAlert(w.ana)?.prompt ?? '';
    expect(alert).toMatch(/consistency ratio 0\.\d+ — above 0\.1/);
    expect(alert).toMatch(
      /Most inconsistent judgement: Strategic fit vs Effort is 1\/9; \d would bring the ratio to 0\.0\d\d/,
    );
  });

  it('flags invalid and missing inputs in the Flags column, naming them', () => {
    const w = world({ sample: true });
    const cost = columnOf(w, 'Projects', 'Cost');
    const fit = columnOf(w, 'Projects', 'Strategic fit');
    w.workbook.setValues('Projects', `${cost}3`, [['lots']]);
    w.workbook.setValues('Projects', `${fit}4`, [['']]);
    click(w.ana, 'Score & rank');
    const p = records(w, 'Projects');
    expect(p[1]?.Flags).toBe('Cost is not a number');
    expect(p[2]?.Flags).toBe('missing Strategic fit (counts as worst)');
    expect(lastToast(w.ana)).toMatch(/2 flagged/);
    // The alert names each problem's sheet, row, column, value and fix, not only "see Flags".
    expect(lastAlert(w.ana)?.prompt).toContain(
      `Projects, row 3, Cost (column ${cost}): "lots" is not a number. Type a number such as 12000.`,
    );
  });

  it('says clearly what is wrong when the workbook is not set up or a header is broken', () => {
    const w = world();
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Score & rank');
    expect(lastAlert(w.ana)?.prompt).toMatch(
      /There is no "Criteria" sheet\. Run Extensions → Portfolio Pilot → Set up workbook/,
    );

    const v = world({ sample: true });
    v.workbook.setValues('Projects', 'A1', [['Identifier']]);
    v.ana.answerAlert('OK');
    v.ana.clickMenu('Portfolio Pilot', 'Score & rank');
    expect(lastAlert(v.ana)?.prompt).toMatch(
      /Projects has no "ID" column\. Add a column headed "ID" \(or "Project ID", "Key"\)/,
    );

    v.workbook.setValues('Projects', 'A1:B1', [['ID', 'ID']]);
    v.ana.answerAlert('OK');
    v.ana.clickMenu('Portfolio Pilot', 'Score & rank');
    expect(lastAlert(v.ana)?.prompt).toMatch(/Projects has two "ID" columns \(A and B\)/);
  });

  it('names the cell, with its column letter, of an unknown dependency and a duplicate ID', () => {
    const w = world({ sample: true });
    const deps = columnOf(w, 'Projects', 'Depends on');
    const id = columnOf(w, 'Projects', 'ID');
    w.workbook.setValues('Projects', `${deps}7`, [['P99']]);
    w.workbook.setValues('Projects', `${id}9`, [['P01']]);
    click(w.ana, 'Score & rank');
    const alert = lastAlert(w.ana)?.prompt ?? '';
    expect(alert).toContain(
      `Projects, row 7, Depends on (column ${deps}): "P99" is not the ID of any project. Fix the ID or remove it.`,
    );
    expect(alert).toContain(
      `Projects, row 9, ID (column ${id}): "P01" is used by rows 2 and 9. IDs must be unique: give each project its own ID.`,
    );
  });

  it('says when merged header cells hide a required column', () => {
    const w = world({ sample: true });
    mergeViaScript(w, 'A1:B1');
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Score & rank');
    expect(lastAlert(w.ana)?.prompt).toMatch(
      /Projects has no "Name" column\. Row 1 has merged cells \(A1:B1\), which hide the headers under them: unmerge them/,
    );
  });

  it('undoes exactly, and a failure part-way (merged cells) rolls every write back', () => {
    const w = world({ sample: true });
    const before = JSON.stringify(w.workbook.sheetValues('Projects'));
    click(w.ana, 'Score & rank');
    expect(JSON.stringify(w.workbook.sheetValues('Projects'))).not.toBe(before);
    click(w.ana, 'Undo last action');
    expect(JSON.stringify(w.workbook.sheetValues('Projects'))).toBe(before);

    click(w.ana, 'Score & rank');
    // New weights would change Score and Rank, which are written before Flags …
    w.workbook.setValues('Criteria', 'C2', [[5]]);
    // … and Flags has merged cells, so the action fails after writing Score and Rank.
    const flags = columnOf(w, 'Projects', 'Flags');
    mergeViaScript(w, `${flags}5:${flags}6`);
    const merged = JSON.stringify(w.workbook.sheetValues('Projects'));
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Score & rank');
    expect(lastAlert(w.ana)?.prompt).toMatch(
      new RegExp(`Projects has merged cells in ${flags}5:${flags}6.*Unmerge them`),
    );
    expect(JSON.stringify(w.workbook.sheetValues('Projects'))).toBe(merged);
  });
});

function mergeViaScript(w: ReturnType<typeof world>, a1: string): void {
  w.byHand().getActiveSpreadsheet().getSheetByName('Projects')?.getRange(a1).merge();
}

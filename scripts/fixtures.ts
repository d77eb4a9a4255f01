/** Workbook fixtures shared by the tests and the benchmarks. */
import type { Harness } from '../emulator';

/**
 * Grows the sample to `n` projects (and their demand) by repeating its rows under new IDs, for
 * scale tests. Dependencies and exclusions are dropped (they would point at the wrong copies).
 * Copies after the first round are proposals (a copy of an Active project is not running work,
 * and no copy is forced), and Capacity and the Budget grow with the portfolio, so the plan stays
 * as tight as the sample's.
 */
export function growPortfolio(w: Harness, n: number): void {
  const [header = [], ...rows] = w.workbook.sheetValues('Projects');
  const id = header.indexOf('ID');
  const dep = header.indexOf('Depends on');
  const exc = header.indexOf('Excludes');
  const status = header.indexOf('Status');
  const force = header.indexOf('Force');
  const out: unknown[][] = [];
  const idOf: string[] = [];
  for (let i = 0; i < n; i++) {
    const src = rows[i % rows.length] ?? [];
    const r = src.slice();
    r[id] = `Q${String(i + 1).padStart(6, '0')}`;
    r[dep] = '';
    r[exc] = '';
    if (i >= rows.length) {
      if (r[status] === 'Active' || r[status] === 'Approved') r[status] = 'Proposed';
      r[force] = '';
    }
    out.push(r);
    idOf.push(String(src[id]));
  }
  const sheet = w.byHand().getActiveSpreadsheet().getSheetByName('Projects');
  if (!sheet) throw new Error('no Projects');
  if (sheet.getMaxRows() < n + 1)
    sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  sheet.getRange(2, 1, rows.length, header.length).clearContent();
  sheet.getRange(2, 1, n, header.length).setValues(out);

  const [dHeader = [], ...dRows] = w.workbook.sheetValues('Demand');
  const bySource = new Map<string, unknown[][]>();
  for (const r of dRows) {
    const list = bySource.get(String(r[0])) ?? [];
    list.push(r);
    bySource.set(String(r[0]), list);
  }
  const dOut: unknown[][] = [];
  out.forEach((r, i) => {
    for (const d of bySource.get(idOf[i] ?? '') ?? []) dOut.push([r[id], ...d.slice(1)]);
  });
  const demand = w.byHand().getActiveSpreadsheet().getSheetByName('Demand');
  if (!demand) throw new Error('no Demand');
  if (demand.getMaxRows() < dOut.length + 1)
    demand.insertRowsAfter(demand.getMaxRows(), dOut.length + 1 - demand.getMaxRows());
  demand.getRange(2, 1, dRows.length, dHeader.length).clearContent();
  demand.getRange(2, 1, dOut.length, dHeader.length).setValues(dOut);
  scaleCapacityAndBudget(w, n / rows.length);
}

/** Multiplies every Capacity hour and the Settings budget by `factor`. */
function scaleCapacityAndBudget(w: Harness, factor: number): void {
  const ss = w.byHand().getActiveSpreadsheet();
  const [cHeader = [], ...cRows] = w.workbook.sheetValues('Capacity');
  const scaled = cRows.map((r) =>
    r.map((v, j) => (j > 0 && typeof v === 'number' ? Math.round(v * factor) : v)),
  );
  if (scaled.length)
    ss.getSheetByName('Capacity')?.getRange(2, 1, scaled.length, cHeader.length).setValues(scaled);
  const settings = w.workbook.sheetValues('Settings');
  const row = settings.findIndex((r) => r[0] === 'Budget');
  const budget = settings[row]?.[1];
  if (row > 0 && typeof budget === 'number')
    ss.getSheetByName('Settings')
      ?.getRange(row + 1, 2)
      .setValue(Math.round(budget * factor));
}

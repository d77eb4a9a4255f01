/** Workbook fixtures shared by the tests and the benchmarks. */
import type { Harness } from '../emulator';

/**
 * Grows the sample to `n` projects (and their demand) by repeating its rows under new IDs, for
 * scale tests. Dependencies and exclusions are dropped (they would point at the wrong copies).
 */
export function growPortfolio(w: Harness, n: number): void {
  const [header = [], ...rows] = w.workbook.sheetValues('Projects');
  const id = header.indexOf('ID');
  const dep = header.indexOf('Depends on');
  const exc = header.indexOf('Excludes');
  const out: unknown[][] = [];
  const idOf: string[] = [];
  for (let i = 0; i < n; i++) {
    const src = rows[i % rows.length] ?? [];
    const r = src.slice();
    r[id] = `Q${String(i + 1).padStart(6, '0')}`;
    r[dep] = '';
    r[exc] = '';
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
}

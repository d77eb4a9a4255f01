/**
 * Sheets the add-on owns entirely (Utilization, Overlaps, Frontier, Review …): rebuilt in place by
 * their action with one setValues over the whole used area, so a rebuild never duplicates and undo
 * restores the previous content. Users read them; their own notes belong elsewhere.
 */
import type { ActionContext } from './action';
import type { CellValue } from './cell-parsers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Writes `rows` (ragged rows are padded) from A1, blanking whatever the previous build left
 * beyond them, and clears the old formats of that area. Creates the sheet when missing.
 */
export function writeOwnedSheet(
  ctx: ActionContext,
  name: string,
  rows: readonly (readonly CellValue[])[],
): Sheet {
  const existing = ctx.ss.getSheetByName(name);
  const sheet = existing ?? ctx.tx.insertSheet(name);
  const width = Math.max(1, ...rows.map((r) => r.length));
  const oldRows = existing ? sheet.getLastRow() : 0;
  const oldCols = existing ? sheet.getLastColumn() : 0;
  const numRows = Math.max(rows.length, oldRows);
  const numCols = Math.max(width, oldCols);
  const block = Array.from({ length: numRows }, (_, i) =>
    Array.from({ length: numCols }, (_, j) => literal(rows[i]?.[j] ?? '')),
  );
  if (existing && oldRows > 0 && oldCols > 0) {
    sheet.getRange(1, 1, oldRows, oldCols).clearFormat();
    sheet.getRange(1, 1, oldRows, oldCols).breakApart();
  }
  ctx.tx.write(sheet, 1, 1, block);
  return sheet;
}

/**
 * Sheets reads written text as typed input: "2027-03" becomes a date, "007" a number, "TRUE" a
 * boolean. Text that could be read so is written with a leading apostrophe, which keeps it text
 * (as when typing it); other values pass unchanged.
 */
export function literal(v: CellValue): CellValue {
  if (typeof v !== 'string' || v === '') return v;
  return /^\s*[-+=.$€£¥(0-9]|^\s*(true|false)\s*$/i.test(v) ? `'${v}` : v;
}

/**
 * Sets the widths (pixels) of the first columns of an owned sheet, one call per column, so its
 * cells read whole ("Account executives", not "Account ex") in Sheets and in a saved .xlsx.
 */
export function setColumnWidths(sheet: Sheet, widths: readonly number[]): void {
  widths.forEach((w, i) => sheet.setColumnWidth(i + 1, w));
}

/**
 * Tables the add-on owns and grows (History, Decisions, _Capacity history): created with their
 * headers when missing, read by header like any table (so a column the user moved still works),
 * and written as one block from a given row to the end — appending, or replacing the rows of
 * today's snapshot — with one setValues whatever the number of rows.
 */
import type { ActionContext } from './action';
import type { CellValue } from './cell-parsers';
import { NUMBER_FORMATS, type SheetSpec } from './schema';
import { literal } from './owned-sheet';
import { adjacentRuns, placeColumns, type Table } from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The sheet of `spec`, created with its header row (frozen, bold, hidden when the spec says so). */
export function ownedTableSheet(ctx: ActionContext, spec: SheetSpec): Sheet {
  return ownedTableSheetOf(ctx, spec).sheet;
}

/**
 * ownedTableSheet, and the former name the sheet was found under and renamed from (an older
 * workbook's "History" becomes "Snapshots"), null when it had its name or was created.
 */
export function ownedTableSheetOf(
  ctx: ActionContext,
  spec: SheetSpec,
): { sheet: Sheet; renamedFrom: string | null } {
  for (const name of [spec.name, ...(spec.formerNames ?? [])]) {
    const existing = ctx.ss.getSheetByName(name);
    if (!existing) continue;
    if (name === spec.name) return { sheet: existing, renamedFrom: null };
    existing.setName(spec.name);
    return { sheet: existing, renamedFrom: name };
  }
  return { sheet: createOwnedTableSheet(ctx, spec), renamedFrom: null };
}

function createOwnedTableSheet(ctx: ActionContext, spec: SheetSpec): Sheet {
  const sheet = ctx.tx.insertSheet(spec.name);
  ctx.tx.write(sheet, 1, 1, [spec.columns.map((c) => c.header)]);
  sheet.getRange(1, 1, 1, spec.columns.length).setFontWeight('bold').setBackground('#e8f0fe');
  sheet.setFrozenRows(1);
  spec.columns.forEach((c, i) => {
    if (c.width) sheet.setColumnWidth(i + 1, c.width);
  });
  if (spec.tabColor) sheet.setTabColor(spec.tabColor);
  if (spec.hidden) sheet.hideSheet();
  return sheet;
}

/** The sheet of `spec` by its name, else by a former name (History for Snapshots); null if none. */
export function findOwnedSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: SheetSpec,
): Sheet | null {
  for (const name of [spec.name, ...(spec.formerNames ?? [])]) {
    const sheet = ss.getSheetByName(name);
    if (sheet) return sheet;
  }
  return null;
}

/**
 * A row to write: values by column key (keys the spec does not know are ignored), or a row read
 * from the sheet, written back as it was.
 */
export type KeyedRow =
  Readonly<Record<string, CellValue | null | undefined>> | readonly CellValue[];

/**
 * Writes `rows` into the table from data row `from` (0-based: sheet row from + 2) to the end, and
 * blanks the rows the table had beyond them. Each value goes to its column by header; columns
 * the sheet lacks are added at the right end with their header. Text that Sheets would read as a
 * date, number or boolean is kept text (see literal). Number formats follow the column kinds.
 * One setValues for the block, one for new headers, and one setNumberFormat per run of adjacent
 * columns sharing a format: a fixed number of calls whatever the number of rows.
 */
export function writeOwnedRows(
  ctx: ActionContext,
  table: Table,
  from: number,
  rows: readonly KeyedRow[],
): void {
  const keys = table.spec.columns.map((c) => c.key);
  const at = placeColumns(table, keys);
  const width = Math.max(table.width, ...[...at.values()].map((c) => c + 1));
  const added = keys.filter((k) => (at.get(k) as number) >= table.width);
  if (added.length) {
    const first = Math.min(...added.map((k) => at.get(k) as number));
    const header: CellValue[] = new Array<CellValue>(width - first).fill('');
    for (const k of added)
      header[(at.get(k) as number) - first] =
        table.spec.columns.find((c) => c.key === k)?.header ?? k;
    ctx.tx.write(table.sheet, 1, first + 1, [header]);
  }
  const oldCount = table.rows.length;
  const count = Math.max(rows.length + from, oldCount) - from;
  if (count <= 0) return;
  // Dates and numbers are written as values (ISO date text is read as a date); text columns keep
  // text that looks like a number or date as text.
  const textual = new Set(
    table.spec.columns.filter((c) => c.kind === 'text' || c.kind === 'id').map((c) => c.key),
  );
  const block: CellValue[][] = [];
  const before: CellValue[][] = [];
  const beforeFormulas: string[][] = [];
  for (let i = 0; i < count; i++) {
    const old = table.rows[from + i];
    const oldF = table.formulas[from + i];
    const line: CellValue[] = Array.from({ length: width }, (_, j) => old?.[j] ?? '');
    before.push(line.slice());
    beforeFormulas.push(Array.from({ length: width }, (_, j) => oldF?.[j] ?? ''));
    const r = rows[i];
    if (Array.isArray(r)) {
      block.push(line.map((_, j) => (r as readonly CellValue[])[j] ?? ''));
      continue;
    }
    for (const k of keys) {
      const col = at.get(k) as number;
      const v = (r as Readonly<Record<string, CellValue | null | undefined>> | undefined)?.[k];
      line[col] = v === null || v === undefined ? '' : textual.has(k) ? literal(v) : v;
    }
    // Rows beyond the new ones are blanked entirely (the table shrank, e.g. duplicates dropped).
    if (!r) line.fill('');
    block.push(line);
  }
  ctx.tx.write(table.sheet, from + 2, 1, block, { values: before, formulas: beforeFormulas });
  // One setNumberFormat per run of adjacent columns sharing a format (a fixed number of calls).
  const formatAt = new Map<number, string>();
  for (const c of table.spec.columns) {
    const f = c.numberFormat ?? NUMBER_FORMATS[c.kind];
    if (f && !textual.has(c.key)) formatAt.set(at.get(c.key) as number, f);
  }
  for (const run of adjacentRuns([...formatAt.keys()])) {
    let start = 0;
    for (let i = 1; i <= run.length; i++) {
      const a = run[start] as number;
      const b = run[i];
      if (b !== undefined && formatAt.get(b) === formatAt.get(a)) continue;
      table.sheet
        .getRange(from + 2, a + 1, count, i - start)
        .setNumberFormat(formatAt.get(a) as string);
      start = i;
    }
  }
}

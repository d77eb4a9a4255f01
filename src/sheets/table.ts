/**
 * Tables read by header: one getDataRange + getValues + getFormulas per table, whatever its size.
 * Columns are found by header text (case- and space-insensitive, with aliases), in any order;
 * columns the add-on does not know are kept as they are.
 */
import { isDate } from '../functions/cells';
import type { CellValue } from './cell-parsers';
import { columnLetter, headerKey } from './headers';
import { SheetError } from './problems';
import type { ColumnSpec, SheetSpec } from './schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface Table {
  readonly spec: SheetSpec;
  readonly sheet: Sheet;
  readonly name: string;
  /** Raw header row, as read. */
  readonly headers: readonly CellValue[];
  /** Number of columns read (the sheet's last column with content). */
  readonly width: number;
  /** Known column key → 0-based column index. */
  readonly index: ReadonlyMap<string, number>;
  /** Every header's key (headerKey) → 0-based column index, for columns named elsewhere (criteria). */
  readonly byHeader: ReadonlyMap<string, number>;
  /** Data rows: rows[i] is sheet row i + 2, padded to `width`. */
  readonly rows: readonly CellValue[][];
  /** Formulas of the same cells ('' where none). */
  readonly formulas: readonly string[][];
  /** Period columns ("YYYY-MM" headers) for Capacity and Demand, in sheet order. */
  readonly periods: readonly { readonly period: string; readonly col: number }[];
}

const PERIOD_TEXT = /^(\d{4})-(\d{2})$/;

/** Reads a period header: text "2027-03", or a date Sheets made of it (in the spreadsheet's zone). */
export function periodOf(header: CellValue, dateKey: (d: Date) => string): string | undefined {
  if (isDate(header)) return dateKey(header).slice(0, 7);
  if (typeof header !== 'string') return undefined;
  const m = PERIOD_TEXT.exec(header.trim());
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? header.trim() : undefined;
}

export interface ReadOptions {
  /** Converts cell Dates to "YYYY-MM-DD" in the spreadsheet's time zone. */
  readonly dateKey: (d: Date) => string;
}

/** A clear error for a missing sheet. */
export function missingSheet(spec: Pick<SheetSpec, 'name'>): SheetError {
  return new SheetError(
    `There is no "${spec.name}" sheet. Run Extensions → Portfolio Pilot → Set up workbook to create it (your other sheets are kept), or rename your sheet to "${spec.name}".`,
  );
}

/**
 * Reads a table. Fails with a message naming the sheet and column when a required column is
 * missing (saying so when merged header cells may hide it) or a known column appears twice.
 */
export function readTable(sheet: Sheet, spec: SheetSpec, opts: ReadOptions): Table {
  const range = sheet.getDataRange();
  const values = range.getValues() as CellValue[][];
  const formulas = range.getFormulas();
  const width = values[0]?.length ?? 0;
  const headers = values[0] ?? [];
  const index = new Map<string, number>();
  const byHeader = new Map<string, number>();
  const periods: { period: string; col: number }[] = [];
  const keyOf = headerIndex(spec);

  headers.forEach((h, col) => {
    const hk = headerKey(h);
    if (hk === '') return;
    if (!byHeader.has(hk)) byHeader.set(hk, col);
    const spec0 = keyOf.get(hk);
    if (spec0) {
      const prev = index.get(spec0.key);
      if (prev !== undefined) {
        throw new SheetError(
          `${spec.name} has two "${spec0.header}" columns (${columnLetter(prev + 1)} and ${columnLetter(col + 1)}). Rename or delete one so Portfolio Pilot knows which to use.`,
        );
      }
      index.set(spec0.key, col);
      return;
    }
    if (spec.periodColumns) {
      const period = periodOf(h, opts.dateKey);
      if (period) periods.push({ period, col });
    }
  });

  for (const c of spec.columns) {
    if (c.required && !index.has(c.key)) {
      const also = c.aliases?.length ? ` (or ${c.aliases.map((x) => `"${x}"`).join(', ')})` : '';
      throw new SheetError(
        `${spec.name} has no "${c.header}" column.${mergedHeaders(sheet, width)} Add a column headed "${c.header}"${also} in row 1, or run Set up workbook to add the missing columns.`,
      );
    }
  }
  const seenPeriods = new Map<string, number>();
  for (const p of periods) {
    const prev = seenPeriods.get(p.period);
    if (prev !== undefined) {
      throw new SheetError(
        `${spec.name} has the period ${p.period} twice (columns ${columnLetter(prev + 1)} and ${columnLetter(p.col + 1)}). Keep one column per month.`,
      );
    }
    seenPeriods.set(p.period, p.col);
  }
  const rows = values.slice(1);
  return {
    spec,
    sheet,
    name: spec.name,
    headers,
    width,
    index,
    byHeader,
    rows,
    formulas: formulas.slice(1),
    periods,
  };
}

/** On the error path only (one more call): merged cells in row 1 hide the headers under them. */
function mergedHeaders(sheet: Sheet, width: number): string {
  if (width === 0) return '';
  const merged = sheet
    .getRange(1, 1, 1, width)
    .getMergedRanges()
    .map((r) => r.getA1Notation());
  return merged.length
    ? ` Row 1 has merged cells (${merged.join(', ')}), which hide the headers under them: unmerge them (Format → Merge cells → Unmerge) and give each column its own header.`
    : '';
}

/** Header lookup for a spec: every header and alias, by headerKey. */
function headerIndex(spec: SheetSpec): Map<string, ColumnSpec> {
  const m = new Map<string, ColumnSpec>();
  for (const c of spec.columns) {
    for (const h of [c.header, ...(c.aliases ?? [])]) {
      if (!m.has(headerKey(h))) m.set(headerKey(h), c);
    }
  }
  return m;
}

/** True when every cell of a row is blank (such rows are skipped, not errors). */
export function isBlankRow(row: readonly CellValue[]): boolean {
  for (const v of row) if (v !== '' && !(typeof v === 'string' && v.trim() === '')) return false;
  return true;
}

/** A column block to write: consecutive columns starting at `col` (0-based), one value per data row. */
export interface ColumnWrite {
  readonly key: string;
  readonly values: readonly CellValue[];
  readonly numberFormat?: string;
}

/**
 * Where each owned column goes: existing columns keep their place; missing ones are added after
 * the last column, in the order given. Returns the 0-based column of each key.
 */
export function placeColumns(table: Table, keys: readonly string[]): Map<string, number> {
  const at = new Map<string, number>();
  let next = table.width;
  for (const key of keys) {
    const existing = table.index.get(key);
    if (existing !== undefined) at.set(key, existing);
    else at.set(key, next++);
  }
  return at;
}

/** Groups 0-based columns into runs of adjacent columns: [[3,4],[7]] for 3, 4, 7. */
export function adjacentRuns(columns: readonly number[]): number[][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === c - 1) last.push(c);
    else runs.push([c]);
  }
  return runs;
}

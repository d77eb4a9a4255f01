/**
 * A block of cells whose rows are found by key (see row-keys.ts): read where its rows are now, and
 * written back with each row on the row of its key, the rows between them kept as they are. A
 * fixed number of calls whatever the number of rows: the key column once, the span of the rows
 * once (values and formulas), one setValues.
 */
import type { CellValue } from './cell-parsers';
import { locateRows, type Located, type RowKeys } from './row-keys';
import { restoreBlock, storeBlock, type StoredCell } from './stored-cells';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export interface KeyedBlock {
  readonly loc: Located;
  /** The rows spanned now, from `top` (empty when every row is gone). */
  readonly range: Range | null;
  readonly top: number;
  /** What the spanned rows hold now (formulas where there are any). */
  readonly current: StoredCell[][];
}

/** Reads where the rows of a block (computed at sheet row `row`) are now, and what they hold. */
export function readKeyedBlock(
  sheet: Sheet,
  row: number,
  col: number,
  cols: number,
  keys: RowKeys,
  loc: Located = locateRows(sheet, row, keys),
): KeyedBlock {
  const found = loc.rows.filter((r): r is number => r !== null);
  if (found.length === 0) return { loc, range: null, top: row, current: [] };
  const top = Math.min(...found);
  const height = Math.max(...found) - top + 1;
  const range = sheet.getRange(top, col, height, cols);
  const current = storeBlock(range.getValues() as CellValue[][], range.getFormulas());
  return { loc, range, top, current };
}

/** The block's rows in key order (null for a row that is gone). */
export function arranged(kb: KeyedBlock): (StoredCell[] | null)[] {
  return kb.loc.rows.map((r) => (r === null ? null : (kb.current[r - kb.top] ?? null)));
}

/** What to write over kb.range: row i of `rows` on the row of key i, the other rows as they are. */
export function placed(kb: KeyedBlock, rows: readonly (readonly CellValue[])[]): CellValue[][] {
  const block = restoreBlock(kb.current);
  kb.loc.rows.forEach((r, i) => {
    const v = rows[i];
    if (r !== null && v) block[r - kb.top] = v.slice();
  });
  return block;
}

/**
 * A transaction records every block an action writes and what the cells held before, so that
 *   - a failure part-way restores the workbook as it was (rollback), and
 *   - "Undo last action" can restore it later (the journal, see journal.ts).
 * Every write is one setValues of a whole block: the number of service calls does not grow with
 * the number of rows.
 */
import { assertCellsFit } from './cell-text';
import type { CellValue } from './cell-parsers';
import { a1 } from './headers';
import { SheetError } from './problems';
import { blockHash, restoreBlock, storeBlock, type StoredCell } from './stored-cells';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface BlockChange {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly before: StoredCell[][];
  /** Hash of the block as the action left it (to detect later edits before an undo). */
  afterHash: string;
}

export interface TransactionRecord {
  readonly action: string;
  readonly user: string;
  readonly time: string;
  readonly changes: readonly BlockChange[];
  /** Sheets the action created: undo deletes them. */
  readonly created: readonly string[];
}

export class Transaction {
  private readonly changes: BlockChange[] = [];
  private readonly created: string[] = [];
  private readonly written: { sheet: Sheet; change: BlockChange; rows: number; cols: number }[] =
    [];

  constructor(
    readonly ss: Spreadsheet,
    readonly action: string,
    readonly user: string,
    readonly time: Date,
  ) {}

  /**
   * Writes `values` at (row, col) of `sheet`. `before` holds what the cells hold now (values and,
   * where there are any, formulas); pass them from the read the action already made, or omit to
   * read them here (one getValues + getFormulas).
   */
  write(
    sheet: Sheet,
    row: number,
    col: number,
    values: CellValue[][],
    before?: { values: CellValue[][]; formulas?: string[][] },
  ): void {
    const rows = values.length;
    const cols = values[0]?.length ?? 0;
    if (rows === 0 || cols === 0) return;
    assertCellsFit(sheet.getName(), row, col, values);
    ensureSize(sheet, row + rows - 1, col + cols - 1);
    const range = sheet.getRange(row, col, rows, cols);
    const merged = range.getMergedRanges();
    if (merged.length > 0) {
      throw new SheetError(
        `${sheet.getName()} has merged cells in ${merged.map((m) => m.getA1Notation()).join(', ')}, where Portfolio Pilot writes ${a1(row, col, rows, cols)}. Unmerge them (Format → Merge cells → Unmerge) and run the action again.`,
      );
    }
    const old = before ?? {
      values: range.getValues() as CellValue[][],
      formulas: range.getFormulas(),
    };
    const change: BlockChange = {
      sheet: sheet.getName(),
      row,
      col,
      before: storeBlock(old.values, old.formulas),
      afterHash: '',
    };
    this.changes.push(change);
    range.setValues(values);
    this.written.push({ sheet, change, rows, cols });
  }

  /** Creates a sheet; rollback and undo delete it again. */
  insertSheet(name: string, index?: number): Sheet {
    const sheet =
      index === undefined ? this.ss.insertSheet(name) : this.ss.insertSheet(name, index);
    this.created.push(name);
    return sheet;
  }

  /** Whether this transaction created the sheet (its previous content need not be kept). */
  createdSheet(name: string): boolean {
    return this.created.includes(name);
  }

  /** Restores every written block in reverse order and deletes the sheets this action created. */
  rollback(): void {
    for (let i = this.written.length - 1; i >= 0; i--) {
      const w = this.written[i];
      if (!w) continue;
      if (this.created.includes(w.change.sheet)) continue;
      w.sheet
        .getRange(w.change.row, w.change.col, w.rows, w.cols)
        .setValues(restoreBlock(w.change.before));
    }
    for (const name of [...this.created].reverse()) {
      const s = this.ss.getSheetByName(name);
      if (s) this.ss.deleteSheet(s);
    }
  }

  /** The record for the undo journal: reads each block back once to fingerprint what was left. */
  finish(): TransactionRecord {
    for (const w of this.written) {
      if (this.created.includes(w.change.sheet)) continue;
      const range = w.sheet.getRange(w.change.row, w.change.col, w.rows, w.cols);
      w.change.afterHash = blockHash(
        storeBlock(range.getValues() as CellValue[][], range.getFormulas()),
      );
    }
    return {
      action: this.action,
      user: this.user,
      time: this.time.toISOString(),
      changes: this.changes.filter((c) => !this.created.includes(c.sheet)),
      created: [...this.created],
    };
  }

  get changedCells(): number {
    return this.written.reduce((n, w) => n + w.rows * w.cols, 0);
  }
}

/** Grows the sheet when a write would fall outside it (Sheets refuses ranges past its size). */
export function ensureSize(sheet: Sheet, lastRow: number, lastCol: number): void {
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (lastCol > maxCols) sheet.insertColumnsAfter(maxCols, lastCol - maxCols);
}

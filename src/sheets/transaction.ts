/**
 * A transaction records every block an action writes and what the cells held before, so that
 *   - a failure part-way restores the workbook as it was (rollback), and
 *   - "Undo last action" can restore it later (the journal, see journal.ts).
 * Every write is one setValues of a whole block: the number of service calls does not grow with
 * the number of rows.
 *
 * People edit without the add-on's lock, so just before each write the cells it replaces are read
 * again (that read is what the journal keeps), and a write computed for rows with keys (project
 * IDs) finds those rows again by key: see write().
 */
import { assertCellsFit } from './cell-text';
import type { CellValue } from './cell-parsers';
import { a1, columnLetter } from './headers';
import { arranged, placed, readKeyedBlock, type KeyedBlock } from './keyed-block';
import { SheetError } from './problems';
import { FIRST_ROW, keyText, matchRows, type Located, type RowKeys } from './row-keys';
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
  /** For a keyed write: the key of each row of the block, so undo finds the rows again. */
  keys?: RowKeys;
}

/** What the action read in the cells it is about to write (to detect edits made meanwhile). */
export interface WriteBefore {
  readonly values: CellValue[][];
  readonly formulas?: string[][];
  /**
   * The key of each row of the block when the action read it: the rows are found again by key
   * just before writing, so each row lands on its own project even when rows moved meanwhile.
   */
  readonly key?: RowKeys;
}

export interface TransactionRecord {
  readonly action: string;
  readonly user: string;
  readonly time: string;
  readonly changes: readonly BlockChange[];
  /** Sheets the action created: undo deletes them. */
  readonly created: readonly string[];
}

interface Written {
  readonly sheet: Sheet;
  readonly change: BlockChange;
  readonly rows: number;
  readonly cols: number;
  /** What this write put there (to tell a row it overwrote by mistake, see restoreKeyed). */
  readonly values: CellValue[][];
}

/** Cells shown in a message: at most this many. */
const LISTED = 3;

export class Transaction {
  private readonly changes: BlockChange[] = [];
  private readonly created: string[] = [];
  private readonly written: Written[] = [];
  /** The key column as this transaction last read it after a write, per sheet (from FIRST_ROW). */
  private readonly keysSeen = new Map<string, { readonly top: number; readonly keys: string[] }>();
  /** What the user should know about how the writes went (rows that moved meanwhile). */
  readonly notes: string[] = [];

  constructor(
    readonly ss: Spreadsheet,
    readonly action: string,
    readonly user: string,
    readonly time: Date,
  ) {}

  /**
   * Writes `values` at (row, col) of `sheet`. Just before writing, the cells are read again (one
   * getValues + getFormulas): that read is what the journal keeps, so undo restores what the
   * write really replaced.
   *
   * `before` holds what the action read in those cells. When someone changed one of them since
   * (a person typing takes no lock), nothing is written: the action stops with a message naming
   * the cell, and everything it wrote is rolled back. With `before.key` the rows are found again
   * by key first: rows inserted, deleted or sorted meanwhile do not matter, each row of `values`
   * lands on the row of its key (and the user is told); when keys are blank or repeated so rows
   * cannot be told apart, the action stops. After the write the key column is read once more: a
   * row moved during the write stops the action too (rolled back by key).
   */
  write(sheet: Sheet, row: number, col: number, values: CellValue[][], before?: WriteBefore): void {
    const rows = values.length;
    const cols = values[0]?.length ?? 0;
    if (rows === 0 || cols === 0) return;
    assertCellsFit(sheet.getName(), row, col, values);
    if (before?.key) {
      this.writeKeyed(sheet, row, col, values, before, before.key);
      return;
    }
    ensureSize(sheet, row + rows - 1, col + cols - 1);
    const range = sheet.getRange(row, col, rows, cols);
    refuseMerged(sheet, range, row, col, rows, cols);
    const now = storeBlock(range.getValues() as CellValue[][], range.getFormulas());
    if (before) {
      const typed: string[] = [];
      for (let i = 0; i < rows; i++)
        this.compare(sheet, row + i, row + i, col, before, i, now[i], typed);
      this.refuseTyped(sheet, typed);
    }
    const change: BlockChange = { sheet: sheet.getName(), row, col, before: now, afterHash: '' };
    this.changes.push(change);
    range.setValues(values);
    this.written.push({ sheet, change, rows, cols, values });
  }

  private writeKeyed(
    sheet: Sheet,
    row: number,
    col: number,
    values: CellValue[][],
    before: WriteBefore,
    key: RowKeys,
  ): void {
    const name = sheet.getName();
    const cols = values[0]?.length ?? 0;
    ensureSize(sheet, row + values.length - 1, col + cols - 1);
    const loc = this.seenInPlace(name, row, key) ?? undefined;
    const kb = readKeyedBlock(sheet, row, col, cols, key, loc);
    if (!kb.loc.inPlace && kb.loc.unmatched)
      throw new SheetError(
        `${name} changed while ${this.action} ran (${kb.loc.change}), and ${kb.loc.unmatched}, so Portfolio Pilot cannot tell which row is which. Nothing was written. Give every row its own ${keyHeader(sheet, key)} and run ${this.action} again.`,
      );
    if (!kb.range) return;
    const height = kb.current.length;
    refuseMerged(sheet, kb.range, kb.top, col, height, cols);
    const typed: string[] = [];
    kb.loc.rows.forEach((r, i) => {
      if (r !== null)
        this.compare(sheet, row + i, r, col, before, i, kb.current[r - kb.top], typed, key.ids[i]);
    });
    this.refuseTyped(sheet, typed);
    const block = placed(kb, values);
    const keysNow = kb.loc.now.slice(kb.top - FIRST_ROW, kb.top - FIRST_ROW + height);
    const change: BlockChange = {
      sheet: name,
      row: kb.top,
      col,
      before: kb.current,
      afterHash: '',
      keys: { col: key.col, ids: keysNow },
    };
    this.changes.push(change);
    kb.range.setValues(block);
    this.written.push({ sheet, change, rows: height, cols, values: block });
    // A row moved between the read above and the write would have shifted the block: check.
    const after = (sheet.getRange(kb.top, key.col, height, 1).getValues() as CellValue[][]).map(
      (r) => keyText(r[0]),
    );
    this.keysSeen.set(name, { top: kb.top, keys: after });
    if (after.some((k, i) => k !== keysNow[i]))
      throw new SheetError(
        `${name} changed while ${this.action} was writing (${matchRows(kb.top, keysNow, after).change}). Nothing was written. Run ${this.action} again.`,
      );
    if (!kb.loc.inPlace)
      this.notes.push(
        `${name} changed while ${this.action} ran (${kb.loc.change}): each result was written on the row of its ${keyHeader(sheet, key)}.`,
      );
  }

  /** Where the rows are, from this transaction's last read of the key column, when unchanged there. */
  private seenInPlace(name: string, row: number, key: RowKeys): Located | null {
    const seen = this.keysSeen.get(name);
    if (!seen || row < seen.top || row + key.ids.length > seen.top + seen.keys.length) return null;
    const off = row - seen.top;
    if (!key.ids.every((k, i) => seen.keys[off + i] === k)) return null;
    return {
      now: [...new Array<string>(seen.top - FIRST_ROW).fill(''), ...seen.keys],
      inPlace: true,
      rows: key.ids.map((_, i) => row + i),
      unmatched: null,
      change: '',
    };
  }

  /**
   * Compares row `i` of what the action read (`before`, computed at sheet row `wasRow`) with what
   * sheet row `nowRow` holds now; cells this transaction wrote itself are skipped. Differences go
   * to `typed` as "Projects!H5 (P04) now 99".
   */
  private compare(
    sheet: Sheet,
    wasRow: number,
    nowRow: number,
    col: number,
    before: WriteBefore,
    i: number,
    now: readonly StoredCell[] | undefined,
    typed: string[],
    key?: string,
  ): void {
    const was =
      storeBlock(
        [before.values[i] ?? []],
        before.formulas ? [before.formulas[i] ?? []] : undefined,
      )[0] ?? [];
    const cols = Math.max(was.length, now?.length ?? 0);
    for (let j = 0; j < cols; j++) {
      const a = was[j] ?? '';
      const b = now?.[j] ?? '';
      if (sameCell(a, b) || this.wrote(sheet.getName(), nowRow, col + j, wasRow)) continue;
      typed.push(
        `${sheet.getName()}!${columnLetter(col + j)}${String(nowRow)}${key ? ` (${key})` : ''} now ${shown(b)}`,
      );
    }
  }

  /** Whether an earlier write of this transaction covers the cell. */
  private wrote(sheet: string, row: number, col: number, wasRow: number): boolean {
    return this.written.some(
      (w) =>
        w.change.sheet === sheet &&
        col >= w.change.col &&
        col < w.change.col + w.cols &&
        [row, wasRow].some((r) => r >= w.change.row && r < w.change.row + w.rows),
    );
  }

  private refuseTyped(sheet: Sheet, typed: readonly string[]): void {
    if (typed.length === 0) return;
    const more = typed.length > LISTED ? ` and ${String(typed.length - LISTED)} more` : '';
    throw new SheetError(
      `${sheet.getName()} changed while ${this.action} ran: ${typed.slice(0, LISTED).join(', ')}${more}, where Portfolio Pilot was about to write. Nothing was written, so what was typed is kept. Run ${this.action} again when the edit is done (it replaces the values of the columns it owns; a formula there is kept).`,
    );
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

  /**
   * Restores every written block in reverse order and deletes the sheets this action created. A
   * keyed block goes back to the rows of its keys, wherever they are now.
   */
  rollback(): void {
    for (let i = this.written.length - 1; i >= 0; i--) {
      const w = this.written[i];
      if (!w) continue;
      if (this.created.includes(w.change.sheet)) continue;
      if (w.change.keys) restoreKeyed(w.sheet, w.change, w.cols, w.values);
      else
        w.sheet
          .getRange(w.change.row, w.change.col, w.rows, w.cols)
          .setValues(restoreBlock(w.change.before));
    }
    for (const name of [...this.created].reverse()) {
      const s = this.ss.getSheetByName(name);
      if (s) this.ss.deleteSheet(s);
    }
  }

  /**
   * The record for the undo journal: reads each block back once to fingerprint what was left (a
   * keyed block in key order, so undo can find its rows after a sort).
   */
  finish(): TransactionRecord {
    for (const w of this.written) {
      if (this.created.includes(w.change.sheet)) continue;
      const keys = w.change.keys;
      if (keys) {
        const loc = this.seenInPlace(w.change.sheet, w.change.row, keys) ?? undefined;
        const kb = readKeyedBlock(w.sheet, w.change.row, w.change.col, w.cols, keys, loc);
        w.change.afterHash = keyedHash(kb);
        continue;
      }
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

/** The fingerprint of a keyed block: its rows in key order (a row that is gone counts as null). */
export function keyedHash(kb: KeyedBlock): string {
  return blockHash(arranged(kb).map((r) => r ?? []));
}

/**
 * Puts a keyed block's `before` back on the rows of its keys. A row without one of the keys that
 * holds exactly what this write put at its place (a row inserted during the write, which took
 * a value meant for another row) is blanked.
 */
function restoreKeyed(
  sheet: Sheet,
  change: BlockChange,
  cols: number,
  wrote: readonly (readonly CellValue[])[],
): void {
  const keys = change.keys as RowKeys;
  const kb = readKeyedBlock(sheet, change.row, change.col, cols, keys);
  if (!kb.range) return;
  const mine = new Set(kb.loc.rows.filter((r): r is number => r !== null));
  const block = placed(kb, restoreBlock(change.before));
  const ours = storeBlock(wrote.map((r) => r.slice()));
  block.forEach((_, i) => {
    const r = kb.top + i;
    if (mine.has(r)) return;
    const w = ours[r - change.row];
    if (w && JSON.stringify(kb.current[i]) === JSON.stringify(w)) block[i] = w.map(() => '');
  });
  kb.range.setValues(block);
}

function keyHeader(sheet: Sheet, key: RowKeys): string {
  const h = sheet.getRange(1, key.col).getValue() as CellValue;
  return keyText(h) || 'key';
}

function sameCell(a: StoredCell, b: StoredCell): boolean {
  return typeof a === 'object' && typeof b === 'object' ? a.d === b.d : a === b;
}

function shown(c: StoredCell): string {
  if (c === '') return 'blank';
  const t = typeof c === 'object' ? c.d.slice(0, 10) : String(c);
  return `"${t.length > 40 ? `${t.slice(0, 40)}…` : t}"`;
}

function refuseMerged(
  sheet: Sheet,
  range: GoogleAppsScript.Spreadsheet.Range,
  row: number,
  col: number,
  rows: number,
  cols: number,
): void {
  const merged = range.getMergedRanges();
  if (merged.length > 0) {
    throw new SheetError(
      `${sheet.getName()} has merged cells in ${merged.map((m) => m.getA1Notation()).join(', ')}, where Portfolio Pilot writes ${a1(row, col, rows, cols)}. Unmerge them (Format → Merge cells → Unmerge) and run the action again.`,
    );
  }
}

/** Grows the sheet when a write would fall outside it (Sheets refuses ranges past its size). */
export function ensureSize(sheet: Sheet, lastRow: number, lastCol: number): void {
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (lastCol > maxCols) sheet.insertColumnsAfter(maxCols, lastCol - maxCols);
}

/**
 * The History sheet: one row per project per snapshot day. Reading parses every row once (zod);
 * storing today's snapshot rewrites only the block from today's first row (or the end) onward,
 * so earlier days are never touched and a second snapshot the same day replaces, not duplicates
 * (core/snapshot.ts mergeSnapshot).
 */
import { mergeSnapshot, snapshotSchema, type Snapshot } from '../core/snapshot';
import type { ActionContext } from './action';
import { cellSchema, parseCell, type CellSchema, type CellValue } from './cell-parsers';
import { ownedTableSheetOf, writeOwnedRows, type KeyedRow } from './owned-table';
import type { Problem } from './problems';
import { HISTORY } from './schema';
import { compaction, historyRowLimit, type Compaction } from './history-bound';
import { ensureSize } from './transaction';
import { isBlankRow, readTable, type ReadOptions, type Table } from './table';

export interface HistoryRead {
  readonly table: Table;
  /** parsed[i]: data row i as a Snapshot; null for a blank row or one that could not be read. */
  readonly parsed: readonly (Snapshot | null)[];
  readonly problems: readonly Problem[];
}

/** Parses the History rows; a row that cannot be read is a problem and null, never a crash. */
export function parseHistory(table: Table, opts: ReadOptions): HistoryRead {
  const fields: { key: string; col: number; schema: CellSchema }[] = [];
  for (const spec of HISTORY.columns) {
    const col = table.index.get(spec.key);
    if (col !== undefined)
      fields.push({ key: spec.key, col, schema: cellSchema(spec, opts.dateKey) });
  }
  const problems: Problem[] = [];
  const parsed = table.rows.map((row, i): Snapshot | null => {
    if (isBlankRow(row)) return null;
    const out: Record<string, unknown> = {};
    for (const spec of HISTORY.columns) out[spec.key] = spec.kind === 'text' ? '' : null;
    for (const f of fields) {
      const r = parseCell(f.schema, row[f.col] as CellValue);
      if (!r.ok) {
        problems.push({
          sheet: HISTORY.name,
          row: i + 2,
          column: String(table.headers[f.col]),
          columnNumber: f.col + 1,
          value: row[f.col],
          message: `${r.message} The row is kept as it is but left out of trends and reviews.`,
        });
        return null;
      }
      out[f.key] = r.value ?? (typeof out[f.key] === 'string' ? '' : null);
    }
    const s = snapshotSchema().safeParse(out);
    if (s.success) return s.data;
    problems.push({
      sheet: HISTORY.name,
      row: i + 2,
      message: 'has no Date or ID. The row is kept as it is but left out of trends and reviews.',
    });
    return null;
  });
  return { table, parsed, problems };
}

/** A Snapshot as a History row (keys of HISTORY's columns). */
export function historyRow(s: Snapshot): KeyedRow {
  return { ...s };
}

export interface StoredSnapshot {
  /** Every readable History row after the merge, in sheet order. */
  readonly history: readonly Snapshot[];
  readonly replaced: number;
  readonly added: number;
  readonly dropped: number;
  /** Today's earlier rows of projects deleted since (core/snapshot.ts mergeSnapshot). */
  readonly removed: number;
  /** The oldest days removed to keep History within its bound (history-bound.ts). */
  readonly compacted: Compaction & { readonly limit: number };
  readonly problems: readonly Problem[];
  /** The former name the sheet had and was renamed from (an older workbook's "History"). */
  readonly renamedFrom: string | null;
}

/**
 * Merges today's snapshot (rows of one date) into History: from the first History row of that
 * date (or after the last row) the block is rewritten as mergeSnapshot's result, followed by any
 * rows there that could not be read (kept as they were). Creates History when missing.
 */
export function storeSnapshot(ctx: ActionContext, today: readonly Snapshot[]): StoredSnapshot {
  const { sheet, renamedFrom } = ownedTableSheetOf(ctx, HISTORY);
  let table = readTable(sheet, HISTORY, ctx);
  const read = parseHistory(table, ctx);
  const date = today[0]?.date ?? ctx.dateKey(ctx.now);
  let from = read.parsed.findIndex((s) => s?.date === date);
  if (from < 0) {
    from = table.rows.length;
    while (from > 0 && isBlankRow(table.rows[from - 1] ?? [])) from--;
  }
  const region = read.parsed.slice(from).filter((s): s is Snapshot => s !== null);
  const unreadable = table.rows
    .slice(from)
    .filter((row, i) => read.parsed[from + i] === null && !isBlankRow(row));
  const merged = mergeSnapshot(region, today, date);
  // Within the bound: remove the oldest days (whole) before writing today's.
  const rows = from + merged.rows.length + unreadable.length;
  // A new sheet has 26 columns: the hint only decides whether to measure the workbook.
  const limit = historyRowLimit(ctx.ss, sheet, rows, Math.max(26, table.width));
  const cut = compaction(read.parsed, from, rows, limit);
  if (cut.cut > 0) {
    // Sheets refuses to delete every row below the header: keep one row after the cut.
    ensureSize(sheet, cut.cut + 2, 1);
    sheet.deleteRows(2, cut.cut);
    table = readTable(sheet, HISTORY, ctx);
  }
  writeOwnedRows(ctx, table, from - cut.cut, [...merged.rows.map(historyRow), ...unreadable]);
  const kept = read.parsed.slice(cut.cut, from).filter((s): s is Snapshot => s !== null);
  return {
    compacted: { ...cut, limit },
    history: [...kept, ...merged.rows],
    replaced: merged.replaced,
    added: merged.added,
    dropped: merged.dropped,
    removed: merged.removed,
    problems: read.problems,
    renamedFrom,
  };
}

/**
 * The undo journal: a hidden sheet "_Undo" that keeps, for each of the last actions, what it
 * overwrote. A record is JSON split over rows of at most 45,000 characters (a cell holds 50,000);
 * saving one is one setValues, reading them one getValues. Chunks start with "~" so that Sheets
 * never takes them for a formula, a number or a boolean.
 */
import * as z from 'zod/mini';
import { lazy } from '../core/lazy';
import type { CellValue } from './cell-parsers';
import { SheetError } from './problems';
import { storedBlockSchema, blockHash, restoreBlock, storeBlock } from './stored-cells';
import { ensureSize, type TransactionRecord } from './transaction';

export const JOURNAL_SHEET = '_Undo';
const CHUNK = 45_000;
/** How many actions can be undone, across all users. */
export const JOURNAL_DEPTH = 20;
const HEADER = ['Record', 'Time', 'User', 'Action', 'Part', 'Parts', 'Data'];

const recordSchema = lazy(() =>
  z.object({
    action: z.string(),
    user: z.string(),
    time: z.string(),
    changes: z.array(
      z.object({
        sheet: z.string(),
        row: z.number(),
        col: z.number(),
        before: storedBlockSchema(),
        afterHash: z.string(),
      }),
    ),
    created: z.array(z.string()),
  }),
);

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function journalSheet(ss: Spreadsheet, create: boolean): GoogleAppsScript.Spreadsheet.Sheet | null {
  const existing = ss.getSheetByName(JOURNAL_SHEET);
  if (existing || !create) return existing;
  const sheet = ss.insertSheet(JOURNAL_SHEET);
  sheet.getRange(1, 1, 1, HEADER.length).setValues([HEADER]);
  sheet.hideSheet();
  return sheet;
}

interface StoredRow {
  readonly sheetRow: number;
  readonly id: string;
  readonly user: string;
  readonly action: string;
  readonly part: number;
  readonly parts: number;
  readonly data: string;
}

function readRows(sheet: GoogleAppsScript.Spreadsheet.Sheet): StoredRow[] {
  const values = sheet.getDataRange().getValues() as CellValue[][];
  return values.slice(1).flatMap((r, i) =>
    r[0] === ''
      ? []
      : [
          {
            sheetRow: i + 2,
            id: String(r[0]),
            user: String(r[2]),
            action: String(r[3]),
            part: Number(r[4]),
            parts: Number(r[5]),
            data: String(r[6]).slice(1),
          },
        ],
  );
}

/** Appends a record and drops the oldest beyond JOURNAL_DEPTH. */
export function saveRecord(ss: Spreadsheet, record: TransactionRecord, id: string): void {
  if (record.changes.length === 0 && record.created.length === 0) return;
  const sheet = journalSheet(ss, true) as GoogleAppsScript.Spreadsheet.Sheet;
  const json = JSON.stringify(record);
  const parts: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) parts.push(json.slice(i, i + CHUNK));
  const rows = readRows(sheet);
  const lastRow = rows.length ? Math.max(...rows.map((r) => r.sheetRow)) : 1;
  // Every chunk starts with "~" so Sheets never reads it as a formula, number or boolean.
  const block = parts.map((p, i) => [
    id,
    record.time,
    record.user,
    record.action,
    i + 1,
    parts.length,
    `~${p}`,
  ]);
  ensureSize(sheet, lastRow + block.length, HEADER.length);
  sheet.getRange(lastRow + 1, 1, block.length, HEADER.length).setValues(block);
  const ids = [...new Set(rows.map((r) => r.id))];
  const drop = ids.length + 1 - JOURNAL_DEPTH;
  if (drop > 0) {
    const dropIds = new Set(ids.slice(0, drop));
    const dropRows = rows.filter((r) => dropIds.has(r.id));
    // Records are appended in order, so the oldest occupy the first rows.
    sheet.deleteRows(2, dropRows.length);
  }
}

export interface UndoOutcome {
  readonly action: string;
  readonly time: string;
  readonly cells: number;
  readonly deletedSheets: readonly string[];
}

/**
 * Undoes the latest action of `user` (of anyone when `user` is ''): restores every block it
 * overwrote and deletes the sheets it created, unless some of those cells were edited since —
 * then nothing is changed and the message names them.
 */
export function undoLast(ss: Spreadsheet, user: string): UndoOutcome {
  const sheet = journalSheet(ss, false);
  const rows = sheet ? readRows(sheet) : [];
  const mine = rows.filter((r) => user === '' || r.user === user);
  const last = mine[mine.length - 1];
  if (!sheet || !last)
    throw new SheetError(
      'There is nothing to undo: Portfolio Pilot has no earlier action of yours in this workbook.',
    );
  const recordRows = rows.filter((r) => r.id === last.id).sort((a, b) => a.part - b.part);
  const record = parseRecord(recordRows);
  if (!record)
    throw new SheetError(
      `The undo journal entry for "${last.action}" is damaged (sheet ${JOURNAL_SHEET}); it cannot be undone.`,
    );

  const conflicts: string[] = [];
  const ranges = record.changes.map((c) => {
    const target = ss.getSheetByName(c.sheet);
    if (!target) {
      conflicts.push(`sheet "${c.sheet}" no longer exists`);
      return null;
    }
    const rowsN = c.before.length;
    const colsN = c.before[0]?.length ?? 0;
    const range = target.getRange(c.row, c.col, rowsN, colsN);
    const now = blockHash(storeBlock(range.getValues() as CellValue[][], range.getFormulas()));
    if (now !== c.afterHash) conflicts.push(`${c.sheet}!${range.getA1Notation()}`);
    return range;
  });
  if (conflicts.length) {
    throw new SheetError(
      `Cannot undo "${record.action}" (${record.time.slice(0, 16).replace('T', ' ')}): cells it wrote have changed since (in ${conflicts.join(', ')}), and undoing would overwrite those changes. Change them back by hand, or leave things as they are.`,
    );
  }
  // Latest write first, as rollback does: an action may write a cell twice (a block, then a
  // note inside it), and the first write's "before" is what the cell held before the action.
  let cells = 0;
  for (let i = record.changes.length - 1; i >= 0; i--) {
    const c = record.changes[i];
    const range = ranges[i];
    if (!c || !range) continue;
    range.setValues(restoreBlock(c.before));
    cells += c.before.length * (c.before[0]?.length ?? 0);
  }
  const deleted: string[] = [];
  for (const name of record.created) {
    const s = ss.getSheetByName(name);
    if (s) {
      ss.deleteSheet(s);
      deleted.push(name);
    }
  }
  const first = Math.min(...recordRows.map((r) => r.sheetRow));
  sheet.deleteRows(first, recordRows.length);
  return { action: record.action, time: record.time, cells, deletedSheets: deleted };
}

/**
 * A record from its rows (sorted by part), or null when it is damaged: a part missing or repeated
 * (parts 1..N must all be there), JSON cut short or edited, or a shape the schema refuses.
 */
function parseRecord(parts: readonly StoredRow[]): z.infer<ReturnType<typeof recordSchema>> | null {
  if (!parts.every((r, i) => r.part === i + 1 && r.parts === parts.length)) return null;
  let json: unknown;
  try {
    json = JSON.parse(parts.map((r) => r.data).join(''));
  } catch {
    return null;
  }
  const parsed = recordSchema().safeParse(json);
  return parsed.success ? parsed.data : null;
}

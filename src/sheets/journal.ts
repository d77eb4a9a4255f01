/**
 * The undo journal: a hidden sheet "_Undo" that keeps, for each of the last actions, what it
 * overwrote. A record is JSON split over rows of at most 45,000 characters (a cell holds 50,000);
 * saving one is one setValues, reading them one getValues. Chunks start with "~" so that Sheets
 * never takes them for a formula, a number or a boolean.
 *
 * Any editor can change a hidden sheet, so the journal is not trusted as it stands: each record is
 * sealed with a SHA-256 digest kept in the document properties (which only the add-on's code can
 * reach), and undo refuses a record whose seal is missing or does not match. Undo also refuses
 * to take back an action when someone else's later action changed the same cells: it names who,
 * what and when.
 */
import * as z from 'zod/mini';
import { lazy } from '../core/lazy';
import type { CellValue } from './cell-parsers';
import { a1 } from './headers';
import { SheetError } from './problems';
import type { Services } from './services';
import { arranged, placed, readKeyedBlock } from './keyed-block';
import { storedBlockSchema, blockHash, restoreBlock, storeBlock } from './stored-cells';
import { ensureSize, keyedHash, type BlockChange, type TransactionRecord } from './transaction';

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
        keys: z.optional(z.object({ col: z.number(), ids: z.array(z.string()) })),
      }),
    ),
    created: z.array(z.string()),
  }),
);

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type JournalRecord = z.infer<ReturnType<typeof recordSchema>>;

/** Where records are sealed: the document properties, and Utilities for the digest. */
export interface Seal {
  readonly properties: GoogleAppsScript.Properties.Properties;
  readonly utilities: GoogleAppsScript.Utilities.Utilities;
}

const SEAL_PREFIX = 'pp.undo.';

/** The seal of this document's journal. */
export function journalSeal(services: Services): Seal {
  return {
    properties: services.propertiesService.getDocumentProperties(),
    utilities: services.utilities,
  };
}

/** SHA-256 of the record's id and JSON, as hex (64 characters: far inside 9 KB per value). */
function digest(seal: Seal, id: string, json: string): string {
  const u = seal.utilities;
  const bytes = u.computeDigest(u.DigestAlgorithm.SHA_256, `${id}\n${json}`, u.Charset.UTF_8);
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
}

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

/** Appends a record (sealed in the document properties) and drops the oldest beyond JOURNAL_DEPTH. */
export function saveRecord(
  ss: Spreadsheet,
  record: TransactionRecord,
  id: string,
  seal: Seal,
): void {
  if (record.changes.length === 0 && record.created.length === 0) return;
  const sheet = journalSheet(ss, true) as GoogleAppsScript.Spreadsheet.Sheet;
  const json = JSON.stringify(record);
  seal.properties.setProperty(SEAL_PREFIX + id, digest(seal, id, json));
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
    for (const old of dropIds) seal.properties.deleteProperty(SEAL_PREFIX + old);
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
 * overwrote (a block written by key on the rows of its keys, wherever they are now) and deletes
 * the sheets it created. Nothing is changed, and the message says why, when the record's seal
 * does not match (the journal was edited), when someone else's later action changed the same
 * cells, or when some of those cells were edited since.
 */
export function undoLast(ss: Spreadsheet, user: string, seal: Seal): UndoOutcome {
  const sheet = journalSheet(ss, false);
  const rows = sheet ? readRows(sheet) : [];
  const mine = rows.filter((r) => user === '' || r.user === user);
  const last = mine[mine.length - 1];
  if (!sheet || !last)
    throw new SheetError(
      'There is nothing to undo: Portfolio Pilot has no earlier action of yours in this workbook.',
    );
  const recordRows = partsOf(rows, last.id);
  const record = parseRecord(recordRows);
  if (!record)
    throw new SheetError(
      `The undo journal entry for "${last.action}" is damaged (sheet ${JOURNAL_SHEET}); it cannot be undone.`,
    );
  const verdict = sealed(seal, last.id, recordRows);
  if (verdict !== 'ok' || (user !== '' && record.user !== user))
    throw new SheetError(
      `The undo journal entry for "${last.action}" (sheet ${JOURNAL_SHEET}, ${rowSpan(recordRows)}) ${verdict === 'missing' ? 'carries no seal of Portfolio Pilot (it was not written by Portfolio Pilot, or by a version from before undo entries were sealed)' : 'was changed after Portfolio Pilot wrote it'}, so it is not used: nothing was changed. Someone with edit access may have edited the hidden ${JOURNAL_SHEET} sheet; ask the workbook's owner to check its version history and delete ${rowSpan(recordRows)} of ${JOURNAL_SHEET}.`,
    );
  refuseIfOthersFollowed(seal, rows, last, record);

  const conflicts: string[] = [];
  const plans = record.changes.map((c) => {
    const target = ss.getSheetByName(c.sheet);
    if (!target) {
      conflicts.push(`sheet "${c.sheet}" no longer exists`);
      return null;
    }
    const rowsN = c.before.length;
    const colsN = c.before[0]?.length ?? 0;
    if (c.keys) {
      const kb = readKeyedBlock(target, c.row, c.col, colsN, c.keys);
      if (!kb.range || (!kb.loc.inPlace && kb.loc.unmatched) || keyedHash(kb) !== c.afterHash) {
        conflicts.push(`${c.sheet}!${a1Of(c)}`);
        return null;
      }
      const range = kb.range;
      return () => {
        range.setValues(placed(kb, restoreBlock(c.before)));
        return arranged(kb).length * colsN;
      };
    }
    const range = target.getRange(c.row, c.col, rowsN, colsN);
    const now = blockHash(storeBlock(range.getValues() as CellValue[][], range.getFormulas()));
    if (now !== c.afterHash) conflicts.push(`${c.sheet}!${range.getA1Notation()}`);
    return () => {
      range.setValues(restoreBlock(c.before));
      return rowsN * colsN;
    };
  });
  if (conflicts.length) {
    throw new SheetError(
      `Cannot undo "${record.action}" (${when(record.time)}): cells it wrote have changed since (in ${conflicts.join(', ')}), and undoing would overwrite those changes. Change them back by hand, or leave things as they are.`,
    );
  }
  // Latest write first, as rollback does: an action may write a cell twice (a block, then a
  // note inside it), and the first write's "before" is what the cell held before the action.
  let cells = 0;
  for (let i = plans.length - 1; i >= 0; i--) cells += plans[i]?.() ?? 0;
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
  seal.properties.deleteProperty(SEAL_PREFIX + last.id);
  return { action: record.action, time: record.time, cells, deletedSheets: deleted };
}

function partsOf(rows: readonly StoredRow[], id: string): StoredRow[] {
  return rows.filter((r) => r.id === id).sort((a, b) => a.part - b.part);
}

/** Whether the record's rows are exactly what Portfolio Pilot sealed. */
function sealed(seal: Seal, id: string, parts: readonly StoredRow[]): 'ok' | 'missing' | 'changed' {
  const stored = seal.properties.getProperty(SEAL_PREFIX + id);
  if (!stored) return 'missing';
  return stored === digest(seal, id, parts.map((r) => r.data).join('')) ? 'ok' : 'changed';
}

/**
 * Refuses when an action recorded after `last` by someone else wrote cells `record` wrote (or
 * into a sheet it created): undoing would take their work back too. Later records whose seal
 * does not hold are not believed (the cells' own check still guards against their changes).
 */
function refuseIfOthersFollowed(
  seal: Seal,
  rows: readonly StoredRow[],
  last: StoredRow,
  record: JournalRecord,
): void {
  const after = rows.filter((r) => r.sheetRow > last.sheetRow && r.id !== last.id);
  for (const id of [...new Set(after.map((r) => r.id))]) {
    const parts = partsOf(rows, id);
    const later = parseRecord(parts);
    if (!later || later.user === record.user || sealed(seal, id, parts) !== 'ok') continue;
    const where = overlap(record, later);
    if (where)
      throw new SheetError(
        `Cannot undo "${record.action}" (${when(record.time)}): ${later.user} ran "${later.action}" at ${when(later.time)}, after it, and changed the same cells (${where}). Undoing yours would take theirs back too. Ask ${later.user} to undo theirs first, or leave things as they are.`,
      );
  }
}

/** Where two records wrote the same cells ("Projects!H2:J44"), or null. */
function overlap(mine: JournalRecord, theirs: JournalRecord): string | null {
  for (const t of theirs.changes) {
    if (mine.created.includes(t.sheet)) return `sheet ${t.sheet}, which yours created`;
    for (const m of mine.changes) {
      if (m.sheet !== t.sheet) continue;
      const cols = (c: BlockChange): [number, number] => [
        c.col,
        c.col + (c.before[0]?.length ?? 0),
      ];
      const rowsOf = (c: BlockChange): [number, number] => [c.row, c.row + c.before.length];
      const meets = (a: [number, number], b: [number, number]): boolean =>
        a[0] < b[1] && b[0] < a[1];
      // Rows found by key may have moved between the two actions: then same columns is enough.
      const sameRows = m.keys !== undefined || t.keys !== undefined || meets(rowsOf(m), rowsOf(t));
      if (meets(cols(m), cols(t)) && sameRows) return `${t.sheet}!${a1Of(t)}`;
    }
  }
  return null;
}

function a1Of(c: BlockChange): string {
  return a1(c.row, c.col, c.before.length, c.before[0]?.length ?? 0);
}

function rowSpan(parts: readonly StoredRow[]): string {
  const rows = parts.map((r) => r.sheetRow);
  const lo = Math.min(...rows);
  const hi = Math.max(...rows);
  return lo === hi ? `row ${String(lo)}` : `rows ${String(lo)}–${String(hi)}`;
}

function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A record from its rows (sorted by part), or null when it is damaged: a part missing or repeated
 * (parts 1..N must all be there), JSON cut short or edited, or a shape the schema refuses.
 */
function parseRecord(parts: readonly StoredRow[]): JournalRecord | null {
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

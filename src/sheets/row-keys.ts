/**
 * Which project a row is: the key column (ID, Criterion, Setting, Skill) of a table's rows, read
 * again just before a write, so that a write computed for rows as they were lands on the same
 * projects even when someone inserted, deleted or sorted rows meanwhile (people edit without the
 * add-on's lock). Reading is one getLastRow and one getValues of the key column, whatever the
 * number of rows.
 */
import { matchKey } from '../core/keys';
import type { CellValue } from './cell-parsers';
import { columnLetter } from './headers';
import type { Table } from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The key of each row of a block: `ids[i]` is the key of sheet row `row + i`. */
export interface RowKeys {
  /** 1-based sheet column of the key. */
  readonly col: number;
  /** The key each row had when the action read it ('' for a row without one). */
  readonly ids: readonly string[];
}

/** The columns that name a row, in order of preference. */
const KEY_COLUMNS = ['id', 'criterion', 'setting', 'skill', 'name'] as const;

/** The keys of data rows `from` … `from + count - 1` (0-based) as read, or undefined without a key column. */
export function rowKeysOf(table: Table, from: number, count: number): RowKeys | undefined {
  const col = KEY_COLUMNS.map((k) => table.index.get(k)).find((c) => c !== undefined);
  if (col === undefined) return undefined;
  const ids: string[] = [];
  for (let i = from; i < from + count; i++) ids.push(keyText(table.rows[i]?.[col]));
  return { col: col + 1, ids };
}

export function keyText(v: CellValue | undefined): string {
  return v === undefined ? '' : String(v).trim();
}

/** Where each row of a block is now. */
export interface Located {
  /** The keys of sheet rows FIRST_ROW … now (trimmed text, '' for none). */
  readonly now: readonly string[];
  /** True when every row of the block is where it was (rows added below do not count). */
  readonly inPlace: boolean;
  /** For each row of the block: the sheet row it is on now, or null when it is gone. */
  readonly rows: readonly (number | null)[];
  /** Why the rows cannot be matched by key (a blank or repeated key), when they moved. */
  readonly unmatched: string | null;
  /** What changed, for a message: "a row was inserted at row 3". */
  readonly change: string;
}

/** Data rows start below the header row. */
export const FIRST_ROW = 2;

/**
 * Reads the whole key column below the header (one getRange of an open range "A2:A" and one
 * getValues: rows inserted meanwhile are in it, unlike a range sized by an earlier getLastRow)
 * and finds the rows of a block that starts at sheet row `row` and was computed for `keys.ids`.
 */
export function locateRows(sheet: Sheet, row: number, keys: RowKeys): Located {
  const letter = columnLetter(keys.col);
  const now = (
    sheet.getRange(`${letter}${String(FIRST_ROW)}:${letter}`).getValues() as CellValue[][]
  ).map((r) => keyText(r[0]));
  let length = now.length;
  while (length > row - FIRST_ROW + keys.ids.length && now[length - 1] === '') length--;
  return matchRows(row, keys.ids, now.slice(0, length));
}

/** Matches the keys a block (from sheet row `row`) was computed for to the key column now (pure). */
export function matchRows(row: number, was: readonly string[], now: readonly string[]): Located {
  const off = row - FIRST_ROW;
  const wasKeys = new Set(was.map(matchKey));
  const nowKeys = new Set(now.map(matchKey));
  // A row is in place with its key, or with a key typed over it (an ID renamed where it stands).
  const renamed = (k: string, i: number): boolean =>
    now[off + i] !== undefined &&
    !nowKeys.has(matchKey(k)) &&
    !wasKeys.has(matchKey(now[off + i] ?? ''));
  if (was.every((k, i) => now[off + i] === k || renamed(k, i)))
    return { now, inPlace: true, rows: was.map((_, i) => row + i), unmatched: null, change: '' };
  const positions = new Map<string, number[]>();
  now.forEach((k, i) => {
    if (k === '') return;
    const key = matchKey(k);
    positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const seen = new Set<string>();
  let unmatched: string | null = null;
  const rows = was.map((k, i) => {
    if (k === '') {
      unmatched ??= `row ${String(row + i)} has no key`;
      return null;
    }
    const key = matchKey(k);
    const p = positions.get(key) ?? [];
    if (seen.has(key) || p.length > 1) unmatched ??= `"${k}" is on more than one row`;
    seen.add(key);
    return p.length === 1 ? FIRST_ROW + (p[0] as number) : null;
  });
  const moved =
    rows.length === 1 && rows[0]
      ? `${was[0] ?? ''} moved from row ${String(row)} to row ${String(rows[0])}`
      : 'rows were inserted, deleted or sorted';
  const change = off === 0 ? describeChange(FIRST_ROW, was, now) : moved;
  return { now, inPlace: false, rows, unmatched, change };
}

/** "a row was inserted at row 3", "P07 (row 9) was deleted", "rows were sorted or moved". */
function describeChange(row: number, was: readonly string[], now: readonly string[]): string {
  const before = new Set(was.filter((k) => k !== '').map(matchKey));
  const after = new Set(now.filter((k) => k !== '').map(matchKey));
  const parts: string[] = [];
  const inserted = now.flatMap((k, i) => (k !== '' && !before.has(matchKey(k)) ? [i] : []));
  if (inserted.length === 1)
    parts.push(`a row was inserted at row ${String(row + (inserted[0] ?? 0))}`);
  else if (inserted.length > 1) parts.push(`${String(inserted.length)} rows were inserted`);
  const deleted = was.flatMap((k, i) => (k !== '' && !after.has(matchKey(k)) ? [i] : []));
  if (deleted.length === 1) {
    const i = deleted[0] ?? 0;
    parts.push(`${was[i] ?? ''} (row ${String(row + i)}) was deleted`);
  } else if (deleted.length > 1) parts.push(`${String(deleted.length)} rows were deleted`);
  if (parts.length) return parts.join(', ');
  const first = now.findIndex((k, i) => k !== was[i]);
  return first >= 0 && now[first] === ''
    ? `a row was inserted at row ${String(row + first)}`
    : 'rows were sorted or moved';
}

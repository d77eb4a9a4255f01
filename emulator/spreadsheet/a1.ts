/**
 * A1 notation both ways, and the rectangle arithmetic every ranged thing of a sheet shares
 * (merges, protections, named ranges, formula references, charts) when rows or columns move.
 *
 * Coordinates are 1-based and inclusive, as in Apps Script: row 1 column 1 is A1.
 */

/** A block of cells, 1-based inclusive. */
export interface Rect {
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
}

/**
 * A parsed A1 reference. `r2`/`c2` are undefined when the end is open ("A2:D" runs to the last
 * row, "A:C" covers every row, "2:4" every column); `r1`/`c1` are undefined for whole columns
 * or rows.
 */
export interface A1Ref {
  readonly sheet?: string;
  readonly r1?: number;
  readonly c1?: number;
  readonly r2?: number;
  readonly c2?: number;
}

/** The largest column Sheets allows (ZZZ). */
export const MAX_COLUMNS = 18278;

/** 1 → "A", 27 → "AA". */
export function columnLetters(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 1, "aa" → 27. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A cell address: (2, 3) → "C2". */
export function cellA1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/**
 * A rectangle in A1 notation: one cell as "A1", a block as "A1:E2" (Apps Script's getA1Notation
 * for getRange(1, 1, 2, 5)); with `openRows` the row end is left off ("A2:D"), with `openCols`
 * the column end is ("A2:2"), both for whole rows or columns ("A:D", "2:4").
 */
export function rectA1(rect: Rect, openRows = false, openCols = false): string {
  if (openRows && rect.r1 === 1 && !openCols)
    return `${columnLetters(rect.c1)}:${columnLetters(rect.c2)}`;
  if (openCols && rect.c1 === 1 && !openRows) return `${rect.r1}:${rect.r2}`;
  const start = cellA1(rect.r1, rect.c1);
  if (openRows) return `${start}:${columnLetters(rect.c2)}`;
  if (openCols) return `${start}:${rect.r2}`;
  if (rect.r1 === rect.r2 && rect.c1 === rect.c2) return start;
  return `${start}:${cellA1(rect.r2, rect.c2)}`;
}

/** A sheet name as it appears before "!" in a reference: quoted unless plain. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d+)$/;
const R1C1 = /^R(\d+)C(\d+)$/i;

/** Splits "Sheet!A1" / "'My sheet'!A1" into the sheet name and the rest. */
function splitSheet(text: string): { sheet?: string; rest: string } {
  const s = text.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < s.length) {
      const ch = s.charAt(i);
      if (ch === "'") {
        if (s.charAt(i + 1) === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    if (s.charAt(i) !== "'" || s.charAt(i + 1) !== '!') return { rest: s };
    return { sheet: name, rest: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  if (bang < 0) return { rest: s };
  return { sheet: s.slice(0, bang), rest: s.slice(bang + 1) };
}

function validRow(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1;
}

function validCol(n: number): boolean {
  return n >= 1 && n <= MAX_COLUMNS;
}

/**
 * Parses an A1 (or absolute R1C1) reference: "A1", "$A$1", "A1:B9", "A2:D" (open end), "A:A",
 * "2:2", "A2:2", "R1C1:R2C3", each optionally prefixed by "Sheet!" or "'My sheet'!". Returns
 * undefined when the text is not a reference. Start and end are put in order ("B2:A1" ≡ "A1:B2").
 */
export function parseA1(text: string): A1Ref | undefined {
  const { sheet, rest } = splitSheet(text);
  const parts = rest.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return undefined;
  const withSheet = (ref: A1Ref): A1Ref => (sheet === undefined ? ref : { sheet, ...ref });
  const [a = '', b] = parts;
  const one = (p: string): { r?: number; c?: number } | undefined => {
    let m = CELL.exec(p);
    if (m) return { c: columnIndex(m[1] ?? ''), r: Number(m[2]) };
    m = R1C1.exec(p);
    if (m) return { r: Number(m[1]), c: Number(m[2]) };
    m = COL.exec(p);
    if (m) return { c: columnIndex(m[1] ?? '') };
    m = ROW.exec(p);
    if (m) return { r: Number(m[1]) };
    return undefined;
  };
  const first = one(a);
  if (!first) return undefined;
  if (b === undefined) {
    if (first.r === undefined || first.c === undefined) return undefined;
    if (!validRow(first.r) || !validCol(first.c)) return undefined;
    return withSheet({ r1: first.r, c1: first.c, r2: first.r, c2: first.c });
  }
  const second = one(b);
  if (!second) return undefined;
  const rows = [first.r, second.r];
  const cols = [first.c, second.c];
  for (const r of rows) if (r !== undefined && !validRow(r)) return undefined;
  for (const c of cols) if (c !== undefined && !validCol(c)) return undefined;
  // Whole columns "A:C": both sides columns only.
  if (first.r === undefined && second.r === undefined) {
    if (first.c === undefined || second.c === undefined) return undefined;
    return withSheet({ c1: Math.min(first.c, second.c), c2: Math.max(first.c, second.c) });
  }
  // Whole rows "2:4": both sides rows only.
  if (first.c === undefined && second.c === undefined) {
    if (first.r === undefined || second.r === undefined) return undefined;
    return withSheet({ r1: Math.min(first.r, second.r), r2: Math.max(first.r, second.r) });
  }
  if (first.r === undefined || first.c === undefined) return undefined;
  // "A2:D" (open rows) or "A2:2" (open columns) or "A1:B2".
  if (second.r === undefined)
    return withSheet({
      r1: first.r,
      c1: Math.min(first.c, second.c ?? first.c),
      c2: Math.max(first.c, second.c ?? first.c),
    });
  if (second.c === undefined)
    return withSheet({
      r1: Math.min(first.r, second.r),
      c1: first.c,
      r2: Math.max(first.r, second.r),
    });
  return withSheet({
    r1: Math.min(first.r, second.r),
    c1: Math.min(first.c, second.c),
    r2: Math.max(first.r, second.r),
    c2: Math.max(first.c, second.c),
  });
}

/** A parsed reference made concrete on a sheet of the given size; open ends run to the edge. */
export function resolveRef(
  ref: A1Ref,
  maxRows: number,
  maxCols: number,
): { rect: Rect; openRows: boolean; openCols: boolean } {
  const openRows = ref.r2 === undefined;
  const openCols = ref.c2 === undefined;
  return {
    rect: {
      r1: ref.r1 ?? 1,
      c1: ref.c1 ?? 1,
      r2: ref.r2 ?? Math.max(maxRows, ref.r1 ?? 1),
      c2: ref.c2 ?? Math.max(maxCols, ref.c1 ?? 1),
    },
    openRows,
    openCols,
  };
}

export function rectRows(r: Rect): number {
  return r.r2 - r.r1 + 1;
}

export function rectCols(r: Rect): number {
  return r.c2 - r.c1 + 1;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.r1 >= outer.r1 && inner.r2 <= outer.r2 && inner.c1 >= outer.c1 && inner.c2 <= outer.c2
  );
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.r1 === b.r1 && a.c1 === b.c1 && a.r2 === b.r2 && a.c2 === b.c2;
}

/** Which dimension a structural change affects. */
export type Axis = 'rows' | 'cols';

/**
 * The span [lo, hi] after inserting `count` lines before line `at` (1-based): lines at or after
 * `at` move down; a span that straddles `at` grows, as Sheets does for references.
 */
export function spanAfterInsert(
  lo: number,
  hi: number,
  at: number,
  count: number,
): [number, number] {
  return [lo >= at ? lo + count : lo, hi >= at ? hi + count : hi];
}

/**
 * The span [lo, hi] after deleting lines [at, at + count): it shrinks by the deleted lines
 * inside it and moves up by those before it; undefined when every line of it was deleted.
 */
export function spanAfterDelete(
  lo: number,
  hi: number,
  at: number,
  count: number,
): [number, number] | undefined {
  const end = at + count - 1;
  const overlap = Math.max(0, Math.min(hi, end) - Math.max(lo, at) + 1);
  const remaining = hi - lo + 1 - overlap;
  if (remaining <= 0) return undefined;
  const nlo = lo < at ? lo : lo > end ? lo - count : at;
  return [nlo, nlo + remaining - 1];
}

/** A rectangle after inserting `count` rows or columns before `at`. */
export function rectAfterInsert(rect: Rect, axis: Axis, at: number, count: number): Rect {
  if (axis === 'rows') {
    const [r1, r2] = spanAfterInsert(rect.r1, rect.r2, at, count);
    return { ...rect, r1, r2 };
  }
  const [c1, c2] = spanAfterInsert(rect.c1, rect.c2, at, count);
  return { ...rect, c1, c2 };
}

/** A rectangle after deleting rows or columns [at, at + count); undefined when all of it went. */
export function rectAfterDelete(
  rect: Rect,
  axis: Axis,
  at: number,
  count: number,
): Rect | undefined {
  if (axis === 'rows') {
    const span = spanAfterDelete(rect.r1, rect.r2, at, count);
    return span && { ...rect, r1: span[0], r2: span[1] };
  }
  const span = spanAfterDelete(rect.c1, rect.c2, at, count);
  return span && { ...rect, c1: span[0], c2: span[1] };
}

/**
 * One layer of a sheet (values, formulas, number formats, backgrounds, …) stored as an array of
 * rows, each an array of cells; rows and cells never written are holes. A 50,000 × 25 table is
 * 50,000 small arrays, read and written row by row without per-cell maps; a layer nobody uses
 * (notes, say) costs one empty array.
 *
 * Indices here are 0-based (row 0 is sheet row 1).
 */
import type { Rect } from './a1';

export class SparseGrid<T> {
  private rows: ((T | undefined)[] | undefined)[] = [];

  get(r: number, c: number): T | undefined {
    return this.rows[r]?.[c];
  }

  /** The row array itself (read-only use), or undefined when the row holds nothing. */
  row(r: number): readonly (T | undefined)[] | undefined {
    return this.rows[r];
  }

  /** Sets one cell; `undefined` empties it. */
  set(r: number, c: number, v: T | undefined): void {
    let row = this.rows[r];
    if (row === undefined) {
      if (v === undefined) return;
      row = [];
      this.rows[r] = row;
    }
    row[c] = v;
  }

  /**
   * Writes a run of cells of one row from 0-based column `c` (`undefined` entries empty their
   * cell). A row that held nothing takes the run as it is: bulk writes allocate once per row.
   */
  setRun(r: number, c: number, run: (T | undefined)[]): void {
    const row = this.rows[r];
    if (row === undefined && c === 0) {
      if (run.some((v) => v !== undefined)) this.rows[r] = run;
      return;
    }
    if (row === undefined && run.every((v) => v === undefined)) return;
    const target = row ?? (this.rows[r] = []);
    for (let j = 0; j < run.length; j++) target[c + j] = run[j];
  }

  /** Empties every cell of a 1-based rectangle. */
  clearRect(rect: Rect): void {
    const last = Math.min(rect.r2, this.rows.length);
    for (let r = rect.r1 - 1; r < last; r++) {
      const row = this.rows[r];
      if (row === undefined) continue;
      const end = Math.min(rect.c2, row.length);
      for (let c = rect.c1 - 1; c < end; c++) row[c] = undefined;
    }
  }

  /** Calls `fn` for every non-empty cell, row by row. */
  forEach(fn: (v: T, r: number, c: number) => void): void {
    const rows = this.rows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row === undefined) continue;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v !== undefined) fn(v, r, c);
      }
    }
  }

  /** Calls `fn` for every non-empty cell inside a 1-based rectangle. */
  forEachIn(rect: Rect, fn: (v: T, r: number, c: number) => void): void {
    const last = Math.min(rect.r2, this.rows.length);
    for (let r = rect.r1 - 1; r < last; r++) {
      const row = this.rows[r];
      if (row === undefined) continue;
      const end = Math.min(rect.c2, row.length);
      for (let c = rect.c1 - 1; c < end; c++) {
        const v = row[c];
        if (v !== undefined) fn(v, r, c);
      }
    }
  }

  /** True when some cell of the 1-based rectangle is non-empty. */
  anyIn(rect: Rect): boolean {
    const last = Math.min(rect.r2, this.rows.length);
    for (let r = rect.r1 - 1; r < last; r++) {
      const row = this.rows[r];
      if (row === undefined) continue;
      const end = Math.min(rect.c2, row.length);
      for (let c = rect.c1 - 1; c < end; c++) if (row[c] !== undefined) return true;
    }
    return false;
  }

  /** The 1-based number of the last row holding something, 0 when none does. */
  lastRow(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) {
      const row = this.rows[r];
      if (row === undefined) continue;
      for (let c = row.length - 1; c >= 0; c--) if (row[c] !== undefined) return r + 1;
    }
    return 0;
  }

  /** The 1-based number of the last column holding something, 0 when none does. */
  lastCol(): number {
    let last = 0;
    for (const row of this.rows) {
      if (row === undefined || row.length <= last) continue;
      for (let c = row.length - 1; c >= last; c--)
        if (row[c] !== undefined) {
          last = c + 1;
          break;
        }
    }
    return last;
  }

  isEmpty(): boolean {
    return this.lastRow() === 0;
  }

  /** Inserts `count` empty rows before 0-based row `at`. */
  insertRows(at: number, count: number): void {
    if (at >= this.rows.length) return;
    this.rows = this.rows
      .slice(0, at)
      .concat(new Array<(T | undefined)[] | undefined>(count), this.rows.slice(at));
  }

  /** Removes `count` rows from 0-based row `at`. */
  deleteRows(at: number, count: number): void {
    if (at >= this.rows.length) return;
    this.rows = this.rows.slice(0, at).concat(this.rows.slice(at + count));
  }

  /** Inserts `count` empty columns before 0-based column `at`. */
  insertCols(at: number, count: number): void {
    const gap = new Array<T | undefined>(count);
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (row === undefined || at >= row.length) continue;
      this.rows[r] = row.slice(0, at).concat(gap, row.slice(at));
    }
  }

  /** Removes `count` columns from 0-based column `at`. */
  deleteCols(at: number, count: number): void {
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (row === undefined || at >= row.length) continue;
      this.rows[r] = row.slice(0, at).concat(row.slice(at + count));
    }
  }

  /** Drops rows and columns beyond a size (after the sheet shrinks). */
  truncate(maxRows: number, maxCols: number): void {
    if (this.rows.length > maxRows) this.rows.length = maxRows;
    for (const row of this.rows)
      if (row !== undefined && row.length > maxCols) row.length = maxCols;
  }

  /** A copy of the layer (cells shared, rows not). */
  clone(): SparseGrid<T> {
    return this.mapped((v) => v);
  }

  /** A new layer with `fn` applied to every non-empty cell. */
  mapped<U>(fn: (v: T) => U): SparseGrid<U> {
    const g = new SparseGrid<U>();
    g.rows = this.rows.map((row) => row?.map((v) => (v === undefined ? undefined : fn(v))));
    return g;
  }

  /** Replaces this layer's cells with another's. */
  assign(other: SparseGrid<T>): void {
    this.rows = other.rows;
  }
}

import * as z from 'zod/mini';
import { lazy } from '../core/lazy';

/** A cell value as Sheets passes it to a custom function. */
export type Cell = string | number | boolean | Date;
export type Grid = Cell[][];

/** A Date from any realm (Apps Script, or a test harness's own context). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function isCell(v: unknown): v is Cell {
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' || isDate(v);
}

function isGrid(v: unknown): v is Grid {
  if (!Array.isArray(v)) return false;
  for (const row of v as unknown[]) {
    if (!Array.isArray(row)) return false;
    for (const cell of row as unknown[]) if (!isCell(cell)) return false;
  }
  return true;
}

/**
 * A custom-function argument: a range (2-D array of cells), a single cell value, or nothing
 * (omitted). The check is a hand-written predicate because it runs on every cell of large ranges
 * (a zod union per cell is twenty times slower on 100,000 × 8 cells).
 */
export const argSchema = lazy(() =>
  z.custom<Grid | Cell | undefined | null>(
    (v) => v === undefined || v === null || isCell(v) || isGrid(v),
  ),
);

/** Thrown for bad formula input; Sheets shows the message on the cell. */
export class FormulaError extends Error {
  override name = 'FormulaError';
}

/** How a cell value is quoted in an error message. */
export function quote(v: Cell | undefined): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 37) + '...' : v}"`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v))
    return `the date ${Number.isNaN(v.getTime()) ? 'Invalid' : v.toISOString().slice(0, 10)}`;
  return String(v);
}

/** True for a blank cell: `""`, whitespace only, or nothing. */
export function isBlank(v: Cell | undefined | null): boolean {
  return v === undefined || v === null || v === '' || (typeof v === 'string' && v.trim() === '');
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a number from a cell. Numbers pass; text that is a plain decimal number ("12", "0.5",
 * "1e3") or a percentage ("80%" → 0.8) is accepted because Sheets passes text-formatted numbers
 * as strings. Returns null for a blank cell and undefined when the cell is not a number.
 */
export function cellNumber(v: Cell | undefined): number | null | undefined {
  const x = cellNumberOrOverflow(v);
  return x === undefined || x === null || Number.isFinite(x) ? x : undefined;
}

/**
 * True when a cell holds a number, or text of a number, beyond what a number can hold
 * ("1e400" reads as Infinity): bad input, not a number to compute with.
 */
export function overflows(v: Cell | undefined): boolean {
  const x = cellNumberOrOverflow(v);
  return typeof x === 'number' && !Number.isFinite(x);
}

function cellNumberOrOverflow(v: Cell | undefined): number | null | undefined {
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return null;
    if (NUMBER_TEXT.test(s)) return Number(s);
    if (s.endsWith('%') && NUMBER_TEXT.test(s.slice(0, -1).trim()))
      return Number(s.slice(0, -1).trim()) / 100;
    return undefined;
  }
  if (v === undefined) return null;
  return undefined;
}

/** The Sheets serial day number of a date (days since 1899-12-30, wall-clock time). */
export function dateSerial(d: Date): number {
  const wallClock = Date.UTC(
    d.getFullYear(),
    d.getMonth(),
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    d.getMilliseconds(),
  );
  return (wallClock - Date.UTC(1899, 11, 30)) / 86_400_000;
}

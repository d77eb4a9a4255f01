/**
 * The contract every custom function keeps with Sheets, enforced in one place:
 * - every error a user sees starts with the function's name ("RICE: …") and is short: an
 *   error from the core (a RangeError naming no function) gets the name, and any message is cut
 *   to MAX_MESSAGE characters;
 * - no result is NaN or ±Infinity (a cell cannot show them): such a result is an error naming
 *   the result's row and column;
 * - no result text is longer than a cell holds (50,000 characters).
 * Each custom function's body runs inside `formula(name, body)`.
 */
import { FormulaError } from './cells';

/** The longest message shown on a cell; longer ones are cut with "…". */
export const MAX_MESSAGE = 500;
/** Sheets' limit on the characters of one cell. */
export const CELL_CHARS = 50_000;

export function formula<T>(name: string, body: () => T): T {
  let out: T;
  try {
    out = body();
  } catch (e) {
    throw asUserError(name, e);
  }
  checkResult(name, out);
  return out;
}

/** The error as the user sees it: prefixed with the function's name and cut short. */
export function asUserError(name: string, e: unknown): FormulaError {
  const raw = e instanceof Error ? e.message : String(e);
  const text = raw.startsWith(`${name}: `)
    ? raw
    : `${name}: could not compute the result (${raw}).`;
  return new FormulaError(text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text);
}

function checkResult(name: string, out: unknown): void {
  if (!Array.isArray(out)) {
    checkCell(name, out, 0, 0);
    return;
  }
  (out as unknown[]).forEach((row, i) => {
    if (Array.isArray(row))
      (row as unknown[]).forEach((v, j) => {
        checkCell(name, v, i, j);
      });
    else checkCell(name, row, i, 0);
  });
}

function checkCell(name: string, v: unknown, i: number, j: number): void {
  if (typeof v === 'number' && !Number.isFinite(v))
    throw new FormulaError(
      `${name}: the result in row ${i + 1}, column ${j + 1} is too large to show (the inputs of that row overflow Sheets' numbers, about ±1.8e308). Use smaller numbers, e.g. in thousands.`,
    );
  if (typeof v === 'string' && v.length > CELL_CHARS)
    throw new FormulaError(
      `${name}: the result in row ${i + 1}, column ${j + 1} has ${v.length} characters; a cell holds at most ${CELL_CHARS}.`,
    );
}

/**
 * Cells as JSON, for the undo journal: numbers, text, booleans as they are, Dates as {"d": ISO},
 * formulas as their "=…" text (so restoring them restores the formula, not its last value), and
 * text that Sheets would read as something else when written back ("2027-03", "12", "TRUE",
 * "=x" typed as text) with the apostrophe that keeps it text.
 */
import * as z from 'zod/mini';
import { lazy } from '../core/lazy';
import { isDate } from '../functions/cells';
import type { CellValue } from './cell-parsers';
import { literal } from './owned-sheet';

export type StoredCell = string | number | boolean | { d: string };

export const storedBlockSchema = lazy(() =>
  z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.object({ d: z.string() })]))),
);

/** What a block of cells holds: the formula where there is one, else the value. */
export function storeBlock(
  values: readonly (readonly CellValue[])[],
  formulas?: readonly (readonly string[])[],
): StoredCell[][] {
  return values.map((row, i) =>
    row.map((v, j) => {
      const f = formulas?.[i]?.[j];
      if (f) return f;
      if (typeof v === 'string') return v.startsWith("'") ? `'${v}` : (literal(v) as string);
      return isDate(v) ? { d: v.toISOString() } : v;
    }),
  );
}

/** Back to values setValues() accepts (formulas as "=…" text are written as formulas). */
export function restoreBlock(block: readonly (readonly StoredCell[])[]): CellValue[][] {
  return block.map((row) => row.map((c) => (typeof c === 'object' ? new Date(c.d) : c)));
}

/** FNV-1a over the JSON of a block: detects that cells changed since an action wrote them. */
export function blockHash(block: readonly (readonly StoredCell[])[]): string {
  const s = JSON.stringify(block);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Plain-text tables for npm start's console. Numbers in one column print with one number of
 * decimals (no "63" above "60.0"): the fewest that show every value of the column as stored, up to
 * a column's maximum. Ranks shared by a tie print as "=12", so a tie reads as a tie and two rows
 * whose scores look alike but rank apart show the digits that tell them apart.
 */

/** A table cell: text as given, or a number formatted with the rest of its column. */
export type Cell = string | number;

/** The most decimals a number column prints (scores are stored to 2 decimals). */
export const MAX_DECIMALS = 2;

/** How many decimals `x` needs, rounded to `max` decimals (0.1 + 0.2 needs 1). */
function decimalsOf(x: number, max: number): number {
  const s = x.toFixed(max).replace(/0+$/, '');
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** The decimals one number column prints with: the most any of its values needs, up to `max`. */
export function columnDecimals(values: readonly number[], max = MAX_DECIMALS): number {
  return values.reduce((d, x) => Math.max(d, Number.isFinite(x) ? decimalsOf(x, max) : 0), 0);
}

/**
 * Competition ranks as a table shows them: a rank that more than one row shares is "=12" on each
 * of those rows; a rank held alone prints as the number.
 */
export function rankLabels(ranks: readonly number[]): string[] {
  const count = new Map<number, number>();
  for (const r of ranks) count.set(r, (count.get(r) ?? 0) + 1);
  return ranks.map((r) => ((count.get(r) ?? 0) > 1 ? `=${r}` : String(r)));
}

/** A cell's text for the console: dates as ISO days, numbers as given, the rest as text. */
export function text(v: unknown): Cell {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return v;
  return typeof v === 'string' || typeof v === 'boolean' ? String(v) : '';
}

/** A numeric-looking text: right-aligned like the numbers ("1,200", "-3", "=12"). */
const NUMERIC = /^=?-?[\d.,]*$/;

/**
 * The rows (the first is the header) as aligned columns: numbers right-aligned with their
 * column's decimals (thousands separated), text left-aligned unless the whole column looks
 * numeric.
 */
export function table(rows: readonly (readonly Cell[])[], max = MAX_DECIMALS): string {
  const [header = [], ...body] = rows;
  const decimals = header.map((_, j) =>
    columnDecimals(
      body.map((r) => r[j]).filter((c): c is number => typeof c === 'number'),
      max,
    ),
  );
  const cells = rows.map((r, i) =>
    r.map((c, j) =>
      i > 0 && typeof c === 'number' && Number.isFinite(c)
        ? c.toLocaleString('en-US', {
            minimumFractionDigits: decimals[j] ?? 0,
            maximumFractionDigits: decimals[j] ?? 0,
          })
        : String(c),
    ),
  );
  const widths = header.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  const numeric = header.map((_, j) => cells.slice(1).every((r) => NUMERIC.test(r[j] ?? '')));
  return cells
    .map((r) =>
      r
        .map((c, j) => (numeric[j] ? c.padStart(widths[j] ?? 0) : c.padEnd(widths[j] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

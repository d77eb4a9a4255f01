/**
 * Sheets' limit of 50,000 characters per cell, kept by everything the add-on writes:
 * - `fitText` shortens display text (a message, a list shown to people) with a note saying how
 *   much was left out;
 * - `splitList` cuts a list that is read back (a scenario's selected IDs) into chunks that each
 *   fit a cell, at item boundaries, so nothing is lost;
 * - `assertCellsFit` is the last check before a block is written: a cell over the limit stops
 *   the action, naming the sheet and cell, before anything reaches Sheets.
 */
import { a1 } from './headers';
import { SheetError } from './problems';

/** Sheets' limit on the characters of one cell. */
export const CELL_CHARS = 50_000;
/** What the add-on puts in one cell at most: below the limit, for the text around a list. */
export const CELL_BUDGET = 45_000;

/** The text, cut to `limit` characters with "… (N more characters)" when longer. */
export function fitText(text: string, limit: number = CELL_BUDGET): string {
  if (text.length <= limit) return text;
  const note = (n: number): string => `… (${n.toLocaleString('en-US')} more characters)`;
  const keep = limit - note(text.length).length;
  return `${text.slice(0, keep)}${note(text.length - keep)}`;
}

/**
 * The items joined with `separator` into as few texts as possible, each at most `limit`
 * characters (an item longer than `limit` is cut by fitText: IDs never are). Joining the chunks
 * with the separator gives the whole list back.
 */
export function splitList(
  items: readonly string[],
  separator = ', ',
  limit: number = CELL_BUDGET,
): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of items) {
    const item = fitText(raw, limit);
    if (current === '') current = item;
    else if (current.length + separator.length + item.length <= limit) current += separator + item;
    else {
      chunks.push(current);
      current = item;
    }
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks;
}

/** Throws a SheetError naming the first cell of the block whose text is over the limit. */
export function assertCellsFit(
  sheet: string,
  row: number,
  col: number,
  values: readonly (readonly unknown[])[],
): void {
  values.forEach((line, i) => {
    line.forEach((v, j) => {
      if (typeof v === 'string' && v.length > CELL_CHARS)
        throw new SheetError(
          `Portfolio Pilot did not write ${sheet}!${a1(row + i, col + j)}: its text would have ${v.length.toLocaleString('en-US')} characters, and a cell holds ${CELL_CHARS.toLocaleString('en-US')}. Nothing was changed.`,
        );
    });
  });
}

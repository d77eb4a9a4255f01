/**
 * After a selection: pairs that Find overlaps marked as likely duplicates and that are now both
 * selected — the portfolio would fund the same work twice. Read from the Overlaps sheet (one
 * getValues; nothing when Find overlaps has not run), so the note reflects what the board saw.
 */
import * as z from 'zod/mini';
import { lazy } from '../../core/lazy';
import type { ActionContext } from '../../sheets/action';
import { OVERLAPS_SHEET } from './overlaps';

/** An Overlaps row from row 3: Similarity, Kind, ID, Name, Owner, Status, Overlaps with, … */
const duplicateRow = lazy(() =>
  z.tuple(
    [
      z.number(),
      z.literal('duplicate'),
      z.string(),
      z.unknown(),
      z.unknown(),
      z.unknown(),
      z.string(),
    ],
    z.unknown(),
  ),
);

export function duplicatesChosen(ctx: ActionContext, chosen: ReadonlySet<string>): string[] {
  const sheet = ctx.ss.getSheetByName(OVERLAPS_SHEET);
  if (!sheet) return [];
  const notes: string[] = [];
  for (const row of sheet.getDataRange().getValues().slice(2)) {
    const r = duplicateRow().safeParse(row);
    if (!r.success) continue;
    const [similarity, , a, , , , b] = r.data;
    if (chosen.has(a) && chosen.has(b))
      notes.push(
        `${a} and ${b} are both selected, but Find overlaps marked them likely duplicates (${Math.round(similarity * 100)}%): merge them, or list one in the other's Excludes, and optimise again.`,
      );
  }
  return notes;
}

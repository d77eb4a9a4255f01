/**
 * Load sample portfolio's earlier day: writes the sample's previous-review snapshot to History
 * and its over-allocations to _Capacity history (core/sample-history.ts), so Prepare review on
 * the sample compares with a real earlier day. A History that already holds rows is the user's
 * record and is left as it is.
 */
import { sampleEarlierDay } from '../core/sample-history';
import type { IsoDate } from '../core/model';
import type { ActionContext } from './action';
import { storeOverAllocations } from './capacity-history';
import { storeSnapshot } from './history';
import { HISTORY } from './schema';

/** Writes the earlier day and returns its date, or null when History already has rows. */
export function loadSampleHistory(ctx: ActionContext): IsoDate | null {
  const existing = ctx.ss.getSheetByName(HISTORY.name);
  if (existing && existing.getLastRow() > 1) return null;
  const day = sampleEarlierDay(ctx.dateKey(ctx.now));
  storeSnapshot(ctx, day.snapshot);
  storeOverAllocations(ctx, day.date, day.overAllocations);
  return day.date;
}

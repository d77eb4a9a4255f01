/**
 * Two health checks on open projects (status blank, Proposed, In review, Approved, Active or
 * On hold; Done, Rejected and Stopped are closed):
 * - stale: no update for `staleDays` days or more: today − Last update ≥ staleDays, or no Last
 *   update at all;
 * - overdue: past its End and not closed: today > End.
 */
import { daysBetween } from './dates';
import { isOpen, type IsoDate, type ProjectStatus } from './model';

export { isOpen };
export const DEFAULT_STALE_DAYS = 30;

export interface Staleness {
  /** today − Last update in days; null when there is no (valid) Last update. */
  readonly daysSinceUpdate: number | null;
}

/**
 * The staleness of an open project: `{ daysSinceUpdate }` when it is stale, null when it is fresh
 * or closed. A project never updated (blank or invalid Last update) is stale.
 */
export function staleness(
  status: ProjectStatus | null,
  lastUpdate: IsoDate | null,
  today: IsoDate,
  staleDays: number,
): Staleness | null {
  if (!isOpen(status)) return null;
  const days = lastUpdate === null ? null : daysBetween(lastUpdate, today);
  if (days !== null && days < staleDays) return null;
  return { daysSinceUpdate: days };
}

/** Days past End (today − End) of an open project, or null when it is not overdue. */
export function daysOverdue(
  status: ProjectStatus | null,
  end: IsoDate | null,
  today: IsoDate,
): number | null {
  if (!isOpen(status) || end === null) return null;
  const days = daysBetween(end, today);
  return days !== null && days > 0 ? days : null;
}

/**
 * The review pack: what changed between two snapshots, for the monthly portfolio review. Every
 * item names the owner(s) who should speak to it, and carries a sentence for the Review sheet.
 */
import type { OverAllocation } from './capacity';
import { daysOverdue, DEFAULT_STALE_DAYS, staleness } from './health';
import { matchKey } from './keys';
import type { IsoDate, Period, ProjectStatus } from './model';
import type { Snapshot } from './snapshot';

interface ProjectRef {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
}

export type ReviewItem =
  | (ProjectRef & {
      readonly kind: 'new-project';
      readonly status: ProjectStatus | null;
      readonly message: string;
    })
  | (ProjectRef & { readonly kind: 'removed-project'; readonly message: string })
  | (ProjectRef & {
      readonly kind: 'status-change';
      readonly from: ProjectStatus | null;
      readonly to: ProjectStatus | null;
      readonly message: string;
    })
  | (ProjectRef & {
      readonly kind: 'rank-move';
      readonly from: number;
      readonly to: number;
      /** from − to: positive when the project moved up. */
      readonly places: number;
      readonly message: string;
    })
  | {
      /** `new-over-allocation` when previous over-allocations were given, else `over-allocation`. */
      readonly kind: 'new-over-allocation' | 'over-allocation';
      readonly skill: string;
      readonly period: Period;
      readonly hoursOver: number;
      readonly projects: readonly (ProjectRef & { readonly hours: number })[];
      /** The distinct owners of the contributing projects, largest contribution first. */
      readonly owners: readonly string[];
      readonly message: string;
    }
  | (ProjectRef & {
      readonly kind: 'newly-overdue';
      readonly end: IsoDate;
      readonly daysOverdue: number;
      readonly message: string;
    })
  | (ProjectRef & {
      readonly kind: 'newly-stale';
      readonly lastUpdate: IsoDate | null;
      readonly daysSinceUpdate: number | null;
      readonly message: string;
    });

export interface ReviewOptions {
  /** Report rank moves of more than this many places (default 3). */
  readonly rankMove?: number;
  /** Days without an update after which a project is stale (default 30). */
  readonly staleDays?: number;
  /** Today's over-allocations (from analyseCapacity), and those of the previous review if kept. */
  readonly overAllocations?: {
    readonly current: readonly OverAllocation[];
    readonly previous?: readonly OverAllocation[];
  };
}

export const DEFAULT_RANK_MOVE = 3;

/**
 * The changes from `previous` to `current` (each one day's snapshot rows), in this order:
 * - new projects (in current, not previous) and removed projects (the reverse), IDs matched
 *   ignoring case and spaces;
 * - status changes;
 * - rank moves of more than `rankMove` places (|rank before − rank now| > rankMove);
 * - over-allocations of today not in the previous list (same skill and period), or all of today's
 *   when no previous list is given;
 * - newly overdue: overdue on the current date (today > End, still open) but not on the previous
 *   date, judged on each snapshot's own row;
 * - newly stale: stale on the current date but not on the previous one (staleness is judged only
 *   when the current snapshot has some Last update).
 * Within a kind, items follow the current snapshot's order (removed ones the previous order).
 * With no previous snapshot every project is new. The diff of a snapshot with itself is empty.
 */
export function reviewDiff(
  previous: readonly Snapshot[],
  current: readonly Snapshot[],
  options: ReviewOptions = {},
): ReviewItem[] {
  const rankMove = options.rankMove ?? DEFAULT_RANK_MOVE;
  const staleDays = options.staleDays ?? DEFAULT_STALE_DAYS;
  const before = oneDate(previous, 'previous');
  const now = oneDate(current, 'current');
  const prevById = new Map(previous.map((s) => [matchKey(s.id), s]));
  const currById = new Map(current.map((s) => [matchKey(s.id), s]));
  const tracksUpdates = current.some((s) => s.lastUpdate !== null);

  const added: ReviewItem[] = [];
  const removed: ReviewItem[] = [];
  const statuses: ReviewItem[] = [];
  const ranks: ReviewItem[] = [];
  const overdue: ReviewItem[] = [];
  const stale: ReviewItem[] = [];

  for (const s of current) {
    const ref = refOf(s);
    const was = prevById.get(matchKey(s.id));
    if (!was) {
      added.push({
        ...ref,
        kind: 'new-project',
        status: s.status,
        message: `New: ${label(ref)} (${s.status ?? 'no status'}), ${ownerText(ref.owner)}.`,
      });
    } else {
      if (was.status !== s.status)
        statuses.push({
          ...ref,
          kind: 'status-change',
          from: was.status,
          to: s.status,
          message: `${label(ref)}: status ${was.status ?? 'blank'} → ${s.status ?? 'blank'} (${ownerText(ref.owner)}).`,
        });
      if (was.rank !== null && s.rank !== null && Math.abs(was.rank - s.rank) > rankMove) {
        const places = was.rank - s.rank;
        ranks.push({
          ...ref,
          kind: 'rank-move',
          from: was.rank,
          to: s.rank,
          places,
          message: `${label(ref)}: rank ${was.rank} → ${s.rank}, ${places > 0 ? 'up' : 'down'} ${Math.abs(places)} places (${ownerText(ref.owner)}).`,
        });
      }
    }
    if (now !== null) {
      const late = daysOverdue(s.status, s.end, now);
      const wasLate = was && before !== null ? daysOverdue(was.status, was.end, before) : null;
      if (late !== null && wasLate === null)
        overdue.push({
          ...ref,
          kind: 'newly-overdue',
          end: s.end as IsoDate,
          daysOverdue: late,
          message: `${label(ref)} is overdue: End ${s.end as IsoDate}, ${late} ${late === 1 ? 'day' : 'days'} ago (${ownerText(ref.owner)}).`,
        });
      const st = tracksUpdates ? staleness(s.status, s.lastUpdate, now, staleDays) : null;
      const wasStale =
        was && before !== null ? staleness(was.status, was.lastUpdate, before, staleDays) : null;
      if (st && !wasStale)
        stale.push({
          ...ref,
          kind: 'newly-stale',
          lastUpdate: s.lastUpdate,
          daysSinceUpdate: st.daysSinceUpdate,
          message:
            st.daysSinceUpdate === null
              ? `${label(ref)} has never been updated (${ownerText(ref.owner)}).`
              : `${label(ref)} has had no update for ${st.daysSinceUpdate} days (${ownerText(ref.owner)}).`,
        });
    }
  }
  for (const s of previous)
    if (!currById.has(matchKey(s.id))) {
      const ref = refOf(s);
      removed.push({
        ...ref,
        kind: 'removed-project',
        message: `Removed: ${label(ref)}, ${ownerText(ref.owner)}.`,
      });
    }

  return [
    ...added,
    ...removed,
    ...statuses,
    ...ranks,
    ...overAllocationItems(options.overAllocations, currById, prevById),
    ...overdue,
    ...stale,
  ];
}

function overAllocationItems(
  lists: ReviewOptions['overAllocations'],
  currById: ReadonlyMap<string, Snapshot>,
  prevById: ReadonlyMap<string, Snapshot>,
): ReviewItem[] {
  if (!lists) return [];
  const key = (o: OverAllocation): string => `${matchKey(o.skill)}\u0000${o.period}`;
  const before = lists.previous ? new Set(lists.previous.map(key)) : null;
  const items: ReviewItem[] = [];
  for (const o of lists.current) {
    if (before?.has(key(o))) continue;
    const projects = o.projects.map((p) => {
      const s = currById.get(matchKey(p.projectId)) ?? prevById.get(matchKey(p.projectId));
      return { id: p.projectId, name: s?.name ?? '', owner: s?.owner ?? '', hours: p.hours };
    });
    const owners = [...new Set(projects.map((p) => p.owner.trim()).filter((x) => x !== ''))];
    const capacity =
      o.capacity === null ? 'no capacity' : `${hours(o.demand)} of ${hours(o.capacity)} h`;
    const who = projects
      .map((p) => `${p.id} ${hours(p.hours)} h${p.owner.trim() ? ` (${p.owner.trim()})` : ''}`)
      .join(', ');
    items.push({
      kind: before ? 'new-over-allocation' : 'over-allocation',
      skill: o.skill,
      period: o.period,
      hoursOver: o.hoursOver,
      projects,
      owners,
      message: `${o.skill} over-allocated in ${o.period} by ${hours(o.hoursOver)} h (${capacity}): ${who}.`,
    });
  }
  return items;
}

/** The one date of a snapshot's rows (null when empty); mixed dates are a caller error. */
function oneDate(rows: readonly Snapshot[], which: string): IsoDate | null {
  const first = rows[0]?.date ?? null;
  const other = rows.find((s) => s.date !== first);
  if (other)
    throw new RangeError(
      `the ${which} snapshot mixes the dates ${first as string} and ${other.date}: pass one day's rows (see previousSnapshot)`,
    );
  return first;
}

function refOf(s: Snapshot): ProjectRef {
  return { id: s.id, name: s.name, owner: s.owner };
}

function label(p: ProjectRef): string {
  const id = p.id.trim();
  const name = p.name.trim();
  return name && name !== id ? `${id} "${name}"` : id;
}

function ownerText(owner: string): string {
  return owner.trim() ? `owner ${owner.trim()}` : 'no owner';
}

function hours(x: number): string {
  return String(Math.round(x * 10) / 10);
}

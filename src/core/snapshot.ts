/**
 * Snapshots: the row the History sheet keeps per project per day, and how today's snapshot merges
 * into the history rows already there.
 */
import * as z from 'zod/mini';
import { matchKey } from './keys';
import { lazy } from './lazy';
import {
  PROJECT_STATUSES,
  plannedEndOf,
  type IsoDate,
  type Project,
  type ProjectStatus,
} from './model';

export interface Snapshot {
  readonly date: IsoDate;
  readonly id: string;
  /** Name and owner are kept so a review can name a project that has since been removed. */
  readonly name: string;
  readonly owner: string;
  readonly status: ProjectStatus | null;
  readonly score: number | null;
  readonly rank: number | null;
  readonly selected: boolean | null;
  readonly cost: number | null;
  readonly expectedRevenue: number | null;
  /** End and Last update are kept so a review can tell what became overdue or stale. */
  readonly end: IsoDate | null;
  readonly actualCost: number | null;
  readonly pipelineGenerated: number | null;
  readonly revenueWon: number | null;
  readonly dealsWon: number | null;
  readonly dealsLost: number | null;
  readonly lastUpdate: IsoDate | null;
}

/** The History sheet's columns, in order: the Snapshot field and its header text. */
export const SNAPSHOT_COLUMNS: readonly {
  readonly key: keyof Snapshot;
  readonly header: string;
}[] = [
  { key: 'date', header: 'Date' },
  { key: 'id', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'owner', header: 'Owner' },
  { key: 'status', header: 'Status' },
  { key: 'score', header: 'Score' },
  { key: 'rank', header: 'Rank' },
  { key: 'selected', header: 'Selected' },
  { key: 'cost', header: 'Cost' },
  { key: 'expectedRevenue', header: 'Expected revenue' },
  { key: 'end', header: 'End' },
  { key: 'actualCost', header: 'Actual cost' },
  { key: 'pipelineGenerated', header: 'Pipeline generated' },
  { key: 'revenueWon', header: 'Revenue won' },
  { key: 'dealsWon', header: 'Deals won' },
  { key: 'dealsLost', header: 'Deals lost' },
  { key: 'lastUpdate', header: 'Last update' },
];

/**
 * The schema of a History row once the sheet layer has turned cells into values (dates as ISO
 * text, blanks as null). Built on first use (see lazy.ts).
 */
export const snapshotSchema = lazy(() => {
  const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
  const optionalNumber = z.nullable(z.number());
  return z.object({
    date: isoDate,
    id: z.string().check(z.minLength(1)),
    name: z.string(),
    owner: z.string(),
    status: z.nullable(z.enum(PROJECT_STATUSES)),
    score: optionalNumber,
    rank: optionalNumber,
    selected: z.nullable(z.boolean()),
    cost: optionalNumber,
    expectedRevenue: optionalNumber,
    end: z.nullable(isoDate),
    actualCost: optionalNumber,
    pipelineGenerated: optionalNumber,
    revenueWon: optionalNumber,
    dealsWon: optionalNumber,
    dealsLost: optionalNumber,
    lastUpdate: z.nullable(isoDate),
  });
});

/** Today's snapshot: one row per project, in sheet order. */
export function takeSnapshot(projects: readonly Project[], date: IsoDate): Snapshot[] {
  return projects.map((p) => ({
    date,
    id: p.id,
    name: p.name,
    owner: p.owner,
    status: p.status,
    score: p.score,
    rank: p.rank,
    selected: p.selected,
    cost: p.cost,
    expectedRevenue: p.expectedRevenue,
    end: plannedEndOf(p),
    actualCost: p.actuals.actualCost,
    pipelineGenerated: p.actuals.pipelineGenerated,
    revenueWon: p.actuals.revenueWon,
    dealsWon: p.actuals.dealsWon,
    dealsLost: p.actuals.dealsLost,
    lastUpdate: p.actuals.lastUpdate,
  }));
}

export interface MergedHistory {
  readonly rows: readonly Snapshot[];
  /** History rows replaced in place by today's row for the same date and ID. */
  readonly replaced: number;
  /** Today's rows appended (no row for that date and ID yet). */
  readonly added: number;
  /** Extra rows for a date and ID already seen (in the history or in today's rows), dropped. */
  readonly dropped: number;
  /** Rows of today's date whose project is no longer in today's snapshot (deleted since), removed. */
  readonly removed: number;
}

/**
 * Merges today's snapshot into the history so a second snapshot on the same day replaces the
 * first: a history row with the same date and ID (matched ignoring case and spaces) is replaced
 * in place by today's row, other rows keep their place, and today's other rows are appended in
 * their order. Only one row per date and ID survives. Rows of `date` (today's date: that of
 * today's rows unless given) whose ID is not in today's snapshot are removed — the project was
 * deleted since the earlier snapshot, so the day's state no longer has it (else the day's trend
 * point would count it and the next review would report its removal a second time). Rows of
 * other dates are kept as they are.
 */
export function mergeSnapshot(
  history: readonly Snapshot[],
  today: readonly Snapshot[],
  date: IsoDate | undefined = today[0]?.date,
): MergedHistory {
  const key = (s: Snapshot): string => `${s.date}\u0000${matchKey(s.id)}`;
  const incoming = new Map<string, Snapshot>();
  let dropped = 0;
  for (const s of today) {
    if (incoming.has(key(s))) dropped++;
    else incoming.set(key(s), s);
  }
  const done = new Set<string>();
  const rows: Snapshot[] = [];
  let replaced = 0;
  let removed = 0;
  for (const s of history) {
    const k = key(s);
    if (done.has(k)) {
      dropped++;
      continue;
    }
    done.add(k);
    const fresh = incoming.get(k);
    if (fresh) replaced++;
    else if (s.date === date) {
      removed++;
      continue;
    }
    rows.push(fresh ?? s);
  }
  let added = 0;
  for (const [k, s] of incoming)
    if (!done.has(k)) {
      rows.push(s);
      added++;
    }
  return { rows, replaced, added, dropped, removed };
}

/** The rows of the latest snapshot dated before `date` (empty when there is none). */
export function previousSnapshot(history: readonly Snapshot[], date: IsoDate): Snapshot[] {
  let latest: IsoDate | null = null;
  for (const s of history)
    if (s.date < date && (latest === null || s.date > latest)) latest = s.date;
  return latest === null ? [] : history.filter((s) => s.date === latest);
}

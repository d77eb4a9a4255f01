/**
 * The sample's earlier snapshot day (src/data/sample-earlier-snapshot.json): the portfolio as it
 * stood at the previous monthly review, so that Prepare review on a freshly loaded sample shows
 * what changed since (status changes, rank moves, new over-allocations, a new and a dropped
 * project) instead of listing every project as new. The file holds each project's row of that
 * day and the over-allocations found then; its date is `daysBeforeLoad` days before the day the
 * sample is loaded. Ranks are derived from the scores (competition ranking of the open projects,
 * as Score & rank does) and hours over from demand and capacity, so the file cannot contradict
 * itself. Validated on first use; a broken file names the field at fault.
 */
import * as z from 'zod/mini';
import earlierJson from '../data/sample-earlier-snapshot.json';
import type { OverAllocation } from './capacity';
import { dayNumber, isoDateOf } from './dates';
import { lazy } from './lazy';
import { isOpen, PROJECT_STATUSES, type IsoDate } from './model';
import { competitionRanks } from './rank';
import type { Snapshot } from './snapshot';

const FILE = 'src/data/sample-earlier-snapshot.json';

/** The History columns of reported actuals. */
const ACTUALS = ['actualCost', 'pipelineGenerated', 'revenueWon', 'dealsWon', 'dealsLost'] as const;

const earlierSchema = lazy(() => {
  const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
  const hours = z.number().check(z.nonnegative());
  return z.object({
    description: z.string(),
    daysBeforeLoad: z.int().check(z.gte(1), z.lte(366)),
    projects: z
      .array(
        z.object({
          id: z.string().check(z.regex(/^P\d{2}$/)),
          name: z.string().check(z.minLength(1)),
          owner: z.string(),
          status: z.enum(PROJECT_STATUSES),
          score: z.nullable(z.number().check(z.gte(0), z.lte(100))),
          cost: z.number().check(z.nonnegative()),
          expectedRevenue: z.number().check(z.nonnegative()),
          end: isoDate,
        }),
      )
      .check(
        z.minLength(1),
        z.refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, 'IDs must be unique.'),
      ),
    overAllocations: z.array(
      z
        .object({
          skill: z.string().check(z.minLength(1)),
          period: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
          demand: hours,
          capacity: hours,
          projects: z.array(z.object({ projectId: z.string(), hours })),
        })
        .check(z.refine((o) => o.demand > o.capacity, 'Demand must exceed capacity.')),
    ),
  });
});

type Earlier = z.output<ReturnType<typeof earlierSchema>>;

const parsed = lazy((): Earlier => {
  const r = earlierSchema().safeParse(earlierJson);
  if (!r.success) throw new Error(`${FILE} is not valid:\n${z.prettifyError(r.error)}`);
  return r.data;
});

export interface SampleEarlierDay {
  readonly date: IsoDate;
  readonly snapshot: readonly Snapshot[];
  readonly overAllocations: readonly OverAllocation[];
}

/** The earlier day for a sample loaded on `today`: its History rows and its over-allocations. */
export function sampleEarlierDay(today: IsoDate): SampleEarlierDay {
  const data = parsed();
  const day = dayNumber(today);
  if (day === null) throw new Error(`Not a date: ${today}`);
  const date = isoDateOf(day - data.daysBeforeLoad);
  const ranks = competitionRanks(data.projects.map((p) => (isOpen(p.status) ? p.score : null)));
  // That day nobody had optimised or reported actuals yet: Selected and the actuals are blank.
  const blank = { selected: null, lastUpdate: null } as const;
  const noActuals = Object.fromEntries(ACTUALS.map((k) => [k, null])) as Record<
    (typeof ACTUALS)[number],
    null
  >;
  const snapshot = data.projects.map((p, i): Snapshot => ({
    ...p,
    date,
    rank: ranks[i] ?? null,
    ...blank,
    ...noActuals,
  }));
  const overAllocations = data.overAllocations.map((o): OverAllocation => ({
    skill: o.skill,
    period: o.period,
    demand: o.demand,
    capacity: o.capacity,
    hoursOver: o.demand - o.capacity,
    utilisation: o.demand / o.capacity,
    projects: o.projects,
  }));
  return { date, snapshot, overAllocations };
}

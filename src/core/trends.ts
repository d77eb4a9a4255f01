/**
 * Score and value trends from the History sheet: one point per snapshot day, for the Dashboard's
 * trend charts. Per date d, over that day's snapshot rows:
 *   average score            = Σ Score ÷ n over the rows with a Score
 *   committed average score  = the same over the committed rows (that day's plan, counting.ts
 *                              committedRule: Approved or Active before any selection, Active or
 *                              Selected once that day's rows have a selection)
 *   committed expected revenue = Σ Expected revenue of the committed rows
 *   revenue won              = Σ Revenue won of all rows
 *   pipeline generated       = Σ Pipeline generated of all rows
 * Blank values are skipped; an average over no row is null.
 */
import { committedRule, isCounted, type CountRule } from './counting';
import type { IsoDate } from './model';
import type { Snapshot } from './snapshot';

export interface TrendPoint {
  readonly date: IsoDate;
  readonly projects: number;
  readonly averageScore: number | null;
  readonly committedAverageScore: number | null;
  readonly committedExpectedRevenue: number;
  readonly revenueWon: number;
  readonly pipelineGenerated: number;
}

export const TREND_FORMULAS = {
  averageScore: 'Σ Score ÷ number of projects with a Score, per snapshot day',
  committedAverageScore: 'the same over the committed portfolio',
  committedExpectedRevenue: 'Σ Expected revenue of the committed portfolio, per snapshot day',
  revenueWon: 'Σ Revenue won, per snapshot day',
  pipelineGenerated: 'Σ Pipeline generated, per snapshot day',
} as const;

interface Acc {
  projects: number;
  scoreSum: number;
  scored: number;
  committedScoreSum: number;
  committedScored: number;
  committedExpected: number;
  won: number;
  pipeline: number;
}

const finite = (x: number | null): x is number => x !== null && Number.isFinite(x);

/** One point per date, oldest first (the last `limit` dates when a limit is given). */
export function historyTrends(
  history: readonly Snapshot[],
  options: { rule?: CountRule; limit?: number } = {},
): TrendPoint[] {
  const byDate = new Map<IsoDate, Snapshot[]>();
  for (const s of history) {
    const rows = byDate.get(s.date);
    if (rows) rows.push(s);
    else byDate.set(s.date, [s]);
  }
  const points = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, rows]) => point(date, rows, options.rule ?? committedRule(rows)));
  return options.limit !== undefined && points.length > options.limit
    ? points.slice(points.length - options.limit)
    : points;
}

function point(date: IsoDate, rows: readonly Snapshot[], rule: CountRule): TrendPoint {
  const a: Acc = {
    projects: 0,
    scoreSum: 0,
    scored: 0,
    committedScoreSum: 0,
    committedScored: 0,
    committedExpected: 0,
    won: 0,
    pipeline: 0,
  };
  for (const s of rows) {
    a.projects++;
    const committed = isCounted(s, rule);
    if (finite(s.score)) {
      a.scoreSum += s.score;
      a.scored++;
      if (committed) {
        a.committedScoreSum += s.score;
        a.committedScored++;
      }
    }
    if (committed && finite(s.expectedRevenue)) a.committedExpected += s.expectedRevenue;
    if (finite(s.revenueWon)) a.won += s.revenueWon;
    if (finite(s.pipelineGenerated)) a.pipeline += s.pipelineGenerated;
  }
  return {
    date,
    projects: a.projects,
    averageScore: a.scored ? a.scoreSum / a.scored : null,
    committedAverageScore: a.committedScored ? a.committedScoreSum / a.committedScored : null,
    committedExpectedRevenue: a.committedExpected,
    revenueWon: a.won,
    pipelineGenerated: a.pipeline,
  };
}

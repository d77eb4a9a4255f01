/**
 * "Explain score": how one project's weighted score and rank come about, as data and as a few
 * plain sentences anyone can audit cell by cell.
 *
 * The score is recomputed from the criteria exactly as weighted scoring does (weightedScores:
 * score = 100 × Σ_k w′_k × n_k, min-max or fixed-scale normalisation, a blank value counting as
 * the worst) over every project, and ranked by competition ranking (1, 2, 2, 4). The neighbours
 * are the nearest scores above and below; the criterion that separates two projects most is the
 * one with the largest difference in points.
 */
import type { CriterionDef, Project } from './model';
import { competitionRanks, sameNumber } from './rank';
import {
  criterionBounds,
  explainWeighted,
  weightedScores,
  type Criterion,
  type ValueRow,
} from './weighted';

export interface CriterionExplanation {
  readonly criterion: string;
  /** The value in the project's row; null when blank. */
  readonly raw: number | null;
  /** The value on 0–1, 1 best. */
  readonly normalised: number;
  /** The criterion's weight after normalisation (weights sum to 1). */
  readonly weight: number;
  /** 100 × weight × normalised: the points it adds to the score. */
  readonly points: number;
  /** The bounds it was normalised on: the fixed scale, or the lowest and highest value entered. */
  readonly lo: number;
  readonly hi: number;
  readonly direction: 'higher' | 'lower';
  readonly fixedScale: boolean;
  readonly sentence: string;
}

export interface Neighbour {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  readonly rank: number;
  /** |their score − this score|, in points. */
  readonly gap: number;
  /** The criterion with the largest difference in points in the neighbour's favour (above) or in this project's favour (below). */
  readonly mostOn: string;
  readonly mostOnPoints: number;
}

export interface ScoreExplanation {
  readonly id: string;
  readonly name: string;
  /** null when every criterion value of the project is blank. */
  readonly score: number | null;
  readonly rank: number | null;
  /** How many projects have a score (and so a rank). */
  readonly ranked: number;
  readonly criteria: readonly CriterionExplanation[];
  /** The nearest better-scored project (the first in sheet order on a tie); null when first. */
  readonly above: Neighbour | null;
  /** The nearest worse-scored project; null when last. */
  readonly below: Neighbour | null;
  /** IDs of the projects with the same score. */
  readonly tiedWith: readonly string[];
  /** The Score column as last written, when it differs from the score computed now. */
  readonly staleScore: number | null;
  readonly sentences: readonly string[];
}

export interface ExplainOptions {
  /**
   * Which projects compete for a rank (default: every project with a score). The others keep
   * their score, and count for min-max normalisation, but get no rank and are nobody's
   * neighbour — as Score & rank does for closed projects.
   */
  readonly ranked?: (p: Project) => boolean;
}

/**
 * Explains the score and rank of the project with ID `id` (matched exactly, then ignoring case
 * and spaces) among `projects`, scored with `criteria` (pass the weights Score & rank used, e.g.
 * AHP weights when it used the Pairwise sheet).
 */
export function explainScore(
  projects: readonly Project[],
  criteria: readonly CriterionDef[],
  id: string,
  options: ExplainOptions = {},
): ScoreExplanation {
  if (criteria.length === 0)
    throw new RangeError('there are no criteria: add rows to the Criteria sheet');
  let index = projects.findIndex((p) => p.id === id);
  if (index < 0)
    index = projects.findIndex((p) => p.id.trim().toLowerCase() === id.trim().toLowerCase());
  if (index < 0) throw new RangeError(`no project has the ID "${id}"`);

  const defs: Criterion[] = criteria.map((c) => ({
    weight: c.weight,
    direction: c.direction,
    scaleMin: c.scaleMin ?? undefined,
    scaleMax: c.scaleMax ?? undefined,
  }));
  const rows: (ValueRow | null)[] = projects.map((p) => {
    const row = criteria.map((c) => {
      const x = p.criteria[c.name];
      return x === undefined || x === null || !Number.isFinite(x) ? null : x;
    });
    return row.every((x) => x === null) ? null : row;
  });
  const allScores = weightedScores(rows, defs);
  const inRanking = options.ranked;
  // Scores of the projects that compete for a rank (null for the others).
  const scores = inRanking
    ? allScores.map((x, i) => (inRanking(projects[i] as Project) ? x : null))
    : allScores;
  const ranks = competitionRanks(scores);
  const bounds = criterionBounds(rows, defs);
  const parts = explainWeighted(rows, defs, index);
  const p = projects[index] as Project;
  const score = allScores[index] ?? null;
  const rank = ranks[index] ?? null;
  const ranked = scores.filter((s) => s !== null).length;

  const explained: CriterionExplanation[] = parts.map((part, k) => {
    const c = criteria[k] as CriterionDef;
    const b = bounds[k] as { lo: number; hi: number };
    const fixedScale = c.scaleMin !== null && c.scaleMax !== null;
    return {
      criterion: c.name,
      ...part,
      lo: b.lo,
      hi: b.hi,
      direction: c.direction,
      fixedScale,
      sentence: criterionSentence(
        c.name,
        part.raw,
        part.normalised,
        part.weight,
        part.points,
        b,
        c.direction,
        fixedScale,
      ),
    };
  });

  let above = -1;
  let below = -1;
  const tiedWith: string[] = [];
  if (score !== null && rank !== null)
    scores.forEach((s, j) => {
      if (s === null || j === index) return;
      // Ties as the ranking sees them: equal to 15 significant digits (sameNumber).
      if (sameNumber(s, score)) tiedWith.push((projects[j] as Project).id);
      else if (s > score && (above < 0 || s < (scores[above] as number))) above = j;
      else if (s < score && (below < 0 || s > (scores[below] as number))) below = j;
    });
  const neighbour = (j: number, sign: 1 | -1): Neighbour | null => {
    if (j < 0) return null;
    const theirs = explainWeighted(rows, defs, j);
    let best = 0;
    let bestDiff = -Infinity;
    theirs.forEach((t, k) => {
      const diff = sign * (t.points - (parts[k] as { points: number }).points);
      if (diff > bestDiff) {
        bestDiff = diff;
        best = k;
      }
    });
    const q = projects[j] as Project;
    return {
      id: q.id,
      name: q.name,
      score: scores[j] as number,
      rank: ranks[j] as number,
      gap: Math.abs((scores[j] as number) - (score as number)),
      mostOn: (criteria[best] as CriterionDef).name,
      mostOnPoints: bestDiff,
    };
  };
  const up = neighbour(above, 1);
  const down = neighbour(below, -1);
  const staleScore =
    // Score & rank writes scores rounded to 2 decimals: only a larger difference means stale.
    p.score !== null && score !== null && Math.abs(p.score - score) > 0.005 + 1e-9 ? p.score : null;

  const sentences: string[] = [];
  if (score === null) {
    sentences.push(
      `${p.id} has no score: every criterion value is blank. Fill in at least one to score it.`,
    );
  } else if (rank === null) {
    sentences.push(
      `${p.id} has ${pts(score)} points but no rank: its status (${p.status ?? 'blank'}) takes it out of the ranking.`,
    );
  } else {
    const head = `Ranked ${ordinal(rank)} of ${ranked} with ${pts(score)} points`;
    sentences.push(
      up
        ? `${head}: ${gapPts(up.gap)} points behind ${up.id}, mostly on ${up.mostOn} (${pts(up.mostOnPoints)} points).`
        : `${head}: the top score.`,
    );
    if (down)
      sentences.push(
        `${capitalise(gapPts(down.gap))} points ahead of ${down.id}, mostly on ${down.mostOn} (${pts(down.mostOnPoints)} points).`,
      );
    if (tiedWith.length > 0)
      sentences.push(`Tied with ${listIds(tiedWith)}: equal scores share the rank.`);
    const top = [...explained]
      .sort((a, b) => b.points - a.points)
      .filter((c) => c.points > 0)
      .slice(0, 2);
    if (top.length > 0)
      sentences.push(
        `Most points come from ${top.map((c) => `${c.criterion} (${pts(c.points)})`).join(' and ')}.`,
      );
  }
  if (staleScore !== null)
    sentences.push(
      `The Score column shows ${pts(staleScore)} but the criteria now give ${pts(score as number)}: run Score & rank to refresh it.`,
    );

  return {
    id: p.id,
    name: p.name,
    score,
    rank,
    ranked,
    criteria: explained,
    above: up,
    below: down,
    tiedWith,
    staleScore,
    sentences,
  };
}

function criterionSentence(
  name: string,
  raw: number | null,
  normalised: number,
  weight: number,
  points: number,
  b: { lo: number; hi: number },
  direction: 'higher' | 'lower',
  fixedScale: boolean,
): string {
  const w = `${pct(weight)} weight`;
  if (raw === null) return `${name}: blank, counted as the worst value → 0 points (${w}).`;
  const range = fixedScale
    ? `on the scale ${num(b.lo)} to ${num(b.hi)}`
    : `in the range ${num(b.lo)} to ${num(b.hi)} entered`;
  const better = direction === 'higher' ? 'higher is better' : 'lower is better';
  return `${name}: ${num(raw)} ${range} (${better}) → ${num(normalised)} × ${w} = ${pts(points)} points.`;
}

/** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st, … */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A gap between two scores: "1.4", or "less than 0.1" where one decimal would read 0.0. */
function gapPts(x: number): string {
  return x < 0.05 ? 'less than 0.1' : pts(x);
}

function capitalise(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function pts(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1);
}

function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

function listIds(ids: readonly string[]): string {
  return ids.length <= 5
    ? ids.join(', ')
    : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`;
}

/**
 * Scoring a portfolio with one framework: weighted criteria (the default), RICE, ICE or WSJF.
 * Shared by Score & rank (server) and the Scoring model sidebar's live preview (browser), so the
 * preview shows exactly what applying the model will write.
 *
 * - weighted: 100 × Σ w′ₖ nₖ (see weighted.ts);
 * - RICE = reach × impact × confidence ÷ effort;
 * - ICE  = impact × confidence × ease;
 * - WSJF = (business value + time criticality + risk reduction) ÷ job size.
 * A framework's inputs are Projects columns chosen by the board. A blank input counts as the
 * worst value, 0 (and is listed in `missing`); a divisor (effort, job size) that is blank or not
 * above 0 makes the score 0 as well, so a project is never ranked up by missing data.
 */
import { ice, rice, wsjf } from './frameworks';
import { competitionRanks } from './rank';
import { weightedScores, type Criterion, type ValueRow } from './weighted';

export const FRAMEWORKS = ['weighted', 'rice', 'ice', 'wsjf'] as const;
export type FrameworkKind = (typeof FRAMEWORKS)[number];

/** Display names, as the Settings sheet writes them. */
export const FRAMEWORK_NAMES: Readonly<Record<FrameworkKind, string>> = {
  weighted: 'Weighted',
  rice: 'RICE',
  ice: 'ICE',
  wsjf: 'WSJF',
};

/** Each framework's inputs, in formula order, with their labels. */
export const FRAMEWORK_INPUTS: Readonly<
  Record<Exclude<FrameworkKind, 'weighted'>, readonly { key: string; label: string }[]>
> = {
  rice: [
    { key: 'reach', label: 'Reach' },
    { key: 'impact', label: 'Impact' },
    { key: 'confidence', label: 'Confidence' },
    { key: 'effort', label: 'Effort' },
  ],
  ice: [
    { key: 'impact', label: 'Impact' },
    { key: 'confidence', label: 'Confidence' },
    { key: 'ease', label: 'Ease' },
  ],
  wsjf: [
    { key: 'businessValue', label: 'Business value' },
    { key: 'timeCriticality', label: 'Time criticality' },
    { key: 'riskReduction', label: 'Risk reduction' },
    { key: 'jobSize', label: 'Job size' },
  ],
};

/** One project's framework score, and the inputs that were blank. */
export function frameworkScore(
  kind: Exclude<FrameworkKind, 'weighted'>,
  inputs: Readonly<Record<string, number | null | undefined>>,
): { score: number; missing: string[] } {
  const missing: string[] = [];
  const v = (key: string): number => {
    const x = inputs[key];
    if (x === null || x === undefined || !Number.isFinite(x)) {
      missing.push(key);
      return 0;
    }
    return x;
  };
  if (kind === 'rice') {
    const [r, i, c, e] = [v('reach'), v('impact'), v('confidence'), v('effort')];
    return { score: e > 0 ? rice(r, i, c, e) : 0, missing };
  }
  if (kind === 'ice') return { score: ice(v('impact'), v('confidence'), v('ease')), missing };
  const [b, t, r, j] = [v('businessValue'), v('timeCriticality'), v('riskReduction'), v('jobSize')];
  return { score: j > 0 ? wsjf(b, t, r, j) : 0, missing };
}

/** A project as the ranking needs it. */
export interface ScoredProject {
  /** Criterion values, in the order of the criteria. */
  readonly values: ValueRow;
  /** Framework inputs by key (RICE/ICE/WSJF). */
  readonly inputs: Readonly<Record<string, number | null>>;
  /** Closed projects (Done, Rejected, Stopped) get a score but no rank. */
  readonly open: boolean;
}

/**
 * Scores and ranks (1 = best, competition ranking) every project with the chosen framework;
 * only open projects are ranked.
 */
export function scorePortfolio(
  kind: FrameworkKind,
  projects: readonly ScoredProject[],
  criteria: readonly Criterion[],
): { scores: (number | null)[]; ranks: (number | null)[] } {
  const scores: (number | null)[] =
    kind === 'weighted'
      ? weightedScores(
          projects.map((p) => p.values),
          criteria,
        )
      : projects.map((p) => frameworkScore(kind, p.inputs).score);
  const open = scores.map((s, i) => (projects[i]?.open ? s : null));
  return { scores, ranks: competitionRanks(open) };
}

/** "reach=Customer reach; effort=Effort (person-weeks)" → { reach: "Customer reach", … }. */
export function parseFrameworkColumns(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const header = part.slice(at + 1).trim();
    if (key && header) out[key] = header;
  }
  return out;
}

/** The inverse of parseFrameworkColumns, in the framework's input order. */
export function formatFrameworkColumns(
  kind: Exclude<FrameworkKind, 'weighted'>,
  columns: Readonly<Record<string, string>>,
): string {
  return FRAMEWORK_INPUTS[kind]
    .filter((i) => columns[i.key])
    .map((i) => `${i.key}=${columns[i.key] ?? ''}`)
    .join('; ');
}

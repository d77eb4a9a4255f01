/**
 * How the portfolio is scored, per Settings — weighted criteria (weights from Criteria, or from the
 * Pairwise sheet by AHP) or RICE, ICE or WSJF on the Projects columns Settings names — computed
 * without writing anything. Score & rank writes the result; Optimise portfolio and Explain score
 * use the very same numbers.
 */
import { analyseAhp, mostInconsistentJudgement } from '../../core/ahp';
import {
  FRAMEWORK_INPUTS,
  FRAMEWORK_NAMES,
  frameworkScore,
  scorePortfolio,
  type FrameworkKind,
} from '../../core/framework-score';
import { isOpen, type CriterionDef, type Project } from '../../core/model';
import { competitionRanks } from '../../core/rank';
import { weightedScores, type Criterion, type ValueRow } from '../../core/weighted';
import { looseNumber } from '../../sheets/cell-parsers';
import { headerKey } from '../../sheets/headers';
import { readPairwise, type CriteriaRead } from '../../sheets/model-sheets';
import { problemsError, SheetError, type Problem } from '../../sheets/problems';
import { readProjects, type ProjectsRead } from '../../sheets/projects';
import { CRITERIA } from '../../sheets/schema';
import type { Settings } from '../../sheets/settings';
import { PAIRWISE_SHEET } from '../../sheets/setup';
import { projectsSheet, sheetOrFail, type Reading } from './workbook';

/** Projects in these statuses keep a score but get no rank: they are no longer competing. */

export interface AhpReport {
  readonly consistencyRatio: number;
  /** The weights, in the order of the Criteria sheet's criteria. */
  readonly weights: readonly number[];
  /** The most inconsistent judgement and its fix, in words, when CR is above 0.1. */
  readonly worst: string | null;
}

/** A framework input and the Projects column it is read from. */
export interface FrameworkInput {
  readonly key: string;
  readonly label: string;
  readonly col: number;
  readonly header: string;
}

export interface Scoring {
  readonly kind: FrameworkKind;
  readonly read: ProjectsRead;
  /** Projects with their fresh Score and Rank (what Score & rank writes). */
  readonly projects: Project[];
  readonly scores: (number | null)[];
  readonly ranks: (number | null)[];
  /** Problems and missing inputs by sheet row, for the Flags column. */
  readonly flags: Map<number, string[]>;
  /** The criteria with the weights used (AHP weights when they come from Pairwise). */
  readonly criteria: CriterionDef[];
  readonly ahp: AhpReport | null;
  /** For RICE, ICE and WSJF: the inputs and their columns. */
  readonly inputs: readonly FrameworkInput[];
  /** The model in words, for the Log: "weights from Criteria sheet: Strategic fit 30.0%, …". */
  readonly describe: string;
}

export function computeScores(ctx: Reading, settings: Settings, model: CriteriaRead): Scoring {
  if (settings.framework !== 'weighted')
    return frameworkScoring(ctx, settings, settings.framework, model.criteria);
  let criteria: CriterionDef[] = model.criteria;
  let ahp: AhpReport | null = null;
  if (settings.weightsFrom === 'Pairwise (AHP)') {
    ahp = ahpWeights(ctx, model.criteria);
    const weights = ahp.weights;
    criteria = criteria.map((c, i) => ({ ...c, weight: weights[i] ?? 0 }));
  }
  const read = readProjects(projectsSheet(ctx), criteria, ctx);
  const missing = criteria.filter((c) => !read.criterionColumns.has(c.name));
  if (missing.length) {
    const problems: Problem[] = missing.map((c) => ({
      sheet: CRITERIA.name,
      row: model.rows.get(c.name),
      column: 'Column',
      value: c.column,
      message:
        'is not a header of the Projects sheet. Write the exact Projects header (case and spaces do not matter), or add that column to Projects.',
    }));
    throw problemsError('Some criteria have no column in Projects', problems);
  }
  const { scores, ranks } = scoreProjects(read.projects, criteria);
  const flags = new Map(read.flags);
  read.projects.forEach((p) => {
    const blanks = criteria
      .filter((c) => c.weight > 0 && p.criteria[c.name] === null)
      .map((c) => c.name);
    if (blanks.length)
      flags.set(p.row, [
        ...(flags.get(p.row) ?? []),
        `missing ${blanks.join(', ')} (counts as worst)`,
      ]);
  });
  return {
    kind: 'weighted',
    read,
    projects: withScores(read.projects, scores, ranks),
    scores,
    ranks,
    flags,
    criteria,
    ahp,
    inputs: [],
    describe: `weights from ${settings.weightsFrom}: ${criteria.map((c) => `${c.name} ${(c.weight * 100).toFixed(1)}%`).join(', ')}`,
  };
}

/** Scores every project with weighted criteria and ranks those still open. */
export function scoreProjects(
  projects: readonly Project[],
  criteria: readonly CriterionDef[],
): { scores: (number | null)[]; ranks: (number | null)[] } {
  const rows: ValueRow[] = projects.map((p) => criteria.map((c) => p.criteria[c.name] ?? null));
  const specs: Criterion[] = criteria.map((c) => ({
    weight: c.weight,
    direction: c.direction,
    scaleMin: c.scaleMin ?? undefined,
    scaleMax: c.scaleMax ?? undefined,
  }));
  const scores = weightedScores(rows, specs);
  const open = scores.map((s, i) => (isOpen(projects[i]?.status ?? null) ? s : null));
  return { scores, ranks: competitionRanks(open) };
}

function withScores(
  projects: readonly Project[],
  scores: readonly (number | null)[],
  ranks: readonly (number | null)[],
): Project[] {
  return projects.map((p, i) => ({ ...p, score: scores[i] ?? null, rank: ranks[i] ?? null }));
}

/**
 * RICE, ICE or WSJF (Settings: Scoring framework): each input is read from the Projects column
 * that Settings "Framework columns" names (numbers, or text such as "80%"); a blank input counts
 * as 0 and is flagged (see core/framework-score.ts).
 */
function frameworkScoring(
  ctx: Reading,
  settings: Settings,
  kind: Exclude<FrameworkKind, 'weighted'>,
  criteria: readonly CriterionDef[],
): Scoring {
  const name = FRAMEWORK_NAMES[kind];
  const read = readProjects(projectsSheet(ctx), criteria, ctx);
  const specs = FRAMEWORK_INPUTS[kind];
  const inputs: FrameworkInput[] = specs.map((i) => {
    const header = settings.frameworkColumns[i.key];
    const col = header === undefined ? undefined : read.table.byHeader.get(headerKey(header));
    if (col === undefined)
      throw new SheetError(
        `${name} needs the Projects column of its input "${i.key}" (${i.label}): ${header === undefined ? 'Settings "Framework columns" names none' : `Projects has no column "${header}"`}. Set the columns in the Scoring model sidebar, or write them in Settings, e.g. "${specs.map((x) => `${x.key}=<Projects header>`).join('; ')}".`,
      );
    return { key: i.key, label: i.label, col, header: String(read.table.headers[col]) };
  });
  const flags = new Map(read.flags);
  const scored = read.projects.map((p) => {
    const values = frameworkValues(read, p, inputs, kind);
    const { missing } = frameworkScore(kind, values);
    if (missing.length) {
      const labels = missing.map((k) => inputs.find((c) => c.key === k)?.label ?? k);
      flags.set(p.row, [...(flags.get(p.row) ?? []), `missing ${labels.join(', ')} (counts as 0)`]);
    }
    return { values: [], inputs: values, open: isOpen(p.status) };
  });
  const { scores, ranks } = scorePortfolio(kind, scored, []);
  return {
    kind,
    read,
    projects: withScores(read.projects, scores, ranks),
    scores,
    ranks,
    flags,
    criteria: [...criteria],
    ahp: null,
    inputs,
    describe: `scored with ${name} (${inputs.map((c) => `${c.label} = ${c.header}`).join(', ')})`,
  };
}

/**
 * A project's framework inputs, read from their columns. RICE's confidence taken from the
 * Projects Confidence column is that column's parsed percentage (a fraction, read by the one
 * percent rule, blank when flagged as above 100%), not the raw cell.
 */
export function frameworkValues(
  read: ProjectsRead,
  p: Project,
  inputs: readonly FrameworkInput[],
  kind: FrameworkKind,
): Record<string, number | null> {
  const row = read.table.rows[p.row - 2] ?? [];
  const values: Record<string, number | null> = {};
  const confidenceCol = read.table.index.get('confidence');
  for (const c of inputs)
    values[c.key] =
      kind === 'rice' && c.key === 'confidence' && c.col === confidenceCol
        ? p.confidence
        : (looseNumber(row[c.col]) ?? null);
  return values;
}

/** AHP weights from the Pairwise sheet, with the consistency ratio and the judgement to fix. */
function ahpWeights(ctx: Reading, criteria: readonly CriterionDef[]): AhpReport {
  const matrix = readPairwise(sheetOrFail(ctx, { name: PAIRWISE_SHEET }), criteria);
  const result = analyseAhp(matrix);
  const worst = result.consistencyRatio > 0.1 ? mostInconsistentJudgement(matrix) : null;
  const worstText = worst
    ? `Most inconsistent judgement: ${criteria[worst.row]?.name ?? ''} vs ${criteria[worst.col]?.name ?? ''} is ${fmt(worst.current)}; ${fmt(worst.suggested)} would bring the ratio to ${worst.crAfter.toFixed(3)}.`
    : null;
  return { consistencyRatio: result.consistencyRatio, weights: result.weights, worst: worstText };
}

function fmt(x: number): string {
  return x >= 1 ? String(Math.round(x * 100) / 100) : `1/${Math.round(1 / x)}`;
}

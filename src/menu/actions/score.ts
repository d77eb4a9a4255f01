/**
 * Score & rank: scores every project with the Criteria sheet's weights (or the Pairwise sheet's
 * AHP weights), ranks the open ones and writes Score, Rank and Flags.
 */
import { analyseAhp, mostInconsistentJudgement } from '../../core/ahp';
import type { CriterionDef, Project } from '../../core/model';
import { competitionRanks } from '../../core/rank';
import { weightedScores, type Criterion, type ValueRow } from '../../core/weighted';
import type { ActionContext, ActionResult } from '../../sheets/action';
import { readPairwise, type CriteriaRead } from '../../sheets/model-sheets';
import { writeOwnedColumns } from '../../sheets/owned-columns';
import { problemsError, type Problem } from '../../sheets/problems';
import { readProjects } from '../../sheets/projects';
import { CRITERIA } from '../../sheets/schema';
import { PAIRWISE_SHEET } from '../../sheets/setup';
import { criteriaOf, projectsSheet, settingsOf, sheetOrFail } from './workbook';

/** Projects in these statuses keep a score but get no rank: they are no longer competing. */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set(['Done', 'Rejected', 'Stopped']);

export interface AhpReport {
  readonly consistencyRatio: number;
  readonly weights: readonly number[];
  readonly worst: string | null;
}

export function scoreAndRank(ctx: ActionContext): ActionResult {
  const { settings, warnings } = settingsOf(ctx);
  const model = criteriaOf(ctx);
  let criteria: CriterionDef[] = model.criteria;
  let ahp: AhpReport | null = null;
  if (settings.weightsFrom === 'Pairwise (AHP)') {
    const result = ahpWeights(ctx, model);
    ahp = result.report;
    criteria = result.criteria;
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
  const scored = scoreProjects(read.projects, criteria);
  const flags = new Map(read.flags);
  read.projects.forEach((p) => {
    const blanks = criteria
      .filter((c) => c.weight > 0 && p.criteria[c.name] === null)
      .map((c) => c.name);
    if (blanks.length) {
      const list = flags.get(p.row) ?? [];
      list.push(`missing ${blanks.join(', ')} (counts as worst)`);
      flags.set(p.row, list);
    }
  });
  const rowCount = read.table.rows.length;
  const scoreCol: (number | string)[] = new Array<number | string>(rowCount).fill('');
  const rankCol: (number | string)[] = new Array<number | string>(rowCount).fill('');
  const flagCol: string[] = new Array<string>(rowCount).fill('');
  read.projects.forEach((p, i) => {
    const idx = p.row - 2;
    scoreCol[idx] = Math.round((scored.scores[i] ?? 0) * 100) / 100;
    const rank = scored.ranks[i];
    rankCol[idx] = rank ?? '';
    flagCol[idx] = (flags.get(p.row) ?? []).join('; ');
  });
  const report = writeOwnedColumns(ctx, read.table, [
    { key: 'score', values: scoreCol, numberFormat: '0.0' },
    { key: 'rank', values: rankCol, numberFormat: '0' },
    { key: 'flags', values: flagCol },
  ]);
  const flagged = flagCol.filter((f) => f !== '').length;
  const ranked = scored.ranks.filter((r) => r !== null).length;
  const top = read.projects
    .map((p, i) => ({ p, r: scored.ranks[i] }))
    .filter((x) => x.r === 1)
    .map((x) => `${x.p.id} ${x.p.name}`);
  const notes: string[] = [...warnings];
  if (ahp) {
    notes.push(
      `Weights from the Pairwise sheet (AHP): consistency ratio ${ahp.consistencyRatio.toFixed(3)}${ahp.consistencyRatio > 0.1 ? ' — above 0.1, the judgements are inconsistent' : ''}.`,
    );
    if (ahp.consistencyRatio > 0.1 && ahp.worst) notes.push(ahp.worst);
  }
  if (report.keptFormulas.length)
    notes.push(
      `Kept your formulas in ${report.keptFormulas.slice(0, 5).join(', ')}${report.keptFormulas.length > 5 ? ' …' : ''}.`,
    );
  if (flagged)
    notes.push(
      `${flagged} project${flagged === 1 ? ' has' : 's have'} flags: see the Flags column.`,
    );
  const ahpText = ahp
    ? ` AHP CR ${ahp.consistencyRatio.toFixed(3)}${ahp.consistencyRatio > 0.1 ? ' (above 0.1!)' : ''}.`
    : '';
  return {
    toast: `Scored ${read.projects.length} projects, ranked ${ranked}. Top: ${top.join(', ') || '—'}.${ahpText}${flagged ? ` ${flagged} flagged.` : ''}`,
    log: `Score, Rank, Flags for ${read.projects.length} projects (${ranked} ranked, ${flagged} flagged); weights from ${settings.weightsFrom}: ${criteria.map((c) => `${c.name} ${(c.weight * 100).toFixed(1)}%`).join(', ')}.${ahpText}`,
    warnings: notes,
  };
}

/** Scores every project and ranks those still open (not Done, Rejected or Stopped). */
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
  const open = scores.map((s, i) => (CLOSED_STATUSES.has(projects[i]?.status ?? '') ? null : s));
  return { scores, ranks: competitionRanks(open) };
}

/** Weights from the Pairwise sheet (AHP), written to the Criteria sheet's AHP weight column. */
function ahpWeights(
  ctx: ActionContext,
  model: CriteriaRead,
): { criteria: CriterionDef[]; report: AhpReport } {
  const criteria = model.criteria;
  const matrix = readPairwise(sheetOrFail(ctx, { name: PAIRWISE_SHEET, columns: [] }), criteria);
  const result = analyseAhp(matrix);
  const worst = result.consistencyRatio > 0.1 ? mostInconsistentJudgement(matrix) : null;
  const worstText = worst
    ? `Most inconsistent judgement: ${criteria[worst.row]?.name ?? ''} vs ${criteria[worst.col]?.name ?? ''} is ${fmt(worst.current)}; ${fmt(worst.suggested)} would bring the ratio to ${worst.crAfter.toFixed(3)}.`
    : null;
  const weighted = criteria.map((c, i) => ({ ...c, weight: result.weights[i] ?? 0 }));
  const table = model.table;
  const values = table.rows.map((row) => {
    const name = String(row[table.index.get('criterion') as number] ?? '').trim();
    const i = criteria.findIndex((c) => c.name === name);
    return i >= 0 ? (result.weights[i] ?? '') : '';
  });
  writeOwnedColumns(ctx, table, [{ key: 'ahpWeight', values, numberFormat: '0.0%' }]);
  return {
    criteria: weighted,
    report: {
      consistencyRatio: result.consistencyRatio,
      weights: result.weights,
      worst: worstText,
    },
  };
}

function fmt(x: number): string {
  return x >= 1 ? String(Math.round(x * 100) / 100) : `1/${Math.round(1 / x)}`;
}

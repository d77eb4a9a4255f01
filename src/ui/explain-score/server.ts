/**
 * Explain score: for the project in the selected row, each criterion's raw value, its normalised
 * value (0–1, 1 best), its weight and the points it adds (100 × weight × normalised; the points
 * add up to the score), how the rank follows (the neighbours above and below and the criterion
 * that separates them), and — when selection has run — why the project is in or out (Why).
 * Uses the weights Score & rank uses (Criteria, or the Pairwise sheet's AHP weights per Settings)
 * and ranks only open projects, as Score & rank does. Reads only.
 */
import { analyseAhp } from '../../core/ahp';
import { explainScore, type ScoreExplanation } from '../../core/explain';
import type { CriterionDef } from '../../core/model';
import { CLOSED_STATUSES } from '../../menu/actions/score';
import { readCriteria, readPairwise } from '../../sheets/model-sheets';
import { missingSheet } from '../../sheets/table';
import { readProjects } from '../../sheets/projects';
import { SheetError } from '../../sheets/problems';
import { CRITERIA, PROJECTS, SETTINGS } from '../../sheets/schema';
import { readSettings } from '../../sheets/settings';
import { PAIRWISE_SHEET } from '../../sheets/setup';
import type { Services } from '../../sheets/services';
import { endpoint, type Endpoint } from '../bridge/server';
import { PAGES, readContext } from '../pages';
import { selectedProjectRow } from '../selection';
import { explainContract, type ExplainView } from './contract';

const TITLE = PAGES['explain-score'];

export function explainEndpoint(): Endpoint {
  return endpoint('explain-score', explainContract, {
    load: (_input, services) => explainView(services),
  });
}

/** Checks that a project row is selected (before the dialog opens); throws a SheetError if not. */
export function checkExplainSelection(services: Services): void {
  selectedProjectRow(readContext(services).ss, TITLE);
}

/** The explanation of the project in the selected row. */
export function explainView(services: Services): ExplainView {
  const ctx = readContext(services);
  const { ss } = ctx;
  const opts = { dateKey: ctx.dateKey };
  const row = selectedProjectRow(ss, TITLE);
  const { settings } = readSettings(ss.getSheetByName(SETTINGS.name), opts);
  const criteriaSheet = ss.getSheetByName(CRITERIA.name);
  if (!criteriaSheet) throw missingSheet(CRITERIA);
  let criteria: CriterionDef[] = readCriteria(criteriaSheet, opts).criteria;
  let weightsFrom = 'Weights from the Criteria sheet (Settings → Weights from).';
  if (settings.weightsFrom === 'Pairwise (AHP)') {
    const pairwise = ss.getSheetByName(PAIRWISE_SHEET);
    if (!pairwise) throw missingSheet({ name: PAIRWISE_SHEET, columns: [] });
    const ahp = analyseAhp(readPairwise(pairwise, criteria));
    criteria = criteria.map((c, i) => ({ ...c, weight: ahp.weights[i] ?? 0 }));
    weightsFrom = `Weights from the Pairwise sheet by AHP (consistency ratio ${ahp.consistencyRatio.toFixed(3)}), as Settings → Weights from says.`;
  }
  const sheet = ss.getSheetByName(PROJECTS.name);
  if (!sheet) throw missingSheet(PROJECTS);
  const read = readProjects(sheet, criteria, opts);
  const project = read.projects.find((p) => p.row === row);
  if (!project || project.id.startsWith('row '))
    throw new SheetError(
      `Row ${row} of Projects has no project with an ID. Select a row that has one, then choose ${TITLE} again.`,
    );
  const missing = criteria.filter((c) => !read.criterionColumns.has(c.name));
  if (missing.length)
    throw new SheetError(
      `The criteria ${missing.map((c) => `"${c.name}" (column "${c.column}")`).join(', ')} have no column in Projects. Fix the Column on the Criteria sheet, then try again.`,
    );
  const e = explainScore(read.projects, criteria, project.id, {
    ranked: (p) => !CLOSED_STATUSES.has(p.status ?? ''),
  });

  const whyCol = read.table.index.get('why');
  const why = whyCol === undefined ? '' : String(read.table.rows[row - 2]?.[whyCol] ?? '').trim();
  const selection =
    project.selected === true
      ? `In the selection. Why: ${why || 'no reason was written.'}`
      : project.selected === false
        ? `Left out of the selection. Why: ${why || 'no reason was written.'}`
        : why
          ? `Why: ${why}`
          : 'Selection has not run yet: Optimise portfolio writes Selected and Why.';
  return view(e, project.status ?? 'blank', weightsFrom, selection);
}

function view(
  e: ScoreExplanation,
  status: string,
  weightsFrom: string,
  selection: string,
): ExplainView {
  const total = e.criteria.reduce((s, c) => s + c.points, 0);
  return {
    id: e.id,
    name: e.name,
    status,
    score: e.score === null ? 'no score' : e.score.toFixed(1),
    rank: e.rank === null ? 'no rank' : `rank ${e.rank} of ${e.ranked}`,
    sentences: [...e.sentences],
    criteria: e.criteria.map((c) => ({
      name: c.criterion,
      raw: c.raw === null ? 'blank' : String(Math.round(c.raw * 100) / 100),
      normalised: c.normalised.toFixed(2),
      weight: `${(c.weight * 100).toFixed(1)}%`,
      points: c.points.toFixed(1),
      how: c.sentence,
    })),
    total: total.toFixed(1),
    weightsFrom,
    selection,
  };
}

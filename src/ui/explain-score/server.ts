/**
 * Explain score: for the project in the selected row, each criterion's raw value, its normalised
 * value (0–1, 1 best), its weight and the points it adds (100 × weight × normalised; the points
 * add up to the score), how the rank follows (the neighbours above and below and the criterion
 * that separates them), and — when selection has run — why the project is in or out (Why).
 * The numbers are Score & rank's own (menu/actions/scoring.ts): the same framework and weights —
 * Criteria, or the Pairwise sheet's AHP weights — and only open projects ranked. With RICE, ICE or
 * WSJF it shows each input and the formula with the project's numbers instead. Reads only.
 */
import { plannedShift } from '../../core/schedule';
import { explainScore, type ScoreExplanation } from '../../core/explain';
import { FRAMEWORK_NAMES, type FrameworkKind } from '../../core/framework-score';
import { isOpen, type Project } from '../../core/model';
import { computeScores, frameworkValues, type Scoring } from '../../menu/actions/scoring';
import { criteriaOf } from '../../menu/actions/workbook';
import { SheetError } from '../../sheets/problems';
import { SETTINGS } from '../../sheets/schema';
import { readSettings } from '../../sheets/settings';
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

/** The explanation of the project in the selected row, with the numbers Score & rank writes. */
export function explainView(services: Services): ExplainView {
  const ctx = readContext(services);
  const row = selectedProjectRow(ctx.ss, TITLE);
  const { settings } = readSettings(ctx.ss.getSheetByName(SETTINGS.name), ctx);
  const s = computeScores(ctx, settings, criteriaOf(ctx));
  const index = s.projects.findIndex((p) => p.row === row);
  const project = s.projects[index];
  if (!project || project.id.startsWith('row '))
    throw new SheetError(
      `Row ${row} of Projects has no project with an ID. Select a row that has one, then choose ${TITLE} again.`,
    );
  const whyCol = s.read.table.index.get('why');
  const why = whyCol === undefined ? '' : String(s.read.table.rows[row - 2]?.[whyCol] ?? '').trim();
  const shift = plannedShift(project);
  const planned =
    project.selected === true && project.plannedStart
      ? ` Planned ${project.plannedStart}${project.plannedEnd ? ` to ${project.plannedEnd}` : ''}${shift > 0 ? ` (${shift} month${shift === 1 ? '' : 's'} after its Start)` : ''}.`
      : '';
  const selection =
    project.selected === true
      ? `In the selection.${planned} Why: ${why || 'no reason was written.'}`
      : project.selected === false
        ? `Left out of the selection. Why: ${why || 'no reason was written.'}`
        : why
          ? `Why: ${why}`
          : 'Selection has not run yet: Optimise portfolio writes Selected and Why.';
  if (s.kind !== 'weighted') return frameworkView(s, s.kind, index, selection);
  // The sheet's own Score column (s.read), so a stale one is pointed out.
  const e = explainScore(s.read.projects, s.criteria, project.id, {
    ranked: (p) => isOpen(p.status),
  });
  const weightsFrom = s.ahp
    ? `Weights from the Pairwise sheet by AHP (consistency ratio ${s.ahp.consistencyRatio.toFixed(3)}), as Settings → Weights from says.`
    : 'Weights from the Criteria sheet (Settings → Weights from).';
  return view(e, project.status ?? 'blank', weightsFrom, selection);
}

/**
 * RICE, ICE or WSJF: each input's value and column, the formula with the project's numbers, and
 * how the rank follows.
 */
function frameworkView(
  s: Scoring,
  kind: Exclude<FrameworkKind, 'weighted'>,
  index: number,
  selection: string,
): ExplainView {
  const name = FRAMEWORK_NAMES[kind];
  const project = s.projects[index] as Project;
  const values = frameworkValues(s.read, project, s.inputs, s.kind);
  const shown = (key: string): string => {
    const x = values[key];
    return x === null || x === undefined ? '0 (blank)' : String(Math.round(x * 1000) / 1000);
  };
  const formula: Record<Exclude<FrameworkKind, 'weighted'>, string> = {
    rice: `RICE = reach × impact × confidence ÷ effort = ${shown('reach')} × ${shown('impact')} × ${shown('confidence')} ÷ ${shown('effort')} (confidence above 1 is a percent)`,
    ice: `ICE = impact × confidence × ease = ${shown('impact')} × ${shown('confidence')} × ${shown('ease')}`,
    wsjf: `WSJF = (business value + time criticality + risk reduction) ÷ job size = (${shown('businessValue')} + ${shown('timeCriticality')} + ${shown('riskReduction')}) ÷ ${shown('jobSize')}`,
  };
  const score = s.scores[index] ?? null;
  const rank = s.ranks[index] ?? null;
  const ranked = s.ranks.filter((r) => r !== null).length;
  const sentences = [`${formula[kind]} = ${score === null ? 'no score' : fmt(score)}.`];
  if (rank !== null) {
    const better = rank - 1;
    sentences.push(
      `${better} open project${better === 1 ? ' has' : 's have'} a higher ${name} score, so it ranks ${rank} of ${ranked}.`,
    );
    // The nearest project above: the best-ranked among those just before this rank.
    let above = -1;
    s.ranks.forEach((r, i) => {
      if (r !== null && r < rank && (above < 0 || r > (s.ranks[above] as number))) above = i;
    });
    const next = s.projects[above];
    if (next)
      sentences.push(`Just above: ${next.id} ${next.name} at ${fmt(s.scores[above] ?? 0)}.`);
  } else
    sentences.push('Not ranked: only open projects (not Done, Rejected or Stopped) are ranked.');
  return {
    id: project.id,
    name: project.name,
    status: project.status ?? 'blank',
    score: score === null ? 'no score' : fmt(score),
    rank: rank === null ? 'no rank' : `rank ${rank} of ${ranked}`,
    sentences,
    criteria: s.inputs.map((c) => ({
      name: `${c.label} (${c.header})`,
      raw: shown(c.key),
      normalised: '—',
      weight: '—',
      points: '—',
      how: `${c.label} in ${name}`,
    })),
    total: score === null ? 'no score' : fmt(score),
    weightsFrom: `Scored with ${name} (Settings → Scoring framework), on the Projects columns Settings → Framework columns names.`,
    selection,
  };
}

function fmt(x: number): string {
  return (Math.round(x * 100) / 100).toLocaleString('en-US');
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

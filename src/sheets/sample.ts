/**
 * "Load sample portfolio": fills Projects, Criteria, Pairwise, Capacity, Demand and the Budget
 * setting with the bundled sample (src/core/sample-portfolio.ts). The caller asks before
 * replacing a Projects sheet that has data; everything written is undoable.
 */
import {
  sampleCapacity,
  SAMPLE_CRITERIA,
  sampleDemand,
  SAMPLE_PAIRWISE,
  SAMPLE_PERIODS,
  sampleProjects,
  type SampleProject,
} from '../core/sample-portfolio';
import type { ActionContext } from './action';
import type { CellValue } from './cell-parsers';
import { headerKey } from './headers';
import { CAPACITY, CRITERIA, DEMAND, PROJECTS, SETTINGS } from './schema';
import { PAIRWISE_SHEET, setupWorkbook } from './setup';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** True when the Projects sheet has any data row (the caller must confirm before loading). */
export function projectsHaveData(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean {
  const sheet = ss.getSheetByName(PROJECTS.name);
  return sheet !== null && sheet.getLastRow() > 1;
}

const SAMPLE_BUDGET = 1_200_000;

export function loadSample(ctx: ActionContext): string {
  const existing = ctx.ss.getSheetByName(PROJECTS.name);
  if (existing) insertCriteriaColumns(ctx, existing);
  setupWorkbook(
    ctx,
    SAMPLE_CRITERIA.map((c) => c.column),
  );
  writeProjects(ctx, ctx.ss.getSheetByName(PROJECTS.name) as Sheet);
  replaceAll(ctx, ctx.ss.getSheetByName(CRITERIA.name) as Sheet, [
    [
      'Criterion',
      'Column',
      'Weight',
      'Direction',
      'Scale min',
      'Scale max',
      'Rubric',
      'AHP weight',
    ],
    ...SAMPLE_CRITERIA.map((c) => [
      c.name,
      c.column,
      c.weight,
      c.direction === 'higher' ? 'Higher' : 'Lower',
      c.scaleMin ?? '',
      c.scaleMax ?? '',
      RUBRICS[c.name] ?? '',
      '',
    ]),
  ]);
  const names = SAMPLE_CRITERIA.map((c) => c.name);
  replaceAll(ctx, ctx.ss.getSheetByName(PAIRWISE_SHEET) as Sheet, [
    ['Criterion (row) vs criterion (column)', ...names],
    ...SAMPLE_PAIRWISE.map((row, i) => [
      names[i] as string,
      ...row.map((x, j) => (j < i ? '' : (x ?? ''))),
    ]),
  ]);
  replaceAll(ctx, ctx.ss.getSheetByName(CAPACITY.name) as Sheet, [
    ['Skill', ...SAMPLE_PERIODS],
    ...sampleCapacity().map((c) => [c.skill, ...SAMPLE_PERIODS.map((p) => c.hours[p] ?? '')]),
  ]);
  replaceAll(ctx, ctx.ss.getSheetByName(DEMAND.name) as Sheet, [
    ['Project ID', 'Skill', ...SAMPLE_PERIODS],
    ...sampleDemand().map((d) => [
      d.projectId,
      d.skill,
      ...SAMPLE_PERIODS.map((p) => d.hours[p] ?? ''),
    ]),
  ]);
  setBudget(ctx, ctx.ss.getSheetByName(SETTINGS.name) as Sheet);
  const pairwiseRange = ctx.ss
    .getSheetByName(PAIRWISE_SHEET)
    ?.getRange(2, 2, names.length, names.length);
  if (pairwiseRange) ctx.ss.setNamedRange('PP_Pairwise', pairwiseRange);
  return `${sampleProjects().length} projects, ${SAMPLE_CRITERIA.length} criteria with pairwise judgements, ${sampleCapacity().length} skills × ${SAMPLE_PERIODS.length} months of capacity, ${sampleDemand().length} demand rows, budget ${SAMPLE_BUDGET.toLocaleString('en-US')}`;
}

const RUBRICS: Readonly<Record<string, string>> = {
  'Strategic fit':
    '1 unrelated to this year’s sales strategy · 3 supports one strategic objective · 5 central to the plan',
  'Revenue impact':
    '1 under 50k · 2 50–150k · 3 150–400k · 4 400–700k · 5 over 700k of new annual revenue',
  'Customer reach': '1 a handful of accounts · 3 one segment or region · 5 every segment worldwide',
  'Time to value': 'Months until the first measurable result (1–12): lower is better',
  'Delivery risk':
    '1 done before, few dependencies · 3 some unknowns · 5 new ground, many dependencies: lower is better',
  Effort: 'Person-weeks of work across all teams: lower is better',
};

/**
 * Setup (run before any criteria existed) put no criterion columns in Projects: insert the
 * sample's right after Confidence, where a reader expects them. Inserting shifts the columns to
 * the right, with their formats and dropdowns; nothing is overwritten.
 */
function insertCriteriaColumns(ctx: ActionContext, sheet: Sheet): void {
  const width = sheet.getLastColumn();
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[];
  const have = new Set(header.map(headerKey));
  const missing = SAMPLE_CRITERIA.map((c) => c.column).filter((h) => !have.has(headerKey(h)));
  if (missing.length === 0) return;
  const confidence = header.findIndex((h) => headerKey(h) === 'confidence');
  const after = confidence >= 0 ? confidence + 1 : width;
  sheet.insertColumnsAfter(after, missing.length);
  ctx.tx.write(sheet, 1, after + 1, [missing]);
  const body = sheet.getRange(2, after + 1, Math.max(1, sheet.getMaxRows() - 1), missing.length);
  body.setNumberFormat('0.##').setDataValidation(null);
  sheet
    .getRange(1, after + 1, 1, missing.length)
    .setFontWeight('bold')
    .setBackground('#e8f0fe');
}

/** Projects: the sample in the sheet's own column order; the user's other columns are blanked. */
function writeProjects(ctx: ActionContext, sheet: Sheet): void {
  const width = sheet.getLastColumn();
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[];
  const criteriaByHeader = new Map(SAMPLE_CRITERIA.map((c, i) => [headerKey(c.column), i]));
  const fieldOf = (h: CellValue): ((p: SampleProject) => CellValue) | undefined => {
    const k = headerKey(h);
    const ci = criteriaByHeader.get(k);
    if (ci !== undefined) return (p) => p.scores[ci] ?? '';
    return FIELDS[k];
  };
  const getters = header.map(fieldOf);
  const rows = sampleProjects().map((p) => getters.map((g) => (g ? g(p) : '')));
  const oldRows = Math.max(0, sheet.getLastRow() - 1);
  while (rows.length < oldRows) rows.push(new Array<CellValue>(width).fill(''));
  ctx.tx.write(sheet, 2, 1, rows);
}

const FIELDS: Readonly<Record<string, (p: SampleProject) => CellValue>> = {
  id: (p) => p.id,
  name: (p) => p.name,
  description: (p) => p.description,
  type: (p) => p.type,
  owner: (p) => p.owner,
  status: (p) => p.status,
  objective: (p) => p.objective,
  segment: (p) => p.segment,
  region: (p) => p.region,
  start: (p) => p.start,
  end: (p) => p.end,
  cost: (p) => p.cost,
  expectedrevenue: (p) => p.expectedRevenue,
  confidence: (p) => p.confidence,
  dependson: (p) => p.dependsOn.join(', '),
  excludes: (p) => p.excludes.join(', '),
  force: (p) => p.force,
};

/** Replaces a sheet's whole used area with `values` (padding with blanks over what was there). */
function replaceAll(ctx: ActionContext, sheet: Sheet, values: CellValue[][]): void {
  const oldRows = sheet.getLastRow();
  const oldCols = sheet.getLastColumn();
  const cols = Math.max(oldCols, ...values.map((r) => r.length));
  const rows = Math.max(oldRows, values.length);
  const block = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => values[i]?.[j] ?? ''),
  );
  ctx.tx.write(sheet, 1, 1, block);
}

function setBudget(ctx: ActionContext, sheet: Sheet): void {
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const row = values.findIndex((r) => headerKey(r[0]) === headerKey('Budget'));
  if (row < 0) ctx.tx.write(sheet, values.length + 1, 1, [['Budget', SAMPLE_BUDGET]]);
  else ctx.tx.write(sheet, row + 1, 2, [[SAMPLE_BUDGET]]);
}

/**
 * "Load sample portfolio": fills Projects, Criteria, Pairwise, Capacity, Demand, the Budget
 * setting and the "CRM export" sheet (the sample's deals, for Import CRM actuals) with the bundled
 * sample (src/data, loaded by src/core/sample-portfolio.ts). The caller asks before replacing a
 * Projects sheet that has data; everything written is undoable.
 */
import {
  sampleBudget,
  sampleCapacity,
  sampleCriteria,
  sampleCrmExport,
  sampleDemand,
  samplePairwise,
  samplePeriods,
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

/** The sheet Load sample fills with the sample's CRM export (Settings → CRM sheet's default). */
export const SAMPLE_CRM_SHEET = 'CRM export';

export function loadSample(ctx: ActionContext): string {
  const criteria = sampleCriteria();
  const periods = samplePeriods();
  const existing = ctx.ss.getSheetByName(PROJECTS.name);
  if (existing) insertCriteriaColumns(ctx, existing);
  setupWorkbook(
    ctx,
    criteria.map((c) => c.column),
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
    ...criteria.map((c) => [
      c.name,
      c.column,
      c.weight,
      c.direction === 'higher' ? 'Higher' : 'Lower',
      c.scaleMin ?? '',
      c.scaleMax ?? '',
      c.rubric,
      '',
    ]),
  ]);
  const names = criteria.map((c) => c.name);
  replaceAll(ctx, ctx.ss.getSheetByName(PAIRWISE_SHEET) as Sheet, [
    ['Criterion (row) vs criterion (column)', ...names],
    ...samplePairwise().map((row, i) => [
      names[i] as string,
      ...row.map((x, j) => (j < i ? '' : (x ?? ''))),
    ]),
  ]);
  replaceAll(ctx, ctx.ss.getSheetByName(CAPACITY.name) as Sheet, [
    ['Skill', ...periods],
    ...sampleCapacity().map((c) => [c.skill, ...periods.map((p) => c.hours[p] ?? '')]),
  ]);
  replaceAll(ctx, ctx.ss.getSheetByName(DEMAND.name) as Sheet, [
    ['Project ID', 'Skill', ...periods],
    ...sampleDemand().map((d) => [d.projectId, d.skill, ...periods.map((p) => d.hours[p] ?? '')]),
  ]);
  setBudget(ctx, ctx.ss.getSheetByName(SETTINGS.name) as Sheet);
  const pairwiseRange = ctx.ss
    .getSheetByName(PAIRWISE_SHEET)
    ?.getRange(2, 2, names.length, names.length);
  if (pairwiseRange) ctx.ss.setNamedRange('PP_Pairwise', pairwiseRange);
  const deals = writeCrmExport(ctx);
  return `${sampleProjects().length} projects, ${criteria.length} criteria with pairwise judgements, ${sampleCapacity().length} skills × ${periods.length} months of capacity, ${sampleDemand().length} demand rows, budget ${sampleBudget().toLocaleString('en-US')}, ${deals} deals on the ${SAMPLE_CRM_SHEET} sheet (Import CRM actuals reads them)`;
}

/**
 * The sample's CRM export, as File → Import would put it in a sheet: the CSV's text cells, which
 * Sheets reads as numbers and dates the way it reads an imported file.
 */
function writeCrmExport(ctx: ActionContext): number {
  const rows = sampleCrmExport();
  const sheet = ctx.ss.getSheetByName(SAMPLE_CRM_SHEET) ?? ctx.tx.insertSheet(SAMPLE_CRM_SHEET);
  replaceAll(
    ctx,
    sheet,
    rows.map((r) => [...r]),
  );
  sheet.setFrozenRows(1);
  return rows.length - 1;
}

/**
 * Setup (run before any criteria existed) put no criterion columns in Projects: insert the
 * sample's right after Confidence, where a reader expects them. Inserting shifts the columns to
 * the right, with their formats and dropdowns; nothing is overwritten.
 */
function insertCriteriaColumns(ctx: ActionContext, sheet: Sheet): void {
  const width = sheet.getLastColumn();
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[];
  const have = new Set(header.map(headerKey));
  const missing = sampleCriteria()
    .map((c) => c.column)
    .filter((h) => !have.has(headerKey(h)));
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
  const criteriaByHeader = new Map(sampleCriteria().map((c, i) => [headerKey(c.column), i]));
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
  actualcost: (p) => p.actuals?.actualCost ?? '',
  pipelinegenerated: (p) => p.actuals?.pipelineGenerated ?? '',
  revenuewon: (p) => p.actuals?.revenueWon ?? '',
  dealswon: (p) => p.actuals?.dealsWon ?? '',
  dealslost: (p) => p.actuals?.dealsLost ?? '',
  lastupdate: (p) => p.actuals?.lastUpdate ?? '',
  crmcampaign: (p) => p.crmCampaign ?? '',
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
  if (row < 0) ctx.tx.write(sheet, values.length + 1, 1, [['Budget', sampleBudget()]]);
  else ctx.tx.write(sheet, row + 1, 2, [[sampleBudget()]]);
}

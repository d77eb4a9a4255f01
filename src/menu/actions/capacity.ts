/**
 * Check capacity: the demand of the committed projects (Approved or Active, or Selected) against
 * capacity, per skill and month. Writes the Utilization sheet: a heat map (above 85% amber, above
 * 100% red) and the over-allocations with the projects that cause them. Projects count in their
 * planned months (Planned start, written by Optimise portfolio and Commit). The Capacity to add
 * that Optimise portfolio wrote at the bottom is kept.
 */
import { analyseCapacity, type CapacityAnalysis } from '../../core/capacity';
import type { Project } from '../../core/model';
import { plannedDemand, type CapacityNeed, type ScheduleResult } from '../../core/schedule';
import { committedRule, describeRule } from '../../core/counting';
import type { ActionContext, ActionResult } from '../../sheets/action';
import type { CellValue } from '../../sheets/cell-parsers';
import { readCapacity, readDemand } from '../../sheets/model-sheets';
import { setColumnWidths, writeOwnedSheet } from '../../sheets/owned-sheet';
import { describeProblem, type Problem } from '../../sheets/problems';
import { readProjects } from '../../sheets/projects';
import { CAPACITY, DEMAND } from '../../sheets/schema';
import { projectsSheet, sheetOrFail } from './workbook';

export const UTILIZATION_SHEET = 'Utilization';
export const AMBER = '#fce8b2';
export const RED = '#f4c7c3';
const NO_CAPACITY = 'no capacity';

export function checkCapacity(ctx: ActionContext): ActionResult {
  const projects = readProjects(projectsSheet(ctx), [], ctx);
  const capacity = readCapacity(sheetOrFail(ctx, CAPACITY), ctx);
  const demand = readDemand(sheetOrFail(ctx, DEMAND), ctx);
  return writeUtilization(ctx, projects.projects, capacity, demand, keptCapacityToAdd(ctx));
}

export const CAPACITY_TO_ADD = 'Capacity to add';

/** The Capacity to add section Optimise portfolio wrote at the bottom of Utilization, if any. */
function keptCapacityToAdd(ctx: ActionContext): CellValue[][] {
  const sheet = ctx.ss.getSheetByName(UTILIZATION_SHEET);
  if (!sheet || sheet.getLastRow() === 0) return [];
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const at = values.findIndex((r) => r[0] === CAPACITY_TO_ADD);
  if (at < 0) return [];
  return values.slice(at).map((r) => {
    let end = r.length;
    while (end > 0 && r[end - 1] === '') end--;
    return r.slice(0, end);
  });
}

/**
 * The Capacity to add section: one row per project and skill — the skill, the months and hours
 * to add, the project they admit, when it would start, its value, and (with a Cost per hour) what
 * the hours cost and the value per unit of that cost.
 */
export function capacityToAddRows(
  r: ScheduleResult,
  needs: readonly CapacityNeed[],
): CellValue[][] {
  const label = (t: number): string => r.model.schedule.periods[t] ?? '';
  const rows: CellValue[][] = [
    [
      CAPACITY_TO_ADD,
      needs.length
        ? 'From Optimise portfolio: the fewest extra hours per skill and month that would let each project below in, at its best start, with the rest of the plan kept (each project on its own).'
        : 'None: Optimise portfolio left no project out because of capacity alone.',
    ],
  ];
  if (needs.length === 0) return rows;
  rows.push([
    'Skill',
    'Months',
    'Hours',
    'Admits',
    'Starting',
    'Value',
    'Cost of hours',
    'Value ÷ cost',
  ]);
  for (const n of needs) {
    for (const s of n.skills) {
      rows.push([
        s.skill,
        s.months.map((t, i) => `${label(t)}: ${Math.round(s.hours[i] ?? 0)} h`).join(', '),
        Math.round(s.total),
        n.id,
        n.start === null ? '' : label(n.start),
        Math.round(n.value * 100) / 100,
        s.cost === null ? '' : Math.round(s.cost),
        n.cost !== null && n.cost > 0 && s === n.skills[0]
          ? Math.round((n.value / n.cost) * 100) / 100
          : '',
      ]);
    }
  }
  return rows;
}

/**
 * Rebuilds Utilization from `projects` (counted by the committed rule, in their planned months),
 * with `extra` rows (the Capacity to add) at the bottom.
 */
export function writeUtilization(
  ctx: ActionContext,
  projectList: readonly Project[],
  capacity: ReturnType<typeof readCapacity>,
  demandRead: ReturnType<typeof readDemand>,
  extra: readonly CellValue[][],
): ActionResult {
  const projects = { projects: projectList };
  const demand = { ...demandRead, demand: plannedDemand(projectList, demandRead.demand) };
  const rule = committedRule(projects.projects);
  const analysis = analyseCapacity(projects.projects, capacity.capacity, demand.demand, { rule });
  const problems: Problem[] = [...capacity.problems, ...demand.problems];
  for (const p of analysis.problems) {
    const rows = p.indices
      .map((i) => (p.source === 'Demand' ? demand.demand[i]?.sheetRow : undefined))
      .filter((r): r is number => r !== undefined);
    problems.push({
      sheet: p.source,
      message: rows.length
        ? `rows ${rows.slice(0, 10).join(', ')}${rows.length > 10 ? '…' : ''}: ${p.message}`
        : p.message,
    });
  }
  const layout = utilizationRows(analysis, problems, ctx.dateKey(ctx.now), describeRule(rule));
  const extraAt = extra.length ? layout.rows.length + 2 : 0;
  const rows = extra.length ? [...layout.rows, [], ...extra.map((r) => [...r])] : layout.rows;
  const sheet = writeOwnedSheet(ctx, UTILIZATION_SHEET, rows);
  formatUtilization(ctx, sheet, analysis, layout);
  if (extraAt) sheet.getRange(extraAt, 1).setFontWeight('bold');

  const over = analysis.overAllocations;
  const worst = over[0];
  const toast = over.length
    ? `${over.length} over-allocated skill-month${over.length === 1 ? '' : 's'}; worst: ${worst?.skill ?? ''} in ${worst?.period ?? ''} (${Math.round(worst?.hoursOver ?? 0)} h over). See the Utilization sheet.`
    : `No skill is over-allocated (${analysis.counted.projects} committed projects). See the Utilization sheet.`;
  return {
    toast,
    log: `Utilization for ${analysis.skills.length} skills × ${analysis.periods.length} months from ${analysis.counted.projects} projects (${describeRule(rule)}); ${over.length} over-allocations${problems.length ? `; ${problems.length} data problems` : ''}.`,
    warnings: problems.length
      ? [
          `Data problems (listed at the bottom of Utilization):\n${problems
            .slice(0, 8)
            .map((p) => `• ${describeProblem(p)}`)
            .join('\n')}`,
        ]
      : [],
  };
}

interface Layout {
  readonly rows: CellValue[][];
  /** 1-based first row of the heat map (below its header) and its size. */
  readonly heatRow: number;
  readonly heatCols: number;
  readonly overHeaderRow: number;
  readonly overRows: number;
}

function utilizationRows(
  a: CapacityAnalysis,
  problems: readonly Problem[],
  today: string,
  counted: string,
): Layout {
  const rows: CellValue[][] = [];
  rows.push([
    `Utilization: demand of ${counted} projects ÷ capacity, by skill and month (${today}). Amber above 85%, red above 100%.`,
  ]);
  rows.push(['Skill', ...a.periods, 'Peak', 'Peak month']);
  a.skills.forEach((skill, s) => {
    const cells = (a.cells[s] ?? []).map((c): CellValue =>
      c.heat === 'no-capacity' ? NO_CAPACITY : (c.utilisation ?? ''),
    );
    const peak = a.peaks[s];
    rows.push([skill, ...cells, peak?.peak ?? '', peak?.period ?? '']);
  });
  const heatRow = 3;
  rows.push([]);
  const overHeaderRow = rows.length + 1;
  rows.push(['Over-allocations', a.overAllocations.length ? '' : 'none']);
  rows.push([
    'Skill',
    'Month',
    'Demand (h)',
    'Capacity (h)',
    'Hours over',
    'Utilization',
    'Projects (hours)',
  ]);
  for (const o of a.overAllocations) {
    rows.push([
      o.skill,
      o.period,
      o.demand,
      o.capacity ?? '',
      o.hoursOver,
      o.utilisation ?? NO_CAPACITY,
      o.projects.map((p) => `${p.projectId} ${Math.round(p.hours)} h`).join(', '),
    ]);
  }
  if (problems.length) {
    rows.push([]);
    rows.push(['Data problems']);
    for (const p of problems) rows.push([describeProblem(p)]);
  }
  return {
    rows,
    heatRow,
    heatCols: a.periods.length,
    overHeaderRow,
    overRows: a.overAllocations.length,
  };
}

function formatUtilization(
  ctx: ActionContext,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  a: CapacityAnalysis,
  layout: Layout,
): void {
  const app = ctx.services.spreadsheetApp;
  sheet.getRange(1, 1).setFontWeight('bold');
  sheet
    .getRange(2, 1, 1, layout.heatCols + 3)
    .setFontWeight('bold')
    .setBackground('#e8f0fe');
  sheet.setFrozenRows(2);
  sheet.setFrozenColumns(1);
  // Skill names, then the months with Peak and Peak month, which also hold the over-allocations'
  // Month … Utilization; the last column's "Projects (hours)" runs on into the empty cells.
  setColumnWidths(sheet, [170, ...new Array<number>(Math.max(layout.heatCols + 2, 6)).fill(90)]);
  const rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  if (a.skills.length > 0 && layout.heatCols > 0) {
    const heat = sheet.getRange(layout.heatRow, 2, a.skills.length, layout.heatCols + 1);
    heat.setNumberFormat('0%');
    rules.push(
      app
        .newConditionalFormatRule()
        .whenNumberGreaterThan(1)
        .setBackground(RED)
        .setRanges([heat])
        .build(),
    );
    rules.push(
      app
        .newConditionalFormatRule()
        .whenNumberGreaterThan(0.85)
        .setBackground(AMBER)
        .setRanges([heat])
        .build(),
    );
    rules.push(
      app
        .newConditionalFormatRule()
        .whenTextEqualTo(NO_CAPACITY)
        .setBackground(RED)
        .setRanges([heat])
        .build(),
    );
  }
  sheet.setConditionalFormatRules(rules);
  sheet.getRange(layout.overHeaderRow, 1).setFontWeight('bold');
  sheet
    .getRange(layout.overHeaderRow + 1, 1, 1, 7)
    .setFontWeight('bold')
    .setBackground('#e8f0fe');
  if (layout.overRows > 0) {
    sheet.getRange(layout.overHeaderRow + 2, 3, layout.overRows, 3).setNumberFormat('#,##0');
    sheet.getRange(layout.overHeaderRow + 2, 6, layout.overRows, 1).setNumberFormat('0%');
  }
}

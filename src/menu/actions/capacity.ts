/**
 * Check capacity: the demand of the committed projects (Approved or Active, or Selected) against
 * capacity, per skill and month. Writes the Utilization sheet: a heat map (above 85% amber, above
 * 100% red) and the over-allocations with the projects that cause them.
 */
import { analyseCapacity, type CapacityAnalysis } from '../../core/capacity';
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
  const sheet = writeOwnedSheet(ctx, UTILIZATION_SHEET, layout.rows);
  formatUtilization(ctx, sheet, analysis, layout);

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

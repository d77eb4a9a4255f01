/**
 * Refresh dashboard: the portfolio KPIs (each with its formula in words next to it), the cost mix,
 * forecast accuracy by owner, the utilisation heat map, stale and overdue projects, and five
 * embedded charts (value vs cost, score and value trends from History, cost mix by Type and by
 * Objective) on the Dashboard sheet, rebuilt in place. A fixed number of service calls whatever
 * the number of projects.
 */
import { portfolioKpis } from '../../core/kpi';
import type { Snapshot } from '../../core/snapshot';
import { historyTrends } from '../../core/trends';
import type { ActionContext, ActionResult } from '../../sheets/action';
import { parseHistory } from '../../sheets/history';
import { readMonthTotals } from '../../sheets/crm-sheets';
import { writeOwnedSheet } from '../../sheets/owned-sheet';
import { findOwnedSheet } from '../../sheets/owned-table';
import { DASHBOARD_SHEET, HISTORY } from '../../sheets/schema';
import { readTable } from '../../sheets/table';
import { AMBER, RED } from './capacity';
import { chartData, placeCharts, writeChartData } from './dashboard-charts';
import { dashboardLayout, TABLE_COLUMNS, type DashboardLayout } from './dashboard-layout';
import { readPortfolio, type PortfolioState } from './portfolio-state';

/** How many snapshot days the trend charts show (the latest). */
export const TREND_DAYS = 120;
const HEADER_BACKGROUND = '#e8f0fe';
const MUTED = '#5f6368';

export interface DashboardOutcome {
  readonly summary: string;
  readonly warnings: string[];
}

/** Reads History when `history` is not given (Prepare review passes the rows it just merged). */
export function refreshDashboard(
  ctx: ActionContext,
  state: PortfolioState,
  history?: readonly Snapshot[],
): DashboardOutcome {
  const warnings: string[] = [];
  let rows = history;
  if (!rows) {
    const sheet = findOwnedSheet(ctx.ss, HISTORY);
    const read = sheet ? parseHistory(readTable(sheet, HISTORY, ctx), ctx) : null;
    rows = read ? read.parsed.filter((s): s is Snapshot => s !== null) : [];
    if (read?.problems.length)
      warnings.push(
        `${HISTORY.name} has ${read.problems.length} row${read.problems.length === 1 ? '' : 's'} that could not be read; the trends leave them out.`,
      );
  }
  const projects = state.projects.projects;
  const kpis = portfolioKpis(projects, {
    today: state.today,
    staleDays: state.settings.staleAfterDays,
    budget: state.settings.budget,
    ...(state.capacity ? { capacity: state.capacity } : {}),
  });
  const trends = historyTrends(rows, { limit: TREND_DAYS });
  const crmMonths = readMonthTotals(ctx);
  const data = chartData(projects, kpis, trends, crmMonths);
  const dataSheet = writeChartData(ctx, data);

  const trendsNote = trends.length
    ? `Trends: ${trends.length} snapshot day${trends.length === 1 ? '' : 's'} from ${HISTORY.name} (${trends[0]?.date ?? ''} to ${trends[trends.length - 1]?.date ?? ''}${trends.length === TREND_DAYS ? `, the latest ${TREND_DAYS}` : ''}).`
    : 'Trends: no snapshot yet. Run Snapshot (or Prepare review) regularly to see scores and value over time.';
  const layout = dashboardLayout({
    today: state.today,
    projects,
    kpis,
    capacity: state.capacity,
    capacityNote: state.capacityNote,
    trendsNote,
    chartNote: '',
    crmMonths,
  });
  if (!ctx.ss.getSheetByName(DASHBOARD_SHEET)) ctx.tx.insertSheet(DASHBOARD_SHEET, 0);
  const sheet = writeOwnedSheet(ctx, DASHBOARD_SHEET, layout.rows);
  formatDashboard(ctx, sheet, layout);
  const chartNote = placeCharts(ctx, sheet, dataSheet, data);
  ctx.tx.write(sheet, layout.chartNoteRow, 1, [[chartNote]], { values: [['']] });

  const k = kpis.kpis;
  const summary = `Dashboard refreshed for ${state.today}: committed portfolio ${k.budgetCommitted.counted} projects, cost ${Math.round(k.budgetCommitted.value ?? 0).toLocaleString('en-US')}, expected revenue ${Math.round(k.expectedRevenue.value ?? 0).toLocaleString('en-US')}; ${k.staleProjects.value === null ? 'staleness not judged (no Last update)' : `${k.staleProjects.value} stale`}, ${k.overdueProjects.value ?? 0} overdue.`;
  return { summary, warnings };
}

function formatDashboard(
  ctx: ActionContext,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  layout: DashboardLayout,
): void {
  const app = ctx.services.spreadsheetApp;
  sheet.getRange(1, 1).setFontSize(16);
  sheet.getRange(2, 1).setFontStyle('italic').setFontColor(MUTED);
  for (const row of layout.titles) sheet.getRange(row, 1).setFontWeight('bold');
  for (const h of layout.headers)
    sheet.getRange(h.row, 1, 1, h.cols).setFontWeight('bold').setBackground(HEADER_BACKGROUND);
  const k = layout.kpis;
  sheet.getRange(k.row, 1, k.rows, 1).setFontWeight('bold');
  sheet
    .getRange(k.row, 2, k.rows, 1)
    .setNumberFormats(layout.kpiFormats.map((f) => [f]))
    .setFontSize(12)
    .setFontWeight('bold')
    .setHorizontalAlignment('right');
  sheet.getRange(k.row, 3, k.rows, 2).setFontStyle('italic').setFontColor(MUTED).setWrap(true);
  for (const [b, format] of layout.formats)
    sheet.getRange(b.row, b.col, b.rows, b.cols).setNumberFormat(format);
  const rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  const heat = layout.heat;
  if (heat) {
    const range = sheet.getRange(heat.row, heat.col, heat.rows, heat.cols);
    range.setNumberFormat('0%');
    rules.push(
      app
        .newConditionalFormatRule()
        .whenNumberGreaterThan(1)
        .setBackground(RED)
        .setRanges([range])
        .build(),
      app
        .newConditionalFormatRule()
        .whenNumberGreaterThan(0.85)
        .setBackground(AMBER)
        .setRanges([range])
        .build(),
      app
        .newConditionalFormatRule()
        .whenTextEqualTo('no capacity')
        .setBackground(RED)
        .setRanges([range])
        .build(),
    );
  }
  sheet.setConditionalFormatRules(rules);
  const widths = [220, 120, 360, 300, 90];
  widths.slice(0, TABLE_COLUMNS).forEach((w, i) => sheet.setColumnWidth(i + 1, w));
}

export function refreshDashboardAction(ctx: ActionContext): ActionResult {
  const state = readPortfolio(ctx);
  const r = refreshDashboard(ctx, state);
  return {
    toast: `${r.summary} See the Dashboard sheet.`,
    log: r.summary,
    warnings: [...state.warnings, ...r.warnings],
  };
}

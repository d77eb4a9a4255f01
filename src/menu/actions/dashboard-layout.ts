/**
 * The Dashboard sheet's cells, as rows and the places the formatting needs: KPI tiles (label,
 * value, the formula in words, what it was based on), forecast accuracy by owner, the cost mix by
 * Type and by Objective, the utilisation heat map (skill × month, with each skill's peak), the
 * stale and overdue projects and the per-project KPIs. Pure: no service is touched here.
 */
import type { CapacityAnalysis } from '../../core/capacity';
import { committedRule, describeRule } from '../../core/counting';
import {
  KPI_KEYS,
  PROJECT_KPI_FORMULAS,
  type Kpi,
  type KpiUnit,
  type PortfolioKpis,
  type ShareEntry,
} from '../../core/kpi';
import type { Project } from '../../core/model';
import type { CellValue } from '../../sheets/cell-parsers';
import type { MonthTotals } from '../../sheets/crm-sheets';

/** Columns the tables use (A–E); the charts sit to the right, from column G. */
export const TABLE_COLUMNS = 5;
export const CHART_COLUMN = 7;
/** The first row below the charts (5 charts in 3 rows of 17 rows from row 4). */
export const BELOW_CHARTS = 56;
/** Longest stale / overdue lists shown (the counts are in the KPI tiles). */
export const LIST_LIMIT = 25;
export const NO_VALUE = '—';
const NO_CAPACITY = 'no capacity';

export const UNIT_FORMATS: Readonly<Record<KpiUnit, string>> = {
  money: '#,##0',
  percent: '0.0%',
  ratio: '0.00',
  count: '0',
};

/** A block of the layout: its first row (1-based), rows, columns, and the format of its body. */
export interface Block {
  readonly row: number;
  readonly rows: number;
  readonly col: number;
  readonly cols: number;
}

export interface DashboardLayout {
  readonly rows: CellValue[][];
  /** Section titles (bold). */
  readonly titles: number[];
  /** Header rows of tables (bold, shaded), with their width. */
  readonly headers: { row: number; cols: number }[];
  /** The KPI tiles: rows of the 12 KPIs; column B holds the values. */
  readonly kpis: Block;
  /** Number format per KPI value cell (one per KPI row). */
  readonly kpiFormats: string[];
  /** Blocks with one number format: [block, format]. */
  readonly formats: [Block, string][];
  /** The heat map's cells (utilisation as fractions), when there is one. */
  readonly heat: Block | null;
  /** The row of the chart note (written after the charts are placed). */
  readonly chartNoteRow: number;
}

export interface DashboardInput {
  readonly today: string;
  readonly projects: readonly Project[];
  readonly kpis: PortfolioKpis;
  readonly capacity: CapacityAnalysis | null;
  readonly capacityNote: string | null;
  readonly trendsNote: string;
  readonly chartNote: string;
  /** The actuals per month of the last Import CRM actuals (empty: none imported). */
  readonly crmMonths?: readonly MonthTotals[];
}

export function dashboardLayout(input: DashboardInput): DashboardLayout {
  const { kpis } = input;
  const rows: CellValue[][] = [];
  const titles: number[] = [];
  const headers: { row: number; cols: number }[] = [];
  const formats: [Block, string][] = [];
  const next = (): number => rows.length + 1;
  const title = (text: string): void => {
    titles.push(next());
    rows.push([text]);
  };
  const header = (cells: CellValue[]): void => {
    headers.push({ row: next(), cols: cells.length });
    rows.push(cells);
  };

  title('Portfolio dashboard');
  rows.push([
    `As of ${input.today}: ${input.projects.length} projects. The committed portfolio is the projects with ${describeRule(committedRule(input.projects))}${input.projects.some((p) => p.selected === true) ? ' (the selection replaces the approvals once Optimise portfolio has run)' : ''}. Portfolio Pilot → Refresh dashboard rebuilds this sheet; charts read the hidden sheet "_Dashboard data".`,
  ]);
  rows.push([]);
  header(['KPI', 'Value', 'Formula', 'Based on']);
  const kpiRow = next();
  const kpiFormats: string[] = [];
  for (const key of KPI_KEYS) {
    const k = kpis.kpis[key];
    rows.push([k.label, k.value ?? NO_VALUE, k.formula, basedOn(k)]);
    kpiFormats.push(UNIT_FORMATS[k.unit]);
  }
  rows.push([]);

  title(
    'Forecast accuracy by owner: Σ Revenue won ÷ Σ Expected revenue, over their projects with both',
  );
  header(['Owner', 'Accuracy', 'Revenue won', 'Expected revenue', 'Projects']);
  const owners = kpis.forecastByOwner;
  if (owners.length === 0) rows.push(['No project has both Revenue won and Expected revenue yet.']);
  else {
    formats.push([block(next(), owners.length, 2, 1), '0.0%']);
    formats.push([block(next(), owners.length, 3, 2), '#,##0']);
    for (const o of owners)
      rows.push([o.owner, o.accuracy ?? NO_VALUE, o.revenueWon, o.expectedRevenue, o.projects]);
  }
  rows.push([]);
  const mix = (what: string, entries: readonly ShareEntry[]): void => {
    title(`Portfolio mix by ${what}: ${kpis.costMix.formula.replace('Type (or Objective)', what)}`);
    header([what, 'Cost', 'Share', 'Projects']);
    if (entries.length === 0) rows.push(['No committed project has a Cost.']);
    else {
      formats.push([block(next(), entries.length, 2, 1), '#,##0']);
      formats.push([block(next(), entries.length, 3, 1), '0.0%']);
      for (const e of entries) rows.push([e.key, e.cost, e.share ?? NO_VALUE, e.projects]);
    }
    rows.push([]);
  };
  mix('Type', kpis.costMix.byType);
  mix('Objective', kpis.costMix.byObjective);

  // Everything wider than the tables goes below the charts.
  while (rows.length < BELOW_CHARTS - 1) rows.push([]);
  title(
    `Utilisation by skill and month: demand of the committed portfolio ÷ capacity (amber above 85%, red above 100%); Peak = ${kpis.peakUtilisation.formula}`,
  );
  let heat: Block | null = null;
  const a = input.capacity;
  if (!a) rows.push([input.capacityNote ?? 'No capacity data.']);
  else if (a.skills.length === 0 || a.periods.length === 0)
    rows.push(['Capacity and Demand hold no skill or month yet.']);
  else {
    header(['Skill', ...a.periods, 'Peak', 'Peak month']);
    heat = block(next(), a.skills.length, 2, a.periods.length + 1);
    a.skills.forEach((skill, s) => {
      const cells = (a.cells[s] ?? []).map((c): CellValue =>
        c.heat === 'no-capacity' ? NO_CAPACITY : (c.utilisation ?? ''),
      );
      const peak = a.peaks[s];
      rows.push([skill, ...cells, peak?.peak ?? '', peak?.period ?? '']);
    });
  }
  rows.push([]);

  const list = <T>(
    heading: string,
    cols: string[],
    items: readonly T[],
    cells: (x: T) => CellValue[],
    none: string,
  ): void => {
    title(heading);
    header(cols);
    if (items.length === 0) rows.push([none]);
    for (const x of items.slice(0, LIST_LIMIT)) rows.push(cells(x));
    if (items.length > LIST_LIMIT)
      rows.push([`… and ${items.length - LIST_LIMIT} more (the longest first).`]);
    rows.push([]);
  };
  list(
    `Stale projects: ${kpis.kpis.staleProjects.formula}`,
    ['ID', 'Name', 'Owner', 'Status', 'Last update', 'Days since'],
    kpis.stale,
    (s) => [
      s.id,
      s.name,
      s.owner,
      s.status ?? '',
      s.lastUpdate ?? 'never',
      s.daysSinceUpdate ?? '',
    ],
    kpis.kpis.staleProjects.value === null ? (kpis.kpis.staleProjects.reason ?? 'None.') : 'None.',
  );
  list(
    `Overdue projects: ${kpis.kpis.overdueProjects.formula}`,
    ['ID', 'Name', 'Owner', 'Status', 'End', 'Days overdue'],
    kpis.overdue,
    (o) => [o.id, o.name, o.owner, o.status ?? '', o.end, o.daysOverdue],
    'None.',
  );

  const perProject = kpis.projects.filter(
    (p) =>
      p.roi !== null ||
      p.pipelinePerCost !== null ||
      p.winRate !== null ||
      p.forecastAccuracy !== null ||
      p.costVariance !== null,
  );
  title(
    `Per project (projects with actuals): ROI = ${PROJECT_KPI_FORMULAS.roi}; Pipeline ÷ cost = ${PROJECT_KPI_FORMULAS.pipelinePerCost}; Win rate = ${PROJECT_KPI_FORMULAS.winRate}; Forecast accuracy = ${PROJECT_KPI_FORMULAS.forecastAccuracy}; Cost variance = ${PROJECT_KPI_FORMULAS.costVariance}; Risk-adjusted value = ${PROJECT_KPI_FORMULAS.riskAdjustedValue}`,
  );
  header([
    'ID',
    'Owner',
    'Risk-adjusted value',
    'ROI',
    'Pipeline ÷ cost',
    'Win rate',
    'Forecast accuracy',
    'Cost variance',
  ]);
  if (perProject.length === 0)
    rows.push([
      'No project has actuals yet (Actual cost, Revenue won, Pipeline generated, Deals).',
    ]);
  else {
    const r = next();
    formats.push([block(r, perProject.length, 3, 1), '#,##0']);
    formats.push([block(r, perProject.length, 4, 1), '0.0%']);
    formats.push([block(r, perProject.length, 5, 1), '0.00']);
    formats.push([block(r, perProject.length, 6, 2), '0.0%']);
    formats.push([block(r, perProject.length, 8, 1), '#,##0']);
    for (const p of perProject)
      rows.push([
        p.id,
        p.owner,
        p.riskAdjustedValue ?? '',
        p.roi ?? '',
        p.pipelinePerCost ?? '',
        p.winRate ?? '',
        p.forecastAccuracy ?? '',
        p.costVariance ?? '',
      ]);
  }
  rows.push([]);
  const months = input.crmMonths ?? [];
  if (months.length > 0) {
    title(
      'Actuals by month (Import CRM actuals): pipeline by the month deals were created; revenue won and deals won or lost by the month they closed',
    );
    header(['Month', 'Pipeline created', 'Revenue won', 'Deals won', 'Deals lost']);
    formats.push([block(next(), months.length, 2, 2), '#,##0']);
    for (const m of months)
      rows.push([m.month, m.pipelineCreated, m.revenueWon, m.dealsWon, m.dealsLost]);
    rows.push([]);
  }
  title('Notes');
  const chartNoteRow = next();
  rows.push([input.chartNote]);
  rows.push([input.trendsNote]);

  return {
    rows,
    titles,
    headers,
    kpis: block(kpiRow, KPI_KEYS.length, 2, 1),
    kpiFormats,
    formats,
    heat,
    chartNoteRow,
  };
}

function block(row: number, rows: number, col: number, cols: number): Block {
  return { row, rows, col, cols };
}

/** What a KPI was computed from, or why it has no value. */
function basedOn(k: Kpi): string {
  if (k.value === null) return k.reason ?? 'No data.';
  if (k.source !== null) return k.source;
  const inputs = k.inputs.map((i) => `${i.label} ${Math.round(i.value).toLocaleString('en-US')}`);
  const counted = `${k.counted} project${k.counted === 1 ? '' : 's'}`;
  const missing = k.missing ? `, ${k.missing} left out for a blank input` : '';
  return [`${counted}${missing}`, ...inputs].join('; ');
}

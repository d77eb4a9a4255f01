/**
 * The Dashboard's charts and the data they read. The data goes to the hidden sheet
 * "_Dashboard data", one block per chart at a fixed column; each chart points only at its block.
 * A chart is recognised as ours by the block its first range starts in, so a refresh updates the
 * charts in place (same chart, new ranges and options), re-inserts one the user deleted and never
 * duplicates; charts the user added that read other ranges are left alone.
 *
 * Value vs cost is a BUBBLE chart (x = Cost, y = Score, colour = Type, size = Expected revenue).
 * Google documents the BUBBLE chart type but not whether an embedded chart may use it; when Sheets
 * refuses it, the chart falls back to a SCATTER chart of the same points with one series per Type
 * (colour = Type, no size) and a note on the Dashboard says so.
 */
import type { TrendPoint } from '../../core/trends';
import type { Project } from '../../core/model';
import type { PortfolioKpis } from '../../core/kpi';
import type { ActionContext } from '../../sheets/action';
import type { MonthTotals } from '../../sheets/crm-sheets';
import type { CellValue } from '../../sheets/cell-parsers';
import { writeOwnedSheet } from '../../sheets/owned-sheet';
import { ensureSize } from '../../sheets/transaction';
import { DASHBOARD_DATA_SHEET } from '../../sheets/schema';
import { isOpen } from '../../core/health';
import { CHART_COLUMN } from './dashboard-layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

/** Most projects the value-vs-cost chart shows: the open ones with the best scores. */
export const BUBBLE_LIMIT = 250;
const CHART_WIDTH = 560;
const CHART_HEIGHT = 330;
/** Chart grid: anchor rows and columns (17 rows ≈ 350 px per chart row). */
const ROWS = [4, 21, 38];
const COLS = [CHART_COLUMN, CHART_COLUMN + 6];

/** A chart's data block on "_Dashboard data": first column (1-based), header and rows. */
interface DataBlock {
  readonly key: ChartKey | 'valueCostScatter';
  readonly col: number;
  readonly rows: CellValue[][];
}

export type ChartKey =
  'valueCost' | 'mixType' | 'mixObjective' | 'scoreTrend' | 'valueTrend' | 'actualsTrend';

/** First column of each block; a chart whose first range starts there is that chart. */
export const BLOCK_COLUMNS: Readonly<Record<ChartKey, number>> = {
  valueCost: 1,
  mixType: 7,
  mixObjective: 10,
  scoreTrend: 13,
  valueTrend: 17,
  // Import CRM actuals' months, after the scatter block's dozen Types.
  actualsTrend: 35,
};
/** The same points as value vs cost, one Score column per Type, for the scatter fallback. */
export const SCATTER_COLUMN = 22;
/** Columns of the data sheet when created: the blocks, a dozen Types, the CRM months. */
const DATA_COLUMNS = BLOCK_COLUMNS.actualsTrend + 2;

export interface ChartData {
  readonly blocks: readonly DataBlock[];
  /** Open projects with a Cost and a Score, and how many the chart shows. */
  readonly valueCost: { readonly eligible: number; readonly shown: number };
}

/** The data blocks (pure). */
export function chartData(
  projects: readonly Project[],
  kpis: PortfolioKpis,
  trends: readonly TrendPoint[],
  crmMonths: readonly MonthTotals[] = [],
): ChartData {
  const eligible = projects.filter((p) => isOpen(p.status) && p.cost !== null && p.score !== null);
  const shown = [...eligible]
    .sort((a, b) => (b.score as number) - (a.score as number) || a.row - b.row)
    .slice(0, BUBBLE_LIMIT);
  const types = [...new Set(shown.map((p) => p.type.trim() || 'Other'))].sort();
  const orBlank = <T>(rows: T[][], width: number): (T | string)[][] =>
    rows.length ? rows : [new Array<string>(width).fill('')];
  const blocks: DataBlock[] = [
    {
      key: 'valueCost',
      col: BLOCK_COLUMNS.valueCost,
      rows: [
        ['ID', 'Cost', 'Score', 'Type', 'Expected revenue'],
        ...orBlank(
          shown.map((p) => [
            p.id,
            p.cost as number,
            p.score as number,
            p.type.trim() || 'Other',
            p.expectedRevenue ?? 0,
          ]),
          5,
        ),
      ],
    },
    {
      key: 'mixType',
      col: BLOCK_COLUMNS.mixType,
      rows: [
        ['Type', 'Cost'],
        ...orBlank(
          kpis.costMix.byType.map((e) => [e.key, e.cost]),
          2,
        ),
      ],
    },
    {
      key: 'mixObjective',
      col: BLOCK_COLUMNS.mixObjective,
      rows: [
        ['Objective', 'Cost'],
        ...orBlank(
          kpis.costMix.byObjective.map((e) => [e.key, e.cost]),
          2,
        ),
      ],
    },
    {
      key: 'scoreTrend',
      col: BLOCK_COLUMNS.scoreTrend,
      rows: [
        ['Snapshot', 'Average score', 'Average score, committed'],
        ...orBlank(
          trends.map((t) => [t.date, t.averageScore ?? '', t.committedAverageScore ?? '']),
          3,
        ),
      ],
    },
    {
      key: 'valueTrend',
      col: BLOCK_COLUMNS.valueTrend,
      rows: [
        ['Snapshot', 'Expected revenue, committed', 'Revenue won', 'Pipeline generated'],
        ...orBlank(
          trends.map((t) => [
            t.date,
            t.committedExpectedRevenue,
            t.revenueWon,
            t.pipelineGenerated,
          ]),
          4,
        ),
      ],
    },
    {
      key: 'valueCostScatter',
      col: SCATTER_COLUMN,
      rows: [
        ['Cost', ...types.map((t) => `Score: ${t}`)],
        ...orBlank(
          shown.map((p) => [
            p.cost as number,
            ...types.map((t) => ((p.type.trim() || 'Other') === t ? (p.score as number) : '')),
          ]),
          1 + types.length,
        ),
      ],
    },
  ];
  if (crmMonths.length > 0)
    blocks.push({
      key: 'actualsTrend',
      col: BLOCK_COLUMNS.actualsTrend,
      rows: [
        ['Month', 'Pipeline created', 'Revenue won'],
        ...crmMonths.map((m) => [m.month, m.pipelineCreated, m.revenueWon]),
      ],
    });
  return { blocks, valueCost: { eligible: eligible.length, shown: shown.length } };
}

/** Writes the blocks side by side on the hidden data sheet (one setValues). */
export function writeChartData(ctx: ActionContext, data: ChartData): Sheet {
  if (!ctx.ss.getSheetByName(DASHBOARD_DATA_SHEET)) {
    const created = ctx.tx.insertSheet(DASHBOARD_DATA_SHEET);
    // Room for every block from the start, so later refreshes do not grow the sheet.
    ensureSize(created, 1, DATA_COLUMNS);
    created.hideSheet();
  }
  const height = Math.max(...data.blocks.map((b) => b.rows.length));
  const width = Math.max(...data.blocks.map((b) => b.col - 1 + (b.rows[0]?.length ?? 0)));
  const grid: CellValue[][] = Array.from({ length: height }, () =>
    new Array<CellValue>(width).fill(''),
  );
  for (const b of data.blocks)
    b.rows.forEach((r, i) => {
      r.forEach((v, j) => {
        (grid[i] as CellValue[])[b.col - 1 + j] = v;
      });
    });
  return writeOwnedSheet(ctx, DASHBOARD_DATA_SHEET, grid);
}

interface ChartSpec {
  readonly key: ChartKey;
  /** The block it reads (default: its own). */
  readonly block?: DataBlock['key'];
  readonly type: GoogleAppsScript.Charts.ChartType;
  readonly row: number;
  readonly col: number;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * Builds or updates the five charts on the Dashboard, each reading its block. Returns a note for
 * the Dashboard about the value-vs-cost chart.
 */
export function placeCharts(
  ctx: ActionContext,
  dashboard: Sheet,
  dataSheet: Sheet,
  data: ChartData,
): string {
  const Type = ctx.services.charts.ChartType;
  const range = (key: DataBlock['key']): GoogleAppsScript.Spreadsheet.Range => {
    const b = data.blocks.find((x) => x.key === key) as DataBlock;
    return dataSheet.getRange(1, b.col, b.rows.length, b.rows[0]?.length ?? 1);
  };
  const shown =
    data.valueCost.shown < data.valueCost.eligible
      ? `the ${data.valueCost.shown} best-scored of ${data.valueCost.eligible} open projects`
      : `${data.valueCost.shown} open projects`;
  const specs: ChartSpec[] = [
    {
      key: 'valueCost',
      type: Type.BUBBLE,
      row: ROWS[0] as number,
      col: COLS[0] as number,
      options: {
        title: `Value vs cost: ${shown} (bubble size = expected revenue, colour = Type)`,
        'hAxis.title': 'Cost',
        'vAxis.title': 'Score',
      },
    },
    {
      key: 'scoreTrend',
      type: Type.LINE,
      row: ROWS[0] as number,
      col: COLS[1] as number,
      options: { title: 'Score trend (Snapshots)', 'vAxis.title': 'Average score' },
    },
    {
      key: 'mixType',
      type: Type.PIE,
      row: ROWS[1] as number,
      col: COLS[0] as number,
      options: { title: 'Portfolio mix: cost by Type (committed portfolio)', pieHole: 0.4 },
    },
    {
      key: 'mixObjective',
      type: Type.PIE,
      row: ROWS[1] as number,
      col: COLS[1] as number,
      options: { title: 'Portfolio mix: cost by Objective (committed portfolio)', pieHole: 0.4 },
    },
    {
      key: 'valueTrend',
      type: Type.LINE,
      row: ROWS[2] as number,
      col: COLS[0] as number,
      options: { title: 'Value trend (Snapshots)', 'vAxis.title': 'Amount' },
    },
  ];
  // Only once Import CRM actuals has kept months: the trend of actuals from the deals.
  if (data.blocks.some((b) => b.key === 'actualsTrend'))
    specs.push({
      key: 'actualsTrend',
      type: Type.LINE,
      row: ROWS[2] as number,
      col: COLS[1] as number,
      options: { title: 'Actuals by month (CRM deals)', 'vAxis.title': 'Amount' },
    });

  const ours = new Map<ChartKey, GoogleAppsScript.Spreadsheet.EmbeddedChart>();
  const keyAt = new Map<number, ChartKey>([
    ...(Object.entries(BLOCK_COLUMNS) as [ChartKey, number][]).map(([k, c]): [number, ChartKey] => [
      c,
      k,
    ]),
    [SCATTER_COLUMN, 'valueCost'],
  ]);
  for (const chart of dashboard.getCharts()) {
    const first = chart.getRanges()[0];
    if (!first || first.getSheet().getName() !== DASHBOARD_DATA_SHEET) continue;
    const key = keyAt.get(first.getColumn());
    if (!key) continue;
    if (ours.has(key)) dashboard.removeChart(chart);
    else ours.set(key, chart);
  }

  const configure = (
    b: Builder,
    spec: ChartSpec,
    type: GoogleAppsScript.Charts.ChartType,
  ): Builder => {
    let out = b
      .clearRanges()
      .addRange(range(spec.block ?? spec.key))
      .setChartType(type)
      .setNumHeaders(1)
      .setPosition(spec.row, spec.col, 0, 0)
      .setOption('width', CHART_WIDTH)
      .setOption('height', CHART_HEIGHT);
    for (const [k, v] of Object.entries(spec.options)) out = out.setOption(k, v);
    return out;
  };
  const put = (spec: ChartSpec, type: GoogleAppsScript.Charts.ChartType): void => {
    const existing = ours.get(spec.key);
    if (existing) dashboard.updateChart(configure(existing.modify(), spec, type).build());
    else dashboard.insertChart(configure(dashboard.newChart(), spec, type).build());
  };

  let note = `Value vs cost is a bubble chart of ${shown}: x = Cost, y = Score (run Score & rank first), bubble size = Expected revenue, colour = Type.`;
  for (const spec of specs) {
    if (spec.key !== 'valueCost') {
      put(spec, spec.type);
      continue;
    }
    try {
      put(spec, spec.type);
    } catch (e) {
      // Embedded BUBBLE charts are not documented; fall back to the closest supported chart.
      put(
        {
          ...spec,
          block: 'valueCostScatter',
          options: { ...spec.options, title: `Value vs cost: ${shown} (colour = Type)` },
        },
        Type.SCATTER,
      );
      note = `Value vs cost: Sheets refused an embedded bubble chart (${e instanceof Error ? e.message : String(e)}), so it is a scatter chart of ${shown} (x = Cost, y = Score, colour = Type); bubble size (Expected revenue) is not shown.`;
    }
  }
  return note;
}

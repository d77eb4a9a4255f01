/**
 * Draws an embedded chart the emulator recorded as a PNG, so a saved .xlsx shows it (exceljs
 * writes no charts). Node only: ECharts renders the chart to SVG on the server side (no DOM, no
 * canvas) and resvg turns the SVG into a PNG. Nothing here reaches the Apps Script bundle; in
 * Google Sheets the charts stay native.
 *
 * The data is read as Google Charts reads a range: the first row is the header (series names),
 * the first column the domain. LINE, AREA, STEPPED_AREA, COLUMN and BAR draw one series per
 * further column; PIE reads labels and values; SCATTER reads x then one y column per series;
 * BUBBLE reads ID, x, y, then an optional colour (series) column and an optional size column.
 * Any other type is drawn as a titled frame that says the type is not drawn offline.
 */
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import type { ChartModel } from './model/chart';
import type { CellValue } from './values';
import type { Workbook } from './workbook';

/** Google Sheets' size of a chart inserted without width and height options. */
export const DEFAULT_CHART_WIDTH = 600;
export const DEFAULT_CHART_HEIGHT = 371;
const FONT = 'Arial, Liberation Sans, DejaVu Sans, sans-serif';
/** Google Charts' default series colours. */
const PALETTE = [
  '#4285f4',
  '#db4437',
  '#f4b400',
  '#0f9d58',
  '#ab47bc',
  '#00acc1',
  '#ff7043',
  '#9e9d24',
  '#5c6bc0',
  '#f06292',
];

/** A chart's data: the header row and the body, as values and as the sheet displays them. */
interface ChartTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
  readonly display: readonly (readonly string[])[];
}

/** The chart's ranges side by side (Sheets' MERGE_COLUMNS), split into header and body. */
function chartTable(wb: Workbook, chart: ChartModel): ChartTable {
  const ranges = chart.ranges.filter((a) => a.valid);
  const values: CellValue[][] = [];
  const display: string[][] = [];
  for (const a of ranges) {
    const v = wb.readValues(a.sheet, a.rect);
    const d = wb.readDisplayValues(a.sheet, a.rect);
    v.forEach((row, i) => {
      (values[i] ??= []).push(...row);
      (display[i] ??= []).push(...(d[i] ?? []));
    });
  }
  // numHeaders -1 (not set): a first row of text over a row holding a number is the header.
  const auto =
    values.length > 1 &&
    (values[0] ?? []).every((v) => typeof v === 'string') &&
    (values[1] ?? []).some((v) => typeof v === 'number');
  const headers = chart.numHeaders >= 0 ? chart.numHeaders : auto ? 1 : 0;
  const header = headers > 0 ? (display[headers - 1] ?? []) : [];
  // Rows whose domain cell is blank are padding (an open range, a block taller than its data).
  const keep = values.map((r, i) => i >= headers && r.some((v) => v !== ''));
  return {
    header,
    rows: values.filter((_, i) => keep[i]),
    display: display.filter((_, i) => keep[i]),
  };
}

/** An option as Sheets takes it: "hAxis.title" set flat, or nested under "hAxis". */
function option(chart: ChartModel, path: string): unknown {
  if (chart.options.has(path)) return chart.options.get(path);
  const [head, ...rest] = path.split('.');
  let v: unknown = chart.options.get(head ?? '');
  for (const k of rest)
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function text(chart: ChartModel, path: string): string | undefined {
  const v = option(chart, path);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function num(v: CellValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** 1,200,000 → "1.2M", as an axis label. */
function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
  return `${+v.toFixed(2)}`;
}

type Option = echarts.EChartsOption;

function axes(chart: ChartModel, categories: readonly string[] | null, horizontal = false): Option {
  const valueAxis = {
    type: 'value' as const,
    axisLabel: { formatter: compact },
    scale: categories === null,
  };
  const domain = categories
    ? { type: 'category' as const, data: [...categories], boundaryGap: true }
    : { ...valueAxis };
  const h = {
    ...(horizontal ? valueAxis : domain),
    name: text(chart, 'hAxis.title'),
    nameLocation: 'middle' as const,
    nameGap: 28,
  };
  const v = {
    ...(horizontal ? domain : valueAxis),
    name: text(chart, 'vAxis.title'),
    nameLocation: 'middle' as const,
    nameGap: 48,
  };
  return { xAxis: h, yAxis: v };
}

function legend(chart: ChartModel, names: readonly string[]): Option['legend'] {
  const position = text(chart, 'legend.position') ?? text(chart, 'legend');
  if (position === 'none' || names.length < 2) return { show: false };
  return { show: true, bottom: 0, type: 'scroll', textStyle: { fontSize: 11 } };
}

function seriesOption(chart: ChartModel, t: ChartTable): Option {
  const type = chart.type ?? 'LINE';
  const columns = Math.max(t.header.length, ...t.rows.map((r) => r.length));
  const names = Array.from({ length: columns }, (_, j) => t.header[j] || `Series ${j}`);
  switch (type) {
    case 'LINE':
    case 'AREA':
    case 'STEPPED_AREA':
    case 'COLUMN':
    case 'BAR': {
      const categories = t.display.map((r) => r[0] ?? '');
      const series = names.slice(1).map((name, k) => ({
        name,
        type: type === 'COLUMN' || type === 'BAR' ? ('bar' as const) : ('line' as const),
        data: t.rows.map((r) => num(r[k + 1])),
        connectNulls: true,
        showSymbol: t.rows.length <= 31,
        ...(type === 'AREA' || type === 'STEPPED_AREA' ? { areaStyle: { opacity: 0.3 } } : {}),
        ...(type === 'STEPPED_AREA' ? { step: 'middle' as const } : {}),
      }));
      return {
        ...axes(chart, categories, type === 'BAR'),
        series,
        legend: legend(chart, names.slice(1)),
      };
    }
    case 'PIE': {
      const hole = option(chart, 'pieHole');
      const inner = typeof hole === 'number' && hole > 0 ? `${Math.round(hole * 70)}%` : 0;
      const data = t.rows
        .map((r, i) => ({ name: t.display[i]?.[0] ?? '', value: num(r[1]) ?? 0 }))
        .filter((d) => d.value > 0);
      return {
        series: [
          {
            type: 'pie',
            radius: [inner, '70%'],
            center: ['50%', '55%'],
            data,
            label: { formatter: '{b}\n{d}%', fontSize: 11 },
          },
        ],
        legend: { show: false },
      };
    }
    case 'SCATTER': {
      const series = names.slice(1).map((name, k) => ({
        name,
        type: 'scatter' as const,
        data: t.rows
          .map((r) => [num(r[0]), num(r[k + 1])])
          .filter((p): p is [number, number] => p[0] !== null && p[1] !== null),
      }));
      return { ...axes(chart, null), series, legend: legend(chart, names.slice(1)) };
    }
    case 'BUBBLE': {
      const sizes = t.rows.map((r) => num(r[4]) ?? 0);
      const max = Math.max(1, ...sizes);
      const groups = new Map<string, [number, number, number, string][]>();
      t.rows.forEach((r, i) => {
        const x = num(r[1]);
        const y = num(r[2]);
        if (x === null || y === null) return;
        const key = t.display[i]?.[3] || names[2] || '';
        let list = groups.get(key);
        if (!list) groups.set(key, (list = []));
        list.push([x, y, sizes[i] ?? 0, t.display[i]?.[0] ?? '']);
      });
      const series = [...groups].map(([name, data]) => ({
        name,
        type: 'scatter' as const,
        data,
        symbolSize: (d: number[]) => 6 + 34 * Math.sqrt(Math.max(0, d[2] ?? 0) / max),
        itemStyle: { opacity: 0.7, borderColor: '#ffffff', borderWidth: 0.5 },
      }));
      return { ...axes(chart, null), series, legend: legend(chart, [...groups.keys()]) };
    }
    default:
      return {
        graphic: {
          type: 'text',
          left: 'center',
          top: 'middle',
          style: {
            text: `A ${type} chart: open the workbook in Google Sheets to see it.`,
            fontSize: 13,
            fill: '#5f6368',
          },
        },
      };
  }
}

/** The chart's pixel size: its width and height options, or Sheets' default. */
export function chartSize(chart: ChartModel): { width: number; height: number } {
  const w = option(chart, 'width');
  const h = option(chart, 'height');
  return {
    width: typeof w === 'number' && w > 0 ? w : DEFAULT_CHART_WIDTH,
    height: typeof h === 'number' && h > 0 ? h : DEFAULT_CHART_HEIGHT,
  };
}

/** The chart drawn as an SVG document. */
export function chartSvg(wb: Workbook, chart: ChartModel): string {
  const { width, height } = chartSize(chart);
  const body = seriesOption(chart, chartTable(wb, chart));
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      color: PALETTE,
      textStyle: { fontFamily: FONT },
      title: {
        text: text(chart, 'title') ?? '',
        left: 12,
        top: 8,
        textStyle: { fontSize: 13, fontWeight: 'normal', width: width - 24, overflow: 'truncate' },
      },
      grid: { left: 64, right: 24, top: 48, bottom: 64, containLabel: false },
      ...body,
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** The chart drawn as PNG bytes at twice its size (sharp when zoomed or printed). */
export function chartPng(wb: Workbook, chart: ChartModel): Buffer {
  const svg = chartSvg(wb, chart);
  const png = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  return Buffer.from(png);
}

/**
 * The value-vs-cost chart's fallback: when Sheets refuses an embedded BUBBLE chart, the Dashboard
 * gets a SCATTER chart of the same points, one series per Type, and a note that says so. Run on
 * the emulator's spreadsheet objects directly, with a chart builder that refuses BUBBLE.
 */
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../emulator';
import { createChartsService } from '../../emulator/spreadsheet';
import { portfolioKpis } from '../../src/core/kpi';
import { chartData, placeCharts } from '../../src/menu/actions/dashboard-charts';
import type { ActionContext } from '../../src/sheets/action';
import { project } from './core/fixtures';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

/** The sheet, except that a chart built with type BUBBLE throws as Sheets might. */
const chartsService = createChartsService();

function refusingBubbles(sheet: Sheet): Sheet {
  const wrap = (b: Builder, state: { type: unknown }): Builder =>
    new Proxy(b, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if (prop === 'setChartType') state.type = args[0];
          if (prop === 'build' && state.type === chartsService.ChartType.BUBBLE)
            throw new Error('Unsupported chart type for embedded charts: BUBBLE');
          const out = (v as (...a: unknown[]) => unknown).apply(target, args);
          return prop === 'build' ? out : wrap(out as Builder, state);
        };
      },
    });
  return new Proxy(sheet, {
    get(target, prop, receiver) {
      if (prop === 'newChart') return () => wrap(target.newChart(), { type: null });
      if (prop === 'getCharts')
        return () =>
          target.getCharts().map(
            (c) =>
              new Proxy(c, {
                get(chart, p, r) {
                  if (p === 'modify') return () => wrap(chart.modify(), { type: null });
                  const f = Reflect.get(chart, p, r) as unknown;
                  return typeof f === 'function'
                    ? (f as (...a: unknown[]) => unknown).bind(chart)
                    : f;
                },
              }),
          );
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('value vs cost chart', () => {
  it('falls back to a scatter chart with one series per Type when BUBBLE is refused', () => {
    const h = createHarness();
    const ss = h.byHand().getActiveSpreadsheet();
    const dashboard = ss.insertSheet('Dashboard');
    const dataSheet = ss.insertSheet('_Dashboard data');
    const projects = [
      project('P1', { type: 'Campaign', cost: 10, score: 80, expectedRevenue: 100 }),
      project('P2', { type: 'Tooling', cost: 20, score: 60, expectedRevenue: 300 }),
      project('P3', { type: 'Campaign', cost: 5, score: 70, status: 'Done' }),
    ];
    const data = chartData(projects, portfolioKpis(projects, { today: '2027-01-01' }), []);
    const ctx = { services: { charts: chartsService } } as unknown as ActionContext;
    const rows = data.blocks.find((b) => b.key === 'valueCostScatter')?.rows;
    expect(rows).toEqual([
      ['Cost', 'Score: Campaign', 'Score: Tooling'],
      [10, 80, ''],
      [20, '', 60],
    ]);
    for (const b of data.blocks)
      dataSheet.getRange(1, b.col, b.rows.length, b.rows[0]?.length ?? 1).setValues(b.rows);

    const note = placeCharts(ctx, refusingBubbles(dashboard), dataSheet, data);
    expect(note).toMatch(
      /^Value vs cost: Sheets refused an embedded bubble chart \(Unsupported chart type/,
    );
    const charts = h.workbook.charts('Dashboard');
    expect(charts.map((c) => [c.type, c.ranges[0]])).toEqual([
      ['SCATTER', "'_Dashboard data'!V1:X3"],
      ['LINE', "'_Dashboard data'!M1:O2"],
      ['PIE', "'_Dashboard data'!G1:H2"],
      ['PIE', "'_Dashboard data'!J1:K2"],
      ['LINE', "'_Dashboard data'!Q1:T2"],
    ]);

    // Refreshing again keeps the one scatter chart (recognised by its block), not a second one.
    placeCharts(ctx, refusingBubbles(dashboard), dataSheet, data);
    expect(h.workbook.charts('Dashboard').map((c) => [c.id, c.type])).toEqual(
      charts.map((c) => [c.id, c.type]),
    );
    // Where Sheets accepts BUBBLE, the same chart becomes a bubble chart over the bubble block.
    expect(placeCharts(ctx, dashboard, dataSheet, data)).toMatch(
      /^Value vs cost is a bubble chart/,
    );
    expect(h.workbook.charts('Dashboard')[0]).toMatchObject({
      id: charts[0]?.id,
      type: 'BUBBLE',
      ranges: ["'_Dashboard data'!A1:E3"],
    });
  });
});

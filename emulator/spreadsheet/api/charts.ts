/**
 * Embedded charts (APPS_SCRIPT_FACTS §6): sheet.newChart() → EmbeddedChartBuilder (addRange,
 * setChartType, setPosition, setOption, as…Chart(), build()), EmbeddedChart (getChartId,
 * getRanges, getOptions, getContainerInfo, modify) and the Charts service's enums. Charts are
 * recorded, not drawn. The typed builders' conveniences (setTitle, setStacked, setColors, …)
 * are recorded as the equivalent options ("title", "isStacked", "colors", …).
 */
import { sameRect } from '../a1';
import { Anchor } from '../model/anchor';
import { CHART_TYPES, ChartModel, type ChartTypeName } from '../model/chart';
import type { ExecutionContext } from '../../context';
import { instrument } from '../../context';
import {
  badParameters,
  enumName,
  enumOf,
  enumValue,
  int,
  type Env,
  type Facade,
  text,
  bool,
} from './env';
import { makeRange, rangeModelOf } from './range';

type GasChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type GasBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
const B = 'SpreadsheetApp.EmbeddedChartBuilder';

/** The ChartOptions methods implemented here (signatures checked against @types/google-apps-script). */
type ChartOptionsMethods = 'get';

class ChartOptionsApi
  implements Facade, Pick<GoogleAppsScript.Charts.ChartOptions, ChartOptionsMethods>
{
  self: unknown;
  constructor(private readonly options: Map<string, unknown>) {}
  /** An option by its dotted name ("title", "hAxis.title", …); null when unset. */
  get(option: string): unknown {
    return this.options.has(option) ? this.options.get(option) : null;
  }
}

/** The ContainerInfo methods implemented here (signatures checked against @types/google-apps-script). */
type ContainerInfoMethods = 'getAnchorColumn' | 'getAnchorRow' | 'getOffsetX' | 'getOffsetY';

class ContainerInfoApi
  implements Facade, Pick<GoogleAppsScript.Spreadsheet.ContainerInfo, ContainerInfoMethods>
{
  self: unknown;
  constructor(private readonly m: ChartModel) {}
  getAnchorRow(): number {
    return this.m.position.anchorRow;
  }
  getAnchorColumn(): number {
    return this.m.position.anchorColumn;
  }
  getOffsetX(): number {
    return this.m.position.offsetX;
  }
  getOffsetY(): number {
    return this.m.position.offsetY;
  }
}

/** The EmbeddedChart methods implemented here (signatures checked against @types/google-apps-script). */
type EmbeddedChartMethods =
  | 'getChartId'
  | 'getContainerInfo'
  | 'getHiddenDimensionStrategy'
  | 'getMergeStrategy'
  | 'getNumHeaders'
  | 'getOptions'
  | 'getRanges'
  | 'getTransposeRowsAndColumns'
  | 'modify';

export class EmbeddedChartApi
  implements Facade, Pick<GoogleAppsScript.Spreadsheet.EmbeddedChart, EmbeddedChartMethods>
{
  self: unknown;
  constructor(
    private readonly env: Env,
    readonly model: ChartModel,
  ) {}
  /** null until the chart is inserted into a sheet. */
  getChartId(): number | null {
    return this.model.id;
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.model.ranges
      .filter((a) => a.valid)
      .map((a) => makeRange(this.env, a.sheet, a.rect));
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    return this.env.wrap(new ChartOptionsApi(new Map(this.model.options)), 'ChartOptions');
  }
  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return this.env.wrap(new ContainerInfoApi(this.model.copy()), 'ContainerInfo');
  }
  getNumHeaders(): number {
    return this.model.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    return this.model.transpose;
  }
  getMergeStrategy(): GoogleAppsScript.Charts.ChartMergeStrategy {
    return enumValue(this.model.mergeStrategy);
  }
  getHiddenDimensionStrategy(): GoogleAppsScript.Charts.ChartHiddenDimensionStrategy {
    return enumValue(this.model.hiddenDimensionStrategy);
  }
  /** A builder over a copy of this chart; sheet.updateChart(builder.build()) stores it. */
  modify(): GasBuilder {
    return makeChartBuilder(this.env, this.model.copy());
  }
}

export function makeChart(env: Env, model: ChartModel): GasChart {
  return env.wrap(new EmbeddedChartApi(env, model), 'EmbeddedChart') as unknown as GasChart;
}

/** The model behind an EmbeddedChart this emulator built. */
export function chartModelOf(x: unknown): ChartModel | undefined {
  return x instanceof EmbeddedChartApi ? x.model : undefined;
}

/** The EmbeddedChartBuilder methods implemented here (signatures checked against @types/google-apps-script). */
type EmbeddedChartBuilderMethods =
  | 'addRange'
  | 'asAreaChart'
  | 'asBarChart'
  | 'asColumnChart'
  | 'asComboChart'
  | 'asHistogramChart'
  | 'asLineChart'
  | 'asPieChart'
  | 'asScatterChart'
  | 'asTableChart'
  | 'build'
  | 'clearRanges'
  | 'getChartType'
  | 'getContainer'
  | 'getRanges'
  | 'removeRange'
  | 'setChartType'
  | 'setHiddenDimensionStrategy'
  | 'setMergeStrategy'
  | 'setNumHeaders'
  | 'setOption'
  | 'setPosition'
  | 'setTransposeRowsAndColumns';

export class EmbeddedChartBuilderApi
  implements
    Facade,
    Pick<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, EmbeddedChartBuilderMethods>
{
  self: unknown;
  constructor(
    private readonly env: Env,
    private readonly model: ChartModel,
  ) {}

  private get me(): GasBuilder {
    return this.self as GasBuilder;
  }

  private opt(key: string, value: unknown): GasBuilder {
    this.model.options.set(key, value);
    return this.me;
  }

  private as(type: ChartTypeName): GasBuilder {
    this.model.type = type;
    return this.me;
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range): GasBuilder {
    const r = rangeModelOf(range);
    if (!r) throw badParameters(`${B}.addRange`, [range]);
    this.model.ranges.push(new Anchor(r.sheet, r.rect));
    return this.me;
  }
  removeRange(range: GoogleAppsScript.Spreadsheet.Range): GasBuilder {
    const r = rangeModelOf(range);
    if (!r) throw badParameters(`${B}.removeRange`, [range]);
    this.model.ranges = this.model.ranges.filter(
      (a) => a.sheet !== r.sheet || !sameRect(a.rect, r.rect),
    );
    return this.me;
  }
  clearRanges(): GasBuilder {
    this.model.ranges = [];
    return this.me;
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.model.ranges.map((a) => makeRange(this.env, a.sheet, a.rect));
  }
  setChartType(type: unknown): GasBuilder {
    const name = enumName(type);
    if (!(CHART_TYPES as readonly string[]).includes(name))
      throw badParameters(`${B}.setChartType`, [type]);
    return this.as(name as ChartTypeName);
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    return enumValue(this.model.type ?? '');
  }
  /** Anchor cell (1-based row and column) and pixel offsets from it. */
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): GasBuilder {
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    this.model.position = {
      anchorRow: int(`${B}.setPosition`, args, 0),
      anchorColumn: int(`${B}.setPosition`, args, 1),
      offsetX: int(`${B}.setPosition`, args, 2),
      offsetY: int(`${B}.setPosition`, args, 3),
    };
    return this.me;
  }
  getContainer(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return this.env.wrap(new ContainerInfoApi(this.model.copy()), 'ContainerInfo');
  }
  setOption(option: string, value: unknown): GasBuilder {
    return this.opt(text(option), value);
  }
  setNumHeaders(headers: number): GasBuilder {
    this.model.numHeaders = int(`${B}.setNumHeaders`, [headers], 0);
    return this.me;
  }
  setTransposeRowsAndColumns(transpose: boolean): GasBuilder {
    this.model.transpose = bool(transpose);
    return this.me;
  }
  setMergeStrategy(mergeStrategy: unknown): GasBuilder {
    this.model.mergeStrategy = enumName(mergeStrategy);
    return this.me;
  }
  setHiddenDimensionStrategy(strategy: unknown): GasBuilder {
    this.model.hiddenDimensionStrategy = enumName(strategy);
    return this.me;
  }
  build(): GasChart {
    if (this.model.type === undefined)
      throw new Error('The chart has no type: call setChartType or an as…Chart() method first.');
    return makeChart(this.env, this.model.copy());
  }

  // The typed builders (asColumnChart() …) are this same builder with the type set.
  asAreaChart(): GoogleAppsScript.Spreadsheet.EmbeddedAreaChartBuilder {
    return this.as('AREA') as unknown as GoogleAppsScript.Spreadsheet.EmbeddedAreaChartBuilder;
  }
  asBarChart(): GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder {
    return this.as('BAR') as unknown as GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder;
  }
  asColumnChart(): GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder {
    return this.as('COLUMN') as unknown as GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder;
  }
  asComboChart(): GoogleAppsScript.Spreadsheet.EmbeddedComboChartBuilder {
    return this.as('COMBO') as unknown as GoogleAppsScript.Spreadsheet.EmbeddedComboChartBuilder;
  }
  asHistogramChart(): GoogleAppsScript.Spreadsheet.EmbeddedHistogramChartBuilder {
    return this.as(
      'HISTOGRAM',
    ) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedHistogramChartBuilder;
  }
  asLineChart(): GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder {
    return this.as('LINE') as unknown as GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder;
  }
  asPieChart(): GoogleAppsScript.Spreadsheet.EmbeddedPieChartBuilder {
    return this.as('PIE') as unknown as GoogleAppsScript.Spreadsheet.EmbeddedPieChartBuilder;
  }
  asScatterChart(): GoogleAppsScript.Spreadsheet.EmbeddedScatterChartBuilder {
    return this.as(
      'SCATTER',
    ) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedScatterChartBuilder;
  }
  asTableChart(): GoogleAppsScript.Spreadsheet.EmbeddedTableChartBuilder {
    return this.as('TABLE') as unknown as GoogleAppsScript.Spreadsheet.EmbeddedTableChartBuilder;
  }

  // Conveniences of the typed builders, recorded as options.
  setTitle(title: string): GasBuilder {
    return this.opt('title', title);
  }
  setTitleTextStyle(style: unknown): GasBuilder {
    return this.opt('titleTextStyle', style);
  }
  setLegendPosition(position: unknown): GasBuilder {
    return this.opt('legend.position', enumName(position).toLowerCase());
  }
  setLegendTextStyle(style: unknown): GasBuilder {
    return this.opt('legend.textStyle', style);
  }
  setColors(cssValues: string[]): GasBuilder {
    return this.opt('colors', [...cssValues]);
  }
  setBackgroundColor(cssValue: string): GasBuilder {
    return this.opt('backgroundColor', cssValue);
  }
  setXAxisTitle(title: string): GasBuilder {
    return this.opt('hAxis.title', title);
  }
  setYAxisTitle(title: string): GasBuilder {
    return this.opt('vAxis.title', title);
  }
  setXAxisTextStyle(style: unknown): GasBuilder {
    return this.opt('hAxis.textStyle', style);
  }
  setYAxisTextStyle(style: unknown): GasBuilder {
    return this.opt('vAxis.textStyle', style);
  }
  setXAxisTitleTextStyle(style: unknown): GasBuilder {
    return this.opt('hAxis.titleTextStyle', style);
  }
  setYAxisTitleTextStyle(style: unknown): GasBuilder {
    return this.opt('vAxis.titleTextStyle', style);
  }
  setStacked(): GasBuilder {
    return this.opt('isStacked', true);
  }
  set3D(): GasBuilder {
    return this.opt('is3D', true);
  }
  reverseCategories(): GasBuilder {
    return this.opt('reverseCategories', true);
  }
  /** The value axis range (viewWindow min/max). */
  setRange(start: number, end: number): GasBuilder {
    this.opt('vAxis.viewWindow.min', start);
    return this.opt('vAxis.viewWindow.max', end);
  }
  setXAxisRange(start: number, end: number): GasBuilder {
    this.opt('hAxis.viewWindow.min', start);
    return this.opt('hAxis.viewWindow.max', end);
  }
  setYAxisRange(start: number, end: number): GasBuilder {
    return this.setRange(start, end);
  }
  useLogScale(): GasBuilder {
    return this.opt('vAxis.logScale', true);
  }
  setPointStyle(style: unknown): GasBuilder {
    return this.opt('pointStyle', enumName(style));
  }
  setCurveStyle(style: unknown): GasBuilder {
    return this.opt('curveType', enumName(style));
  }
}

export function makeChartBuilder(env: Env, model: ChartModel): GasBuilder {
  return env.wrap(new EmbeddedChartBuilderApi(env, model), 'EmbeddedChartBuilder');
}

/**
 * The Charts global: enums (ChartType with the values of APPS_SCRIPT_FACTS §6, merge and hidden
 * dimension strategies, legend Position, curve and point styles, column types). The standalone
 * chart builders (Charts.newBarChart() …) are not emulated. Calls are counted when a context is
 * given.
 */
export function createChartsService(ctx?: ExecutionContext): GoogleAppsScript.Charts.Charts {
  const charts = {
    ChartType: enumOf(CHART_TYPES),
    ChartHiddenDimensionStrategy: enumOf([
      'IGNORE_BOTH',
      'IGNORE_ROWS',
      'IGNORE_COLUMNS',
      'SHOW_BOTH',
    ]),
    ChartMergeStrategy: enumOf(['MERGE_COLUMNS', 'MERGE_ROWS']),
    Position: enumOf(['TOP', 'RIGHT', 'BOTTOM', 'NONE']),
    CurveStyle: enumOf(['NORMAL', 'SMOOTH']),
    PointStyle: enumOf(['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE']),
    ColumnType: enumOf(['DATE', 'NUMBER', 'STRING']),
  };
  const service = ctx ? instrument(charts, 'Charts', ctx.calls) : charts;
  return service as unknown as GoogleAppsScript.Charts.Charts;
}

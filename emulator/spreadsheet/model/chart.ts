/**
 * Embedded charts as the emulator records them: type, source ranges, position (anchor cell and
 * pixel offsets) and options. Nothing is drawn; tests assert on the record.
 */
import type { Anchor } from './anchor';

export const CHART_TYPES = [
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'LINE',
  'ORG',
  'PIE',
  'RADAR',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TIMELINE',
  'TREEMAP',
  'WATERFALL',
] as const;
export type ChartTypeName = (typeof CHART_TYPES)[number];

export interface ChartPosition {
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
}

/** One chart's state; builders work on copies, insertChart/updateChart store them. */
export class ChartModel {
  type: ChartTypeName | undefined = undefined;
  ranges: Anchor[] = [];
  position: ChartPosition = { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 };
  options = new Map<string, unknown>();
  numHeaders = -1;
  transpose = false;
  mergeStrategy = 'MERGE_COLUMNS';
  hiddenDimensionStrategy = 'IGNORE_ROWS';

  /** null until the chart is inserted into a sheet (getChartId() is null before). */
  constructor(public id: number | null = null) {}

  copy(): ChartModel {
    const c = new ChartModel(this.id);
    c.type = this.type;
    c.ranges = this.ranges.map((a) => a.copy());
    c.position = { ...this.position };
    c.options = new Map(this.options);
    c.numHeaders = this.numHeaders;
    c.transpose = this.transpose;
    c.mergeStrategy = this.mergeStrategy;
    c.hiddenDimensionStrategy = this.hiddenDimensionStrategy;
    return c;
  }
}

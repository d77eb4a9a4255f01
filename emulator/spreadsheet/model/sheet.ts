/**
 * One sheet's state: its grid size and its layers (values, formulas, spilled results, number
 * formats, styles, notes, validation), merges, frozen rows/columns, column widths and row
 * heights, hidden rows/columns, tab colour, conditional format rules and charts.
 *
 * Structural changes (insert/delete rows or columns) move every layer of this sheet; the
 * workbook moves what other places hold about it (references, named ranges, protections).
 */
import {
  rectAfterDelete,
  rectAfterInsert,
  spanAfterDelete,
  spanAfterInsert,
  type Axis,
  type Rect,
} from '../a1';
import { SparseGrid } from '../grid';
import type { Stored } from '../values';
import type { CfRuleModel } from './conditional';
import type { ChartModel } from './chart';
import type { FormulaCell } from '../formula/cell';
import type { ValidationRule } from './validation';

/** Per-cell style properties kept in their own sparse layers. */
export const STYLE_KEYS = [
  'background',
  'fontColor',
  'fontWeight',
  'fontStyle',
  'fontLine',
  'fontSize',
  'fontFamily',
  'horizontalAlignment',
  'verticalAlignment',
  'wrap',
  'border',
] as const;
export type StyleKey = (typeof STYLE_KEYS)[number];
export type StyleValue = string | number | boolean;

export const DEFAULT_COLUMN_WIDTH = 100;
export const DEFAULT_ROW_HEIGHT = 21;

export class SheetModel {
  readonly values = new SparseGrid<Stored>();
  readonly formulas = new SparseGrid<FormulaCell>();
  /** For each cell filled by an array result, the formula it came from. */
  readonly spill = new SparseGrid<FormulaCell>();
  readonly formats = new SparseGrid<string>();
  readonly notes = new SparseGrid<string>();
  readonly validations = new SparseGrid<ValidationRule>();
  readonly styles = new Map<StyleKey, SparseGrid<StyleValue>>();

  merges: Rect[] = [];
  frozenRows = 0;
  frozenColumns = 0;
  columnWidths: (number | undefined)[] = [];
  rowHeights: (number | undefined)[] = [];
  hiddenColumns: (true | undefined)[] = [];
  hiddenRows: (true | undefined)[] = [];
  hidden = false;
  tabColor: string | null = null;
  cfRules: CfRuleModel[] = [];
  charts: ChartModel[] = [];
  /** False once deleted from its workbook. */
  alive = true;

  constructor(
    readonly id: number,
    public name: string,
    public maxRows: number,
    public maxColumns: number,
  ) {}

  style(key: StyleKey): SparseGrid<StyleValue> {
    let g = this.styles.get(key);
    if (!g) {
      g = new SparseGrid<StyleValue>();
      this.styles.set(key, g);
    }
    return g;
  }

  /** Every layer that moves with rows and columns. */
  private layers(): SparseGrid<unknown>[] {
    return [
      this.values,
      this.formulas,
      this.spill,
      this.formats,
      this.notes,
      this.validations,
      ...this.styles.values(),
    ] as SparseGrid<unknown>[];
  }

  /** The last row holding a value, a formula or a spilled result (0 when none). */
  lastRow(): number {
    return Math.max(this.values.lastRow(), this.formulas.lastRow());
  }

  lastColumn(): number {
    return Math.max(this.values.lastCol(), this.formulas.lastCol());
  }

  /** Whether a 0-based cell has content of its own (a value or formula, not a spilled result). */
  hasContent(r: number, c: number): boolean {
    if (this.formulas.get(r, c) !== undefined) return true;
    return this.values.get(r, c) !== undefined && this.spill.get(r, c) === undefined;
  }

  /** The merge containing a 1-based cell, if any. */
  mergeAt(row: number, col: number): Rect | undefined {
    for (const m of this.merges)
      if (row >= m.r1 && row <= m.r2 && col >= m.c1 && col <= m.c2) return m;
    return undefined;
  }

  /** Inserts `count` rows before 1-based row `at` (at = maxRows + 1 appends). */
  insertRows(at: number, count: number): void {
    for (const g of this.layers()) g.insertRows(at - 1, count);
    this.maxRows += count;
    this.merges = this.merges.map((m) => rectAfterInsert(m, 'rows', at, count));
    this.rowHeights = insertLines(this.rowHeights, at - 1, count);
    this.hiddenRows = insertLines(this.hiddenRows, at - 1, count);
    if (this.frozenRows >= at) this.frozenRows += count;
    this.moveCharts('rows', (x) => spanAfterInsert(x, x, at, count)[0]);
  }

  deleteRows(at: number, count: number): void {
    for (const g of this.layers()) g.deleteRows(at - 1, count);
    this.maxRows -= count;
    this.merges = keep(this.merges.map((m) => rectAfterDelete(m, 'rows', at, count)));
    this.rowHeights = deleteLines(this.rowHeights, at - 1, count);
    this.hiddenRows = deleteLines(this.hiddenRows, at - 1, count);
    this.frozenRows = shrinkFrozen(this.frozenRows, at, count);
    this.moveCharts('rows', (x) => spanAfterDelete(x, x, at, count)?.[0] ?? at);
  }

  insertColumns(at: number, count: number): void {
    for (const g of this.layers()) g.insertCols(at - 1, count);
    this.maxColumns += count;
    this.merges = this.merges.map((m) => rectAfterInsert(m, 'cols', at, count));
    this.columnWidths = insertLines(this.columnWidths, at - 1, count);
    this.hiddenColumns = insertLines(this.hiddenColumns, at - 1, count);
    if (this.frozenColumns >= at) this.frozenColumns += count;
    this.moveCharts('cols', (x) => spanAfterInsert(x, x, at, count)[0]);
  }

  deleteColumns(at: number, count: number): void {
    for (const g of this.layers()) g.deleteCols(at - 1, count);
    this.maxColumns -= count;
    this.merges = keep(this.merges.map((m) => rectAfterDelete(m, 'cols', at, count)));
    this.columnWidths = deleteLines(this.columnWidths, at - 1, count);
    this.hiddenColumns = deleteLines(this.hiddenColumns, at - 1, count);
    this.frozenColumns = shrinkFrozen(this.frozenColumns, at, count);
    this.moveCharts('cols', (x) => spanAfterDelete(x, x, at, count)?.[0] ?? at);
  }

  private moveCharts(axis: Axis, move: (x: number) => number): void {
    for (const c of this.charts) {
      if (axis === 'rows') c.position.anchorRow = Math.max(1, move(c.position.anchorRow));
      else c.position.anchorColumn = Math.max(1, move(c.position.anchorColumn));
    }
  }
}

function keep(rects: (Rect | undefined)[]): Rect[] {
  return rects.filter((r): r is Rect => r !== undefined && (r.r1 !== r.r2 || r.c1 !== r.c2));
}

function insertLines<T>(a: (T | undefined)[], at: number, count: number): (T | undefined)[] {
  if (at >= a.length) return a;
  return a.slice(0, at).concat(new Array<T | undefined>(count), a.slice(at));
}

function deleteLines<T>(a: (T | undefined)[], at: number, count: number): (T | undefined)[] {
  if (at >= a.length) return a;
  return a.slice(0, at).concat(a.slice(at + count));
}

function shrinkFrozen(frozen: number, at: number, count: number): number {
  if (frozen < at) return frozen;
  return Math.max(at - 1, frozen - count);
}

/**
 * Sheet: one tab (APPS_SCRIPT_FACTS §1): ranges by coordinates or A1, last row/column with
 * content (0 on an empty sheet, as community code relies on), rows and columns inserted or
 * deleted (references follow), frozen panes, widths, hiding, protections, conditional format
 * rules, charts.
 */
import { parseA1, resolveRef } from '../a1';
import { MSG } from '../messages';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, type SheetModel } from '../model/sheet';
import { ChartModel } from '../model/chart';
import { normalizeColor } from '../colors';
import { chartModelOf, makeChart, makeChartBuilder } from './charts';
import { cfModelOf, makeCfRule } from './conditional';
import { badParameters, enumName, int, type Env, type Facade, text } from './env';
import { makeNamedRange } from './named-range';
import { makeProtection } from './protection';
import { checkedRect, makeRange, rangeModelOf } from './range';
import { makeSpreadsheet } from './spreadsheet';

type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;
const S = 'SpreadsheetApp.Sheet';

export function makeSheet(env: Env, sheet: SheetModel): GasSheet {
  return env.wrap(new SheetApi(env, sheet), 'Sheet') as unknown as GasSheet;
}

/** The Sheet methods implemented here (signatures checked against @types/google-apps-script). */
type SheetMethods =
  | 'activate'
  | 'appendRow'
  | 'autoResizeColumn'
  | 'autoResizeColumns'
  | 'clear'
  | 'clearConditionalFormatRules'
  | 'clearContents'
  | 'clearFormats'
  | 'clearNotes'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'deleteRow'
  | 'deleteRows'
  | 'getActiveCell'
  | 'getActiveRange'
  | 'getCharts'
  | 'getColumnWidth'
  | 'getConditionalFormatRules'
  | 'getCurrentCell'
  | 'getDataRange'
  | 'getFrozenColumns'
  | 'getFrozenRows'
  | 'getIndex'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMaxColumns'
  | 'getMaxRows'
  | 'getName'
  | 'getNamedRanges'
  | 'getParent'
  | 'getProtections'
  | 'getRange'
  | 'getRowHeight'
  | 'getSheetId'
  | 'getSheetName'
  | 'getSheetValues'
  | 'getTabColor'
  | 'getType'
  | 'hideColumns'
  | 'hideRows'
  | 'hideSheet'
  | 'insertChart'
  | 'insertColumnAfter'
  | 'insertColumnBefore'
  | 'insertColumns'
  | 'insertColumnsAfter'
  | 'insertColumnsBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertRows'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'isColumnHiddenByUser'
  | 'isRowHiddenByUser'
  | 'isSheetHidden'
  | 'newChart'
  | 'protect'
  | 'removeChart'
  | 'setActiveRange'
  | 'setActiveSelection'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'setConditionalFormatRules'
  | 'setCurrentCell'
  | 'setFrozenColumns'
  | 'setFrozenRows'
  | 'setName'
  | 'setRowHeight'
  | 'setRowHeights'
  | 'setTabColor'
  | 'showColumns'
  | 'showRows'
  | 'showSheet'
  | 'sort'
  | 'updateChart';

export class SheetApi implements Facade, Pick<GoogleAppsScript.Spreadsheet.Sheet, SheetMethods> {
  self: unknown;
  constructor(
    private readonly env: Env,
    readonly sheet: SheetModel,
  ) {}

  private get me(): GasSheet {
    return this.self as GasSheet;
  }

  private get wb() {
    return this.env.workbook;
  }

  private rowsBlock(at: number, count: number) {
    return { r1: at, c1: 1, r2: at + count - 1, c2: Math.max(1, this.sheet.maxColumns) };
  }

  private colsBlock(at: number, count: number) {
    return { r1: 1, c1: at, r2: Math.max(1, this.sheet.maxRows), c2: at + count - 1 };
  }

  // ---- identity ----------------------------------------------------------------------------

  getName(): string {
    return this.sheet.name;
  }
  getSheetName(): string {
    return this.sheet.name;
  }
  /** Unique, increasing with creation, independent of position. */
  getSheetId(): number {
    return this.sheet.id;
  }
  /** 1-based position among the tabs. */
  getIndex(): number {
    return this.wb.sheets.indexOf(this.sheet) + 1;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return makeSpreadsheet(this.env);
  }
  getType(): GoogleAppsScript.Spreadsheet.SheetType {
    return 'GRID' as unknown as GoogleAppsScript.Spreadsheet.SheetType;
  }
  setName(name: string): GasSheet {
    this.env.assertWrite('setName');
    this.wb.renameSheet(this.sheet, text(name));
    return this.me;
  }
  activate(): GasSheet {
    this.env.assertDocument('activate');
    this.wb.select(this.env.user, this.sheet, { r1: 1, c1: 1, r2: 1, c2: 1 });
    return this.me;
  }

  // ---- ranges ------------------------------------------------------------------------------

  /**
   * getRange(row, column[, numRows[, numColumns]]) (1-based) or getRange(a1). Errors as Apps
   * Script words them: "The starting row of the range is too small.", "The number of rows in
   * the range must be at least 1.", "The coordinates of the range are outside the dimensions of
   * the sheet.", "Range not found".
   */
  getRange(a: unknown, b?: unknown, c?: unknown, d?: unknown): GasRange {
    const args = [a, b, c, d].filter((x) => x !== undefined);
    if (typeof a === 'string' && args.length === 1) {
      // "Other!A1" names a range of that sheet.
      const ref = parseA1(a);
      const sheet = ref?.sheet === undefined ? this.sheet : this.wb.findSheet(ref.sheet);
      if (!ref || !sheet) throw new Error(MSG.rangeNotFound);
      const { rect, openRows, openCols } = resolveRef(ref, sheet.maxRows, sheet.maxColumns);
      if (rect.r2 > sheet.maxRows || rect.c2 > sheet.maxColumns) throw new Error(MSG.outsideSheet);
      return makeRange(this.env, sheet, rect, openRows, openCols);
    }
    const m = `${S}.getRange`;
    if (args.length < 2 || args.some((x) => typeof x !== 'number')) throw badParameters(m, args);
    const rect = checkedRect(
      this.sheet,
      int(m, args, 0),
      int(m, args, 1),
      args.length > 2 ? int(m, args, 2) : 1,
      args.length > 3 ? int(m, args, 3) : 1,
    );
    return makeRange(this.env, this.sheet, rect);
  }

  /** The block from A1 to (last row, last column); A1 alone on an empty sheet. */
  getDataRange(): GasRange {
    this.wb.recalc();
    const rows = Math.max(1, this.sheet.lastRow());
    const cols = Math.max(1, this.sheet.lastColumn());
    return makeRange(this.env, this.sheet, { r1: 1, c1: 1, r2: rows, c2: cols });
  }
  getSheetValues(
    startRow: number,
    startColumn: number,
    numRows: number,
    numColumns: number,
  ): unknown[][] {
    const rows = numRows === -1 ? this.getLastRow() - startRow + 1 : numRows;
    const cols = numColumns === -1 ? this.getLastColumn() - startColumn + 1 : numColumns;
    return this.wb.readValues(
      this.sheet,
      checkedRect(this.sheet, startRow, startColumn, rows, cols),
      this.env.newDate,
    );
  }
  /** Last row with content (a value, a formula or a spilled result); 0 when empty. */
  getLastRow(): number {
    this.wb.recalc();
    return this.sheet.lastRow();
  }
  getLastColumn(): number {
    this.wb.recalc();
    return this.sheet.lastColumn();
  }
  getMaxRows(): number {
    return this.sheet.maxRows;
  }
  getMaxColumns(): number {
    return this.sheet.maxColumns;
  }

  // ---- rows and columns ----------------------------------------------------------------------

  /**
   * Writes a row below the last row with content (growing the sheet by a row when it is
   * full). Strings are typed input ("=" makes a formula).
   */
  appendRow(rowContents: unknown[]): GasSheet {
    if (!Array.isArray(rowContents)) throw badParameters(`${S}.appendRow`, [rowContents]);
    this.wb.recalc();
    const row = this.sheet.lastRow() + 1;
    const width = Math.max(1, rowContents.length);
    const rect = { r1: row, c1: 1, r2: row, c2: width };
    this.env.assertEditable('appendRow', this.sheet, rect);
    if (row > this.sheet.maxRows)
      this.wb.insertRows(this.sheet, this.sheet.maxRows + 1, row - this.sheet.maxRows);
    if (width > this.sheet.maxColumns)
      this.wb.insertColumns(this.sheet, this.sheet.maxColumns + 1, width - this.sheet.maxColumns);
    this.wb.writeValues(this.sheet, rect, [rowContents]);
    return this.me;
  }

  private insertRowsAt(method: string, at: number, count: number): void {
    if (at < 1 || at > this.sheet.maxRows + 1) throw new Error(MSG.outsideSheet);
    if (count < 1) throw new Error(MSG.rowsAtLeastOne);
    this.env.assertEditable(
      method,
      this.sheet,
      this.rowsBlock(Math.min(at, this.sheet.maxRows), 1),
    );
    this.wb.insertRows(this.sheet, at, count);
  }
  private insertColumnsAt(method: string, at: number, count: number): void {
    if (at < 1 || at > this.sheet.maxColumns + 1) throw new Error(MSG.outsideSheet);
    if (count < 1) throw new Error(MSG.columnsAtLeastOne);
    this.env.assertEditable(
      method,
      this.sheet,
      this.colsBlock(Math.min(at, this.sheet.maxColumns), 1),
    );
    this.wb.insertColumns(this.sheet, at, count);
  }

  insertRowAfter(afterPosition: number): GasSheet {
    this.insertRowsAt('insertRowAfter', int(`${S}.insertRowAfter`, [afterPosition], 0) + 1, 1);
    return this.me;
  }
  insertRowBefore(beforePosition: number): GasSheet {
    this.insertRowsAt('insertRowBefore', int(`${S}.insertRowBefore`, [beforePosition], 0), 1);
    return this.me;
  }
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    const args = [afterPosition, howMany];
    this.insertRowsAt(
      'insertRowsAfter',
      int(`${S}.insertRowsAfter`, args, 0) + 1,
      int(`${S}.insertRowsAfter`, args, 1),
    );
    return this.me;
  }
  insertRowsBefore(beforePosition: number, howMany: number): GasSheet {
    const args = [beforePosition, howMany];
    this.insertRowsAt(
      'insertRowsBefore',
      int(`${S}.insertRowsBefore`, args, 0),
      int(`${S}.insertRowsBefore`, args, 1),
    );
    return this.me;
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this.insertRowsAt(
      'insertRows',
      int(`${S}.insertRows`, [rowIndex], 0),
      int(`${S}.insertRows`, [numRows], 0),
    );
  }
  insertColumnAfter(afterPosition: number): GasSheet {
    this.insertColumnsAt(
      'insertColumnAfter',
      int(`${S}.insertColumnAfter`, [afterPosition], 0) + 1,
      1,
    );
    return this.me;
  }
  insertColumnBefore(beforePosition: number): GasSheet {
    this.insertColumnsAt(
      'insertColumnBefore',
      int(`${S}.insertColumnBefore`, [beforePosition], 0),
      1,
    );
    return this.me;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    const args = [afterPosition, howMany];
    this.insertColumnsAt(
      'insertColumnsAfter',
      int(`${S}.insertColumnsAfter`, args, 0) + 1,
      int(`${S}.insertColumnsAfter`, args, 1),
    );
    return this.me;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): GasSheet {
    const args = [beforePosition, howMany];
    this.insertColumnsAt(
      'insertColumnsBefore',
      int(`${S}.insertColumnsBefore`, args, 0),
      int(`${S}.insertColumnsBefore`, args, 1),
    );
    return this.me;
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.insertColumnsAt(
      'insertColumns',
      int(`${S}.insertColumns`, [columnIndex], 0),
      int(`${S}.insertColumns`, [numColumns], 0),
    );
  }

  /** Deletes rows [rowPosition, rowPosition + howMany); a sheet keeps at least one row. */
  deleteRows(rowPosition: number, howMany: number): void {
    const args = [rowPosition, howMany];
    const at = int(`${S}.deleteRows`, args, 0);
    const n = int(`${S}.deleteRows`, args, 1);
    if (at < 1) throw new Error(MSG.startRowTooSmall);
    if (n < 1) throw new Error(MSG.rowsAtLeastOne);
    if (at + n - 1 > this.sheet.maxRows) throw new Error(MSG.outsideSheet);
    if (n >= this.sheet.maxRows)
      throw new Error("Sorry, it's not possible to delete all non-frozen rows.");
    this.env.assertEditable('deleteRows', this.sheet, this.rowsBlock(at, n));
    this.wb.deleteRows(this.sheet, at, n);
  }
  deleteRow(rowPosition: number): GasSheet {
    this.deleteRows(rowPosition, 1);
    return this.me;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const args = [columnPosition, howMany];
    const at = int(`${S}.deleteColumns`, args, 0);
    const n = int(`${S}.deleteColumns`, args, 1);
    if (at < 1) throw new Error(MSG.startColumnTooSmall);
    if (n < 1) throw new Error(MSG.columnsAtLeastOne);
    if (at + n - 1 > this.sheet.maxColumns) throw new Error(MSG.outsideSheet);
    if (n >= this.sheet.maxColumns)
      throw new Error("Sorry, it's not possible to delete all non-frozen columns.");
    this.env.assertEditable('deleteColumns', this.sheet, this.colsBlock(at, n));
    this.wb.deleteColumns(this.sheet, at, n);
  }
  deleteColumn(columnPosition: number): GasSheet {
    this.deleteColumns(columnPosition, 1);
    return this.me;
  }

  // ---- clearing ----------------------------------------------------------------------------

  private all() {
    return {
      r1: 1,
      c1: 1,
      r2: Math.max(1, this.sheet.maxRows),
      c2: Math.max(1, this.sheet.maxColumns),
    };
  }
  /** Contents and formatting ({contentsOnly} / {formatOnly} limit it). */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): GasSheet {
    this.env.assertEditable('clear', this.sheet, this.all());
    const contents = !options?.formatOnly || Boolean(options.contentsOnly);
    const formats = !options?.contentsOnly || Boolean(options.formatOnly);
    this.wb.clear(this.sheet, this.all(), { contents, formats });
    return this.me;
  }
  clearContents(): GasSheet {
    this.env.assertEditable('clearContents', this.sheet, this.all());
    this.wb.clear(this.sheet, this.all(), { contents: true });
    return this.me;
  }
  clearFormats(): GasSheet {
    this.env.assertEditable('clearFormats', this.sheet, this.all());
    this.wb.clear(this.sheet, this.all(), { formats: true });
    return this.me;
  }
  clearNotes(): GasSheet {
    this.env.assertEditable('clearNotes', this.sheet, this.all());
    this.wb.clear(this.sheet, this.all(), { notes: true });
    return this.me;
  }

  // ---- frozen panes, sizes, visibility -------------------------------------------------------

  getFrozenRows(): number {
    return this.sheet.frozenRows;
  }
  /** 0 unfreezes. */
  setFrozenRows(rows: number): void {
    this.env.assertWrite('setFrozenRows');
    const n = int(`${S}.setFrozenRows`, [rows], 0);
    if (n < 0 || n > this.sheet.maxRows) throw new Error(MSG.outsideSheet);
    this.sheet.frozenRows = n;
  }
  getFrozenColumns(): number {
    return this.sheet.frozenColumns;
  }
  setFrozenColumns(columns: number): void {
    this.env.assertWrite('setFrozenColumns');
    const n = int(`${S}.setFrozenColumns`, [columns], 0);
    if (n < 0 || n > this.sheet.maxColumns) throw new Error(MSG.outsideSheet);
    this.sheet.frozenColumns = n;
  }
  getColumnWidth(columnPosition: number): number {
    return (
      this.sheet.columnWidths[int(`${S}.getColumnWidth`, [columnPosition], 0) - 1] ??
      DEFAULT_COLUMN_WIDTH
    );
  }
  setColumnWidth(columnPosition: number, width: number): GasSheet {
    return this.setColumnWidths(columnPosition, 1, width);
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): GasSheet {
    this.env.assertWrite('setColumnWidths');
    const args = [startColumn, numColumns, width];
    const c = int(`${S}.setColumnWidths`, args, 0);
    const n = int(`${S}.setColumnWidths`, args, 1);
    checkedRect(this.sheet, 1, c, 1, n);
    for (let i = 0; i < n; i++)
      this.sheet.columnWidths[c - 1 + i] = int(`${S}.setColumnWidths`, args, 2);
    return this.me;
  }
  /** Sets a width from the longest text in the column (an estimate: 7 px a character). */
  autoResizeColumns(startColumn: number, numColumns: number): GasSheet {
    this.env.assertWrite('autoResizeColumns');
    const args = [startColumn, numColumns];
    const c = int(`${S}.autoResizeColumns`, args, 0);
    const n = int(`${S}.autoResizeColumns`, args, 1);
    const rect = checkedRect(this.sheet, 1, c, Math.max(1, this.sheet.lastRow()), n);
    const text = this.wb.readDisplayValues(this.sheet, rect);
    for (let j = 0; j < n; j++) {
      const longest = text.reduce((m, row) => Math.max(m, (row[j] ?? '').length), 0);
      this.sheet.columnWidths[c - 1 + j] = Math.max(40, Math.min(600, longest * 7 + 16));
    }
    return this.me;
  }
  autoResizeColumn(columnPosition: number): GasSheet {
    return this.autoResizeColumns(columnPosition, 1);
  }
  getRowHeight(rowPosition: number): number {
    return (
      this.sheet.rowHeights[int(`${S}.getRowHeight`, [rowPosition], 0) - 1] ?? DEFAULT_ROW_HEIGHT
    );
  }
  setRowHeight(rowPosition: number, height: number): GasSheet {
    return this.setRowHeights(rowPosition, 1, height);
  }
  setRowHeights(startRow: number, numRows: number, height: number): GasSheet {
    this.env.assertWrite('setRowHeights');
    const args = [startRow, numRows, height];
    const r = int(`${S}.setRowHeights`, args, 0);
    const n = int(`${S}.setRowHeights`, args, 1);
    checkedRect(this.sheet, r, 1, n, 1);
    for (let i = 0; i < n; i++)
      this.sheet.rowHeights[r - 1 + i] = int(`${S}.setRowHeights`, args, 2);
    return this.me;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.env.assertWrite('hideColumns');
    for (let i = 0; i < numColumns; i++) this.sheet.hiddenColumns[columnIndex - 1 + i] = true;
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this.env.assertWrite('showColumns');
    for (let i = 0; i < numColumns; i++) this.sheet.hiddenColumns[columnIndex - 1 + i] = undefined;
  }
  hideRows(rowIndex: number, numRows = 1): void {
    this.env.assertWrite('hideRows');
    for (let i = 0; i < numRows; i++) this.sheet.hiddenRows[rowIndex - 1 + i] = true;
  }
  showRows(rowIndex: number, numRows = 1): void {
    this.env.assertWrite('showRows');
    for (let i = 0; i < numRows; i++) this.sheet.hiddenRows[rowIndex - 1 + i] = undefined;
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.sheet.hiddenColumns[columnPosition - 1] === true;
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this.sheet.hiddenRows[rowPosition - 1] === true;
  }
  hideSheet(): GasSheet {
    this.env.assertWrite('hideSheet');
    this.sheet.hidden = true;
    return this.me;
  }
  showSheet(): GasSheet {
    this.env.assertWrite('showSheet');
    this.sheet.hidden = false;
    return this.me;
  }
  isSheetHidden(): boolean {
    return this.sheet.hidden;
  }
  getTabColor(): string | null {
    return this.sheet.tabColor;
  }
  setTabColor(color: string | null): GasSheet {
    this.env.assertWrite('setTabColor');
    if (color === null || color === '') this.sheet.tabColor = null;
    else {
      const c = normalizeColor(text(color));
      if (c === undefined) throw new Error(MSG.invalidColor(text(color)));
      this.sheet.tabColor = c;
    }
    return this.me;
  }

  // ---- selection ---------------------------------------------------------------------------

  getActiveRange(): GasRange | null {
    const sel = this.wb.selectionOf(this.env.user);
    return sel.sheet === this.sheet ? makeRange(this.env, this.sheet, sel.rect) : null;
  }
  getActiveCell(): GasRange {
    const sel = this.wb.selectionOf(this.env.user);
    const { row, col } = sel.sheet === this.sheet ? sel.current : { row: 1, col: 1 };
    return makeRange(this.env, this.sheet, { r1: row, c1: col, r2: row, c2: col });
  }
  getCurrentCell(): GasRange | null {
    const sel = this.wb.selectionOf(this.env.user);
    if (sel.sheet !== this.sheet) return null;
    const { row, col } = sel.current;
    return makeRange(this.env, this.sheet, { r1: row, c1: col, r2: row, c2: col });
  }
  setActiveRange(range: GasRange): GasRange {
    this.env.assertDocument('setActiveRange');
    const r = rangeModelOf(range);
    if (!r || r.sheet !== this.sheet) throw badParameters(`${S}.setActiveRange`, [range]);
    this.wb.select(this.env.user, this.sheet, r.rect);
    return range;
  }
  setActiveSelection(rangeOrA1: GasRange | string): GasRange {
    const range = typeof rangeOrA1 === 'string' ? this.getRange(rangeOrA1) : rangeOrA1;
    return this.setActiveRange(range);
  }
  setCurrentCell(cell: GasRange): GasRange {
    this.env.assertDocument('setCurrentCell');
    const r = rangeModelOf(cell);
    if (!r || r.sheet !== this.sheet) throw badParameters(`${S}.setCurrentCell`, [cell]);
    this.wb.select(this.env.user, this.sheet, r.rect, { row: r.rect.r1, col: r.rect.c1 });
    return cell;
  }

  // ---- protections, named ranges, rules, charts ------------------------------------------------

  /** The sheet's protection, created if there is none (APPS_SCRIPT_FACTS §6). */
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.env.assertWrite('protect');
    const existing = this.wb.liveProtections('SHEET').find((p) => p.sheet === this.sheet);
    return makeProtection(this.env, existing ?? this.wb.addProtection('SHEET', this.sheet));
  }
  getProtections(type: unknown): GoogleAppsScript.Spreadsheet.Protection[] {
    const kind = enumName(type);
    if (kind !== 'RANGE' && kind !== 'SHEET') throw badParameters(`${S}.getProtections`, [type]);
    return this.wb
      .liveProtections(kind)
      .filter((p) => p.sheet === this.sheet)
      .map((p) => makeProtection(this.env, p));
  }
  getNamedRanges(): GoogleAppsScript.Spreadsheet.NamedRange[] {
    return this.wb
      .namedRangeList()
      .filter((n) => n.anchor.sheet === this.sheet)
      .map((n) => makeNamedRange(this.env, n.name));
  }
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return this.sheet.cfRules.map((m) => makeCfRule(this.env, m));
  }
  /** Replaces all the sheet's rules (evaluated in order). */
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    this.env.assertWrite('setConditionalFormatRules');
    if (!Array.isArray(rules)) throw badParameters(`${S}.setConditionalFormatRules`, [rules]);
    this.sheet.cfRules = rules.map((r) => {
      const m = cfModelOf(r);
      if (!m) throw badParameters(`${S}.setConditionalFormatRules`, [rules]);
      return m;
    });
  }
  clearConditionalFormatRules(): void {
    this.env.assertWrite('clearConditionalFormatRules');
    this.sheet.cfRules = [];
  }
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return makeChartBuilder(this.env, new ChartModel(null));
  }
  /** Inserts a built chart; it gets an id unique in the file. */
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.env.assertWrite('insertChart');
    const m = chartModelOf(chart);
    if (!m) throw badParameters(`${S}.insertChart`, [chart]);
    const stored = m.copy();
    stored.id = this.wb.newChartId();
    m.id = stored.id;
    this.sheet.charts.push(stored);
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return this.sheet.charts.map((c) => makeChart(this.env, c.copy()));
  }
  /** Stores a chart rebuilt from chart.modify() in place of the one with its id. */
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.env.assertWrite('updateChart');
    const m = chartModelOf(chart);
    if (!m) throw badParameters(`${S}.updateChart`, [chart]);
    const i = this.sheet.charts.findIndex((c) => c.id !== null && c.id === m.id);
    if (i < 0) throw new Error('The chart is not on this sheet: insert it with insertChart first.');
    this.sheet.charts[i] = m.copy();
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.env.assertWrite('removeChart');
    const m = chartModelOf(chart);
    if (!m) throw badParameters(`${S}.removeChart`, [chart]);
    this.sheet.charts = this.sheet.charts.filter((c) => c.id !== m.id);
  }

  /** Sorts the rows below the frozen rows by a column. */
  sort(columnPosition: number, ascending = true): GasSheet {
    this.wb.recalc();
    const first = this.sheet.frozenRows + 1;
    const last = this.sheet.lastRow();
    if (last >= first) {
      const range = makeRange(this.env, this.sheet, {
        r1: first,
        c1: 1,
        r2: last,
        c2: Math.max(1, this.sheet.lastColumn()),
      });
      range.sort({ column: columnPosition, ascending });
    }
    return this.me;
  }

  toString(): string {
    return 'Sheet';
  }
}

/** The model behind a Sheet this emulator made. */
export function sheetModelOf(x: unknown): SheetModel | undefined {
  return x instanceof SheetApi ? x.sheet : undefined;
}

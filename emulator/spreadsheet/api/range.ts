/**
 * Range: a block of cells of one sheet, 1-based (APPS_SCRIPT_FACTS §1). Reads recalculate
 * formulas first; writes check the auth mode and protections, then go through the workbook's
 * write primitives so formulas, spills and validation stay consistent.
 */
import { columnLetters, contains, intersects, rectA1, type Rect } from '../a1';
import { normalizeColor } from '../colors';
import { MSG } from '../messages';
import { Anchor } from '../model/anchor';
import type { SheetModel, StyleKey, StyleValue } from '../model/sheet';
import type { ValidationRule } from '../model/validation';
import { AUTOMATIC_FORMAT, type CellValue, type Stored } from '../values';
import type { Env, Facade } from './env';
import { badParameters, int, text, bool } from './env';
import { colorOf, makeColor } from './color';
import { makeDataValidation, validationModelOf } from './validation';
import { makeProtection } from './protection';
import { makeSheet } from './sheet';

type GasRange = GoogleAppsScript.Spreadsheet.Range;

interface CellSnapshot {
  v: Stored | undefined;
  f: string | undefined;
  fmt: string | undefined;
  styles: (readonly [StyleKey, StyleValue | undefined])[];
  note: string | undefined;
  rule: ValidationRule | undefined;
}

const R = 'SpreadsheetApp.Range';

/** Defaults a cell shows for each style when none was set. */
const STYLE_DEFAULTS: Record<StyleKey, StyleValue> = {
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontLine: 'none',
  fontSize: 10,
  fontFamily: 'Arial',
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrap: false,
  border: '',
};

export function makeRange(
  env: Env,
  sheet: SheetModel,
  rect: Rect,
  openRows = false,
  openCols = false,
): GasRange {
  return env.wrap(
    new RangeApi(env, sheet, rect, openRows, openCols),
    'Range',
  ) as unknown as GasRange;
}

/** Checks getRange-style coordinates with Apps Script's messages. */
export function checkedRect(
  sheet: SheetModel,
  row: number,
  col: number,
  numRows: number,
  numCols: number,
): Rect {
  if (row < 1) throw new Error(MSG.startRowTooSmall);
  if (col < 1) throw new Error(MSG.startColumnTooSmall);
  if (numRows < 1) throw new Error(MSG.rowsAtLeastOne);
  if (numCols < 1) throw new Error(MSG.columnsAtLeastOne);
  const rect = { r1: row, c1: col, r2: row + numRows - 1, c2: col + numCols - 1 };
  if (rect.r2 > sheet.maxRows || rect.c2 > sheet.maxColumns) throw new Error(MSG.outsideSheet);
  return rect;
}

/** The Range methods implemented here (signatures checked against @types/google-apps-script). */
type RangeMethods =
  | 'activate'
  | 'activateAsCurrentCell'
  | 'breakApart'
  | 'canEdit'
  | 'check'
  | 'clear'
  | 'clearContent'
  | 'clearDataValidations'
  | 'clearFormat'
  | 'clearNote'
  | 'copyTo'
  | 'getA1Notation'
  | 'getBackground'
  | 'getBackgroundObject'
  | 'getBackgroundObjects'
  | 'getBackgrounds'
  | 'getCell'
  | 'getColumn'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFontColor'
  | 'getFontColorObject'
  | 'getFontColorObjects'
  | 'getFontColors'
  | 'getFontFamily'
  | 'getFontLine'
  | 'getFontSize'
  | 'getFontSizes'
  | 'getFontStyle'
  | 'getFontStyles'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'getFormula'
  | 'getFormulas'
  | 'getGridId'
  | 'getHeight'
  | 'getHorizontalAlignment'
  | 'getHorizontalAlignments'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMergedRanges'
  | 'getNote'
  | 'getNotes'
  | 'getNumColumns'
  | 'getNumRows'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'getRow'
  | 'getRowIndex'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'getVerticalAlignment'
  | 'getWidth'
  | 'getWrap'
  | 'getWraps'
  | 'insertCheckboxes'
  | 'isBlank'
  | 'isChecked'
  | 'isEndColumnBounded'
  | 'isEndRowBounded'
  | 'isPartOfMerge'
  | 'isStartColumnBounded'
  | 'isStartRowBounded'
  | 'merge'
  | 'mergeAcross'
  | 'mergeVertically'
  | 'moveTo'
  | 'offset'
  | 'protect'
  | 'removeCheckboxes'
  | 'setBackground'
  | 'setBackgroundObject'
  | 'setBackgroundObjects'
  | 'setBackgroundRGB'
  | 'setBackgrounds'
  | 'setBorder'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'setFontColor'
  | 'setFontColorObject'
  | 'setFontColorObjects'
  | 'setFontColors'
  | 'setFontFamily'
  | 'setFontLine'
  | 'setFontSize'
  | 'setFontStyle'
  | 'setFontStyles'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'setFormula'
  | 'setFormulas'
  | 'setHorizontalAlignment'
  | 'setHorizontalAlignments'
  | 'setNote'
  | 'setNotes'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setValue'
  | 'setValues'
  | 'setVerticalAlignment'
  | 'setWrap'
  | 'setWrapStrategy'
  | 'setWraps'
  | 'sort'
  | 'trimWhitespace'
  | 'uncheck';

export class RangeApi implements Facade, Pick<GoogleAppsScript.Spreadsheet.Range, RangeMethods> {
  self: unknown;

  constructor(
    readonly env: Env,
    readonly sheet: SheetModel,
    readonly rect: Rect,
    readonly openRows = false,
    readonly openCols = false,
  ) {}

  private get me(): GasRange {
    return this.self as GasRange;
  }

  private get wb() {
    return this.env.workbook;
  }

  private get numRows(): number {
    return this.rect.r2 - this.rect.r1 + 1;
  }

  private get numCols(): number {
    return this.rect.c2 - this.rect.c1 + 1;
  }

  private get topLeft(): Rect {
    return { r1: this.rect.r1, c1: this.rect.c1, r2: this.rect.r1, c2: this.rect.c1 };
  }

  /** Checks a 2-D argument: an array of arrays, rows first, then each row's columns. */
  private grid<T>(method: string, data: unknown): T[][] {
    if (!Array.isArray(data) || !(data as unknown[]).every((row) => Array.isArray(row)))
      throw badParameters(`${R}.${method}`, [data]);
    const rows = data as unknown[][];
    if (rows.length !== this.numRows) throw new Error(MSG.rowsMismatch(rows.length, this.numRows));
    for (const row of rows)
      if (row.length !== this.numCols)
        throw new Error(MSG.columnsMismatch(row.length, this.numCols));
    return rows as T[][];
  }

  private fill<T>(v: T): T[][] {
    return Array.from({ length: this.numRows }, () => new Array<T>(this.numCols).fill(v));
  }

  private layer<T>(read: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = this.rect.r1 - 1; r < this.rect.r2; r++) {
      const line: T[] = [];
      for (let c = this.rect.c1 - 1; c < this.rect.c2; c++) line.push(read(r, c));
      out.push(line);
    }
    return out;
  }

  private styleGet(key: StyleKey): StyleValue[][] {
    const g = this.sheet.styles.get(key);
    return this.layer((r, c) => g?.get(r, c) ?? STYLE_DEFAULTS[key]);
  }

  private styleSet(
    method: string,
    key: StyleKey,
    data: (StyleValue | null | undefined)[][],
  ): GasRange {
    this.env.assertEditable(method, this.sheet, this.rect);
    const g = this.sheet.style(key);
    data.forEach((line, i) => {
      line.forEach((v, j) => {
        g.set(
          this.rect.r1 - 1 + i,
          this.rect.c1 - 1 + j,
          v === null || v === undefined || v === STYLE_DEFAULTS[key] ? undefined : v,
        );
      });
    });
    return this.me;
  }

  private color(c: unknown): string | null {
    if (c === null || c === undefined || c === '') return null;
    const n = normalizeColor(text(c));
    if (n === undefined) throw new Error(MSG.invalidColor(text(c)));
    return n;
  }

  // ---- position ----------------------------------------------------------------------------

  getA1Notation(): string {
    return rectA1(this.rect, this.openRows, this.openCols);
  }
  getRow(): number {
    return this.rect.r1;
  }
  getRowIndex(): number {
    return this.rect.r1;
  }
  getColumn(): number {
    return this.rect.c1;
  }
  getLastRow(): number {
    return this.rect.r2;
  }
  getLastColumn(): number {
    return this.rect.c2;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numCols;
  }
  getHeight(): number {
    return this.numRows;
  }
  getWidth(): number {
    return this.numCols;
  }
  getGridId(): number {
    return this.sheet.id;
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return makeSheet(this.env, this.sheet);
  }
  isStartRowBounded(): boolean {
    return true;
  }
  isStartColumnBounded(): boolean {
    return true;
  }
  isEndRowBounded(): boolean {
    return !this.openRows;
  }
  isEndColumnBounded(): boolean {
    return !this.openCols;
  }

  /** A cell of this range, 1-based relative to its top-left. */
  getCell(row: number, column: number): GasRange {
    const r = int(`${R}.getCell`, [row, column], 0);
    const c = int(`${R}.getCell`, [row, column], 1);
    if (r < 1 || c < 1 || r > this.numRows || c > this.numCols)
      throw new Error('Cell reference out of range');
    const rr = this.rect.r1 + r - 1;
    const cc = this.rect.c1 + c - 1;
    return makeRange(this.env, this.sheet, { r1: rr, c1: cc, r2: rr, c2: cc });
  }

  /** The range moved by (rowOffset, columnOffset), optionally resized. */
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GasRange {
    const args = [rowOffset, columnOffset, numRows, numColumns].filter((x) => x !== undefined);
    const m = `${R}.offset`;
    const rect = checkedRect(
      this.sheet,
      this.rect.r1 + int(m, args, 0),
      this.rect.c1 + int(m, args, 1),
      numRows === undefined ? this.numRows : int(m, args, 2),
      numColumns === undefined ? this.numCols : int(m, args, 3),
    );
    return makeRange(this.env, this.sheet, rect);
  }

  // ---- values ------------------------------------------------------------------------------

  getValue(): CellValue {
    return this.wb.readValues(this.sheet, this.topLeft, this.env.newDate)[0]?.[0] ?? '';
  }
  getValues(): CellValue[][] {
    return this.wb.readValues(this.sheet, this.rect, this.env.newDate);
  }
  getDisplayValue(): string {
    return this.wb.readDisplayValues(this.sheet, this.topLeft)[0]?.[0] ?? '';
  }
  getDisplayValues(): string[][] {
    return this.wb.readDisplayValues(this.sheet, this.rect);
  }
  getFormula(): string {
    return this.wb.readFormulas(this.sheet, this.topLeft)[0]?.[0] ?? '';
  }
  getFormulas(): string[][] {
    return this.wb.readFormulas(this.sheet, this.rect);
  }

  /** Sets every cell of the range to the value (strings are typed input, "=…" a formula). */
  setValue(value: unknown): GasRange {
    this.env.assertEditable('setValue', this.sheet, this.rect);
    this.wb.writeValues(this.sheet, this.rect, this.fill(value));
    return this.me;
  }

  setValues(values: unknown[][]): GasRange {
    this.env.assertEditable('setValues', this.sheet, this.rect);
    this.wb.writeValues(this.sheet, this.rect, this.grid('setValues', values));
    return this.me;
  }

  /**
   * Puts the formula in every cell of the range. (Sheets also shifts relative references cell
   * by cell; the emulator writes the same text everywhere.)
   */
  setFormula(formula: string): GasRange {
    this.env.assertEditable('setFormula', this.sheet, this.rect);
    this.wb.writeFormulas(this.sheet, this.rect, this.fill(text(formula)));
    return this.me;
  }

  setFormulas(formulas: string[][]): GasRange {
    this.env.assertEditable('setFormulas', this.sheet, this.rect);
    this.wb.writeFormulas(this.sheet, this.rect, this.grid('setFormulas', formulas));
    return this.me;
  }

  /** True when no cell of the range has a value or formula. */
  isBlank(): boolean {
    this.wb.recalc();
    return !this.sheet.values.anyIn(this.rect) && !this.sheet.formulas.anyIn(this.rect);
  }

  // ---- clearing ----------------------------------------------------------------------------

  /** clear(): contents and formats; options pick what (contentsOnly, formatOnly, …). */
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    commentsOnly?: boolean;
    validationsOnly?: boolean;
  }): GasRange {
    this.env.assertEditable('clear', this.sheet, this.rect);
    const o = options ?? {};
    const any = [o.contentsOnly, o.formatOnly, o.commentsOnly, o.validationsOnly].some(Boolean);
    this.wb.clear(
      this.sheet,
      this.rect,
      any
        ? {
            contents: Boolean(o.contentsOnly),
            formats: Boolean(o.formatOnly),
            notes: Boolean(o.commentsOnly),
            validations: Boolean(o.validationsOnly),
          }
        : { contents: true, formats: true },
    );
    return this.me;
  }
  clearContent(): GasRange {
    this.env.assertEditable('clearContent', this.sheet, this.rect);
    this.wb.clear(this.sheet, this.rect, { contents: true });
    return this.me;
  }
  /** Clears formatting but, as documented, not number formats. */
  clearFormat(): GasRange {
    this.env.assertEditable('clearFormat', this.sheet, this.rect);
    for (const g of this.sheet.styles.values()) g.clearRect(this.rect);
    return this.me;
  }
  clearNote(): GasRange {
    this.env.assertEditable('clearNote', this.sheet, this.rect);
    this.wb.clear(this.sheet, this.rect, { notes: true });
    return this.me;
  }
  clearDataValidations(): GasRange {
    this.env.assertEditable('clearDataValidations', this.sheet, this.rect);
    this.wb.clear(this.sheet, this.rect, { validations: true });
    return this.me;
  }

  // ---- number formats ----------------------------------------------------------------------

  getNumberFormat(): string {
    return this.sheet.formats.get(this.rect.r1 - 1, this.rect.c1 - 1) ?? AUTOMATIC_FORMAT;
  }
  getNumberFormats(): string[][] {
    return this.layer((r, c) => this.sheet.formats.get(r, c) ?? AUTOMATIC_FORMAT);
  }
  setNumberFormat(numberFormat: string): GasRange {
    return this.setNumberFormats(this.fill(numberFormat));
  }
  setNumberFormats(numberFormats: string[][]): GasRange {
    this.env.assertEditable('setNumberFormats', this.sheet, this.rect);
    const data = this.grid<string>('setNumberFormats', numberFormats);
    data.forEach((line, i) => {
      line.forEach((f, j) => {
        const v =
          f === '' || f === AUTOMATIC_FORMAT || (f as unknown) === null ? undefined : text(f);
        this.sheet.formats.set(this.rect.r1 - 1 + i, this.rect.c1 - 1 + j, v);
      });
    });
    this.wb.touched(this.sheet, this.rect);
    return this.me;
  }

  // ---- styles ------------------------------------------------------------------------------

  getBackground(): string {
    return String(this.styleGet('background')[0]?.[0]);
  }
  getBackgrounds(): string[][] {
    return this.styleGet('background') as string[][];
  }
  /** CSS colour or null to reset; reads back as '#rrggbb'. */
  setBackground(color: string | null): GasRange {
    return this.styleSet('setBackground', 'background', this.fill(this.color(color)));
  }
  setBackgrounds(colors: (string | null)[][]): GasRange {
    const data = this.grid<string | null>('setBackgrounds', colors);
    return this.styleSet(
      'setBackgrounds',
      'background',
      data.map((l) => l.map((c) => this.color(c))),
    );
  }
  setBackgroundRGB(red: number, green: number, blue: number): GasRange {
    return this.setBackground(`rgb(${red}, ${green}, ${blue})`);
  }
  getFontColor(): string {
    return String(this.styleGet('fontColor')[0]?.[0]);
  }
  getFontColors(): string[][] {
    return this.styleGet('fontColor') as string[][];
  }
  setFontColor(color: string | null): GasRange {
    return this.styleSet('setFontColor', 'fontColor', this.fill(this.color(color)));
  }
  setFontColors(colors: (string | null)[][]): GasRange {
    const data = this.grid<string | null>('setFontColors', colors);
    return this.styleSet(
      'setFontColors',
      'fontColor',
      data.map((l) => l.map((c) => this.color(c))),
    );
  }
  getFontColorObject(): GoogleAppsScript.Spreadsheet.Color {
    return makeColor(this.env, String(this.styleGet('fontColor')[0]?.[0]));
  }
  getFontColorObjects(): GoogleAppsScript.Spreadsheet.Color[][] {
    return this.styleGet('fontColor').map((l) => l.map((c) => makeColor(this.env, String(c))));
  }
  setFontColorObject(color: GoogleAppsScript.Spreadsheet.Color | null): GasRange {
    return this.styleSet('setFontColorObject', 'fontColor', this.fill(this.colorObject(color)));
  }
  setFontColorObjects(colors: (GoogleAppsScript.Spreadsheet.Color | null)[][]): GasRange {
    const data = this.grid<unknown>('setFontColorObjects', colors);
    return this.styleSet(
      'setFontColorObjects',
      'fontColor',
      data.map((l) => l.map((c) => this.colorObject(c))),
    );
  }
  getBackgroundObject(): GoogleAppsScript.Spreadsheet.Color {
    return makeColor(this.env, this.getBackground());
  }
  getBackgroundObjects(): GoogleAppsScript.Spreadsheet.Color[][] {
    return this.getBackgrounds().map((l) => l.map((c) => makeColor(this.env, c)));
  }
  setBackgroundObject(color: GoogleAppsScript.Spreadsheet.Color | null): GasRange {
    return this.styleSet('setBackgroundObject', 'background', this.fill(this.colorObject(color)));
  }
  setBackgroundObjects(colors: GoogleAppsScript.Spreadsheet.Color[][] | null): GasRange {
    if (colors === null) return this.setBackground(null);
    const data = this.grid<unknown>('setBackgroundObjects', colors);
    return this.styleSet(
      'setBackgroundObjects',
      'background',
      data.map((l) => l.map((c) => this.colorObject(c))),
    );
  }
  private colorObject(c: unknown): string | null {
    const hex = colorOf(c);
    if (hex === undefined) throw badParameters(`${R}.setBackgroundObject`, [c]);
    return hex;
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return String(this.styleGet('fontWeight')[0]?.[0]) as GoogleAppsScript.Spreadsheet.FontWeight;
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return this.styleGet('fontWeight') as GoogleAppsScript.Spreadsheet.FontWeight[][];
  }
  setFontWeight(fontWeight: string | null): GasRange {
    return this.styleSet('setFontWeight', 'fontWeight', this.fill(fontWeight));
  }
  setFontWeights(fontWeights: (string | null)[][]): GasRange {
    return this.styleSet('setFontWeights', 'fontWeight', this.grid('setFontWeights', fontWeights));
  }
  getFontStyle(): GoogleAppsScript.Spreadsheet.FontStyle {
    return String(this.styleGet('fontStyle')[0]?.[0]) as GoogleAppsScript.Spreadsheet.FontStyle;
  }
  getFontStyles(): GoogleAppsScript.Spreadsheet.FontStyle[][] {
    return this.styleGet('fontStyle') as GoogleAppsScript.Spreadsheet.FontStyle[][];
  }
  setFontStyle(fontStyle: string | null): GasRange {
    return this.styleSet('setFontStyle', 'fontStyle', this.fill(fontStyle));
  }
  setFontStyles(fontStyles: (string | null)[][]): GasRange {
    return this.styleSet('setFontStyles', 'fontStyle', this.grid('setFontStyles', fontStyles));
  }
  getFontLine(): GoogleAppsScript.Spreadsheet.FontLine {
    return String(this.styleGet('fontLine')[0]?.[0]) as GoogleAppsScript.Spreadsheet.FontLine;
  }
  setFontLine(fontLine: string | null): GasRange {
    return this.styleSet('setFontLine', 'fontLine', this.fill(fontLine));
  }
  getFontSize(): number {
    return Number(this.styleGet('fontSize')[0]?.[0]);
  }
  getFontSizes(): number[][] {
    return this.styleGet('fontSize') as number[][];
  }
  setFontSize(size: number): GasRange {
    return this.styleSet('setFontSize', 'fontSize', this.fill(size));
  }
  getFontFamily(): string {
    return String(this.styleGet('fontFamily')[0]?.[0]);
  }
  setFontFamily(fontFamily: string | null): GasRange {
    return this.styleSet('setFontFamily', 'fontFamily', this.fill(fontFamily));
  }
  getHorizontalAlignment(): string {
    return String(this.styleGet('horizontalAlignment')[0]?.[0]);
  }
  getHorizontalAlignments(): string[][] {
    return this.styleGet('horizontalAlignment') as string[][];
  }
  setHorizontalAlignment(alignment: string | null): GasRange {
    return this.styleSet('setHorizontalAlignment', 'horizontalAlignment', this.fill(alignment));
  }
  setHorizontalAlignments(alignments: (string | null)[][]): GasRange {
    return this.styleSet(
      'setHorizontalAlignments',
      'horizontalAlignment',
      this.grid('setHorizontalAlignments', alignments),
    );
  }
  getVerticalAlignment(): string {
    return String(this.styleGet('verticalAlignment')[0]?.[0]);
  }
  setVerticalAlignment(alignment: string | null): GasRange {
    return this.styleSet('setVerticalAlignment', 'verticalAlignment', this.fill(alignment));
  }
  getWrap(): boolean {
    return Boolean(this.styleGet('wrap')[0]?.[0]);
  }
  getWraps(): boolean[][] {
    return this.styleGet('wrap') as boolean[][];
  }
  setWrap(isWrapEnabled: boolean): GasRange {
    return this.styleSet('setWrap', 'wrap', this.fill(bool(isWrapEnabled)));
  }
  setWraps(isWrapEnabled: boolean[][]): GasRange {
    return this.styleSet('setWraps', 'wrap', this.grid('setWraps', isWrapEnabled));
  }
  setWrapStrategy(strategy: unknown): GasRange {
    return this.styleSet('setWrapStrategy', 'wrap', this.fill(String(strategy) === 'WRAP'));
  }
  /** Borders are recorded (as text of the arguments), not drawn. */
  setBorder(...args: unknown[]): GasRange {
    return this.styleSet('setBorder', 'border', this.fill(JSON.stringify(args)));
  }

  // ---- notes -------------------------------------------------------------------------------

  getNote(): string {
    return this.sheet.notes.get(this.rect.r1 - 1, this.rect.c1 - 1) ?? '';
  }
  getNotes(): string[][] {
    return this.layer((r, c) => this.sheet.notes.get(r, c) ?? '');
  }
  /** `null` (or "") removes the note. */
  setNote(note: string | null): GasRange {
    return this.setNotes(this.fill(note));
  }
  setNotes(notes: (string | null)[][]): GasRange {
    this.env.assertEditable('setNotes', this.sheet, this.rect);
    this.grid<unknown>('setNotes', notes).forEach((line, i) => {
      line.forEach((n, j) => {
        this.sheet.notes.set(
          this.rect.r1 - 1 + i,
          this.rect.c1 - 1 + j,
          n === null || n === undefined || n === '' ? undefined : text(n),
        );
      });
    });
    return this.me;
  }

  // ---- data validation ---------------------------------------------------------------------

  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    const rule = this.sheet.validations.get(this.rect.r1 - 1, this.rect.c1 - 1);
    return rule ? makeDataValidation(this.env, rule) : null;
  }
  getDataValidations(): (GoogleAppsScript.Spreadsheet.DataValidation | null)[][] {
    return this.layer((r, c) => {
      const rule = this.sheet.validations.get(r, c);
      return rule ? makeDataValidation(this.env, rule) : null;
    });
  }
  /** Sets (or with null removes) the rule on every cell of the range. */
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): GasRange {
    return this.setDataValidations(this.fill(rule));
  }
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): GasRange {
    this.env.assertEditable('setDataValidations', this.sheet, this.rect);
    const data = this.grid<unknown>('setDataValidations', rules);
    const models: (ValidationRule | undefined)[][] = data.map((line) =>
      line.map((x) => {
        if (x === null || x === undefined) return undefined;
        const m = validationModelOf(x);
        if (!m) throw badParameters(`${R}.setDataValidation`, [x]);
        return m;
      }),
    );
    models.forEach((line, i) => {
      line.forEach((m, j) => {
        this.sheet.validations.set(this.rect.r1 - 1 + i, this.rect.c1 - 1 + j, m);
      });
    });
    return this.me;
  }

  /** Checkboxes: a CHECKBOX rule and FALSE (or the unchecked value) in every cell. */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): GasRange {
    this.env.assertEditable('insertCheckboxes', this.sheet, this.rect);
    const args =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    const rule: ValidationRule = { criteria: 'CHECKBOX', args, allowInvalid: true, helpText: null };
    this.sheet.validations.clearRect(this.rect);
    for (let r = this.rect.r1 - 1; r < this.rect.r2; r++)
      for (let c = this.rect.c1 - 1; c < this.rect.c2; c++) this.sheet.validations.set(r, c, rule);
    const unchecked = args.length === 2 ? args[1] : args.length === 1 ? '' : false;
    this.wb.writeValues(this.sheet, this.rect, this.fill(unchecked));
    return this.me;
  }
  removeCheckboxes(): GasRange {
    this.env.assertEditable('removeCheckboxes', this.sheet, this.rect);
    this.sheet.validations.forEachIn(this.rect, (rule, r, c) => {
      if (rule.criteria === 'CHECKBOX') {
        this.sheet.validations.set(r, c, undefined);
        this.sheet.values.set(r, c, undefined);
      }
    });
    this.wb.touched(this.sheet, this.rect);
    return this.me;
  }
  /** true when every checkbox is checked, false when none is, null when mixed or none. */
  isChecked(): boolean | null {
    let checked = 0;
    let unchecked = 0;
    const values = this.getValues();
    this.layer((r, c) => {
      const rule = this.sheet.validations.get(r, c);
      if (rule?.criteria !== 'CHECKBOX') return;
      const v = values[r - this.rect.r1 + 1]?.[c - this.rect.c1 + 1];
      const on = rule.args.length > 0 ? v === rule.args[0] : v === true;
      if (on) checked++;
      else unchecked++;
    });
    if (checked + unchecked === 0 || (checked > 0 && unchecked > 0)) return null;
    return checked > 0;
  }
  check(): GasRange {
    return this.setCheckboxes('check', true);
  }
  uncheck(): GasRange {
    return this.setCheckboxes('uncheck', false);
  }
  private setCheckboxes(method: string, on: boolean): GasRange {
    this.env.assertEditable(method, this.sheet, this.rect);
    this.layer((r, c) => {
      const rule = this.sheet.validations.get(r, c);
      if (rule?.criteria !== 'CHECKBOX') return;
      const v = rule.args.length > 0 ? (on ? rule.args[0] : (rule.args[1] ?? '')) : on;
      this.wb.writeValues(this.sheet, { r1: r + 1, c1: c + 1, r2: r + 1, c2: c + 1 }, [[v]]);
    });
    return this.me;
  }

  // ---- merges ------------------------------------------------------------------------------

  /** Merges the range into one cell; only the top-left value is kept. */
  merge(): GasRange {
    this.env.assertEditable('merge', this.sheet, this.rect);
    this.addMerges([this.rect]);
    return this.me;
  }
  mergeAcross(): GasRange {
    this.env.assertEditable('mergeAcross', this.sheet, this.rect);
    const rows: Rect[] = [];
    for (let r = this.rect.r1; r <= this.rect.r2; r++) rows.push({ ...this.rect, r1: r, r2: r });
    this.addMerges(rows);
    return this.me;
  }
  mergeVertically(): GasRange {
    this.env.assertEditable('mergeVertically', this.sheet, this.rect);
    const cols: Rect[] = [];
    for (let c = this.rect.c1; c <= this.rect.c2; c++) cols.push({ ...this.rect, c1: c, c2: c });
    this.addMerges(cols);
    return this.me;
  }
  private addMerges(rects: Rect[]): void {
    const s = this.sheet;
    for (const m of s.merges)
      if (intersects(m, this.rect) && !contains(this.rect, m))
        throw new Error('You must select all cells in a merged range to merge or unmerge them.');
    s.merges = s.merges.filter((m) => !intersects(m, this.rect));
    for (const m of rects) {
      if (m.r1 === m.r2 && m.c1 === m.c2) continue;
      s.merges.push(m);
      const tail: Rect[] = [];
      for (let r = m.r1; r <= m.r2; r++)
        for (let c = m.c1; c <= m.c2; c++)
          if (r !== m.r1 || c !== m.c1) tail.push({ r1: r, c1: c, r2: r, c2: c });
      for (const t of tail) this.wb.clear(s, t, { contents: true });
    }
  }
  /** Splits the merges inside the range back into cells. */
  breakApart(): GasRange {
    this.env.assertEditable('breakApart', this.sheet, this.rect);
    for (const m of this.sheet.merges)
      if (intersects(m, this.rect) && !contains(this.rect, m))
        throw new Error('You must select all cells in a merged range to merge or unmerge them.');
    this.sheet.merges = this.sheet.merges.filter((m) => !intersects(m, this.rect));
    return this.me;
  }
  isPartOfMerge(): boolean {
    return this.sheet.merges.some((m) => intersects(m, this.rect));
  }
  /** The merges inside or overlapping the range. */
  getMergedRanges(): GasRange[] {
    return this.sheet.merges
      .filter((m) => intersects(m, this.rect))
      .map((m) => makeRange(this.env, this.sheet, m));
  }

  // ---- selection, protection ---------------------------------------------------------------

  activate(): GasRange {
    this.env.assertDocument('activate');
    this.wb.select(this.env.user, this.sheet, this.rect);
    return this.me;
  }
  activateAsCurrentCell(): GasRange {
    this.env.assertDocument('activateAsCurrentCell');
    this.wb.select(this.env.user, this.sheet, this.rect, { row: this.rect.r1, col: this.rect.c1 });
    return this.me;
  }
  /** Always a new protection, possibly overlapping others (APPS_SCRIPT_FACTS §6). */
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.env.assertWrite('protect');
    const p = this.wb.addProtection('RANGE', this.sheet, new Anchor(this.sheet, this.rect));
    return makeProtection(this.env, p);
  }
  /** Whether the user may edit every cell of the range. */
  canEdit(): boolean {
    return this.wb.blockingProtection(this.env.user, this.sheet, this.rect) === undefined;
  }

  // ---- copy, move, sort ----------------------------------------------------------------------

  /** Everything in the range's cells, for copyTo/moveTo. */
  private snapshot(): CellSnapshot[][] {
    const src = this.sheet;
    return this.layer((r, c) => ({
      v: src.spill.get(r, c) === undefined ? src.values.get(r, c) : undefined,
      f: src.formulas.get(r, c)?.text,
      fmt: src.formats.get(r, c),
      styles: [...src.styles.entries()].map(([k, g]) => [k, g.get(r, c)] as const),
      note: src.notes.get(r, c),
      rule: src.validations.get(r, c),
    }));
  }

  /** The block of this range's size at a destination range's top-left, checked editable. */
  private target(method: string, destination: GasRange): { sheet: SheetModel; rect: Rect } {
    const dest = rangeModelOf(destination);
    if (!dest) throw badParameters(`${R}.${method}`, [destination]);
    const rect = checkedRect(dest.sheet, dest.rect.r1, dest.rect.c1, this.numRows, this.numCols);
    this.env.assertEditable(method, dest.sheet, rect);
    return { sheet: dest.sheet, rect };
  }

  private paste(
    snap: CellSnapshot[][],
    dest: { sheet: SheetModel; rect: Rect },
    contents: boolean,
    formats: boolean,
  ): void {
    const { sheet, rect } = dest;
    if (contents) {
      this.wb.writeStored(
        sheet,
        rect,
        snap.map((l) => l.map((x) => (x.f === undefined ? x.v : undefined))),
      );
      snap.forEach((line, i) => {
        line.forEach((x, j) => {
          if (x.f !== undefined) {
            const cell = { r1: rect.r1 + i, c1: rect.c1 + j, r2: rect.r1 + i, c2: rect.c1 + j };
            this.wb.writeFormulas(sheet, cell, [[x.f]]);
          }
        });
      });
    }
    if (formats)
      snap.forEach((line, i) => {
        line.forEach((x, j) => {
          const r = rect.r1 - 1 + i;
          const c = rect.c1 - 1 + j;
          sheet.formats.set(r, c, x.fmt);
          for (const g of sheet.styles.values()) g.set(r, c, undefined);
          for (const [k, v] of x.styles) sheet.style(k).set(r, c, v);
          sheet.notes.set(r, c, x.note);
          sheet.validations.set(r, c, x.rule);
        });
      });
    this.wb.touched(sheet, rect);
  }

  /**
   * Copies values, formulas and formats to the block of the same size at `destination`'s
   * top-left. `{contentsOnly}` / `{formatOnly}` or a CopyPasteType (PASTE_VALUES: values only,
   * PASTE_FORMAT: formats, PASTE_FORMULA: contents, others: everything) limit what. Formula
   * text is copied as it is (Sheets would shift relative references). Transposing is not
   * emulated.
   */
  copyTo(destination: GasRange, how?: unknown, transposed?: boolean): void {
    if (transposed)
      throw new Error('Emulator: Range.copyTo with transposed = true is not implemented');
    const dest = this.target('copyTo', destination);
    let contents = true;
    let formats = true;
    let valuesOnly = false;
    if (typeof how === 'string') {
      valuesOnly = how === 'PASTE_VALUES';
      contents = how !== 'PASTE_FORMAT' && how !== 'PASTE_DATA_VALIDATION';
      formats = how === 'PASTE_NORMAL' || how === 'PASTE_NO_BORDERS' || how === 'PASTE_FORMAT';
    } else if (how !== null && typeof how === 'object') {
      const o = how as { contentsOnly?: boolean; formatOnly?: boolean };
      contents = !o.formatOnly;
      formats = !o.contentsOnly;
    }
    const snap = this.snapshot();
    if (valuesOnly) {
      this.wb.recalc();
      snap.forEach((line, i) => {
        line.forEach((x, j) => {
          const r = this.rect.r1 - 1 + i;
          const c = this.rect.c1 - 1 + j;
          x.v = this.sheet.values.get(r, c);
          x.f = undefined;
        });
      });
    }
    this.paste(snap, dest, contents, formats);
  }

  /** Cuts and pastes: everything moves to `target`; the cells left behind are cleared. */
  moveTo(target: GasRange): void {
    this.env.assertEditable('moveTo', this.sheet, this.rect);
    const dest = this.target('moveTo', target);
    const snap = this.snapshot();
    this.wb.clear(this.sheet, this.rect, {
      contents: true,
      formats: true,
      notes: true,
      validations: true,
    });
    this.paste(snap, dest, true, true);
  }

  /**
   * Sorts the rows of the range (values, formats, notes, validation move with their row) by a
   * column number (absolute, as in Sheets), `{column, ascending}` or an array of those. Blanks
   * sort last; numbers before text; text compares case-insensitively.
   */
  sort(sortSpecObj: unknown): GasRange {
    this.env.assertEditable('sort', this.sheet, this.rect);
    const specs = (Array.isArray(sortSpecObj) ? (sortSpecObj as unknown[]) : [sortSpecObj]).map(
      (s) =>
        typeof s === 'number'
          ? { column: s, ascending: true }
          : {
              column: Number((s as { column: unknown }).column),
              ascending: (s as { ascending?: boolean }).ascending !== false,
            },
    );
    for (const s of specs)
      if (s.column < this.rect.c1 || s.column > this.rect.c2)
        throw new Error(
          `The sort column must be within the range (columns ${columnLetters(this.rect.c1)}–${columnLetters(this.rect.c2)}).`,
        );
    if (this.sheet.formulas.anyIn(this.rect))
      throw new Error('Emulator: sorting a range that holds formulas is not implemented.');
    const s = this.sheet;
    const layers = [s.values, s.formats, s.notes, s.validations, ...s.styles.values()] as {
      get(r: number, c: number): unknown;
      set(r: number, c: number, v: unknown): void;
    }[];
    const rows = this.layer((r, c) => layers.map((g) => g.get(r, c)));
    const key = (row: unknown[][], col: number): unknown => row[col - this.rect.c1]?.[0];
    const rank = (v: unknown): number =>
      v === undefined || v === '' ? 3 : typeof v === 'number' ? 0 : typeof v === 'boolean' ? 2 : 1;
    const indexed = rows.map((row, i) => ({ row, i }));
    indexed.sort((a, b) => {
      for (const spec of specs) {
        const x = key(a.row, spec.column);
        const y = key(b.row, spec.column);
        const rx = rank(x);
        const ry = rank(y);
        if (rx === 3 || ry === 3) {
          if (rx !== ry) return rx - ry;
          continue;
        }
        let d = rx - ry;
        if (d === 0)
          d =
            typeof x === 'number' && typeof y === 'number'
              ? x - y
              : String(x).localeCompare(String(y), 'en', { sensitivity: 'base' });
        if (d !== 0) return spec.ascending ? d : -d;
      }
      return a.i - b.i;
    });
    indexed.forEach(({ row }, i) => {
      row.forEach((cell, j) => {
        cell.forEach((v, k) => layers[k]?.set(this.rect.r1 - 1 + i, this.rect.c1 - 1 + j, v));
      });
    });
    this.wb.touched(s, this.rect);
    return this.me;
  }

  /** Trims leading/trailing whitespace of text cells. */
  trimWhitespace(): GasRange {
    this.env.assertEditable('trimWhitespace', this.sheet, this.rect);
    this.sheet.values.forEachIn(this.rect, (v, r, c) => {
      if (typeof v === 'string' && this.sheet.spill.get(r, c) === undefined)
        this.sheet.values.set(r, c, v.trim() === '' ? undefined : v.trim());
    });
    this.wb.touched(this.sheet, this.rect);
    return this.me;
  }

  toString(): string {
    return 'Range';
  }
}

/** The sheet and block behind a Range this emulator made (undefined for anything else). */
export function rangeModelOf(x: unknown): { sheet: SheetModel; rect: Rect } | undefined {
  return x instanceof RangeApi ? { sheet: x.sheet, rect: x.rect } : undefined;
}

/**
 * .xlsx import and export with exceljs, so an emulated workbook opens in Google Sheets
 * (File → Import) or Excel, and a saved file loads back the same.
 *
 * Kept: values (numbers, text, booleans, dates as serials with their number format), formulas
 * with their last values (an array result is written as an array formula over its area, with
 * the cached values, which Sheets imports as a spilling ARRAYFORMULA), number formats,
 * backgrounds, bold/italic, font colours, alignment, wrap, notes, data validations,
 * conditional formats, frozen rows/columns, merges, named ranges, column widths, hidden
 * sheets/rows/columns, tab colours, and each sheet's grid size (a row height on the last row
 * and a width on the last column mark it).
 *
 * Charts: exceljs cannot write them; with `chartImages` each is drawn as a picture where it sits
 * (not read back). The sheet the owner has open is the one the file opens on.
 *
 * Not kept: charts as charts, protections, row heights, borders, the
 * message of a formula's error (its code, e.g. #REF!, is kept). Lossy
 * mappings: an open named range (A2:D) is saved to the sheet's last row; validation criteria
 * Excel lacks (text contains/email/URL, "is a valid date") are saved as custom formulas and
 * come back as CUSTOM_FORMULA; date conditions of conditional formats come back as number
 * conditions; checkbox values come back as text unless TRUE/FALSE.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  cellA1,
  columnLetters,
  parseA1,
  quoteSheetName,
  rectA1,
  resolveRef,
  type Rect,
} from './a1';
import { FormulaCell } from './formula/cell';
import { Anchor } from './model/anchor';
import type {
  BooleanCriteria,
  BooleanRule,
  CfFormat,
  CfRuleModel,
  GradientPoint,
  InterpolationType,
} from './model/conditional';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, type SheetModel } from './model/sheet';
import type { ValidationCriteria, ValidationRule } from './model/validation';
import { dateToSerial, isDate, serialToDate, utcFieldsToSerial } from './time';
import { dateFormatFor, formatKind, type Stored } from './values';
import type { Workbook } from './workbook';
import { text as textOf } from './messages';

/** Excel measures column widths in characters; the emulator (like Sheets) in pixels. */
const PX_PER_CHAR = 7;
const CREATOR = 'Portfolio Pilot emulator';
const CHECKBOX_TITLE = 'Checkbox';
const EXCEL_ERRORS = new Set(['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#NULL!', '#VALUE!', '#NUM!']);

/** exceljs keeps a sheet's validations keyed by address or range (not in its typings). */
function dataValidations(ws: ExcelJS.Worksheet): {
  model: Record<string, ExcelJS.DataValidation | undefined>;
  add(address: string, dv: ExcelJS.DataValidation): void;
} {
  return (ws as unknown as { dataValidations: ReturnType<typeof dataValidations> }).dataValidations;
}

function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}

function hexOf(color: Partial<ExcelJS.Color> | undefined): string | undefined {
  const a = color?.argb;
  return typeof a === 'string' && a.length >= 6 ? `#${a.slice(-6).toLowerCase()}` : undefined;
}

// ---- export ------------------------------------------------------------------------------------

function cellValue(v: Stored | undefined, tz: string): ExcelJS.CellValue {
  if (v === undefined) return null;
  if (isDate(v)) return dateToSerial(v.getTime(), tz);
  return v;
}

/**
 * Excel reserves the sheet name "History" (for its change tracking), and exceljs refuses to read
 * or write a sheet so named. Portfolio Pilot's snapshot sheet had that name before it became
 * "Snapshots" (the add-on reads the old name and renames it at the next snapshot): in a file, a
 * sheet named History is written, and read back, as "Snapshots", or as "History (2)" when the
 * workbook already has a Snapshots sheet.
 */
const RESERVED = 'history';
const RESERVED_AS = ['Snapshots', 'History (2)'];

/** The name a sheet gets in the file: its own, unless Excel reserves it (see RESERVED). */
export function excelSheetName(name: string, names: readonly string[]): string {
  if (name.toLowerCase() !== RESERVED) return name;
  const taken = new Set(names.map((n) => n.toLowerCase()));
  return RESERVED_AS.find((n) => !taken.has(n.toLowerCase())) ?? `History (${names.length + 1})`;
}

function exportValidation(
  rule: ValidationRule,
  topLeft: string,
  nameOf: (sheet: SheetModel) => string,
): ExcelJS.DataValidation | undefined {
  const a = rule.args;
  const base = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: rule.allowInvalid ? 'warning' : 'stop',
    ...(rule.helpText === null ? {} : { prompt: rule.helpText, showInputMessage: true }),
  };
  const ops: Record<string, ExcelJS.DataValidationOperator> = {
    BETWEEN: 'between',
    NOT_BETWEEN: 'notBetween',
    EQUAL_TO: 'equal',
    NOT_EQUAL_TO: 'notEqual',
    GREATER_THAN: 'greaterThan',
    GREATER_THAN_OR_EQUAL_TO: 'greaterThanOrEqual',
    LESS_THAN: 'lessThan',
    LESS_THAN_OR_EQUAL_TO: 'lessThanOrEqual',
    AFTER: 'greaterThan',
    ON_OR_AFTER: 'greaterThanOrEqual',
    BEFORE: 'lessThan',
    ON_OR_BEFORE: 'lessThanOrEqual',
  };
  const list = (items: string[]): ExcelJS.DataValidation => ({
    ...base,
    type: 'list',
    formulae: [`"${items.join(',')}"`],
  });
  const c = rule.criteria;
  if (c === 'VALUE_IN_LIST') return list((a[0] as unknown[]).map(String));
  if (c === 'VALUE_IN_RANGE') {
    const src = a[0] as Anchor;
    const r = src.rect;
    return {
      ...base,
      type: 'list',
      formulae: [
        `${quoteSheetName(nameOf(src.sheet))}!$${columnLetters(r.c1)}$${r.r1}:$${columnLetters(r.c2)}$${r.r2}`,
      ],
    };
  }
  if (c === 'CHECKBOX')
    return {
      ...list(a.length === 0 ? ['TRUE', 'FALSE'] : a.map(String)),
      errorTitle: CHECKBOX_TITLE,
    };
  if (c.startsWith('NUMBER_'))
    return { ...base, type: 'decimal', operator: ops[c.slice(7)], formulae: a.map(Number) };
  if (c.startsWith('DATE_') && c !== 'DATE_IS_VALID_DATE')
    return {
      ...base,
      type: 'date',
      operator: ops[c.slice(5)],
      formulae: a.map((d) =>
        isDate(d) ? new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())) : d,
      ),
    };
  const custom = (f: string): ExcelJS.DataValidation => ({
    ...base,
    type: 'custom',
    formulae: [f],
  });
  switch (c) {
    case 'CUSTOM_FORMULA':
      return custom(String(a[0]).replace(/^=/, ''));
    case 'DATE_IS_VALID_DATE':
      return custom(`ISNUMBER(${topLeft})`);
    case 'TEXT_CONTAINS':
      return custom(`ISNUMBER(SEARCH("${String(a[0])}",${topLeft}))`);
    case 'TEXT_DOES_NOT_CONTAIN':
      return custom(`ISERROR(SEARCH("${String(a[0])}",${topLeft}))`);
    case 'TEXT_EQUAL_TO':
      return custom(`EXACT(${topLeft},"${String(a[0])}")`);
    case 'TEXT_IS_VALID_EMAIL':
      return custom(`ISNUMBER(SEARCH("@",${topLeft}))`);
    case 'TEXT_IS_VALID_URL':
      return custom(`ISNUMBER(SEARCH(".",${topLeft}))`);
    default:
      return undefined;
  }
}

/** Groups the cells holding the same rule into column runs ("D2:D1000"). */
function validationRuns(sheet: SheetModel): { rect: Rect; rule: ValidationRule }[] {
  const byColumn = new Map<number, { r: number; rule: ValidationRule }[]>();
  sheet.validations.forEach((rule, r, c) => {
    let list = byColumn.get(c);
    if (!list) byColumn.set(c, (list = []));
    list.push({ r, rule });
  });
  const runs: { rect: Rect; rule: ValidationRule }[] = [];
  for (const [c, cells] of byColumn) {
    let start = cells[0];
    let prev = start;
    for (const cell of [...cells.slice(1), undefined]) {
      if (!start || !prev) break;
      if (cell && cell.rule === start.rule && cell.r === prev.r + 1) {
        prev = cell;
        continue;
      }
      runs.push({
        rect: { r1: start.r + 1, c1: c + 1, r2: prev.r + 1, c2: c + 1 },
        rule: start.rule,
      });
      start = cell;
      prev = cell;
    }
  }
  return runs;
}

function styleOf(f: CfFormat): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (f.background)
    style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(f.background) } };
  const font: Partial<ExcelJS.Font> = {};
  if (f.fontColor) font.color = { argb: argb(f.fontColor) };
  if (f.bold) font.bold = true;
  if (f.italic) font.italic = true;
  if (f.strikethrough) font.strike = true;
  if (f.underline) font.underline = true;
  if (Object.keys(font).length > 0) style.font = font;
  return style;
}

const CELL_IS: Partial<Record<BooleanCriteria, string>> = {
  NUMBER_GREATER_THAN: 'greaterThan',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'greaterThanOrEqual',
  NUMBER_LESS_THAN: 'lessThan',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'lessThanOrEqual',
  NUMBER_EQUAL_TO: 'equal',
  NUMBER_NOT_EQUAL_TO: 'notEqual',
  NUMBER_BETWEEN: 'between',
  NUMBER_NOT_BETWEEN: 'notBetween',
  DATE_AFTER: 'greaterThan',
  DATE_BEFORE: 'lessThan',
  DATE_EQUAL_TO: 'equal',
};

const CFVO: Record<InterpolationType, ExcelJS.CfvoTypes> = {
  MIN: 'min',
  MAX: 'max',
  NUMBER: 'num',
  PERCENT: 'percent',
  PERCENTILE: 'percentile',
};

function exportCf(
  rule: CfRuleModel,
  priority: number,
  tz: string,
): ExcelJS.ConditionalFormattingRule | undefined {
  if (rule.gradient) {
    const points = [rule.gradient.min, rule.gradient.mid, rule.gradient.max].filter(
      (p): p is GradientPoint => p !== undefined,
    );
    return {
      type: 'colorScale',
      priority,
      cfvo: points.map((p) => ({
        type: CFVO[p.type],
        ...(p.value === '' ? {} : { value: Number(p.value) }),
      })),
      color: points.map((p) => ({ argb: argb(p.color) })),
    };
  }
  const c = rule.condition;
  if (!c) return undefined;
  const style = styleOf(c);
  const first = rule.ranges[0];
  const tl = first ? cellA1(first.rect.r1, first.rect.c1) : 'A1';
  const num = (v: unknown): string =>
    String(isDate(v) ? Math.floor(dateToSerial(v.getTime(), tz)) : v);
  const op = CELL_IS[c.criteria];
  if (op)
    return {
      type: 'cellIs',
      operator: op as ExcelJS.CellIsOperators,
      formulae: c.values.map(num),
      priority,
      style,
    };
  const text = c.values[0] === undefined ? '' : textOf(c.values[0]);
  switch (c.criteria) {
    case 'CELL_EMPTY':
      return { type: 'containsText', operator: 'containsBlanks', priority, style };
    case 'CELL_NOT_EMPTY':
      return { type: 'containsText', operator: 'notContainsBlanks', priority, style };
    case 'TEXT_CONTAINS':
      return { type: 'containsText', operator: 'containsText', text, priority, style };
    case 'TEXT_DOES_NOT_CONTAIN':
      return {
        type: 'expression',
        formulae: [`ISERROR(SEARCH("${text}",${tl}))`],
        priority,
        style,
      };
    case 'TEXT_STARTS_WITH':
      return {
        type: 'expression',
        formulae: [`LEFT(${tl},${text.length})="${text}"`],
        priority,
        style,
      };
    case 'TEXT_ENDS_WITH':
      return {
        type: 'expression',
        formulae: [`RIGHT(${tl},${text.length})="${text}"`],
        priority,
        style,
      };
    case 'TEXT_EQUAL_TO':
      return { type: 'cellIs', operator: 'equal', formulae: [`"${text}"`], priority, style };
    case 'CUSTOM_FORMULA':
      return { type: 'expression', formulae: [text.replace(/^=/, '')], priority, style };
    default:
      return undefined;
  }
}

/** How a workbook is saved. */
export interface XlsxOptions {
  /**
   * Draws each embedded chart as a picture where it sits (see chart-image.ts), since exceljs
   * writes no charts. Off by default: the pictures do not load back as charts.
   */
  readonly chartImages?: boolean;
}

/** Average width of a character of Arial 10 in pixels, and a line's height in points. */
const CHAR_PX = 6.5;
const LINE_PT = 13;

/**
 * Sheets grows a row to fit its wrapped text; Excel and LibreOffice keep the stored height, so
 * wrapped text would overlap the next row. Rows with wrapped text get a height estimated from
 * the text's length and its column's width.
 */
function fitWrappedRows(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  const lines = new Map<number, number>();
  sheet.styles.get('wrap')?.forEach((wrap, r, c) => {
    const v = sheet.values.get(r, c);
    if (!wrap || typeof v !== 'string' || v === '') return;
    const perLine = Math.max(1, ((sheet.columnWidths[c] ?? DEFAULT_COLUMN_WIDTH) - 8) / CHAR_PX);
    const n = v
      .split('\n')
      .reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
    lines.set(r, Math.max(lines.get(r) ?? 1, n));
  });
  for (const [r, n] of lines) if (n > 1) ws.getRow(r + 1).height = n * LINE_PT + 3;
}

/** The sheet a file opens on: the owner's active sheet when visible, else the first visible. */
function activeTab(wb: Workbook): number {
  const sheet = wb.selectionOf(wb.owner).sheet;
  const i = wb.sheets.indexOf(sheet);
  return i >= 0 && !sheet.hidden
    ? i
    : Math.max(
        0,
        wb.sheets.findIndex((s) => !s.hidden),
      );
}

/** Places a picture of each chart of `sheet` at its anchor cell, at its size. */
async function addChartImages(
  x: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  wb: Workbook,
  sheet: SheetModel,
): Promise<void> {
  if (sheet.charts.length === 0) return;
  const { chartPng, chartSize } = await import('./chart-image');
  for (const chart of sheet.charts) {
    const { anchorRow, anchorColumn, offsetX, offsetY } = chart.position;
    const colWidth = sheet.columnWidths[anchorColumn - 1] ?? DEFAULT_COLUMN_WIDTH;
    const id = x.addImage({
      buffer: chartPng(wb, chart) as unknown as ExcelJS.Buffer,
      extension: 'png',
    });
    ws.addImage(id, {
      tl: {
        col: anchorColumn - 1 + offsetX / colWidth,
        row: anchorRow - 1 + offsetY / DEFAULT_ROW_HEIGHT,
      },
      ext: chartSize(chart),
      editAs: 'oneCell',
    });
  }
}

/** The workbook as .xlsx bytes (formulas must be up to date: Workbook.toXlsxBuffer recalcs). */
export async function writeXlsx(wb: Workbook, options: XlsxOptions = {}): Promise<Buffer> {
  const x = new ExcelJS.Workbook();
  x.title = wb.name;
  x.creator = CREATOR;
  x.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: 0,
      activeTab: activeTab(wb),
      visibility: 'visible',
    },
  ];
  const tz = wb.timeZone;
  const names = wb.sheets.map((sh) => sh.name);
  const nameOf = (sh: SheetModel): string => excelSheetName(sh.name, names);
  for (const sheet of wb.sheets) {
    const ws = x.addWorksheet(nameOf(sheet), {
      state: sheet.hidden ? 'hidden' : 'visible',
      properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {},
      views:
        sheet.frozenRows > 0 || sheet.frozenColumns > 0
          ? [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows }]
          : [],
    });
    sheet.values.forEach((v, r, c) => {
      if (sheet.formulas.get(r, c)) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = cellValue(v, tz);
      if (isDate(v) && sheet.formats.get(r, c) === undefined)
        cell.numFmt = dateFormatFor(dateToSerial(v.getTime(), tz));
    });
    sheet.formulas.forEach((f, r, c) => {
      const cell = ws.getCell(r + 1, c + 1);
      const v = sheet.values.get(r, c);
      const result: ExcelJS.CellFormulaValue['result'] =
        typeof v === 'string' && EXCEL_ERRORS.has(v) && f.error
          ? { error: v as ExcelJS.CellErrorValue['error'] }
          : ((cellValue(v, tz) as number | string | boolean | undefined) ?? undefined);
      const formula = f.text.replace(/^=/, '');
      if (f.area && (f.area.r2 > f.area.r1 || f.area.c2 > f.area.c1))
        cell.value = {
          formula,
          result,
          shareType: 'array',
          ref: rectA1(f.area),
        } as unknown as ExcelJS.CellFormulaValue;
      else cell.value = { formula, result };
    });
    sheet.formats.forEach((fmt, r, c) => {
      ws.getCell(r + 1, c + 1).numFmt = fmt;
    });
    for (const [key, grid] of sheet.styles)
      grid.forEach((v, r, c) => {
        const cell = ws.getCell(r + 1, c + 1);
        switch (key) {
          case 'background':
            cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(String(v)) } };
            break;
          case 'fontWeight':
            cell.font = { ...cell.font, bold: v === 'bold' };
            break;
          case 'fontStyle':
            cell.font = { ...cell.font, italic: v === 'italic' };
            break;
          case 'fontColor':
            cell.font = { ...cell.font, color: { argb: argb(String(v)) } };
            break;
          case 'horizontalAlignment':
            if (v === 'left' || v === 'center' || v === 'right')
              cell.alignment = { ...cell.alignment, horizontal: v };
            break;
          case 'verticalAlignment':
            if (v === 'top' || v === 'middle' || v === 'bottom')
              cell.alignment = { ...cell.alignment, vertical: v };
            break;
          case 'wrap':
            cell.alignment = { ...cell.alignment, wrapText: Boolean(v) };
            break;
          default:
            break;
        }
      });
    sheet.notes.forEach((n, r, c) => {
      ws.getCell(r + 1, c + 1).note = n;
    });
    for (const { rect, rule } of validationRuns(sheet)) {
      const dv = exportValidation(rule, cellA1(rect.r1, rect.c1), nameOf);
      if (dv) dataValidations(ws).add(rectA1(rect), dv);
    }
    sheet.cfRules.forEach((rule, i) => {
      const r = exportCf(rule, i + 1, tz);
      const ranges = rule.ranges.filter((a) => a.valid).map((a) => rectA1(a.rect));
      if (r && ranges.length > 0)
        ws.addConditionalFormatting({ ref: ranges.join(' '), rules: [r] });
    });
    for (const m of sheet.merges) ws.mergeCells(rectA1(m));
    // Every column in use gets its width: Sheets' default (100 px) is wider than Excel's.
    const used = sheet.lastColumn();
    for (let c = 1; c <= sheet.maxColumns; c++) {
      const w = sheet.columnWidths[c - 1];
      const hidden = sheet.hiddenColumns[c - 1] === true;
      if (w === undefined && !hidden && c !== sheet.maxColumns && c > used) continue;
      const col = ws.getColumn(c);
      col.width = (w ?? DEFAULT_COLUMN_WIDTH) / PX_PER_CHAR;
      if (hidden) col.hidden = true;
    }
    fitWrappedRows(ws, sheet);
    sheet.hiddenRows.forEach((h, i) => {
      if (h) ws.getRow(i + 1).hidden = true;
    });
    ws.getRow(sheet.maxRows).height = DEFAULT_ROW_HEIGHT;
    if (options.chartImages) await addChartImages(x, ws, wb, sheet);
  }
  for (const n of wb.namedRangeList()) {
    const r = n.anchor.rect;
    x.definedNames.add(
      `${quoteSheetName(nameOf(n.anchor.sheet))}!$${columnLetters(r.c1)}$${r.r1}:$${columnLetters(r.c2)}$${r.r2}`,
      n.name,
    );
  }
  return Buffer.from(await x.xlsx.writeBuffer());
}

// ---- import ------------------------------------------------------------------------------------

type Cellish = { value: ExcelJS.CellValue; formula?: string; numFmt?: string };

function importValidation(
  dv: ExcelJS.DataValidation,
  wb: Workbook,
  tz: string,
): ValidationRule | undefined {
  const allowInvalid =
    dv.showErrorMessage !== true || (dv.errorStyle !== undefined && dv.errorStyle !== 'stop');
  const helpText = typeof dv.prompt === 'string' && dv.prompt !== '' ? dv.prompt : null;
  const f = (dv.formulae as unknown[] | undefined) ?? [];
  const rule = (criteria: ValidationCriteria, args: unknown[]): ValidationRule => ({
    criteria,
    args,
    allowInvalid,
    helpText,
  });
  const ops: Record<string, string> = {
    between: 'BETWEEN',
    notBetween: 'NOT_BETWEEN',
    equal: 'EQUAL_TO',
    notEqual: 'NOT_EQUAL_TO',
    greaterThan: 'GREATER_THAN',
    greaterThanOrEqual: 'GREATER_THAN_OR_EQUAL_TO',
    lessThan: 'LESS_THAN',
    lessThanOrEqual: 'LESS_THAN_OR_EQUAL_TO',
  };
  const dateOps: Record<string, string> = {
    ...ops,
    greaterThan: 'AFTER',
    greaterThanOrEqual: 'ON_OR_AFTER',
    lessThan: 'BEFORE',
    lessThanOrEqual: 'ON_OR_BEFORE',
  };
  switch (dv.type) {
    case 'list': {
      const src = f[0] === undefined ? '' : textOf(f[0]);
      const quoted = /^"(.*)"$/s.exec(src);
      if (quoted) {
        const items = (quoted[1] ?? '').split(',');
        if (dv.errorTitle === CHECKBOX_TITLE) {
          const plain = items.length === 2 && items[0] === 'TRUE' && items[1] === 'FALSE';
          const typed = items.map((t) => (t === 'TRUE' ? true : t === 'FALSE' ? false : t));
          return rule('CHECKBOX', plain ? [] : typed);
        }
        return rule('VALUE_IN_LIST', [items, true]);
      }
      const ref = parseA1(src);
      const sheet = ref?.sheet === undefined ? undefined : wb.findSheet(ref.sheet);
      if (!ref || !sheet) return undefined;
      return rule('VALUE_IN_RANGE', [
        new Anchor(sheet, resolveRef(ref, sheet.maxRows, sheet.maxColumns).rect),
        true,
      ]);
    }
    case 'whole':
    case 'decimal':
      return rule(
        `NUMBER_${ops[dv.operator ?? 'between'] ?? 'BETWEEN'}` as ValidationCriteria,
        f.map(Number),
      );
    case 'date':
      return rule(
        `DATE_${dateOps[dv.operator ?? 'between'] ?? 'BETWEEN'}` as ValidationCriteria,
        f.map((d) =>
          isDate(d)
            ? serialToDate(utcFieldsToSerial(d), tz)
            : typeof d === 'number'
              ? serialToDate(d, tz)
              : d,
        ),
      );
    case 'custom':
      return rule('CUSTOM_FORMULA', [`=${f[0] === undefined ? '' : textOf(f[0])}`]);
    default:
      return undefined;
  }
}

function importCf(
  rule: ExcelJS.ConditionalFormattingRule,
): Omit<CfRuleModel, 'ranges'> | undefined {
  const style = (rule as { style?: Partial<ExcelJS.Style> }).style;
  const fill = style?.fill as
    { bgColor?: Partial<ExcelJS.Color>; fgColor?: Partial<ExcelJS.Color> } | undefined;
  const format: CfFormat = {};
  const bg = hexOf(fill?.bgColor) ?? hexOf(fill?.fgColor);
  if (bg) format.background = bg;
  const font = style?.font;
  if (font) {
    const fc = hexOf(font.color);
    if (fc) format.fontColor = fc;
    if (font.bold) format.bold = true;
    if (font.italic) format.italic = true;
    if (font.strike) format.strikethrough = true;
    if (font.underline) format.underline = true;
  }
  const cond = (criteria: BooleanCriteria, values: unknown[]): Omit<CfRuleModel, 'ranges'> => ({
    condition: { criteria, values, ...format } satisfies BooleanRule,
  });
  switch (rule.type) {
    case 'colorScale': {
      const types: Record<string, InterpolationType> = {
        min: 'MIN',
        max: 'MAX',
        num: 'NUMBER',
        percent: 'PERCENT',
        percentile: 'PERCENTILE',
      };
      const cfvo = rule.cfvo ?? [];
      const colors = rule.color ?? [];
      const point = (i: number): GradientPoint | undefined => {
        const v = cfvo[i];
        if (!v) return undefined;
        return {
          color: hexOf(colors[i]) ?? '#ffffff',
          type: types[v.type] ?? 'NUMBER',
          value: v.value === undefined ? '' : String(v.value),
        };
      };
      const last = cfvo.length - 1;
      const gradient = {
        min: point(0),
        max: point(last),
        ...(cfvo.length === 3 ? { mid: point(1) } : {}),
      };
      return { gradient };
    }
    case 'cellIs': {
      const ops: Record<string, BooleanCriteria> = {
        greaterThan: 'NUMBER_GREATER_THAN',
        greaterThanOrEqual: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
        lessThan: 'NUMBER_LESS_THAN',
        lessThanOrEqual: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
        equal: 'NUMBER_EQUAL_TO',
        notEqual: 'NUMBER_NOT_EQUAL_TO',
        between: 'NUMBER_BETWEEN',
        notBetween: 'NUMBER_NOT_BETWEEN',
      };
      const formulae = (rule.formulae ?? []).map(String);
      const text = /^"(.*)"$/s.exec(formulae[0] ?? '');
      if (rule.operator === 'equal' && text) return cond('TEXT_EQUAL_TO', [text[1]]);
      const c = ops[rule.operator ?? ''];
      return c ? cond(c, formulae.map(Number)) : undefined;
    }
    case 'containsText': {
      if (rule.operator === 'containsBlanks') return cond('CELL_EMPTY', []);
      if (rule.operator === 'notContainsBlanks') return cond('CELL_NOT_EMPTY', []);
      let text = rule.text;
      if (text === undefined) {
        const first = (rule as { formulae?: unknown[] }).formulae?.[0];
        const f = first === undefined ? '' : textOf(first);
        text = /SEARCH\("((?:[^"]|"")*)"/.exec(f)?.[1]?.replace(/""/g, '"') ?? '';
      }
      return cond('TEXT_CONTAINS', [text]);
    }
    case 'expression': {
      const f = String(rule.formulae?.[0] ?? '');
      let m = /^ISERROR\(SEARCH\("((?:[^"]|"")*)",[A-Z]+\d+\)\)$/.exec(f);
      if (m) return cond('TEXT_DOES_NOT_CONTAIN', [m[1]]);
      m = /^LEFT\([A-Z]+\d+,\d+\)="((?:[^"]|"")*)"$/.exec(f);
      if (m) return cond('TEXT_STARTS_WITH', [m[1]]);
      m = /^RIGHT\([A-Z]+\d+,\d+\)="((?:[^"]|"")*)"$/.exec(f);
      if (m) return cond('TEXT_ENDS_WITH', [m[1]]);
      return cond('CUSTOM_FORMULA', [`=${f}`]);
    }
    default:
      return undefined;
  }
}

function plainValue(v: ExcelJS.CellValue): Stored | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    return v === '' ? undefined : v;
  if (isDate(v)) return utcFieldsToSerial(v);
  if ('error' in v) return v.error;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('result' in v) {
    const r = v.result;
    if (r === undefined) return undefined;
    return plainValue(r);
  }
  return undefined;
}

/** A file's bytes; "File not found: <path>" (as exceljs says it) when there is none. */
async function fileBytes(path: string): Promise<Buffer> {
  if (!existsSync(path)) throw new Error(`File not found: ${path}`);
  return readFile(path);
}

/**
 * The file with a sheet named History (which Google Sheets exports, but exceljs refuses to read)
 * renamed as excelSheetName names it, in the sheet list, the defined names and the formulas that
 * refer to it; the bytes unchanged when there is none.
 */
async function withoutReservedNames(bytes: Buffer | Uint8Array): Promise<Buffer | Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const book = zip.file('xl/workbook.xml');
  if (!book) return bytes;
  const xml = await book.async('string');
  const names = [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1] ?? '');
  const old = names.find((n) => n.toLowerCase() === RESERVED);
  if (old === undefined) return bytes;
  const now = excelSheetName(old, names);
  const quoted = /[^A-Za-z0-9_.]/.test(now) ? `'${now}'` : now;
  const refs = (text: string): string =>
    text.replace(new RegExp(`(^|[^A-Za-z0-9_.'])'?${old}'?!`, 'g'), `$1${quoted}!`);
  zip.file(
    'xl/workbook.xml',
    refs(xml.replace(`name="${old}"`, `name="${now.replace(/&/g, '&amp;')}"`)),
  );
  for (const path of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f))) {
    const sheetXml = await zip.file(path)?.async('string');
    if (sheetXml !== undefined && sheetXml.includes(`${old}!`))
      zip.file(
        path,
        sheetXml.replace(
          /<f\b([^>]*)>([^<]*)<\/f>/g,
          (_m, a: string, f: string) => `<f${a}>${refs(f)}</f>`,
        ),
      );
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** Loads an .xlsx (path or bytes) into an empty workbook; returns the file's title ("" if none). */
export async function readXlsx(
  wb: Workbook,
  source: string | Buffer | Uint8Array,
): Promise<string> {
  const x = new ExcelJS.Workbook();
  const bytes = typeof source === 'string' ? await fileBytes(source) : source;
  await x.xlsx.load((await withoutReservedNames(bytes)) as unknown as ExcelJS.Buffer);
  const tz = wb.timeZone;
  const arrays: { sheet: SheetModel; r: number; c: number; f: FormulaCell; area: Rect }[] = [];
  const pendingValidations: {
    sheet: SheetModel;
    model: Record<string, ExcelJS.DataValidation | undefined>;
  }[] = [];
  for (const ws of x.worksheets) {
    const cols = ws.columns as ExcelJS.Column[] | undefined;
    // Files this emulator wrote mark their grid size; others get at least a new sheet's.
    const ours = x.creator === CREATOR;
    const maxRows = Math.max(ours ? 1 : 1000, ws.rowCount);
    const maxCols = Math.max(ours ? 1 : 26, ws.columnCount, cols?.length ?? 0);
    const sheet = wb.addSheet(ws.name, undefined, maxRows, maxCols);
    sheet.hidden = ws.state !== 'visible';
    const tab = hexOf((ws.properties as { tabColor?: Partial<ExcelJS.Color> }).tabColor);
    if (tab) sheet.tabColor = tab;
    const frozen = ((ws.views as ExcelJS.WorksheetView[] | null) ?? []).find(
      (v) => v.state === 'frozen',
    ) as { xSplit?: number; ySplit?: number } | undefined;
    if (frozen) {
      sheet.frozenRows = frozen.ySplit ?? 0;
      sheet.frozenColumns = frozen.xSplit ?? 0;
    }
    ws.eachRow({ includeEmpty: true }, (row, rn) => {
      if (row.hidden) sheet.hiddenRows[rn - 1] = true;
      row.eachCell({ includeEmpty: false }, (cell, cn) => {
        const r = rn - 1;
        const c = cn - 1;
        const v = (cell as unknown as Cellish).value;
        const numFmt = cell.numFmt;
        if (numFmt && numFmt !== 'General') sheet.formats.set(r, c, numFmt);
        if (
          v !== null &&
          typeof v === 'object' &&
          !isDate(v) &&
          ('formula' in v || 'sharedFormula' in v)
        ) {
          const text = `=${cell.formula}`;
          const f = new FormulaCell(text);
          sheet.formulas.set(r, c, f);
          const result = plainValue(v);
          sheet.values.set(r, c, result);
          const fv = v as { shareType?: string; ref?: string };
          if (typeof result === 'string' && (EXCEL_ERRORS.has(result) || result === '#ERROR!')) {
            f.result = { kind: 'error', code: result, message: '' };
            f.error = { code: result, message: '' };
            f.desired = { r1: rn, c1: cn, r2: rn, c2: cn };
          } else if (fv.shareType === 'array' && typeof fv.ref === 'string') {
            const ref = parseA1(fv.ref);
            if (
              ref?.r1 !== undefined &&
              ref.c1 !== undefined &&
              ref.r2 !== undefined &&
              ref.c2 !== undefined
            )
              arrays.push({
                sheet,
                r,
                c,
                f,
                area: { r1: ref.r1, c1: ref.c1, r2: ref.r2, c2: ref.c2 },
              });
          } else {
            const area = { r1: rn, c1: cn, r2: rn, c2: cn };
            f.result = { kind: 'array', rows: [[result ?? '']] };
            f.area = area;
            f.desired = area;
          }
          // The file's value stays for a formula the emulator cannot evaluate (A1*2, VLOOKUP …).
          if (result !== undefined) f.cached = f.result;
        } else {
          const pv = plainValue(v);
          sheet.values.set(r, c, pv);
          if (isDate(v) && !(numFmt && formatKind(numFmt) === 'date'))
            sheet.formats.set(r, c, dateFormatFor(pv as number));
        }
        const fill = cell.fill as
          { type?: string; pattern?: string; fgColor?: Partial<ExcelJS.Color> } | undefined;
        if (fill?.type === 'pattern' && fill.pattern === 'solid') {
          const bg = hexOf(fill.fgColor);
          if (bg && bg !== '#ffffff') sheet.style('background').set(r, c, bg);
        }
        const font = cell.font as Partial<ExcelJS.Font> | undefined;
        if (font?.bold) sheet.style('fontWeight').set(r, c, 'bold');
        if (font?.italic) sheet.style('fontStyle').set(r, c, 'italic');
        const fc = hexOf(font?.color);
        if (fc && fc !== '#000000') sheet.style('fontColor').set(r, c, fc);
        const al = cell.alignment as Partial<ExcelJS.Alignment> | undefined;
        if (al?.horizontal === 'left' || al?.horizontal === 'center' || al?.horizontal === 'right')
          sheet.style('horizontalAlignment').set(r, c, al.horizontal);
        if (al?.vertical === 'top' || al?.vertical === 'middle' || al?.vertical === 'bottom')
          sheet.style('verticalAlignment').set(r, c, al.vertical);
        if (al?.wrapText) sheet.style('wrap').set(r, c, true);
        const note = cell.note as string | { texts?: { text: string }[] } | undefined;
        if (typeof note === 'string' && note !== '') sheet.notes.set(r, c, note);
        else if (note && typeof note === 'object' && note.texts)
          sheet.notes.set(r, c, note.texts.map((t) => t.text).join(''));
      });
    });
    for (const m of (ws.model as { merges?: string[] }).merges ?? []) {
      const ref = parseA1(m);
      if (
        ref?.r1 !== undefined &&
        ref.c1 !== undefined &&
        ref.r2 !== undefined &&
        ref.c2 !== undefined
      )
        sheet.merges.push({ r1: ref.r1, c1: ref.c1, r2: ref.r2, c2: ref.c2 });
    }
    (cols ?? []).forEach((col, i) => {
      if (col.hidden) sheet.hiddenColumns[i] = true;
      if (col.width !== undefined) {
        const px = Math.round(col.width * PX_PER_CHAR);
        if (px !== DEFAULT_COLUMN_WIDTH) sheet.columnWidths[i] = px;
      }
    });
    const cfs =
      (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] })
        .conditionalFormattings ?? [];
    const rules: { priority: number; model: CfRuleModel }[] = [];
    for (const cf of cfs) {
      const anchors = cf.ref
        .split(/\s+/)
        .map((a) => parseA1(a))
        .filter((a) => a !== undefined)
        .map((a) => new Anchor(sheet, resolveRef(a, sheet.maxRows, sheet.maxColumns).rect));
      for (const rule of cf.rules) {
        const m = importCf(rule);
        if (m)
          rules.push({
            priority: rule.priority,
            model: { ranges: anchors.map((a) => a.copy()), ...m },
          });
      }
    }
    sheet.cfRules = rules.sort((a, b) => a.priority - b.priority).map((r) => r.model);
    pendingValidations.push({
      sheet,
      model: dataValidations(ws).model,
    });
  }
  // Validations may name ranges of sheets read later.
  for (const { sheet, model } of pendingValidations) {
    const cache = new Map<ExcelJS.DataValidation, ValidationRule | undefined>();
    for (const [address, dv] of Object.entries(model)) {
      if (!dv) continue;
      if (!cache.has(dv)) cache.set(dv, importValidation(dv, wb, tz));
      const rule = cache.get(dv);
      const ref = parseA1(address);
      if (!rule || !ref) continue;
      const rect = resolveRef(ref, sheet.maxRows, sheet.maxColumns).rect;
      for (let r = rect.r1; r <= rect.r2; r++)
        for (let c = rect.c1; c <= rect.c2; c++) sheet.validations.set(r - 1, c - 1, rule);
    }
  }
  // Array formulas: their cached values become the spill they came from.
  for (const { sheet, r, c, f, area } of arrays) {
    const rows: Stored[][] = [];
    for (let rr = area.r1 - 1; rr < area.r2; rr++) {
      const line: Stored[] = [];
      for (let cc = area.c1 - 1; cc < area.c2; cc++) {
        const v = sheet.values.get(rr, cc);
        line.push(v ?? '');
        if (rr === r && cc === c) continue;
        sheet.values.set(rr, cc, v ?? '');
        sheet.spill.set(rr, cc, f);
      }
      rows.push(line);
    }
    f.result = { kind: 'array', rows };
    f.area = area;
    f.desired = area;
    f.cached = f.result;
  }
  for (const dn of x.definedNames.model) {
    const loc = dn.ranges[0];
    const ref = loc === undefined ? undefined : parseA1(loc);
    const sheet = ref?.sheet === undefined ? undefined : wb.findSheet(ref.sheet);
    if (!ref || !sheet) continue;
    const { rect, openRows, openCols } = resolveRef(ref, sheet.maxRows, sheet.maxColumns);
    try {
      wb.setNamedRange(dn.name, new Anchor(sheet, rect, openRows, openCols));
    } catch {
      // A name Sheets would refuse (Excel allows more): skipped.
    }
  }
  // The file opens on its active tab: make it the owner's active sheet.
  // exceljs leaves views undefined for a file that has none (its typings say otherwise).
  const views = x.views as ExcelJS.WorkbookView[] | undefined;
  const opened = wb.sheets[views?.[0]?.activeTab ?? 0];
  if (opened) wb.select(wb.owner, opened, { r1: 1, c1: 1, r2: 1, c2: 1 });
  wb.markCalculated();
  return x.title;
}

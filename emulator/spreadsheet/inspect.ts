/**
 * Read-only views of a Workbook for tests: values, one cell's details, charts, conditional
 * formats, protections, named ranges, sheet settings. Nothing here counts as a service call.
 */
import { parseA1, quoteSheetName, rectA1, resolveRef, type Rect } from './a1';
import type { Anchor } from './model/anchor';
import { conditionMatches, gradientColor } from './model/conditional';
import { DEFAULT_COLUMN_WIDTH, type SheetModel } from './model/sheet';
import type { ValidationCriteria } from './model/validation';
import { dateToSerial, isDate } from './time';
import { AUTOMATIC_FORMAT, displayValue, readValue, type CellValue } from './values';
import type { Workbook } from './workbook';

/** "A1:B2" of a block. */
export function a1Of(rect: Rect): string {
  return rectA1(rect);
}

/** "'Sheet name'!A1:B2" of an anchor. */
export function anchorA1(a: Anchor): string {
  return `${quoteSheetName(a.sheet.name)}!${rectA1(a.rect)}`;
}

/** The block `a1` names on a sheet, or the sheet's data range (A1 to last row/column). */
function block(wb: Workbook, sheet: SheetModel, a1?: string): Rect {
  if (a1 !== undefined) {
    const ref = parseA1(a1);
    if (!ref) throw new Error(`Not an A1 reference: "${a1}"`);
    return resolveRef(ref, sheet.maxRows, sheet.maxColumns).rect;
  }
  wb.recalc();
  return { r1: 1, c1: 1, r2: Math.max(1, sheet.lastRow()), c2: Math.max(1, sheet.lastColumn()) };
}

export function values(wb: Workbook, name: string, a1?: string): CellValue[][] {
  const sheet = wb.sheet(name);
  return wb.readValues(sheet, block(wb, sheet, a1));
}

export function displayValues(wb: Workbook, name: string, a1?: string): string[][] {
  const sheet = wb.sheet(name);
  return wb.readDisplayValues(sheet, block(wb, sheet, a1));
}

export function formulas(wb: Workbook, name: string, a1?: string): string[][] {
  const sheet = wb.sheet(name);
  return wb.readFormulas(sheet, block(wb, sheet, a1));
}

export interface CellInfo {
  value: CellValue;
  displayValue: string;
  /** "" when the cell has no formula. */
  formula: string;
  /** The error a formula cell shows (#REF!, #ERROR!, #NAME?…) with its message. */
  error: { code: string; message: string } | undefined;
  /** True when the value was spilled here by an array formula anchored elsewhere. */
  spilled: boolean;
  numberFormat: string;
  background: string;
  fontColor: string;
  fontWeight: string;
  fontStyle: string;
  horizontalAlignment: string | undefined;
  note: string;
  validation:
    | {
        criteria: ValidationCriteria;
        values: unknown[];
        allowInvalid: boolean;
        helpText: string | null;
      }
    | undefined;
  merged: string | undefined;
}

export function cell(wb: Workbook, name: string, a1: string): CellInfo {
  const sheet = wb.sheet(name);
  const ref = parseA1(a1);
  if (ref?.r1 === undefined || ref.c1 === undefined) throw new Error(`Not a cell: "${a1}"`);
  wb.recalc();
  const r = ref.r1 - 1;
  const c = ref.c1 - 1;
  const f = sheet.formulas.get(r, c);
  const rule = sheet.validations.get(r, c);
  const style = (k: Parameters<SheetModel['style']>[0]): unknown => sheet.styles.get(k)?.get(r, c);
  const merge = sheet.mergeAt(ref.r1, ref.c1);
  const stored = sheet.values.get(r, c);
  const fmt = sheet.formats.get(r, c);
  return {
    value: readValue(stored, fmt, wb.timeZone),
    displayValue: displayValue(stored, fmt, wb.timeZone),
    formula: f?.text ?? '',
    error: f?.error,
    spilled: sheet.spill.get(r, c) !== undefined,
    numberFormat: fmt ?? AUTOMATIC_FORMAT,
    background: (style('background') as string | undefined) ?? '#ffffff',
    fontColor: (style('fontColor') as string | undefined) ?? '#000000',
    fontWeight: (style('fontWeight') as string | undefined) ?? 'normal',
    fontStyle: (style('fontStyle') as string | undefined) ?? 'normal',
    horizontalAlignment: style('horizontalAlignment') as string | undefined,
    note: sheet.notes.get(r, c) ?? '',
    validation: rule && {
      criteria: rule.criteria,
      values: rule.args.map((a) => (isAnchor(a) ? anchorA1(a) : a)),
      allowInvalid: rule.allowInvalid,
      helpText: rule.helpText,
    },
    merged: merge && rectA1(merge),
  };
}

function isAnchor(a: unknown): a is Anchor {
  return a !== null && typeof a === 'object' && 'sheet' in a && 'rect' in a;
}

export interface ChartInfo {
  id: number | null;
  type: string | undefined;
  ranges: string[];
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
  numHeaders: number;
  transpose: boolean;
}

export function charts(wb: Workbook, name: string): ChartInfo[] {
  return wb.sheet(name).charts.map((c) => ({
    id: c.id,
    type: c.type,
    ranges: c.ranges.filter((a) => a.valid).map(anchorA1),
    position: { ...c.position },
    options: Object.fromEntries(c.options),
    numHeaders: c.numHeaders,
    transpose: c.transpose,
  }));
}

export interface CfInfo {
  ranges: string[];
  condition?: {
    criteria: string;
    values: unknown[];
    background?: string | null;
    fontColor?: string | null;
    bold?: boolean | null;
  };
  gradient?: {
    min?: { color: string; type: string; value: string };
    mid?: { color: string; type: string; value: string };
    max?: { color: string; type: string; value: string };
  };
}

export function conditionalFormats(wb: Workbook, name: string): CfInfo[] {
  return wb.sheet(name).cfRules.map((rule) => {
    const info: CfInfo = { ranges: rule.ranges.filter((a) => a.valid).map((a) => rectA1(a.rect)) };
    if (rule.condition) {
      const { criteria, values: vals, background, fontColor, bold } = rule.condition;
      info.condition = { criteria, values: vals, background, fontColor, bold };
    }
    if (rule.gradient) info.gradient = { ...rule.gradient };
    return info;
  });
}

/**
 * The background a cell shows: the first conditional format rule (in order) whose range holds
 * the cell and whose condition matches sets it; gradients colour numbers; otherwise the cell's
 * own background. Custom-formula conditions are not evaluated.
 */
export function effectiveBackground(wb: Workbook, name: string, a1: string): string {
  const sheet = wb.sheet(name);
  const ref = parseA1(a1);
  if (ref?.r1 === undefined || ref.c1 === undefined) throw new Error(`Not a cell: "${a1}"`);
  wb.recalc();
  const row = ref.r1;
  const col = ref.c1;
  const v = sheet.values.get(row - 1, col - 1);
  const own =
    (sheet.styles.get('background')?.get(row - 1, col - 1) as string | undefined) ?? '#ffffff';
  for (const rule of sheet.cfRules) {
    const ranges = rule.ranges.filter((a) => a.valid);
    if (
      !ranges.some(
        (a) => row >= a.rect.r1 && row <= a.rect.r2 && col >= a.rect.c1 && col <= a.rect.c2,
      )
    )
      continue;
    if (rule.condition) {
      if (conditionMatches(rule.condition, v, wb.timeZone)) {
        if (rule.condition.background) return rule.condition.background;
        return own;
      }
      continue;
    }
    if (rule.gradient) {
      const n =
        typeof v === 'number'
          ? v
          : v !== undefined && isDate(v)
            ? dateToSerial(v.getTime(), wb.timeZone)
            : undefined;
      if (n === undefined) continue;
      const nums: number[] = [];
      for (const a of ranges)
        a.sheet.values.forEachIn(a.rect, (x) => {
          if (typeof x === 'number') nums.push(x);
        });
      nums.sort((x, y) => x - y);
      return gradientColor(rule.gradient, n, nums) ?? own;
    }
  }
  return own;
}

export interface ProtectionInfo {
  kind: 'RANGE' | 'SHEET';
  sheet: string;
  range: string | undefined;
  description: string;
  /** null when the protection still mirrors the file's editors. */
  editors: string[] | null;
  warningOnly: boolean;
}

export function protections(wb: Workbook): ProtectionInfo[] {
  return wb.liveProtections().map((p) => ({
    kind: p.kind,
    sheet: p.sheet.name,
    range: p.anchor && rectA1(p.anchor.rect),
    description: p.description,
    editors: p.editors && [...p.editors],
    warningOnly: p.warningOnly,
  }));
}

export function namedRanges(wb: Workbook): Record<string, string> {
  return Object.fromEntries(wb.namedRangeList().map((n) => [n.name, anchorA1(n.anchor)]));
}

export interface SheetInfo {
  name: string;
  id: number;
  index: number;
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor: string | null;
  merges: string[];
  /** Widths of columns set explicitly (1-based column → px); others are 100. */
  columnWidths: Record<number, number>;
  hiddenColumns: number[];
  hiddenRows: number[];
}

export function sheetInfo(wb: Workbook, name: string): SheetInfo {
  const s = wb.sheet(name);
  wb.recalc();
  const widths: Record<number, number> = {};
  s.columnWidths.forEach((w, i) => {
    if (w !== undefined && w !== DEFAULT_COLUMN_WIDTH) widths[i + 1] = w;
  });
  const lines = (a: (true | undefined)[]): number[] => {
    const out: number[] = [];
    a.forEach((v, i) => {
      if (v) out.push(i + 1);
    });
    return out;
  };
  return {
    name: s.name,
    id: s.id,
    index: wb.sheets.indexOf(s) + 1,
    maxRows: s.maxRows,
    maxColumns: s.maxColumns,
    lastRow: s.lastRow(),
    lastColumn: s.lastColumn(),
    frozenRows: s.frozenRows,
    frozenColumns: s.frozenColumns,
    hidden: s.hidden,
    tabColor: s.tabColor,
    merges: s.merges.map((m) => rectA1(m)),
    columnWidths: widths,
    hiddenColumns: lines(s.hiddenColumns),
    hiddenRows: lines(s.hiddenRows),
  };
}

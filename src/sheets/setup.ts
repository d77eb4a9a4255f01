/**
 * "Set up workbook": creates every missing sheet of the contract with headers, formats, dropdowns,
 * numeric validation, frozen headers and named ranges; on sheets that exist it adds only the
 * missing columns (at the right end) and the missing Settings rows. Running it twice changes
 * nothing the second time.
 */
import type { ActionContext } from './action';
import type { CellValue } from './cell-parsers';
import { headerKey } from './headers';
import { DEFAULT_SETTINGS, SETTING_DEFS } from './settings';
import {
  NUMBER_FORMATS,
  PROJECTS,
  SETUP_SHEETS,
  SETTINGS,
  type ColumnSpec,
  type SheetSpec,
} from './schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const PAIRWISE_SHEET = 'Pairwise';

export interface SetupReport {
  readonly createdSheets: string[];
  /** Sheet → headers added. */
  readonly addedColumns: Map<string, string[]>;
  readonly addedSettings: string[];
}

/**
 * @param criteriaColumns Projects headers of the scoring criteria: when Projects is created they
 *   go right after Confidence; on an existing Projects sheet missing ones are added at the end.
 */
export function setupWorkbook(
  ctx: ActionContext,
  criteriaColumns: readonly string[] = [],
): SetupReport {
  const report: SetupReport = { createdSheets: [], addedColumns: new Map(), addedSettings: [] };
  for (const base of SETUP_SHEETS) {
    const spec = base.name === PROJECTS.name ? withCriteria(base, criteriaColumns) : base;
    const existing = ctx.ss.getSheetByName(spec.name);
    if (!existing) {
      const sheet = ctx.tx.insertSheet(spec.name);
      writeHeaders(ctx, sheet, spec, spec.columns, 0, []);
      sheet.setFrozenRows(1);
      if (spec.tabColor) sheet.setTabColor(spec.tabColor);
      report.createdSheets.push(spec.name);
      if (spec.name === SETTINGS.name)
        addSettingsRows(
          ctx,
          sheet,
          1,
          SETTING_DEFS.map((d) => d.name),
          report,
        );
      continue;
    }
    const header = existing
      .getRange(1, 1, 1, Math.max(1, existing.getLastColumn()))
      .getValues()[0] as CellValue[];
    const width = header.reduce<number>((w, h, i) => (headerKey(h) ? i + 1 : w), 0);
    const present = new Set(header.map(headerKey));
    const missing = spec.columns.filter(
      (c) => ![c.header, ...(c.aliases ?? [])].some((h) => present.has(headerKey(h))),
    );
    if (missing.length) {
      writeHeaders(
        ctx,
        existing,
        spec,
        missing,
        width,
        header.slice(width, width + missing.length),
      );
      report.addedColumns.set(
        spec.name,
        missing.map((c) => c.header),
      );
    }
    if (existing.getFrozenRows() === 0) existing.setFrozenRows(1);
    if (spec.name === SETTINGS.name) addMissingSettings(ctx, existing, report);
  }
  if (!ctx.ss.getSheetByName(PAIRWISE_SHEET)) {
    const sheet = ctx.tx.insertSheet(PAIRWISE_SHEET);
    ctx.tx.write(sheet, 1, 1, [['Criterion (row) vs criterion (column)']]);
    sheet
      .getRange(1, 1)
      .setNote(
        "Write the criteria names across row 1 and down column A (Load sample portfolio and the Scoring model sidebar do it for you). In each cell, how much more important the row's criterion is than the column's: 1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme; 1/3, 1/5 … for the reverse. The upper triangle is enough.",
      );
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(1);
    report.createdSheets.push(PAIRWISE_SHEET);
  }
  return report;
}

/**
 * The sheet of `spec`, created as Set up workbook creates it (headers with notes, formats,
 * dropdowns, frozen header, tab colour) when missing; the creation is part of the action's
 * transaction, so rollback and undo remove it again. An existing sheet is returned as it is.
 */
export function ensureSheet(ctx: ActionContext, spec: SheetSpec): Sheet {
  const existing = ctx.ss.getSheetByName(spec.name);
  if (existing) return existing;
  const sheet = ctx.tx.insertSheet(spec.name);
  writeHeaders(ctx, sheet, spec, spec.columns, 0, []);
  sheet.setFrozenRows(1);
  if (spec.tabColor) sheet.setTabColor(spec.tabColor);
  return sheet;
}

/** Writes header cells for `columns` starting after `offset` columns, with their formats and rules. */
function writeHeaders(
  ctx: ActionContext,
  sheet: Sheet,
  spec: SheetSpec,
  columns: readonly ColumnSpec[],
  offset: number,
  before: CellValue[],
): void {
  const headers = columns.map((c) => c.header);
  const previous = before.length === columns.length ? { values: [before] } : undefined;
  ctx.tx.write(sheet, 1, offset + 1, [headers], previous);
  const maxRows = sheet.getMaxRows();
  const head = sheet.getRange(1, offset + 1, 1, columns.length);
  head.setFontWeight('bold').setBackground('#e8f0fe');
  head.setNotes([columns.map((c) => c.help ?? null)]);
  if (spec.periodColumns) sheet.getRange(1, 1, 1, sheet.getMaxColumns()).setNumberFormat('@');
  columns.forEach((c, i) => {
    const col = offset + i + 1;
    const body = sheet.getRange(2, col, Math.max(1, maxRows - 1), 1);
    const format = NUMBER_FORMATS[c.kind];
    if (format && c.kind !== 'text') body.setNumberFormat(format);
    const rule = validationFor(ctx, c, col);
    if (rule) body.setDataValidation(rule);
    if (c.width) sheet.setColumnWidth(col, c.width);
    if (spec.namedColumns?.includes(c.key))
      ctx.ss.setNamedRange(`PP_${spec.name}_${c.header.replace(/\W+/g, '')}`, body);
  });
}

/** Dropdowns for choice columns, number ranges for numeric ones (warnings, never rejections). */
function validationFor(
  ctx: ActionContext,
  c: ColumnSpec,
  col: number,
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const app = ctx.services.spreadsheetApp;
  if (c.kind === 'month') {
    // Relative to the first data cell, as Sheets applies a custom formula to each cell.
    const a1 = `${columnLetter(col)}2`;
    return app
      .newDataValidation()
      .requireFormulaSatisfied(
        `=OR(ISBLANK(${a1}), ISDATE(${a1}), REGEXMATCH(TO_TEXT(${a1}), "^\\d{4}-(0[1-9]|1[0-2])(-\\d{2})?$"))`,
      )
      .setAllowInvalid(true)
      .setHelpText('A month such as 2027-04, or a date.')
      .build();
  }
  if (c.kind === 'choice' && c.choices) {
    return app
      .newDataValidation()
      .requireValueInList([...c.choices], true)
      .setAllowInvalid(true)
      .setHelpText(`Pick one of: ${c.choices.join(', ')}.`)
      .build();
  }
  if (c.kind === 'boolean') return app.newDataValidation().requireCheckbox().build();
  if (c.kind === 'date')
    return app
      .newDataValidation()
      .requireDate()
      .setAllowInvalid(true)
      .setHelpText('A date, e.g. 2027-03-31.')
      .build();
  if (
    c.min !== undefined &&
    (c.kind === 'money' || c.kind === 'number' || c.kind === 'hours' || c.kind === 'percent')
  ) {
    const b = app.newDataValidation().setAllowInvalid(true);
    const rule =
      c.max !== undefined
        ? b.requireNumberBetween(c.min, c.max)
        : b.requireNumberGreaterThanOrEqualTo(c.min);
    return rule
      .setHelpText(
        c.max !== undefined
          ? `A number from ${c.min} to ${c.max}.`
          : `A number of ${c.min} or more.`,
      )
      .build();
  }
  return null;
}

function addMissingSettings(ctx: ActionContext, sheet: Sheet, report: SetupReport): void {
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const have = new Set(values.map((r) => headerKey(r[0])));
  const missing = SETTING_DEFS.filter((d) => !have.has(headerKey(d.name))).map((d) => d.name);
  if (missing.length) addSettingsRows(ctx, sheet, values.length, missing, report);
}

function addSettingsRows(
  ctx: ActionContext,
  sheet: Sheet,
  lastRow: number,
  names: readonly string[],
  report: SetupReport,
): void {
  const defs = SETTING_DEFS.filter((d) => names.includes(d.name));
  const rows = defs.map((d) => [d.name, defaultText(d.key), d.notes]);
  ctx.tx.write(sheet, lastRow + 1, 1, rows);
  defs.forEach((d, i) => {
    if (!d.choices) return;
    const rule = ctx.services.spreadsheetApp
      .newDataValidation()
      .requireValueInList([...d.choices], true)
      .setAllowInvalid(false)
      .build();
    sheet.getRange(lastRow + 1 + i, 2).setDataValidation(rule);
  });
  report.addedSettings.push(...defs.map((d) => d.name));
}

function defaultText(key: keyof typeof DEFAULT_SETTINGS): string | number {
  const def = SETTING_DEFS.find((d) => d.key === key);
  return def?.default ?? '';
}

/** The Projects spec with criterion columns (numbers, 1–5 style ratings) after Confidence. */
function withCriteria(spec: SheetSpec, criteriaColumns: readonly string[]): SheetSpec {
  if (criteriaColumns.length === 0) return spec;
  const at = spec.columns.findIndex((c) => c.key === 'confidence') + 1;
  const extra: ColumnSpec[] = criteriaColumns.map((header) => ({
    key: `criterion:${header}`,
    header,
    kind: 'number',
    help: 'A scoring criterion (see the Criteria sheet).',
  }));
  return { ...spec, columns: [...spec.columns.slice(0, at), ...extra, ...spec.columns.slice(at)] };
}

/** 1 → "A", 27 → "AA". */
function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

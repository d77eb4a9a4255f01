/**
 * Spreadsheet: the file (APPS_SCRIPT_FACTS §1): its sheets (insertSheet: index 0 = first, the
 * new sheet becomes active; duplicate names throw), named ranges, protections, time zone,
 * toasts, and the user's active sheet/range. Methods Apps Script forwards to the active sheet
 * (appendRow, getLastRow, …) are forwarded.
 */
import { MSG } from '../messages';
import { Anchor } from '../model/anchor';
import type { SheetModel } from '../model/sheet';
import { badParameters, enumName, int, type Env, type Facade, text } from './env';
import { makeNamedRange } from './named-range';
import { makeProtection } from './protection';
import { makeRange, rangeModelOf } from './range';
import { makeSheet, sheetModelOf } from './sheet';
import { makeUser } from './user';

type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;
const SS = 'SpreadsheetApp.Spreadsheet';

export function makeSpreadsheet(env: Env): GasSpreadsheet {
  return env.wrap(new SpreadsheetApi(env), 'Spreadsheet') as unknown as GasSpreadsheet;
}

/** The Spreadsheet methods implemented here (signatures checked against @types/google-apps-script). */
type SpreadsheetMethods =
  | 'addEditor'
  | 'addEditors'
  | 'appendRow'
  | 'deleteActiveSheet'
  | 'deleteColumns'
  | 'deleteRows'
  | 'deleteSheet'
  | 'duplicateActiveSheet'
  | 'getActiveCell'
  | 'getActiveRange'
  | 'getActiveSheet'
  | 'getColumnWidth'
  | 'getCurrentCell'
  | 'getDataRange'
  | 'getEditors'
  | 'getFrozenColumns'
  | 'getFrozenRows'
  | 'getId'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getName'
  | 'getNamedRanges'
  | 'getNumSheets'
  | 'getOwner'
  | 'getProtections'
  | 'getRange'
  | 'getRangeByName'
  | 'getSelection'
  | 'getSheetById'
  | 'getSheetByName'
  | 'getSheetValues'
  | 'getSheets'
  | 'getSpreadsheetLocale'
  | 'getSpreadsheetTimeZone'
  | 'getUrl'
  | 'getViewers'
  | 'insertColumnsAfter'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'insertSheet'
  | 'moveActiveSheet'
  | 'removeEditor'
  | 'removeNamedRange'
  | 'rename'
  | 'renameActiveSheet'
  | 'setActiveRange'
  | 'setActiveSelection'
  | 'setActiveSheet'
  | 'setColumnWidth'
  | 'setCurrentCell'
  | 'setFrozenColumns'
  | 'setFrozenRows'
  | 'setNamedRange'
  | 'setSpreadsheetLocale'
  | 'setSpreadsheetTimeZone'
  | 'toast';

export class SpreadsheetApi
  implements Facade, Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, SpreadsheetMethods>
{
  self: unknown;
  constructor(private readonly env: Env) {}

  private get me(): GasSpreadsheet {
    return this.self as GasSpreadsheet;
  }
  private get wb() {
    return this.env.workbook;
  }
  private active(): SheetModel {
    return this.wb.selectionOf(this.env.user).sheet;
  }
  private activeSheet(): GasSheet {
    return makeSheet(this.env, this.active());
  }
  private sheetArg(method: string, sheet: unknown): SheetModel {
    const m = sheetModelOf(sheet);
    if (!m) throw badParameters(`${SS}.${method}`, [sheet]);
    return m;
  }

  // ---- the file ------------------------------------------------------------------------------

  getId(): string {
    return this.wb.id;
  }
  getName(): string {
    return this.wb.name;
  }
  rename(newName: string): void {
    this.env.assertWrite('rename');
    this.wb.name = text(newName);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.wb.id}/edit`;
  }
  getOwner(): GoogleAppsScript.Base.User {
    return makeUser(this.env, this.wb.owner);
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return this.wb.editors().map((e) => makeUser(this.env, e));
  }
  getViewers(): GoogleAppsScript.Base.User[] {
    return [];
  }
  addEditor(emailOrUser: unknown): GasSpreadsheet {
    this.env.assertWrite('addEditor');
    this.wb.addEditor(
      typeof emailOrUser === 'string'
        ? emailOrUser
        : text((emailOrUser as { getEmail(): string }).getEmail()),
    );
    return this.me;
  }
  addEditors(emailAddresses: string[]): GasSpreadsheet {
    this.env.assertWrite('addEditors');
    for (const e of emailAddresses) this.wb.addEditor(text(e));
    return this.me;
  }
  removeEditor(emailOrUser: unknown): GasSpreadsheet {
    this.env.assertWrite('removeEditor');
    this.wb.removeEditor(
      typeof emailOrUser === 'string'
        ? emailOrUser
        : text((emailOrUser as { getEmail(): string }).getEmail()),
    );
    return this.me;
  }
  getSpreadsheetTimeZone(): string {
    return this.wb.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.env.assertWrite('setSpreadsheetTimeZone');
    this.wb.timeZone = text(timezone);
  }
  getSpreadsheetLocale(): string {
    return this.wb.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.env.assertWrite('setSpreadsheetLocale');
    this.wb.locale = text(locale);
  }
  /**
   * A popup in the lower right of the user's window (recorded with the user). Does not suspend
   * the script; timeout null → 5 s, negative → until dismissed.
   */
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.env.assertWrite('toast');
    this.wb.addToast({
      user: this.env.user,
      message: text(msg),
      title: title === undefined ? '' : text(title),
      timeoutSeconds: timeoutSeconds ?? null,
    });
  }

  // ---- sheets --------------------------------------------------------------------------------

  getSheets(): GasSheet[] {
    return this.wb.sheets.map((s) => makeSheet(this.env, s));
  }
  getNumSheets(): number {
    return this.wb.sheets.length;
  }
  /** null when there is no such sheet. */
  getSheetByName(name: string): GasSheet | null {
    const s = this.wb.findSheet(text(name));
    return s ? makeSheet(this.env, s) : null;
  }
  getSheetById(id: number): GasSheet | null {
    const s = this.wb.sheetById(id);
    return s ? makeSheet(this.env, s) : null;
  }
  getActiveSheet(): GasSheet {
    return this.activeSheet();
  }
  setActiveSheet(sheet: GasSheet): GasSheet {
    this.env.assertDocument('setActiveSheet');
    this.wb.select(this.env.user, this.sheetArg('setActiveSheet', sheet), {
      r1: 1,
      c1: 1,
      r2: 1,
      c2: 1,
    });
    return sheet;
  }

  /**
   * insertSheet(), (sheetIndex), (sheetName), (sheetName, sheetIndex) and the {template}
   * forms. The index is 0-based (0 = first); the new sheet becomes the active one. A name in
   * use throws "A sheet with the name "X" already exists. Please enter another name."
   */
  insertSheet(a?: unknown, b?: unknown, c?: unknown): GasSheet {
    this.env.assertWrite('insertSheet');
    const args = [a, b, c].filter((x) => x !== undefined);
    let name: string | undefined;
    let index: number | undefined;
    let template: SheetModel | undefined;
    for (const x of args) {
      if (typeof x === 'string') name = x;
      else if (typeof x === 'number') index = int(`${SS}.insertSheet`, [x], 0);
      else if (x !== null && typeof x === 'object' && 'template' in x) {
        const t = (x as { template?: unknown }).template;
        if (t !== undefined) template = this.sheetArg('insertSheet', t);
      } else throw badParameters(`${SS}.insertSheet`, args);
    }
    const sheet = template
      ? this.wb.duplicateSheet(template, name, index)
      : this.wb.addSheet(name, index);
    this.wb.select(this.env.user, sheet, { r1: 1, c1: 1, r2: 1, c2: 1 });
    return makeSheet(this.env, sheet);
  }
  deleteSheet(sheet: GasSheet): void {
    this.env.assertWrite('deleteSheet');
    const m = this.sheetArg('deleteSheet', sheet);
    if (
      this.wb.blockingProtection(this.env.user, m, {
        r1: 1,
        c1: 1,
        r2: m.maxRows,
        c2: m.maxColumns,
      })
    )
      throw new Error(MSG.protectedCell);
    this.wb.removeSheet(m);
  }
  deleteActiveSheet(): GasSheet {
    const s = this.activeSheet();
    this.deleteSheet(s);
    return this.activeSheet();
  }
  duplicateActiveSheet(): GasSheet {
    this.env.assertWrite('duplicateActiveSheet');
    const src = this.active();
    const copy = this.wb.duplicateSheet(src, undefined, this.wb.sheets.indexOf(src) + 1);
    this.wb.select(this.env.user, copy, { r1: 1, c1: 1, r2: 1, c2: 1 });
    return makeSheet(this.env, copy);
  }
  renameActiveSheet(newName: string): void {
    this.env.assertWrite('renameActiveSheet');
    this.wb.renameSheet(this.active(), text(newName));
  }
  /** Moves the active sheet to a 1-based position. */
  moveActiveSheet(pos: number): void {
    this.env.assertWrite('moveActiveSheet');
    this.wb.moveSheet(this.active(), int(`${SS}.moveActiveSheet`, [pos], 0) - 1);
  }

  // ---- ranges and selection ------------------------------------------------------------------

  /** "Sheet!A1:B2", or A1 notation on the active sheet; "Range not found" otherwise. */
  getRange(a1Notation: string): GasRange {
    if (typeof a1Notation !== 'string') throw badParameters(`${SS}.getRange`, [a1Notation]);
    const found = this.wb.lookup(a1Notation, this.active());
    if (!found) throw new Error(MSG.rangeNotFound);
    const { sheet, rect, openRows, openCols } = found;
    if (rect.r2 > sheet.maxRows || rect.c2 > sheet.maxColumns) throw new Error(MSG.outsideSheet);
    return makeRange(this.env, sheet, rect, openRows, openCols);
  }
  getActiveRange(): GasRange {
    const sel = this.wb.selectionOf(this.env.user);
    return makeRange(this.env, sel.sheet, sel.rect);
  }
  setActiveRange(range: GasRange): GasRange {
    this.env.assertDocument('setActiveRange');
    const r = rangeModelOf(range);
    if (!r) throw badParameters(`${SS}.setActiveRange`, [range]);
    this.wb.select(this.env.user, r.sheet, r.rect);
    return range;
  }
  setActiveSelection(rangeOrA1: GasRange | string): GasRange {
    return this.setActiveRange(
      typeof rangeOrA1 === 'string' ? this.getRange(rangeOrA1) : rangeOrA1,
    );
  }
  getActiveCell(): GasRange {
    const sel = this.wb.selectionOf(this.env.user);
    const { row, col } = sel.current;
    return makeRange(this.env, sel.sheet, { r1: row, c1: col, r2: row, c2: col });
  }
  getCurrentCell(): GasRange {
    return this.getActiveCell();
  }
  setCurrentCell(cell: GasRange): GasRange {
    this.env.assertDocument('setCurrentCell');
    const r = rangeModelOf(cell);
    if (!r) throw badParameters(`${SS}.setCurrentCell`, [cell]);
    this.wb.select(this.env.user, r.sheet, r.rect, { row: r.rect.r1, col: r.rect.c1 });
    return cell;
  }
  getSelection(): GoogleAppsScript.Spreadsheet.Selection {
    return makeSelection(this.env);
  }

  // ---- named ranges and protections ------------------------------------------------------------

  /** null when absent; 'Sheet Name!TaxRates' is accepted (the sheet prefix is checked). */
  getRangeByName(name: string): GasRange | null {
    let n = text(name);
    const bang = n.lastIndexOf('!');
    let sheet: SheetModel | undefined;
    if (bang >= 0) {
      sheet = this.wb.findSheet(
        n
          .slice(0, bang)
          .replace(/^'(.*)'$/, '$1')
          .replace(/''/g, "'"),
      );
      n = n.slice(bang + 1);
      if (!sheet) return null;
    }
    const a = this.wb.namedAnchor(n);
    if (!a?.valid || !a.sheet.alive || (sheet && a.sheet !== sheet)) return null;
    return makeRange(this.env, a.sheet, a.rect, a.openRows, a.openCols);
  }
  setNamedRange(name: string, range: GasRange): void {
    this.env.assertWrite('setNamedRange');
    const r = rangeModelOf(range);
    if (!r) throw badParameters(`${SS}.setNamedRange`, [name, range]);
    const api = range as unknown as { isEndRowBounded(): boolean; isEndColumnBounded(): boolean };
    this.wb.setNamedRange(
      text(name),
      new Anchor(r.sheet, r.rect, !api.isEndRowBounded(), !api.isEndColumnBounded()),
    );
  }
  getNamedRanges(): GoogleAppsScript.Spreadsheet.NamedRange[] {
    return this.wb.namedRangeList().map((n) => makeNamedRange(this.env, n.name));
  }
  /** Throws when there is no such named range. */
  removeNamedRange(name: string): void {
    this.env.assertWrite('removeNamedRange');
    this.wb.removeNamedRange(text(name));
  }
  getProtections(type: unknown): GoogleAppsScript.Spreadsheet.Protection[] {
    const kind = enumName(type);
    if (kind !== 'RANGE' && kind !== 'SHEET') throw badParameters(`${SS}.getProtections`, [type]);
    return this.wb.liveProtections(kind).map((p) => makeProtection(this.env, p));
  }

  // ---- forwarded to the active sheet -----------------------------------------------------------

  appendRow(rowContents: unknown[]): GasSheet {
    return this.activeSheet().appendRow(rowContents);
  }
  getDataRange(): GasRange {
    return this.activeSheet().getDataRange();
  }
  getLastRow(): number {
    return this.activeSheet().getLastRow();
  }
  getLastColumn(): number {
    return this.activeSheet().getLastColumn();
  }
  getFrozenRows(): number {
    return this.activeSheet().getFrozenRows();
  }
  setFrozenRows(rows: number): void {
    this.activeSheet().setFrozenRows(rows);
  }
  getFrozenColumns(): number {
    return this.activeSheet().getFrozenColumns();
  }
  setFrozenColumns(columns: number): void {
    this.activeSheet().setFrozenColumns(columns);
  }
  getSheetValues(
    startRow: number,
    startColumn: number,
    numRows: number,
    numColumns: number,
  ): unknown[][] {
    return this.activeSheet().getSheetValues(startRow, startColumn, numRows, numColumns);
  }
  getColumnWidth(columnPosition: number): number {
    return this.activeSheet().getColumnWidth(columnPosition);
  }
  setColumnWidth(columnPosition: number, width: number): GasSheet {
    return this.activeSheet().setColumnWidth(columnPosition, width);
  }
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    return this.activeSheet().insertRowsAfter(afterPosition, howMany);
  }
  insertRowsBefore(beforePosition: number, howMany: number): GasSheet {
    return this.activeSheet().insertRowsBefore(beforePosition, howMany);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    return this.activeSheet().insertColumnsAfter(afterPosition, howMany);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.activeSheet().deleteRows(rowPosition, howMany);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.activeSheet().deleteColumns(columnPosition, howMany);
  }

  toString(): string {
    return 'Spreadsheet';
  }
}

/** The Selection methods implemented here (signatures checked against @types/google-apps-script). */
type SelectionMethods = 'getActiveRange' | 'getActiveSheet' | 'getCurrentCell';

class SelectionApi
  implements Facade, Pick<GoogleAppsScript.Spreadsheet.Selection, SelectionMethods>
{
  self: unknown;
  constructor(private readonly env: Env) {}
  getActiveSheet(): GasSheet {
    return makeSheet(this.env, this.env.workbook.selectionOf(this.env.user).sheet);
  }
  getActiveRange(): GasRange | null {
    const sel = this.env.workbook.selectionOf(this.env.user);
    return makeRange(this.env, sel.sheet, sel.rect);
  }
  getCurrentCell(): GasRange | null {
    const sel = this.env.workbook.selectionOf(this.env.user);
    const { row, col } = sel.current;
    return makeRange(this.env, sel.sheet, { r1: row, c1: col, r2: row, c2: col });
  }
}

export function makeSelection(env: Env): GoogleAppsScript.Spreadsheet.Selection {
  return env.wrap(
    new SelectionApi(env),
    'Selection',
  ) as unknown as GoogleAppsScript.Spreadsheet.Selection;
}

/**
 * Dialogs rendered on the server: an HtmlService template (kept in the bundle as a string, so
 * dist/ stays Code.js + appsscript.json) evaluated with a view object and shown as a modal dialog.
 * Templates print values with <?= ?>, which HTML-escapes them; nothing the user typed is printed
 * unescaped. Also: which project the user has selected.
 */
import { PROJECTS } from '../sheets/schema';
import { makeDateKey } from '../sheets/dates';
import { SheetError } from '../sheets/problems';
import type { ReadOptions } from '../sheets/table';
import { activeSpreadsheet, type Services } from '../sheets/services';

/** The spreadsheet and the date reader, for dialogs that only read. */
export function readOnly(services: Services): {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  opts: ReadOptions;
} {
  const ss = activeSpreadsheet(services);
  return { ss, opts: { dateKey: makeDateKey(ss.getSpreadsheetTimeZone(), services.utilities) } };
}

/**
 * The 1-based row of the Projects sheet the user has selected (the current cell's row), or an
 * error that says how to select one. `what` names the menu item, for the message.
 */
export function selectedProjectRow(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  what: string,
): number {
  const sheet = ss.getActiveSheet();
  const how = `Click any cell in a project's row on the Projects sheet, then choose ${what} again.`;
  if (sheet.getName() !== PROJECTS.name)
    throw new SheetError(`${what} works on the project you select. ${how}`);
  const cell = ss.getCurrentCell() ?? sheet.getActiveCell();
  const row = cell.getRow();
  if (row < 2) throw new SheetError(`Row ${row} is the header row. ${how}`);
  return row;
}

/** Evaluates `template` with `view` as the variable `v` and shows it as a modal dialog. */
export function showDialog(
  services: Services,
  ui: GoogleAppsScript.Base.Ui,
  template: string,
  view: object,
  title: string,
  size: { width: number; height: number },
): void {
  const t = services.htmlService.createTemplate(template);
  t.v = view;
  const html = t.evaluate().setWidth(size.width).setHeight(size.height);
  ui.showModalDialog(html, title);
}

/** The message of an error for the user; unexpected errors are logged for the developer. */
export function userMessage(e: unknown): string {
  const known = e instanceof Error && (e.name === 'SheetError' || e.name === 'BusyError');
  if (!known) console.error(e);
  const text = e instanceof Error ? e.message : String(e);
  return known ? text : `Something went wrong: ${text}. Nothing was changed.`;
}

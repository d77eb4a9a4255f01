/** Which project the user has selected, for the dialogs that work on one project. */
import { SheetError } from '../sheets/problems';
import { PROJECTS } from '../sheets/schema';

/**
 * The 1-based row of the Projects sheet the user has selected (the current cell's row), or an
 * error that says how to select one. `what` names the menu item, for the message. A modal dialog
 * keeps the selection as it was while it is open, so the dialog's server calls read it again.
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

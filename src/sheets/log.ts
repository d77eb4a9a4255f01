/** The Log sheet: one row per action (time, user, action, what changed), appended. */
import { LOG } from './schema';
import { ensureSize } from './transaction';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Appends one row to Log, creating the sheet with its header when missing (4–6 calls). */
export function appendLog(
  ss: Spreadsheet,
  time: Date,
  user: string,
  action: string,
  details: string,
): void {
  let sheet = ss.getSheetByName(LOG.name);
  if (!sheet) {
    sheet = ss.insertSheet(LOG.name);
    sheet.getRange(1, 1, 1, 4).setValues([LOG.columns.map((c) => c.header)]);
    sheet.setFrozenRows(1);
  }
  const row = sheet.getLastRow() + 1;
  ensureSize(sheet, row, 4);
  sheet
    .getRange(row, 1, 1, 4)
    .setValues([
      [time, user, action, details.length > 45_000 ? `${details.slice(0, 44_990)}…` : details],
    ]);
}

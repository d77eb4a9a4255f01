/**
 * The Apps Script services an action uses, passed in by src/entry.ts (the only file that names
 * the globals). Tests and the emulator supply their own. Each is obtained lazily, so building the
 * object touches nothing.
 */
export interface Services {
  readonly spreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  readonly lockService: GoogleAppsScript.Lock.LockService;
  readonly session: GoogleAppsScript.Base.Session;
  readonly propertiesService: GoogleAppsScript.Properties.PropertiesService;
  readonly utilities: GoogleAppsScript.Utilities.Utilities;
  readonly htmlService: GoogleAppsScript.HTML.HtmlService;
  readonly charts: GoogleAppsScript.Charts.Charts;
  /** Only for the "Google solver" engine; absent where the service is not available. */
  readonly linearOptimization?: GoogleAppsScript.Optimization.LinearOptimizationService;
}

/** The active spreadsheet, or a clear error when the add-on runs outside one. */
export function activeSpreadsheet(s: Services): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const ss = s.spreadsheetApp.getActiveSpreadsheet();
  // getActiveSpreadsheet() is documented to return null when there is none.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  if (!ss)
    throw new Error(
      'Portfolio Pilot runs inside a spreadsheet: open one and use the Extensions menu.',
    );
  return ss;
}

/** Who runs the action, for the Log: the email when Google shares it, else a stable anonymous key. */
export function currentUser(s: Services): string {
  const email = s.session.getActiveUser().getEmail();
  if (email) return email;
  const key = s.session.getTemporaryActiveUserKey();
  return key ? `user ${key.slice(0, 8)}` : 'unknown user';
}

/** Shared set-up for the spreadsheet emulator tests: contexts and a SpreadsheetApp per user. */
import { CallCounter, type AuthModeName, type ExecutionContext } from '../../emulator/context';
import { createSpreadsheetApp, Workbook } from '../../emulator/spreadsheet';

export const OWNER = 'owner@example.com';

/** A Ui stand-in: the spreadsheet half only hands it through. */
export const FAKE_UI = { marker: 'ui' } as unknown as GoogleAppsScript.Base.Ui;

export function context(email = OWNER, authMode: AuthModeName = 'FULL'): ExecutionContext {
  return { user: { email, locale: 'en' }, authMode, calls: new CallCounter(), ui: () => FAKE_UI };
}

export interface Session {
  app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  ctx: ExecutionContext;
}

/** One execution of `email` on the workbook (FULL mode unless said otherwise). */
export function session(wb: Workbook, email = OWNER, authMode: AuthModeName = 'FULL'): Session {
  const ctx = context(email, authMode);
  const app = createSpreadsheetApp(wb, ctx);
  return {
    app,
    ctx,
    get ss() {
      return app.getActiveSpreadsheet();
    },
  };
}

/** A new workbook and the owner's session on it. */
export function fresh(
  opts: Parameters<typeof Workbook.create>[0] = {},
): Session & { wb: Workbook } {
  const wb = Workbook.create({ owner: OWNER, ...opts });
  return { wb, ...session(wb) };
}

/** Runs `fn` and returns the message it threw (fails the test if it did not throw). */
export function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('expected an exception');
}

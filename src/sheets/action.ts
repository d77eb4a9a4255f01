/**
 * Running a writing action safely in a shared workbook: under the document lock, after a fresh
 * read, inside a transaction that rolls back on failure, then journaled for undo, logged and
 * announced with a toast.
 */
import type { DateKeyer } from './cell-parsers';
import { makeDateKey } from './dates';
import { journalSeal, saveRecord } from './journal';
import { appendLog } from './log';
import { SheetError } from './problems';
import { activeSpreadsheet, currentUser, type Services } from './services';
import { Transaction } from './transaction';

export interface ActionContext {
  readonly services: Services;
  readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  readonly tx: Transaction;
  readonly user: string;
  readonly now: Date;
  readonly timeZone: string;
  readonly dateKey: DateKeyer;
}

export interface ActionResult {
  /** One line for the toast. */
  readonly toast: string;
  /** What changed, for the Log. */
  readonly log: string;
  /** Warnings to show the user after the action (e.g. rows with problems), if any. */
  readonly warnings?: readonly string[];
}

/** How long a second user waits for the first one's action before giving up. */
export const LOCK_WAIT_MS = 30_000;

export class BusyError extends SheetError {
  override name = 'BusyError';
}

/**
 * Runs `body` under the document lock. `body` must read what it needs inside (a fresh read) and
 * write only through ctx.tx. On failure every write is rolled back and the error rethrown. Pending
 * changes are flushed before the lock is released.
 */
export function runAction(
  services: Services,
  action: string,
  body: (ctx: ActionContext) => ActionResult,
): ActionResult {
  const lock = services.lockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    throw new BusyError(
      `Someone else is running a Portfolio Pilot action on this workbook. Try "${action}" again in a minute.`,
    );
  }
  // The Lock docs: with a spreadsheet, call SpreadsheetApp.flush() before releasing the lock, so
  // every pending write (or rollback) is committed while this user still has exclusive access.
  try {
    const result = runLocked(services, action, body);
    services.spreadsheetApp.flush();
    return result;
  } catch (e) {
    try {
      services.spreadsheetApp.flush();
    } catch {
      // The action's own error is the one to report.
    }
    throw e;
  } finally {
    lock.releaseLock();
  }
}

/** The body of runAction, for callers that already hold the lock. */
export function runLocked(
  services: Services,
  action: string,
  body: (ctx: ActionContext) => ActionResult,
): ActionResult {
  const ss = activeSpreadsheet(services);
  const now = new Date();
  const user = currentUser(services);
  const timeZone = ss.getSpreadsheetTimeZone();
  const tx = new Transaction(ss, action, user, now);
  const where = ss.getActiveSheet().getName();
  let result: ActionResult;
  try {
    result = body({
      services,
      ss,
      tx,
      user,
      now,
      timeZone,
      dateKey: makeDateKey(timeZone, services.utilities),
    });
    if (tx.notes.length)
      result = { ...result, warnings: [...tx.notes, ...(result.warnings ?? [])] };
    saveRecord(
      ss,
      tx.finish(),
      `${now.getTime().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
      journalSeal(services),
    );
  } catch (e) {
    tx.rollback();
    throw e;
  }
  // The action is done and journaled: a failure from here on must not be reported as "nothing
  // was changed". A Log that cannot be written (e.g. protected against this user) is said.
  try {
    appendLog(ss, now, user, action, result.log);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    result = {
      ...result,
      warnings: [
        ...(result.warnings ?? []),
        `${action} was done, but the Log sheet could not be written (${why}). Ask the owner to let you edit Log; Undo last action takes the change back if it must be logged.`,
      ],
    };
  }
  try {
    stayOn(ss, where);
    ss.toast(result.toast, 'Portfolio Pilot', 8);
  } catch {
    // Cosmetic: the result is also in the Log and any alert.
  }
  return result;
}

/**
 * Sheets shows each sheet a script creates (Log, the undo journal, Utilization …): bring the user
 * back to the sheet they were on, unless the action removed it. The toast says where results are.
 */
function stayOn(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): void {
  if (ss.getActiveSheet().getName() === name) return;
  ss.getSheetByName(name)?.activate();
}

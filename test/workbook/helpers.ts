/** Shared set-up for the workbook tests: the built bundle on the emulator, one or two users. */
import {
  createHarness,
  type ConcurrentOptions,
  type Harness,
  type UserSession,
} from '../../emulator';
import { monthIndex, monthOf } from '../../src/core/schedule';
import { CAPACITY_HISTORY, HISTORY } from '../../src/sheets/schema';

export const MENU = 'Portfolio Pilot';
export const ANA = 'ana@example.com';
export const BOB = 'bob@example.com';

export interface World extends Harness {
  readonly ana: UserSession;
}

/** A new workbook; `sample` runs Set up workbook and Load sample portfolio as Ana. */
export function world(opts: { sample?: boolean } = {}): World {
  const h = createHarness();
  const ana = h.emulator.as(ANA);
  ana.open();
  if (opts.sample) {
    click(ana, 'Set up workbook');
    click(ana, 'Load sample portfolio');
  }
  return { ...h, ana };
}

/**
 * Clicks a menu item, answering OK to an alert it may show, and fails the test if the action did
 * not run (its error alert's text becomes the failure).
 */
export function click(user: UserSession, caption: string): void {
  const shown = user.dialogs.length;
  user.answerAlert('OK');
  user.clickMenu(MENU, caption);
  user.clearResponses();
  const e = user.lastExecution?.error;
  if (e) throw e;
  const alert = user.dialogs.length > shown ? user.dialogs[user.dialogs.length - 1] : undefined;
  if (alert?.title?.includes('did not run'))
    throw new Error(`${caption} did not run: ${alert.prompt}`);
}

/** The last alert the user saw (title and text), or undefined. */
export function lastAlert(user: UserSession): { title: string | null; prompt: string } | undefined {
  return user.dialogs[user.dialogs.length - 1];
}

export function lastToast(user: UserSession): string {
  const t = user.toasts[user.toasts.length - 1] as { message: string } | undefined;
  return t?.message ?? '';
}

/** A sheet as objects keyed by its header row. */
export function records(h: Harness, sheet: string): Record<string, unknown>[] {
  const [header, ...rows] = h.workbook.sheetValues(sheet);
  return rows.map((r) => Object.fromEntries((header ?? []).map((k, i) => [String(k), r[i]])));
}

/** Column letter of a header in row 1. */
export function columnOf(h: Harness, sheet: string, header: string): string {
  const i = (h.workbook.sheetValues(sheet)[0] ?? []).indexOf(header);
  if (i < 0) throw new Error(`${sheet} has no ${header}`);
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export { growPortfolio, variedPortfolio } from '../../scripts/fixtures';

/** Gives every Proposed project with a Start a Latest start `months` after it (time-phased planning). */
export function allowLateStarts(w: World, months: number): void {
  const col = columnOf(w, 'Projects', 'Latest start');
  records(w, 'Projects').forEach((x, i) => {
    if (x.Status !== 'Proposed' || !x.Start) return;
    const start = x.Start instanceof Date ? x.Start.toISOString() : (x.Start as string);
    w.workbook.setValues('Projects', `${col}${i + 2}`, [[monthOf(monthIndex(start) + months)]]);
  });
}

/**
 * Options for `concurrently` with two executions named 'ana' and 'bob' that contend for the
 * document lock: Ana takes the lock only once Bob's execution is up (a worker thread may start
 * late, after Ana has finished, and then there is no contention to observe), and Bob asks for it
 * only once Ana is writing (without the lock he would read what she has not written yet). Every
 * forwarded call is recorded in `order` as "<exec> <call>".
 */
export function lockContention(order: string[]): ConcurrentOptions {
  return {
    pauses: [
      {
        exec: 'ana',
        before: 'Lock.tryLock',
        until: { exec: 'bob', reached: 'LockService.getDocumentLock' },
      },
      {
        exec: 'bob',
        before: 'Lock.tryLock',
        until: { exec: 'ana', reached: 'Range.setValues' },
      },
    ],
    onCall: (e) => {
      order.push(`${e.exec} ${e.key}`);
    },
  };
}

/**
 * The sample without its earlier snapshot day: Load sample portfolio writes the previous review's
 * snapshot to History (src/data/sample-earlier-snapshot.json); tests that build their own History,
 * or count its rows, start from none.
 */
export function sampleWithoutHistory(): World {
  const w = world({ sample: true });
  const ss = w.byHand().getActiveSpreadsheet();
  for (const name of [HISTORY.name, CAPACITY_HISTORY.name]) {
    const sheet = ss.getSheetByName(name);
    if (sheet) ss.deleteSheet(sheet);
  }
  return w;
}

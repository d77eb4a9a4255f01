/**
 * The registry of entry points: every export becomes a top-level function of Code.js (see
 * scripts/build.ts). This is the only file that names Apps Script globals; everything it calls
 * receives the services it needs as arguments.
 */
import { showAbout, showHelp } from './menu/help';
import { buildMenu } from './menu/menu';

export { PRIORITY } from './functions/priority';
export { PPM_RANK } from './functions/rank';
export { RICE, ICE, WSJF } from './functions/frameworks';
export { AHP_WEIGHTS, AHP_CR } from './functions/ahp';
export { ALLOCATE, FRONTIER } from './functions/allocate';

/** Simple trigger: adds the menu. May run in AuthMode.NONE, so it only builds the menu. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(SpreadsheetApp.getUi());
}

/** Runs when the add-on is installed: shows the menu at once, without reopening the file. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Menu: Help. */
export function menuHelp(): void {
  showHelp(SpreadsheetApp.getUi());
}

/** Menu: About. */
export function menuAbout(): void {
  showAbout(SpreadsheetApp.getUi());
}

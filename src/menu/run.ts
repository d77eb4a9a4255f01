/**
 * Running a menu item: the action's result is shown as a toast (and an alert when it has warnings);
 * a problem the user can fix is shown as an alert that says what, where and how; anything else is
 * reported the same way and logged for the developer.
 */
import { runAction, type ActionContext, type ActionResult } from '../sheets/action';
import type { Services } from '../sheets/services';
import { ADDON_NAME } from './menu';

export function menuAction(
  services: Services,
  ui: GoogleAppsScript.Base.Ui,
  action: string,
  body: (ctx: ActionContext) => ActionResult,
): ActionResult | null {
  try {
    const result = runAction(services, action, body);
    if (result.warnings?.length)
      ui.alert(
        `${ADDON_NAME} — ${action}`,
        `${result.toast}\n\n${result.warnings.join('\n\n')}`,
        ui.ButtonSet.OK,
      );
    return result;
  } catch (e) {
    reportError(ui, action, e);
    return null;
  }
}

export function reportError(ui: GoogleAppsScript.Base.Ui, action: string, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  const known = e instanceof Error && (e.name === 'SheetError' || e.name === 'BusyError');
  if (!known) console.error(e);
  ui.alert(
    `${ADDON_NAME} — ${action} did not run`,
    known
      ? message
      : `Something went wrong: ${message}\n\nNothing was changed. If it happens again, tell your sales ops team (the details are in the Apps Script log).`,
    ui.ButtonSet.OK,
  );
}

/** Asks a yes/no question; true only for Yes. */
export function confirm(ui: GoogleAppsScript.Base.Ui, title: string, question: string): boolean {
  return ui.alert(`${ADDON_NAME} — ${title}`, question, ui.ButtonSet.YES_NO) === ui.Button.YES;
}

/**
 * The sidebars and dialogs: each is one self-contained file dist/<page>.html built from
 * src/ui/<page>/ (see scripts/build-ui.ts), opened by a menu item through `showPage`.
 */
import type { Services } from '../sheets/services';
import { activeSpreadsheet } from '../sheets/services';
import { makeDateKey } from '../sheets/dates';
import type { DateKeyer } from '../sheets/cell-parsers';

/** Page name (its folder under src/ui and its file in dist/) → the title Sheets shows. */
export const PAGES = {
  intake: 'New project request',
  'intake-review': 'Review intake',
  'scoring-model': 'Scoring model',
  scenarios: 'Scenario planner',
  'record-decision': 'Record decision…',
  'explain-score': 'Explain score',
} as const;

export type PageName = keyof typeof PAGES;

/** Opens a page as a sidebar (Sheets gives sidebars a fixed width of about 300 px). */
export function showPage(services: Services, ui: GoogleAppsScript.Base.Ui, page: PageName): void {
  ui.showSidebar(services.htmlService.createHtmlOutputFromFile(page).setTitle(PAGES[page]));
}

/** Opens a page as a modal dialog of the given size (the user's selection stays as it was). */
export function showDialog(
  services: Services,
  ui: GoogleAppsScript.Base.Ui,
  page: PageName,
  size: { readonly width: number; readonly height: number },
): void {
  const html = services.htmlService
    .createHtmlOutputFromFile(page)
    .setWidth(size.width)
    .setHeight(size.height);
  ui.showModalDialog(html, PAGES[page]);
}

/** What a read-only server method needs: the spreadsheet and its calendar. */
export interface ReadContext {
  readonly services: Services;
  readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  readonly dateKey: DateKeyer;
}

/**
 * The context of a read that writes nothing (loading a form): no lock, since a stale read only
 * fills a form; every write goes through runAction, which reads afresh under the lock.
 */
export function readContext(services: Services): ReadContext {
  const ss = activeSpreadsheet(services);
  return { services, ss, dateKey: makeDateKey(ss.getSpreadsheetTimeZone(), services.utilities) };
}

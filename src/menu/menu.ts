/** The add-on menu: what the user sees under Extensions → Portfolio Pilot. */

export const ADDON_NAME = 'Portfolio Pilot';

/** A menu item: its caption and the top-level entry point (in src/entry.ts) it runs. */
export interface MenuItem {
  readonly caption: string;
  readonly fn: string;
}

export type MenuEntry = MenuItem | 'separator';

/** Every item, in order. Each `fn` must be an entry point; the bundle contract test checks it. */
export const MENU: readonly MenuEntry[] = [
  { caption: 'Set up workbook', fn: 'menuSetup' },
  { caption: 'Load sample portfolio', fn: 'menuLoadSample' },
  'separator',
  { caption: 'Scoring model…', fn: 'menuScoringModel' },
  { caption: 'Score & rank', fn: 'menuScore' },
  { caption: 'Optimise portfolio', fn: 'menuOptimise' },
  { caption: 'Check capacity', fn: 'menuCapacity' },
  { caption: 'Find overlaps', fn: 'menuOverlaps' },
  { caption: 'Scenario planner…', fn: 'menuScenarios' },
  'separator',
  { caption: 'New project request…', fn: 'menuIntake' },
  { caption: 'Review intake…', fn: 'menuReviewIntake' },
  'separator',
  { caption: 'Import CRM actuals', fn: 'menuImportCrm' },
  { caption: 'Refresh dashboard', fn: 'menuDashboard' },
  { caption: 'Snapshot', fn: 'menuSnapshot' },
  { caption: 'Prepare review', fn: 'menuReview' },
  'separator',
  { caption: 'Record decision…', fn: 'menuRecordDecision' },
  { caption: 'Explain score', fn: 'menuExplainScore' },
  { caption: 'Lock scoring model', fn: 'menuLockModel' },
  'separator',
  { caption: 'Undo last action', fn: 'menuUndo' },
  'separator',
  { caption: 'Help', fn: 'menuHelp' },
  { caption: 'About Portfolio Pilot', fn: 'menuAbout' },
];

/**
 * Adds the menu. Runs from onOpen, possibly in AuthMode.NONE, where only building the menu is
 * allowed: it must not read the document, properties or anything else.
 */
export function buildMenu(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createAddonMenu();
  for (const entry of MENU) {
    if (entry === 'separator') menu.addSeparator();
    else menu.addItem(entry.caption, entry.fn);
  }
  menu.addToUi();
}

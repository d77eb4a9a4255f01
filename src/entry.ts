/**
 * The registry of entry points: every export becomes a top-level function of Code.js (see
 * scripts/build.ts). This is the only file that names Apps Script globals; everything it calls
 * receives the services it needs as arguments.
 */
import { loadSampleAction, setupAction, undoAction } from './menu/actions/basic';
import { checkCapacity } from './menu/actions/capacity';
import { refreshDashboardAction } from './menu/actions/dashboard';
import { importCrmAction } from './menu/actions/import-crm';
import { lockScoringModel } from './menu/actions/lock';
import { prepareReviewAction } from './menu/actions/review';
import { snapshotAction } from './menu/actions/snapshot';
import { optimisePortfolio } from './menu/actions/optimise';
import { findOverlapsAction } from './menu/actions/overlaps';
import { scoreAndRank } from './menu/actions/score';
import { showAbout, showHelp } from './menu/help';
import { buildMenu } from './menu/menu';
import { confirm, menuAction, reportError } from './menu/run';
import { projectsHaveData } from './sheets/sample';
import { activeSpreadsheet, type Services } from './sheets/services';
import { checkExplainSelection } from './ui/explain-score/server';
import { checkDecisionSelection } from './ui/record-decision/server';
import { dispatch } from './ui/bridge/server';
import { PAGES, showDialog, showPage, type PageName } from './ui/pages';
import { endpoints } from './ui/registry';

export { PRIORITY } from './functions/priority';
export { PPM_RANK } from './functions/rank';
export { RICE, ICE, WSJF } from './functions/frameworks';
export { AHP_WEIGHTS, AHP_CR } from './functions/ahp';
export { ALLOCATE, FRONTIER } from './functions/allocate';
export { CRM_ACTUALS } from './functions/crm';
export { SCHEDULE } from './functions/schedule';

/** The Apps Script services, gathered when an action runs (never at load time). */
function services(): Services {
  return {
    spreadsheetApp: SpreadsheetApp,
    lockService: LockService,
    session: Session,
    propertiesService: PropertiesService,
    utilities: Utilities,
    htmlService: HtmlService,
    charts: Charts,
    // A built-in service; absent only outside Apps Script (the emulator defines it on request).
    linearOptimization:
      typeof LinearOptimizationService === 'undefined' ? undefined : LinearOptimizationService,
  };
}

function ui(): GoogleAppsScript.Base.Ui {
  return SpreadsheetApp.getUi();
}

/** Simple trigger: adds the menu. May run in AuthMode.NONE, so it only builds the menu. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(ui());
}

/** Runs when the add-on is installed: shows the menu at once, without reopening the file. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Menu: Set up workbook. */
export function menuSetup(): void {
  menuAction(services(), ui(), 'Set up workbook', setupAction);
}

/** Menu: Load sample portfolio (asks before replacing a Projects sheet that has data). */
export function menuLoadSample(): void {
  const s = services();
  if (
    projectsHaveData(activeSpreadsheet(s)) &&
    !confirm(
      ui(),
      'Load sample portfolio',
      'The Projects sheet already has data. Replace Projects, Criteria, Pairwise, Capacity, Demand and the CRM export sheet with the sample portfolio? (Undo last action brings them back.)',
    )
  ) {
    return;
  }
  menuAction(s, ui(), 'Load sample portfolio', loadSampleAction);
}

/** Menu: Score & rank. */
export function menuScore(): void {
  menuAction(services(), ui(), 'Score & rank', scoreAndRank);
}

/** Menu: Optimise portfolio. */
export function menuOptimise(): void {
  menuAction(services(), ui(), 'Optimise portfolio', optimisePortfolio);
}

/** Menu: Check capacity. */
export function menuCapacity(): void {
  menuAction(services(), ui(), 'Check capacity', checkCapacity);
}

/** Menu: Find overlaps. */
export function menuOverlaps(): void {
  menuAction(services(), ui(), 'Find overlaps', findOverlapsAction);
}

/** Menu: Import CRM actuals (the deals of Settings → CRM sheet into the Projects actuals). */
export function menuImportCrm(): void {
  menuAction(services(), ui(), 'Import CRM actuals', importCrmAction);
}

/** Menu: Refresh dashboard. */
export function menuDashboard(): void {
  menuAction(services(), ui(), 'Refresh dashboard', refreshDashboardAction);
}

/** Menu: Snapshot. */
export function menuSnapshot(): void {
  menuAction(services(), ui(), 'Snapshot', snapshotAction);
}

/** Menu: Prepare review. */
export function menuReview(): void {
  menuAction(services(), ui(), 'Prepare review', prepareReviewAction);
}

/** Menu: Record decision… (a dialog for the project in the selected row). */
export function menuRecordDecision(): void {
  try {
    checkDecisionSelection(services());
    showDialog(services(), ui(), 'record-decision', { width: 560, height: 560 });
  } catch (e) {
    reportError(ui(), PAGES['record-decision'], e);
  }
}

/** Menu: Explain score (a dialog for the project in the selected row). */
export function menuExplainScore(): void {
  try {
    checkExplainSelection(services());
    showDialog(services(), ui(), 'explain-score', { width: 780, height: 580 });
  } catch (e) {
    reportError(ui(), PAGES['explain-score'], e);
  }
}

/** Menu: Lock scoring model. */
export function menuLockModel(): void {
  menuAction(services(), ui(), 'Lock scoring model', lockScoringModel);
}

function page(name: PageName): void {
  try {
    showPage(services(), ui(), name);
  } catch (e) {
    reportError(ui(), `Open ${name}`, e);
  }
}

/** Menu: New project request… (the intake sidebar). */
export function menuIntake(): void {
  page('intake');
}

/** Menu: Review intake… (accept or reject the pending requests). */
export function menuReviewIntake(): void {
  page('intake-review');
}

/** Menu: Scoring model… (weights, directions, framework, the pairwise workshop, live preview). */
export function menuScoringModel(): void {
  page('scoring-model');
}

/** Menu: Scenario planner… (run the optimiser, save, compare and commit scenarios). */
export function menuScenarios(): void {
  page('scenarios');
}

/**
 * Every sidebar's server calls arrive here, from google.script.run: `method` is
 * "<page>.<name>", `payload` the JSON input. Returns an envelope { ok, value | error } (see
 * src/ui/bridge/contract.ts); it never throws.
 */
export function uiCall(method: string, payload: unknown): unknown {
  return dispatch(endpoints(), services(), method, payload);
}

/** Menu: Undo last action. */
export function menuUndo(): void {
  menuAction(services(), ui(), 'Undo last action', undoAction);
}

/** Menu: Help. */
export function menuHelp(): void {
  showHelp(ui());
}

/** Menu: About. */
export function menuAbout(): void {
  showAbout(ui());
}

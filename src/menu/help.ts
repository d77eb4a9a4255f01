import { ADDON_NAME } from './menu';

declare const __VERSION__: string;

const HELP = [
  'A typical cycle, from this menu:',
  '1. Set up workbook (once), then fill Projects, Criteria, Capacity and Demand — or Load sample portfolio.',
  '2. Score & rank, then Optimise portfolio (budget and capacity in Settings), Check capacity, Find overlaps.',
  '3. New project request… collects proposals; Review intake… turns them into projects.',
  '4. Import CRM actuals brings won revenue, pipeline and deals from a Salesforce or HubSpot export (Settings → CRM sheet).',
  '5. Before each board meeting: Prepare review (snapshot, dashboard, what changed); Record decision… for each call.',
  'Every action is logged on the Log sheet and can be undone with Undo last action.',
  '',
  'Formulas (type them next to your own columns; each fills a whole column):',
  '• =PRIORITY(values, weights, [directions], [scale_min], [scale_max]) — weighted score 0–100',
  '• =PPM_RANK(scores, [tiebreak]) — rank, 1 is best',
  '• =RICE(reach, impact, confidence, effort), =ICE(impact, confidence, ease, [method]),',
  '  =WSJF(business_value, time_criticality, risk_reduction, job_size)',
  '• =AHP_WEIGHTS(matrix), =AHP_CR(matrix) — weights and consistency from pairwise judgements',
  '• =ALLOCATE(values, costs, budget, [demand], [capacity], [force], [ids], [dependsOn], [excludes]) — 1/0: the best projects to fund',
  '• =FRONTIER(values, costs, budgets, [demand], [capacity], [ids], [dependsOn], [excludes]) — best value per budget, for a chart',
  '• =CRM_ACTUALS(deals_range, key) — won revenue, pipeline, deals won and lost of one campaign',
  '',
  'Bad input shows an error on the formula cell naming the argument, row and column to fix.',
].join('\n');

export function showHelp(ui: GoogleAppsScript.Base.Ui): void {
  ui.alert(`${ADDON_NAME} — help`, HELP, ui.ButtonSet.OK);
}

export function showAbout(ui: GoogleAppsScript.Base.Ui): void {
  ui.alert(
    `About ${ADDON_NAME}`,
    `${ADDON_NAME} ${__VERSION__}\nProject portfolio management for sales teams: scoring, ranking, AHP, selection and capacity, in your workbook.`,
    ui.ButtonSet.OK,
  );
}

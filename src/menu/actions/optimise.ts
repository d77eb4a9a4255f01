/**
 * Optimise portfolio: which projects to fund within the budget and the people available. Reads
 * Projects, Demand, Capacity and Settings (Budget, Budget per month, Balance rules, Objective,
 * Time limit, Engine, Delay discount); solves the constrained selection — choosing, for projects
 * with a Latest start, the month each starts (src/core/schedule); writes Selected, Why, Planned
 * start and Planned end; appends a Scenarios row; rebuilds the Frontier sheet (20 budgets from 0
 * to the total cost) with a line chart of value against budget; and, when capacity keeps good
 * projects out, rebuilds Utilization for the new plan with the capacity that would admit them.
 */
import {
  efficientFrontier,
  type AllocationProblem,
  type AllocationResult,
  type ObjectiveKind,
} from '../../core/allocation';
import { Deadline, TIME_BUDGET } from '../../core/time-budget';
import {
  capacityToAdd,
  planPortfolio,
  portfolioSchedule,
  type PortfolioSchedule,
} from '../../core/schedule';
import type { IsoDate } from '../../core/model';
import type { ActionContext, ActionResult } from '../../sheets/action';
import { requireBoard } from '../../sheets/board';
import type { CellValue } from '../../sheets/cell-parsers';
import { solveWithGoogle } from '../../sheets/google-solver';
import { readCapacity, readDemand } from '../../sheets/model-sheets';
import { writeOwnedColumns } from '../../sheets/owned-columns';
import { setColumnWidths, writeOwnedSheet } from '../../sheets/owned-sheet';
import { SheetError } from '../../sheets/problems';
import { unreadableInputs } from '../../sheets/unreadable-inputs';
import { readProjects, refuseDuplicateIds } from '../../sheets/projects';
import { appendScenario, scenarioRules } from '../../sheets/scenarios';
import { CAPACITY, CRITERIA, DEMAND } from '../../sheets/schema';
import type { Settings } from '../../sheets/settings';
import { capacityToAddRows, writeUtilization } from './capacity';
import { duplicatesChosen } from './duplicates-chosen';
import { computeScores } from './scoring';
import { criteriaOf, projectsSheet, settingsOf, sheetOrFail } from './workbook';

export const FRONTIER_SHEET = 'Frontier';
const FRONTIER_POINTS = 20;
/** Each frontier point is proven within 0.1% of its best value: enough for a chart, and fast. */
const FRONTIER_GAP = 1e-3;
/**
 * Shares of the time left in the action's budget (core/time-budget): the search may use half of
 * it (a third when the Google solver follows, which then has half of what is left); the
 * frontier has the rest, at most twice the Time limit.
 */
const SEARCH_SHARE = 0.5;
const SEARCH_SHARE_WITH_GOOGLE = 1 / 3;
const GOOGLE_SHARE = 0.5;
/** When Settings has no Budget: this share of the total cost of the candidates. */
export const DEFAULT_BUDGET_SHARE = 0.6;

const OBJECTIVE: Readonly<Record<Settings['objective'], ObjectiveKind>> = {
  Score: 'score',
  'Expected revenue': 'revenue',
  'Risk-adjusted revenue': 'risk-adjusted',
};

export function optimisePortfolio(ctx: ActionContext): ActionResult {
  requireBoard(
    ctx,
    'run Optimise portfolio, which sets Selected (the Scenario planner lets anyone try plans)',
  );
  const { settings, warnings } = settingsOf(ctx);
  const projects = withFreshScores(ctx, settings);
  refuseDuplicateIds(projects.projects, 'Optimise portfolio');
  const capacity = readCapacity(sheetOrFail(ctx, CAPACITY), ctx);
  const demand = readDemand(sheetOrFail(ctx, DEMAND), ctx);
  const objective = OBJECTIVE[settings.objective];
  const unreadable = unreadableInputs(
    projects.projects,
    projects.table,
    projects.problems,
    objective,
  );
  // One model: the budget enters only as its number, so a blank Budget (a share of the
  // candidates' total cost, known once the model is built) is set afterwards.
  const built = portfolioSchedule(projects.projects, demand.demand, capacity.capacity, {
    budget: settings.budget ?? Infinity,
    objective,
    budgetPerPeriod: settings.budgetPerMonth ?? undefined,
    balance: settings.balanceRules,
    leaveOut: unreadable.leaveOut,
    delayDiscount: settings.delayDiscount,
  });
  const totalCost = built.portfolio.problem.projects.reduce((s, c) => s + c.cost, 0);
  const budget = settings.budget ?? Math.round(totalCost * DEFAULT_BUDGET_SHARE);
  const ps = settings.budget === null ? withBudget(built, budget) : built;
  const pp = ps.portfolio;
  const timeLimitMs = settings.timeLimitSeconds * 1000;
  // One budget for the whole action, shared by both searches, the frontier and the reasons.
  const deadline = Deadline.after(ctx.now.getTime(), TIME_BUDGET.actionMs);
  const google = settings.engine === 'Google solver';
  const searchBy = deadline.share(google ? SEARCH_SHARE_WITH_GOOGLE : SEARCH_SHARE);
  const searchMs = Math.min(timeLimitMs, searchBy.remainingMs());

  const plan = planPortfolio(ps, { timeLimitMs, deadline: searchBy });
  const ours = plan;
  let result: Pick<
    AllocationResult,
    | 'selected'
    | 'value'
    | 'cost'
    | 'count'
    | 'status'
    | 'gap'
    | 'timeMs'
    | 'nodes'
    | 'feasible'
    | 'conflict'
  > & { readonly reasons: readonly string[] } = plan;
  const notes: string[] = [...warnings, ...unreadable.notes.slice(0, 12)];
  if (searchMs < timeLimitMs && ours.status === 'time limit')
    notes.push(
      `Settings → Time limit is ${settings.timeLimitSeconds} s, but the search had ${Math.round(searchMs / 1000)} s: one action has ${TIME_BUDGET.actionMs / 60_000} minutes for everything it computes (Apps Script stops it at 6), shared with the frontier${google ? ' and the Google solver' : ''}.`,
    );
  if (unreadable.notes.length > 12)
    notes.push(`(and ${unreadable.notes.length - 12} more unreadable cells: see the Flags column)`);
  notes.push(...plan.notes);
  if (google && plan.schedule) {
    notes.push(
      "The Google solver chooses in or out only: with a Latest start set, Portfolio Pilot's optimiser chose the starts.",
    );
  } else if (google) {
    const service = ctx.services.linearOptimization;
    if (!service)
      throw new SheetError(
        'The Google solver (LinearOptimizationService) is not available here. Set Settings → Engine to "Portfolio Pilot".',
      );
    const seconds = Math.floor(
      Math.min(300_000, timeLimitMs, deadline.share(GOOGLE_SHARE).remainingMs()) / 1000,
    );
    if (seconds >= 1) {
      const answer = solveWithGoogle(service, pp.problem, { seconds });
      result = { ...answer, reasons: answer.reasons.map((r) => r.text) };
      notes.push(crossCheck(answer, ours));
    } else
      notes.push(
        "The Google solver did not run: this action's time budget was used up; the selection is Portfolio Pilot's.",
      );
  }
  if (!result.feasible) {
    const why = result.conflict?.message ?? 'no selection was found within the time limit';
    throw new SheetError(
      `No portfolio satisfies every constraint: ${why}. Change a Force, the capacity, or Budget, Budget per month or Balance rules in Settings, and run Optimise portfolio again.`,
    );
  }

  // Results go back to the row each candidate was read from (never looked up by ID), so a row
  // is ticked only when that very row was chosen.
  const googleChose = result !== plan;
  const rows = projects.table.rows.length;
  const selected: CellValue[] = new Array<CellValue>(rows).fill('');
  const why: CellValue[] = new Array<CellValue>(rows).fill('');
  const plannedStart: (IsoDate | null)[] = new Array<IsoDate | null>(rows).fill(null);
  const plannedEnd: (IsoDate | null)[] = new Array<IsoDate | null>(rows).fill(null);
  for (const p of projects.projects) selected[p.row - 2] = false;
  pp.candidates.forEach((p, j) => {
    const chosen = result.selected[j] === true;
    const r = p.row - 2;
    selected[r] = chosen;
    why[r] = result.reasons[j] ?? '';
    // The Google solver does not move starts: a chosen project starts at its Start.
    plannedStart[r] = (googleChose ? (chosen ? p.start : null) : plan.plannedStart[j]) ?? null;
    plannedEnd[r] = (googleChose ? (chosen ? p.end : null) : plan.plannedEnd[j]) ?? null;
  });
  for (const s of pp.skipped) why[s.project.row - 2] = `not a candidate: ${s.reason}`;
  writeOwnedColumns(ctx, projects.table, [
    { key: 'selected', values: selected },
    { key: 'why', values: why },
    { key: 'plannedStart', values: plannedStart.map((d) => d ?? '') },
    { key: 'plannedEnd', values: plannedEnd.map((d) => d ?? '') },
  ]);
  const selectedCol = projects.table.index.get('selected');
  if (selectedCol !== undefined && rows > 0) {
    projects.table.sheet
      .getRange(2, selectedCol + 1, rows, 1)
      .setDataValidation(ctx.services.spreadsheetApp.newDataValidation().requireCheckbox().build());
  }

  const chosenIds = pp.candidates.filter((_, j) => result.selected[j]).map((p) => p.id);
  const forced = pp.candidates
    .filter((p) => p.force)
    .map((p) => `${p.id} ${p.force === 'in' ? 'in' : 'out'}`);
  const stamp = ctx.now.toISOString().slice(0, 16).replace('T', ' ');
  appendScenario(ctx, {
    name: `Optimise ${stamp}`,
    objective: settings.objective,
    budget,
    capacityFactor: 1,
    forced: forced.join(', '),
    value: round(result.value),
    cost: result.cost,
    count: result.count,
    status: result.status,
    gap: Number.isFinite(result.gap) ? result.gap : null,
    seconds: result.timeMs / 1000,
    selectedIds: chosenIds,
    ...scenarioRules(settings),
    plannedStarts: googleChose ? '' : plan.moved.join('; '),
  });

  // The frontier varies the budget of the same model (the balance shares follow each budget).
  const frontier = writeFrontier(ctx, googleChose ? pp.problem : plan.problem, totalCost, {
    timeLimitMs: Math.min(60_000, 2 * timeLimitMs),
    deadline,
  });
  if (frontier.unsolved > 0)
    notes.push(
      `The Frontier has ${frontier.unsolved} of ${frontier.points} budgets left blank: this action's time budget ran out before them.`,
    );
  if (frontier.carried > 0)
    notes.push(
      `The Frontier's time ran out before ${frontier.carried} of ${frontier.points} budgets were searched: each shows a larger budget's selection trimmed to fit (feasible, not proven best; see Status).`,
    );
  if (plan.schedule && !googleChose) {
    const rates = plan.schedule.model.schedule.lanes.map(
      (l) =>
        capacity.capacity.find((c) => c.skill.trim().toLowerCase() === l.name.toLowerCase())
          ?.costPerHour ?? null,
    );
    const needs = capacityToAdd(plan.schedule, rates);
    const planned = projects.projects.map((p) => ({
      ...p,
      selected: selected[p.row - 2] === true,
      plannedStart: plannedStart[p.row - 2] ?? null,
      plannedEnd: plannedEnd[p.row - 2] ?? null,
    }));
    writeUtilization(ctx, planned, capacity, demand, capacityToAddRows(plan.schedule, needs));
    if (needs.length)
      notes.push(
        `Capacity would admit ${needs.map((n) => n.id).join(', ')}: see Capacity to add on the Utilization sheet.`,
      );
  }
  const statusText =
    result.status === 'optimal'
      ? 'optimal'
      : Number.isFinite(result.gap)
        ? `best found in the time limit (gap ${(result.gap * 100).toFixed(2)}%)`
        : 'best found in the time limit (no bound on how far from the best it is: give it more time)';
  const movedText =
    !googleChose && plan.moved.length
      ? ` ${plan.moved.length} start${plan.moved.length === 1 ? 's' : ''} later than planned (${plan.moved.slice(0, 6).join(', ')}${plan.moved.length > 6 ? '…' : ''}).`
      : '';
  const summary = `Selected ${result.count} of ${pp.candidates.length} projects: ${settings.objective.toLowerCase()} ${fmt(result.value)}, cost ${fmt(result.cost)} of budget ${fmt(budget)}; ${statusText}.${movedText}`;
  if (settings.budget === null)
    notes.push(
      `Settings has no Budget: ${Math.round(DEFAULT_BUDGET_SHARE * 100)}% of the open projects' total cost (${fmt(budget)}) was used.`,
    );
  notes.push(...duplicatesChosen(ctx, new Set(chosenIds)));
  if (pp.warnings.length)
    notes.push(
      `Data notes: ${pp.warnings.slice(0, 6).join(' ')}${pp.warnings.length > 6 ? ` (and ${pp.warnings.length - 6} more)` : ''}`,
    );
  return {
    toast: `${summary} See Selected, Why and Planned start in Projects, and the Frontier sheet.`,
    log: `${summary} Engine ${settings.engine}; ${result.nodes} nodes in ${(result.timeMs / 1000).toFixed(1)} s; frontier of ${frontier.points - frontier.unsolved} of ${frontier.points} budgets in ${((Date.now() - ctx.now.getTime()) / 1000).toFixed(1)} s.`,
    warnings: notes,
  };
}

/** The same model with another budget (the budget enters it only as this number). */
function withBudget(ps: PortfolioSchedule, budget: number): PortfolioSchedule {
  return {
    ...ps,
    portfolio: { ...ps.portfolio, problem: { ...ps.portfolio.problem, budget } },
    schedule: { ...ps.schedule, budget },
  };
}

/**
 * Projects with the Score the objective uses, computed now exactly as Score & rank computes it
 * (same framework, same weights), so a stale Score column never steers the selection.
 */
function withFreshScores(ctx: ActionContext, settings: Settings): ReturnType<typeof readProjects> {
  if (settings.objective !== 'Score') return readProjects(projectsSheet(ctx), [], ctx);
  if (!ctx.ss.getSheetByName(CRITERIA.name) && settings.framework === 'weighted')
    throw new SheetError(
      'Optimise portfolio maximises the Score, which needs the Criteria sheet. Run Set up workbook and fill in Criteria, or set Settings → Objective to Expected revenue.',
    );
  const s = computeScores(ctx, settings, criteriaOf(ctx));
  return { ...s.read, projects: s.projects };
}

function crossCheck(
  google: Pick<AllocationResult, 'value' | 'status'>,
  ours: Pick<AllocationResult, 'value' | 'status'>,
): string {
  const same = Math.abs(google.value - ours.value) <= 1e-6 * Math.max(1, Math.abs(ours.value));
  const detail = `Google solver: value ${fmt(google.value)} (${google.status}); Portfolio Pilot's optimiser: ${fmt(ours.value)} (${ours.status}).`;
  return same
    ? `Cross-check agrees. ${detail}`
    : `Cross-check differs: ${detail} The selection written is the Google solver's.`;
}

/** The Frontier sheet: the best value at 20 budgets from 0 to the total cost, and its chart. */
function writeFrontier(
  ctx: ActionContext,
  base: AllocationProblem,
  total: number,
  time: { readonly timeLimitMs: number; readonly deadline: Deadline },
): { points: number; unsolved: number; carried: number } {
  const budgets = Array.from({ length: FRONTIER_POINTS }, (_, k) =>
    Math.round((total * k) / (FRONTIER_POINTS - 1)),
  );
  const points = efficientFrontier(base, budgets, { ...time, relGap: FRONTIER_GAP });
  const rows: CellValue[][] = [
    [
      'Efficient frontier: the best value the constraints allow at each budget, proven within 0.1% (capacity, dependencies, exclusions, forces, and Settings → Budget per month and Balance rules apply).',
    ],
    ['Budget', 'Best value', 'Cost used', 'Projects chosen', 'Status'],
    ...points.map((p) => [
      p.budget,
      p.result.feasible ? round(p.result.value) : '',
      p.result.feasible ? p.result.cost : '',
      p.result.feasible ? p.result.count : '',
      p.carried
        ? `${p.result.status === 'optimal' ? 'optimal' : 'time limit'}: not searched (the action's time budget ran out); a larger budget's selection, trimmed to fit`
        : !p.solved
          ? "not computed: the action's time budget ran out"
          : p.result.feasible
            ? p.result.status
            : `infeasible: ${p.result.conflict?.message ?? 'no selection found'}`,
    ]),
  ];
  const sheet = writeOwnedSheet(ctx, FRONTIER_SHEET, rows);
  sheet.getRange(1, 1).setFontWeight('bold');
  sheet.getRange(2, 1, 1, 5).setFontWeight('bold').setBackground('#e8f0fe');
  sheet.getRange(3, 1, points.length, 3).setNumberFormat('#,##0');
  // A budget too small for the forced projects says why in Status: wrapped, beside the chart.
  sheet.getRange(3, 5, points.length, 1).setWrap(true);
  sheet.setFrozenRows(2);
  // Budget, Best value, Cost used, Projects chosen, Status.
  setColumnWidths(sheet, [100, 100, 100, 110, 300]);
  for (const c of sheet.getCharts()) sheet.removeChart(c);
  const chart = sheet
    .newChart()
    .setChartType(ctx.services.charts.ChartType.LINE)
    .addRange(sheet.getRange(2, 1, points.length + 1, 2))
    .setNumHeaders(1)
    .setPosition(2, 7, 0, 0)
    .setOption('title', 'Best value by budget')
    .setOption('hAxis', { title: 'Budget' })
    .setOption('vAxis', { title: 'Best value' })
    .setOption('legend', { position: 'none' })
    .build();
  sheet.insertChart(chart);
  return {
    points: points.length,
    unsolved: points.filter((p) => !p.solved && !p.carried).length,
    carried: points.filter((p) => p.carried).length,
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/**
 * A planning run: the portfolio read from Projects, Demand and Capacity, the optimiser
 * (src/core/allocation) run with the planner's budget, capacity factor, forced projects and
 * objective, and what the sidebar shows of it — value, cost, count, status, gap, why each project
 * is in or out, the most loaded skill-periods and the efficient frontier.
 */
import { type Deadline } from '../../core/time-budget';
import {
  efficientFrontier,
  objectiveValue,
  type AllocationProblem,
  type PortfolioProblem,
} from '../../core/allocation';
import { planPortfolio, portfolioSchedule, type PortfolioSchedule } from '../../core/schedule';
import {
  isOpen,
  type CapacityRow,
  type DemandRow,
  type Force,
  type Project,
} from '../../core/model';
import { readCapacity, readDemand } from '../../sheets/model-sheets';
import { describeProblem, SheetError, type Problem } from '../../sheets/problems';
import { unreadableInputs } from '../../sheets/unreadable-inputs';
import { readProjects } from '../../sheets/projects';
import { computeScores } from '../../menu/actions/scoring';
import { criteriaOf, type Reading } from '../../menu/actions/workbook';
import { CAPACITY, CRITERIA, DEMAND, PROJECTS, SETTINGS } from '../../sheets/schema';
import { readSettings, type Settings } from '../../sheets/settings';
import { missingSheet, type ReadOptions, type Table } from '../../sheets/table';
import type { Objective, PlanParams, PlanResult } from './contract';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface PortfolioRead {
  readonly projects: readonly Project[];
  readonly table: Table;
  /** Cells of Projects that could not be read (an unreadable Cost leaves its project out). */
  readonly problems: readonly Problem[];
  readonly demand: readonly DemandRow[];
  readonly capacity: readonly CapacityRow[];
  readonly settings: Settings;
  readonly notes: readonly string[];
}

/** Reads Projects (required), Demand and Capacity (optional: without them nothing is limited). */
export function readPortfolio(ss: Spreadsheet, opts: ReadOptions): PortfolioRead {
  const sheet = ss.getSheetByName(PROJECTS.name);
  if (!sheet) throw missingSheet(PROJECTS);
  const read = readProjects(sheet, [], opts);
  const notes: string[] = [];
  const demandSheet = ss.getSheetByName(DEMAND.name);
  const capacitySheet = ss.getSheetByName(CAPACITY.name);
  const demand = demandSheet ? readDemand(demandSheet, opts) : null;
  const capacity = capacitySheet ? readCapacity(capacitySheet, opts) : null;
  if (!demand || !capacity)
    notes.push(
      'Without Demand and Capacity sheets, capacity limits nothing: only the budget does.',
    );
  const problems = (demand?.problems.length ?? 0) + (capacity?.problems.length ?? 0);
  if (problems)
    notes.push(`${problems} Demand or Capacity cells could not be read and count as blank.`);
  const { settings, problems: settingProblems } = readSettings(
    ss.getSheetByName(SETTINGS.name),
    opts,
  );
  notes.push(...settingProblems.map(describeProblem));
  return {
    projects: read.projects,
    table: read.table,
    problems: read.problems,
    demand: demand?.demand ?? [],
    capacity: capacity?.capacity ?? [],
    settings,
    notes,
  };
}

/**
 * With the Score as objective: the projects scored now exactly as Score & rank scores them (same
 * framework, same weights), as Optimise portfolio does, so a Score column left stale by a change
 * of weights or ratings never steers the plan. Without a Criteria sheet (weighted framework) the
 * Score column is used as it is.
 */
export function withFreshScores(read: PortfolioRead, ctx: Reading): PortfolioRead {
  if (read.settings.framework === 'weighted' && !ctx.ss.getSheetByName(CRITERIA.name)) return read;
  const s = computeScores(ctx, read.settings, criteriaOf(ctx));
  return { ...read, projects: s.projects, table: s.read.table, problems: s.read.problems };
}

/** The budget the planner starts from: Settings' Budget, else 60% of the open projects' cost. */
export function defaultBudget(read: PortfolioRead): number {
  if (read.settings.budget !== null) return read.settings.budget;
  return Math.round(0.6 * openCost(read.projects));
}

export function openCost(projects: readonly Project[]): number {
  return projects.reduce((s, p) => s + (isOpen(p.status) ? (p.cost ?? 0) : 0), 0);
}

export function objectiveOf(settings: Settings): Objective {
  return settings.objective === 'Expected revenue'
    ? 'revenue'
    : settings.objective === 'Risk-adjusted revenue'
      ? 'risk-adjusted'
      : 'score';
}

/** A project's value under an objective (blank counts 0, as the optimiser counts it). */
export function valueOf(p: Project, objective: Objective): number {
  return objectiveValue(p, objective) ?? 0;
}

export interface PlanOptions {
  readonly timeLimitMs: number;
  /**
   * The call's deadline (core/time-budget): the search may use half of the time left, the
   * frontier the rest; without one, only timeLimitMs and frontierMs bound them.
   */
  readonly deadline?: Deadline;
  /** The frontier's budgets share this much time (default 10 s). */
  readonly frontierMs?: number;
  readonly frontierPoints?: number;
  readonly now?: () => number;
}

/**
 * Runs the optimiser: capacity limits are the Capacity sheet's hours × capacityFactor; the
 * planner's force in/out replaces the Force column; Settings' Budget per month and Balance rules
 * apply as in Optimise portfolio; the frontier solves the same problem for
 * budgets spread evenly from 0 to the candidates' total cost (each from the previous answer).
 */
export function runPlan(read: PortfolioRead, params: PlanParams, options: PlanOptions): PlanResult {
  const now = options.now ?? Date.now;
  const ps = planSchedule(read, params);
  const pp = ps.portfolio;
  const t0 = now();
  const plan = planPortfolio(ps, {
    timeLimitMs: options.timeLimitMs,
    deadline: options.deadline?.share(0.5),
    now,
  });
  const seconds = (now() - t0) / 1000;
  // Loads are per candidate of the problem solved (a start of a project that may move).
  const r = { selected: plan.candidateSelected };

  const loads = plan.problem.resources
    .filter((res) => res.kind === 'capacity' && res.limit > 0)
    .map((res) => {
      const used = res.use.reduce((s, [j, a]) => s + (r.selected[j] ? a : 0), 0);
      const [skill = res.subject, period = ''] = res.subject.split(/ in (?=\d{4}-\d{2}$)/);
      return { skill, period, used, capacity: res.limit, share: used / res.limit };
    })
    .filter((l) => l.used > 0)
    .sort((a, b) => b.share - a.share || a.skill.localeCompare(b.skill))
    .slice(0, 5);

  const chart = frontier(plan.problem, options);
  return {
    status: plan.status,
    feasible: plan.feasible,
    value: plan.value,
    cost: plan.cost,
    count: plan.count,
    gap: Number.isFinite(plan.gap) ? plan.gap : null,
    seconds,
    budget: params.budget,
    selected: pp.candidates.filter((_, j) => plan.selected[j]).map((p) => p.id),
    projects: pp.candidates.map((p, j) => ({
      id: p.id,
      name: p.name,
      cost: pp.problem.projects[j]?.cost ?? 0,
      value: pp.problem.projects[j]?.value ?? 0,
      selected: plan.selected[j] ?? false,
      why: plan.reasons[j] ?? '',
      plannedStart: plan.plannedStart[j] ?? '',
    })),
    moved: plan.moved,
    loads,
    frontier: chart.points,
    conflict: plan.conflict ? sentence(plan.conflict.message) : null,
    warnings: [...read.notes, ...summarise([...plan.notes, ...pp.warnings]), ...chart.notes],
  };
}

/**
 * The optimiser's problem for a plan: the Capacity sheet's hours × capacityFactor, the plan's
 * force in/out in place of the Force column, its budget and objective, and Settings' Budget per
 * month and Balance rules.
 */
export function planProblem(read: PortfolioRead, params: PlanParams): PortfolioProblem {
  return planSchedule(read, params).portfolio;
}

/** The plan's problem with each project's window (Start … Latest start) and Settings' Delay discount. */
export function planSchedule(read: PortfolioRead, params: PlanParams): PortfolioSchedule {
  const forceIn = new Set(params.forceIn.map((s) => s.toLowerCase()));
  const forceOut = new Set(params.forceOut.map((s) => s.toLowerCase()));
  const known = new Set(read.projects.map((p) => p.id.toLowerCase()));
  const unknown = [...params.forceIn, ...params.forceOut].filter(
    (id) => !known.has(id.toLowerCase()),
  );
  if (unknown.length)
    throw new SheetError(`Projects has no ${unknown.join(', ')} any more. Reload the planner.`);
  const projects = read.projects.map((p): Project => {
    const id = p.id.toLowerCase();
    const force: Force | null = forceIn.has(id) ? 'in' : forceOut.has(id) ? 'out' : null;
    return force === p.force ? p : { ...p, force };
  });
  const open = projects.filter((p) => isOpen(p.status));
  if (params.objective === 'score' && open.length > 0 && open.every((p) => p.score === null))
    throw new SheetError(
      'No project has a Score yet. Run Score & rank first, or choose Expected revenue as the objective.',
    );
  const capacity = read.capacity.map((c) => ({
    ...c,
    skill: c.skill,
    hours: Object.fromEntries(
      Object.entries(c.hours).map(([k, h]) => [k, h * params.capacityFactor]),
    ),
  }));
  const unreadable = unreadableInputs(projects, read.table, read.problems, params.objective);
  const ps = portfolioSchedule(projects, read.demand, capacity, {
    budget: params.budget,
    objective: params.objective,
    budgetPerPeriod: read.settings.budgetPerMonth ?? undefined,
    balance: read.settings.balanceRules,
    leaveOut: unreadable.leaveOut,
    delayDiscount: read.settings.delayDiscount,
  });
  const pp = ps.portfolio;
  return { ...ps, portfolio: { ...pp, warnings: [...unreadable.notes, ...pp.warnings] } };
}

/** Best value for budgets 0 … total cost; infeasible budgets (below the forced cost) are left out. */
function frontier(
  problem: AllocationProblem,
  options: PlanOptions,
): { points: PlanResult['frontier']; notes: string[] } {
  const points = options.frontierPoints ?? 12;
  const total = problem.projects.reduce((s, c) => s + c.cost, 0);
  if (total <= 0) return { points: [], notes: [] };
  const budgets = Array.from({ length: points }, (_, k) => (total * k) / (points - 1));
  // Proven within 0.1% per point: plenty for a 300-px chart.
  const all = efficientFrontier(problem, budgets, {
    timeLimitMs: options.frontierMs ?? 10_000,
    deadline: options.deadline,
    relGap: 1e-3,
    now: options.now,
  });
  const unsolved = all.filter((p) => !p.solved && !p.carried).length;
  const carried = all.filter((p) => p.carried).length;
  return {
    points: all
      .filter((p) => p.result.feasible)
      .map((p) => ({
        budget: p.budget,
        value: p.result.value,
        cost: p.result.cost,
        count: p.result.count,
      })),
    notes: [
      ...(unsolved
        ? [
            `The frontier chart leaves out ${unsolved} of ${points} budgets: the time budget of one run ran out before them.`,
          ]
        : []),
      ...(carried
        ? [
            `At ${carried} of ${points} budgets the time ran out before a search: the chart shows a larger budget's selection trimmed to fit there, not proven best.`,
          ]
        : []),
    ],
  };
}

/** The optimiser's conflict ("these cannot all hold: …") as a sentence for the sidebar. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/** At most eight warnings, and how many more there were. */
function summarise(warnings: readonly string[]): string[] {
  const unique = [...new Set(warnings)];
  return unique.length <= 8 ? unique : [...unique.slice(0, 8), `… and ${unique.length - 8} more.`];
}

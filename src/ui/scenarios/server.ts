/**
 * The server side of the Scenario planner: load (defaults, projects, saved scenarios), run (the
 * optimiser, read-only), save (a Scenarios row, under the document lock) and commit (commit.ts).
 */
import { matchKey } from '../../core/keys';
import { Deadline, TIME_BUDGET } from '../../core/time-budget';
import { isOpen } from '../../core/model';
import { runAction } from '../../sheets/action';
import { headerKey } from '../../sheets/headers';
import { refuseDuplicateIds } from '../../sheets/projects';
import type { Services } from '../../sheets/services';
import { appendScenario, scenarioRules } from '../../sheets/scenarios';
import type { ReadOptions } from '../../sheets/table';
import type { ParsedInputOf } from '../bridge/contract';
import { endpoint, FieldError, type Endpoint } from '../bridge/server';
import { readContext } from '../pages';
import {
  OBJECTIVE_NAMES,
  plannerContract,
  plannedStartsOf,
  type PlannerModel,
  type SavedScenario,
} from './contract';
import {
  defaultBudget,
  objectiveOf,
  openCost,
  readPortfolio,
  planSchedule,
  runPlan,
  valueOf,
  withFreshScores,
} from './plan';
import { checkSelection } from './check';
import { commitScenario } from './commit';
import { readSaved } from './saved';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Save = ParsedInputOf<(typeof plannerContract)['save']>;

export function plannerEndpoint(): Endpoint {
  return endpoint('scenarios', plannerContract, {
    load: (_input, services) => {
      const ctx = readContext(services);
      return loadPlanner(ctx.ss, ctx);
    },
    run: (params, services) => {
      // One time budget for the call (Apps Script stops it at 6 minutes), from its start.
      const deadline = Deadline.in(TIME_BUDGET.actionMs);
      const ctx = readContext(services);
      const sheet = readPortfolio(ctx.ss, ctx);
      refuseDuplicateIds(sheet.projects, 'The Scenario planner');
      const read = params.objective === 'score' ? withFreshScores(sheet, ctx) : sheet;
      return runPlan(read, params, {
        timeLimitMs: read.settings.timeLimitSeconds * 1000,
        deadline,
      });
    },
    save: (input, services) => saveScenario(services, input),
    commit: ({ name }, services) => commitScenario(services, name),
  });
}

export function loadPlanner(ss: Spreadsheet, opts: ReadOptions): PlannerModel {
  const read = readPortfolio(ss, opts);
  const open = read.projects.filter((p) => isOpen(p.status));
  return {
    budget: defaultBudget(read),
    objective: objectiveOf(read.settings),
    totalCost: openCost(read.projects),
    projects: open.map((p) => ({
      id: p.id,
      name: p.name,
      status: p.status ?? '',
      force: p.force ?? '',
      cost: p.cost ?? 0,
    })),
    saved: readSaved(ss, opts),
    notes: [...read.notes],
  };
}

/**
 * Appends the run as a Scenarios row. The selection is checked against a fresh read of Projects
 * (the IDs exist once and are open; budget, capacity, forces, dependencies and Settings' rules
 * hold) and its value, cost and count recomputed from it; the name must be new.
 */
export function saveScenario(
  services: Services,
  s: Save,
): { saved: SavedScenario[]; message: string } {
  let message = '';
  runAction(services, 'Save scenario', (ctx) => {
    const sheet = readPortfolio(ctx.ss, ctx);
    refuseDuplicateIds(sheet.projects, 'Save scenario');
    const read = s.params.objective === 'score' ? withFreshScores(sheet, ctx) : sheet;
    if (readSaved(ctx.ss, ctx).some((x) => headerKey(x.name) === headerKey(s.name)))
      throw new FieldError([
        {
          path: ['name'],
          message: `There is already a scenario "${s.name}". Choose another name.`,
        },
      ]);
    // The page's selection is a request: it must hold on the workbook as it is now, with each
    // project in the months the page says it starts (only later than its Start).
    const ps = planSchedule(read, s.params);
    const pp = ps.portfolio;
    const starts = plannedStartsOf((s.plannedStarts ?? []).join('; '));
    const selection = checkSelection(
      pp,
      s.selectedIds,
      `This selection cannot be saved as a scenario`,
      'Run the plan again, then save.',
      { schedule: ps, starts },
    );
    const chosen = pp.candidates.filter((_, j) => selection[j]);
    const moved = chosen.flatMap((p) => {
      const month = [...starts].find(([id]) => matchKey(id) === matchKey(p.id))?.[1];
      return month && p.start && month > p.start.slice(0, 7) ? [`${p.id} ${month}`] : [];
    });
    let value = 0;
    let cost = 0;
    for (const p of chosen) {
      value += valueOf(p, s.params.objective);
      cost += p.cost ?? 0;
    }
    // The same "P03 in, P07 out" as Optimise portfolio writes.
    const forced = [
      ...s.params.forceIn.map((id) => `${id} in`),
      ...s.params.forceOut.map((id) => `${id} out`),
    ].join(', ');
    appendScenario(ctx, {
      name: s.name,
      objective: OBJECTIVE_NAMES[s.params.objective],
      budget: s.params.budget,
      capacityFactor: s.params.capacityFactor,
      forced,
      value: Math.round(value * 100) / 100,
      cost,
      count: chosen.length,
      status: s.status,
      gap: s.gap,
      seconds: s.seconds,
      selectedIds: chosen.map((p) => p.id),
      ...scenarioRules(read.settings),
      plannedStarts: moved.join('; '),
    });
    message = `Saved scenario "${s.name}": ${chosen.length} projects, cost ${cost.toLocaleString('en-US')}, value ${(Math.round(value * 10) / 10).toLocaleString('en-US')} (${OBJECTIVE_NAMES[s.params.objective]}).`;
    return {
      toast: message,
      log: `${message} Budget ${s.params.budget.toLocaleString('en-US')}, capacity ×${s.params.capacityFactor}${forced ? `, forced ${forced}` : ''}, status ${s.status}. Selected: ${chosen.map((p) => p.id).join(', ') || 'none'}.`,
    };
  });
  const ctx = readContext(services);
  return { saved: readSaved(ctx.ss, ctx), message };
}

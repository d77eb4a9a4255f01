/**
 * The server side of the Scenario planner: load (defaults, projects, saved scenarios), run (the
 * optimiser, read-only), save (a Scenarios row, under the document lock) and commit (Selected
 * and Status Approved in Projects; logged and undoable).
 */
import { isOpen } from '../../core/model';
import { runAction, type ActionContext } from '../../sheets/action';
import { cellSchema, parseCell, type CellValue } from '../../sheets/cell-parsers';
import { headerKey } from '../../sheets/headers';
import { writeOwnedColumns } from '../../sheets/owned-columns';
import { SheetError } from '../../sheets/problems';
import { SCENARIOS } from '../../sheets/schema';
import type { Services } from '../../sheets/services';
import { appendScenario, recordedRules, scenarioRules } from '../../sheets/scenarios';
import { pct } from '../../sheets/optimiser-settings';
import type { Settings } from '../../sheets/settings';
import { isBlankRow, readTable, type ReadOptions } from '../../sheets/table';
import type { ParsedInputOf } from '../bridge/contract';
import { endpoint, FieldError, type Endpoint } from '../bridge/server';
import { readContext } from '../pages';
import { buildModel, explain, violations, type PortfolioProblem } from '../../core/allocation';
import {
  OBJECTIVE_NAMES,
  plannerContract,
  type Objective,
  type PlannerModel,
  type SavedScenario,
} from './contract';
import {
  defaultBudget,
  objectiveOf,
  openCost,
  planProblem,
  readPortfolio,
  runPlan,
  valueOf,
  withFreshScores,
} from './plan';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Save = ParsedInputOf<(typeof plannerContract)['save']>;

/** Statuses that committing a scenario moves to Approved (Active and Done stay as they are). */
const TO_APPROVE = new Set(['', 'Proposed', 'In review', 'On hold']);

export function plannerEndpoint(): Endpoint {
  return endpoint('scenarios', plannerContract, {
    load: (_input, services) => {
      const ctx = readContext(services);
      return loadPlanner(ctx.ss, ctx);
    },
    run: (params, services) => {
      const ctx = readContext(services);
      const sheet = readPortfolio(ctx.ss, ctx);
      const read = params.objective === 'score' ? withFreshScores(sheet, ctx) : sheet;
      return runPlan(read, params, { timeLimitMs: read.settings.timeLimitSeconds * 1000 });
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

/** The saved scenarios, oldest first (a missing Scenarios sheet has none). */
export function readSaved(ss: Spreadsheet, opts: ReadOptions): SavedScenario[] {
  const sheet = ss.getSheetByName(SCENARIOS.name);
  if (!sheet) return [];
  const table = readTable(sheet, SCENARIOS, opts);
  const parsers = SCENARIOS.columns.map((c) => ({
    key: c.key,
    col: table.index.get(c.key),
    schema: cellSchema(c, opts.dateKey),
  }));
  return table.rows.flatMap((row) => {
    if (isBlankRow(row)) return [];
    const f: Record<string, string | number | boolean | string[] | null> = {};
    for (const p of parsers) {
      if (p.col === undefined) continue;
      const r = parseCell(p.schema, row[p.col] as CellValue);
      f[p.key] = r.ok ? r.value : null;
    }
    const text = (k: string): string => {
      const v = f[k];
      return v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);
    };
    const num = (k: string): number | null => {
      const v = f[k];
      return typeof v === 'number' ? v : null;
    };
    const name = text('name');
    if (!name) return [];
    return [
      {
        name,
        when: text('when'),
        who: text('who'),
        objective: text('objective'),
        budget: num('budget'),
        capacityFactor: num('capacityFactor'),
        forced: text('forced'),
        value: num('value'),
        cost: num('cost'),
        count: num('count'),
        status: text('status'),
        gap: num('gap'),
        selectedIds: Array.isArray(f.selectedIds) ? f.selectedIds : [],
        committed: text('committed'),
        budgetPerMonth: text('budgetPerMonth'),
        balanceRules: text('balanceRules'),
      },
    ];
  });
}

/**
 * Appends the run as a Scenarios row. The selection is checked against a fresh read of Projects
 * and its value, cost and count recomputed from it; the name must be new.
 */
export function saveScenario(
  services: Services,
  s: Save,
): { saved: SavedScenario[]; message: string } {
  let message = '';
  runAction(services, 'Save scenario', (ctx) => {
    const sheet = readPortfolio(ctx.ss, ctx);
    const read = s.params.objective === 'score' ? withFreshScores(sheet, ctx) : sheet;
    const byId = new Map(read.projects.map((p) => [p.id.toLowerCase(), p]));
    const missing = s.selectedIds.filter((id) => !byId.has(id.toLowerCase()));
    if (missing.length)
      throw new SheetError(
        `Projects has no ${missing.join(', ')} any more. Run the plan again, then save.`,
      );
    if (readSaved(ctx.ss, ctx).some((x) => headerKey(x.name) === headerKey(s.name)))
      throw new FieldError([
        {
          path: ['name'],
          message: `There is already a scenario "${s.name}". Choose another name.`,
        },
      ]);
    const chosen = s.selectedIds.flatMap((id) => {
      const p = byId.get(id.toLowerCase());
      return p ? [p] : [];
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

/**
 * Commits a saved scenario: Selected is TRUE for its projects and FALSE for every other row;
 * its projects that are Proposed, In review or On hold (or have no status) become Approved; the
 * scenario's Committed time is set. Warns when the selection no longer fits the budget or the
 * capacity of a fresh read.
 */
export function commitScenario(
  services: Services,
  name: string,
): { message: string; warnings: string[]; saved: SavedScenario[] } {
  let out = { message: '', warnings: [] as string[] };
  runAction(services, 'Commit scenario', (ctx) => {
    const saved = readSaved(ctx.ss, ctx);
    const scenario = saved.find((s) => headerKey(s.name) === headerKey(name));
    if (!scenario)
      throw new SheetError(
        `There is no scenario "${name}" in the Scenarios sheet any more. Reload the planner.`,
      );
    const read = readPortfolio(ctx.ss, ctx);
    const chosen = new Set(scenario.selectedIds.map((id) => id.toLowerCase()));
    const known = new Set(read.projects.map((p) => p.id.toLowerCase()));
    const missing = scenario.selectedIds.filter((id) => !known.has(id.toLowerCase()));
    if (missing.length)
      throw new SheetError(
        `Scenario "${scenario.name}" selects ${missing.join(', ')}, which Projects no longer has. Run and save the plan again.`,
      );
    const table = read.table;
    const rows = table.rows.length;
    const selected: CellValue[] = new Array<CellValue>(rows).fill('');
    for (const p of read.projects) selected[p.row - 2] = chosen.has(p.id.toLowerCase());
    const pp = scenarioProblem(ctx, read, scenario);
    const why = whyColumn(read, pp, scenario, chosen);
    writeOwnedColumns(ctx, table, [
      { key: 'selected', values: selected },
      { key: 'why', values: why },
    ]);
    const approved = approve(ctx, read.projects, chosen, table);
    markCommitted(ctx, scenario.name);
    const warnings = [
      ...fitWarnings(read, chosen, scenario.budget),
      ...ruleWarnings(pp, chosen, read.settings, scenario),
    ];
    out = {
      message: `Committed "${scenario.name}": ${chosen.size} projects selected, ${approved.length} set to Approved.`,
      warnings,
    };
    return {
      toast: out.message,
      log: `${out.message} Selected: ${scenario.selectedIds.join(', ') || 'none'}. Approved: ${approved.join(', ') || 'none'}.${warnings.length ? ` ${warnings.join(' ')}` : ''}`,
      warnings,
    };
  });
  const ctx = readContext(services);
  return { ...out, saved: readSaved(ctx.ss, ctx) };
}

/**
 * The optimiser's problem for a saved scenario: its own parameters (budget, capacity factor,
 * forces, objective) on today's data and today's Settings (Budget per month, Balance rules).
 * With the Score as objective the projects are scored now, as the planner scores them.
 */
function scenarioProblem(
  ctx: ActionContext,
  sheetRead: ReturnType<typeof readPortfolio>,
  scenario: SavedScenario,
): PortfolioProblem {
  const objective =
    (Object.keys(OBJECTIVE_NAMES) as Objective[]).find(
      (k) => headerKey(OBJECTIVE_NAMES[k]) === headerKey(scenario.objective),
    ) ?? 'score';
  const read = objective === 'score' ? withFreshScores(sheetRead, ctx) : sheetRead;
  const known = new Set(read.projects.map((p) => p.id.toLowerCase()));
  const forced = scenario.forced
    .split(',')
    .map((f) => /^\s*(\S+)\s+(in|out)\s*$/i.exec(f))
    .filter((m): m is RegExpExecArray => m !== null && known.has((m[1] as string).toLowerCase()));
  const pick = (dir: string): string[] =>
    forced.filter((m) => (m[2] as string).toLowerCase() === dir).map((m) => m[1] as string);
  return planProblem(read, {
    budget: scenario.budget ?? defaultBudget(read),
    capacityFactor: scenario.capacityFactor ?? 1,
    objective,
    forceIn: pick('in'),
    forceOut: pick('out'),
  });
}

/**
 * The Why column for a committed scenario, as Optimise portfolio writes it: the reason each
 * candidate of `pp` (scenarioProblem) is in or out of this selection, and "not a candidate:
 * status …" for closed projects; so Selected and Why never contradict each other after a commit.
 */
function whyColumn(
  read: ReturnType<typeof readPortfolio>,
  pp: PortfolioProblem,
  scenario: SavedScenario,
  chosen: ReadonlySet<string>,
): CellValue[] {
  const selection = pp.candidates.map((p) => chosen.has(p.id.toLowerCase()));
  const reasons = explain(buildModel(pp.problem), selection, scenario.status !== 'optimal');
  const byRow = new Map<number, string>();
  pp.candidates.forEach((p, j) => byRow.set(p.row, reasons[j]?.text ?? ''));
  for (const s of pp.skipped) byRow.set(s.project.row, `not a candidate: ${s.reason}`);
  const out: CellValue[] = new Array<CellValue>(read.table.rows.length).fill('');
  for (const p of read.projects) out[p.row - 2] = byRow.get(p.row) ?? '';
  return out;
}

/** Sets Status to Approved for the chosen projects not yet approved or running; returns their IDs. */
function approve(
  ctx: ActionContext,
  projects: ReturnType<typeof readPortfolio>['projects'],
  chosen: ReadonlySet<string>,
  table: ReturnType<typeof readPortfolio>['table'],
): string[] {
  const col = table.index.get('status');
  if (col === undefined)
    throw new SheetError(
      'Projects has no "Status" column. Run Set up workbook to add it, then commit again.',
    );
  const ids: string[] = [];
  const block: CellValue[][] = [];
  const before: CellValue[][] = [];
  const formulas: string[][] = [];
  const byRow = new Map(projects.map((p) => [p.row, p]));
  table.rows.forEach((row, i) => {
    const old = row[col] ?? '';
    const formula = table.formulas[i]?.[col] ?? '';
    before.push([old]);
    formulas.push([formula]);
    const p = byRow.get(i + 2);
    const status = String(old).trim();
    if (p && chosen.has(p.id.toLowerCase()) && TO_APPROVE.has(status) && !formula) {
      block.push(['Approved']);
      ids.push(p.id);
    } else block.push([formula || old]);
  });
  if (ids.length && block.length)
    ctx.tx.write(table.sheet, 2, col + 1, block, { values: before, formulas });
  return ids;
}

function markCommitted(ctx: ActionContext, name: string): void {
  const sheet = ctx.ss.getSheetByName(SCENARIOS.name);
  if (!sheet) return;
  const table = readTable(sheet, SCENARIOS, ctx);
  const nameCol = table.index.get('name') as number;
  const col = table.index.get('committed');
  if (col === undefined) return;
  const i = table.rows.findIndex((r) => headerKey(r[nameCol]) === headerKey(name));
  if (i < 0) return;
  ctx.tx.write(sheet, i + 2, col + 1, [[ctx.now]], {
    values: [[table.rows[i]?.[col] ?? '']],
    formulas: [[table.formulas[i]?.[col] ?? '']],
  });
}

/** Whether the committed projects still fit the scenario's budget and the capacity (fresh data). */
function fitWarnings(
  read: ReturnType<typeof readPortfolio>,
  chosen: ReadonlySet<string>,
  budget: number | null,
): string[] {
  const warnings: string[] = [];
  const cost = read.projects.reduce(
    (s, p) => s + (chosen.has(p.id.toLowerCase()) ? (p.cost ?? 0) : 0),
    0,
  );
  if (budget !== null && cost > budget + 1e-6)
    warnings.push(
      `The selection now costs ${cost.toLocaleString('en-US')}, above the scenario's budget of ${budget.toLocaleString('en-US')} (costs changed since it was saved).`,
    );
  const use = new Map<string, number>();
  for (const d of read.demand) {
    if (!chosen.has(d.projectId.toLowerCase())) continue;
    for (const [period, h] of Object.entries(d.hours)) {
      const k = `${headerKey(d.skill)}|${period}`;
      use.set(k, (use.get(k) ?? 0) + h);
    }
  }
  const over: string[] = [];
  for (const c of read.capacity) {
    for (const [period, cap] of Object.entries(c.hours)) {
      const used = use.get(`${headerKey(c.skill)}|${period}`) ?? 0;
      if (used > cap + 1e-6)
        over.push(`${c.skill} in ${period} (${Math.round(used)} of ${Math.round(cap)} h)`);
    }
  }
  if (over.length)
    warnings.push(
      `At full capacity the selection overloads ${over.slice(0, 5).join(', ')}${over.length > 5 ? ` and ${over.length - 5} more` : ''}: run Check capacity.`,
    );
  return warnings;
}

/**
 * Whether the committed projects keep to Settings' Budget per month and Balance rules as they
 * stand now (a project's cost spread evenly over its Start–End months; shares of the scenario's
 * budget), and whether those rules changed since the scenario was saved.
 */
function ruleWarnings(
  pp: PortfolioProblem,
  chosen: ReadonlySet<string>,
  settings: Settings,
  scenario: SavedScenario,
): string[] {
  const warnings: string[] = [];
  const model = buildModel(pp.problem);
  const selection = pp.candidates.map((p) => chosen.has(p.id.toLowerCase()));
  const months: string[] = [];
  const shares: string[] = [];
  for (const v of violations(model, selection).rows) {
    const row = model.rows[v.row];
    if (!row) continue;
    if (row.kind === 'resource' && pp.problem.resources[row.source]?.kind === 'budget')
      months.push(
        `${pp.problem.resources[row.source]?.subject ?? row.name} (${money(v.activity)} of ${money(row.hi)})`,
      );
    else if (row.kind === 'max share' || row.kind === 'min share') {
      const b = pp.problem.balance[row.source];
      const group = b?.group ?? row.name;
      shares.push(
        row.kind === 'max share'
          ? `${group} costs ${money(v.activity)}, above its ${pct(b?.maxShare ?? 0)} of the budget (${money(row.hi)})`
          : `${group} costs ${money(v.activity)}, below its ${pct(b?.minShare ?? 0)} of the budget (${money(row.lo)})`,
      );
    }
  }
  if (months.length)
    warnings.push(
      `The selection now spends more than Settings' Budget per month in ${months.slice(0, 5).join(', ')}${months.length > 5 ? ` and ${months.length - 5} more months` : ''}.`,
    );
  if (shares.length)
    warnings.push(`The selection now breaks Settings' Balance rules: ${shares.join('; ')}.`);
  const now = scenarioRules(settings);
  const then = recordedRules(scenario);
  const was = recordedRules(now);
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  if (then.budgetPerMonth !== undefined && !same(then.budgetPerMonth, was.budgetPerMonth))
    warnings.push(
      `Settings' Budget per month was "${scenario.budgetPerMonth}" when the scenario was saved and is "${now.budgetPerMonth}" now.`,
    );
  if (then.balanceRules !== undefined && !same(then.balanceRules, was.balanceRules))
    warnings.push(
      `Settings' Balance rules were "${scenario.balanceRules}" when the scenario was saved and are "${now.balanceRules}" now.`,
    );
  return warnings;
}

function money(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/**
 * Committing a saved scenario (Scenario planner): Selected, Why, Planned start and Planned end
 * (the months its run chose) for its projects, Status
 * Approved where it may move there, the scenario's Committed time; logged and undoable, with
 * warnings when the selection no longer fits today's budget, capacity, Budget per month or
 * Balance rules.
 */
import { runAction, type ActionContext } from '../../sheets/action';
import type { CellValue } from '../../sheets/cell-parsers';
import { headerKey } from '../../sheets/headers';
import { writeOwnedColumns } from '../../sheets/owned-columns';
import { SheetError } from '../../sheets/problems';
import { SCENARIOS } from '../../sheets/schema';
import type { Services } from '../../sheets/services';
import { recordedRules, scenarioRules } from '../../sheets/scenarios';
import { pct } from '../../sheets/optimiser-settings';
import type { Settings } from '../../sheets/settings';
import { readTable } from '../../sheets/table';
import { readContext } from '../pages';
import { buildModel, explain, violations, type PortfolioProblem } from '../../core/allocation';
import { addMonths, monthIndex } from '../../core/schedule';
import type { Project } from '../../core/model';
import { OBJECTIVE_NAMES, plannedStartsOf, type Objective, type SavedScenario } from './contract';
import { defaultBudget, planProblem, readPortfolio, withFreshScores } from './plan';
import { readSaved } from './saved';

/** Statuses that committing a scenario moves to Approved (Active and Done stay as they are). */
const TO_APPROVE = new Set(['', 'Proposed', 'In review', 'On hold']);

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
    const planned = plannedColumns(read, chosen, scenario.plannedStarts);
    writeOwnedColumns(ctx, table, [
      { key: 'selected', values: selected },
      { key: 'why', values: why },
      { key: 'plannedStart', values: planned.start },
      { key: 'plannedEnd', values: planned.end },
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

/**
 * Planned start and end of a committed scenario: Start and End of its projects, moved by the
 * months its Planned starts record ("P07 2027-04"); blank for the projects it leaves out.
 */
function plannedColumns(
  read: {
    readonly projects: readonly Project[];
    readonly table: { readonly rows: readonly unknown[] };
  },
  chosen: ReadonlySet<string>,
  recorded: string,
): { start: CellValue[]; end: CellValue[] } {
  const moved = new Map(
    [...plannedStartsOf(recorded)].map(([id, month]) => [id.toLowerCase(), month]),
  );
  const rows = read.table.rows.length;
  const start: CellValue[] = new Array<CellValue>(rows).fill('');
  const end: CellValue[] = new Array<CellValue>(rows).fill('');
  for (const p of read.projects) {
    if (!chosen.has(p.id.toLowerCase()) || !p.start) continue;
    const to = moved.get(p.id.toLowerCase());
    const k = to ? monthIndex(to) - monthIndex(p.start.slice(0, 7)) : 0;
    start[p.row - 2] = addMonths(p.start, k);
    end[p.row - 2] = p.end ? addMonths(p.end, k) : '';
  }
  return { start, end };
}

/**
 * Committing a saved scenario (Scenario planner): only the board (when Settings names one) may;
 * the selection is re-validated against the workbook as it is now (check.ts) and refused when it
 * no longer holds. Then Selected, Why, Planned start and Planned end (the months its run chose)
 * for its projects, Status Approved where it may move there (each change a Decisions row), the
 * scenario's Committed time; logged and undoable.
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
import { rowKeysOf } from '../../sheets/row-keys';
import { readContext } from '../pages';
import { buildModel, explain, type PortfolioProblem } from '../../core/allocation';
import { matchKey } from '../../core/keys';
import type { Project } from '../../core/model';
import { requireBoard } from '../../sheets/board';
import { recordDecisions } from '../../sheets/decisions';
import { refuseDuplicateIds } from '../../sheets/projects';
import { OBJECTIVE_NAMES, plannedStartsOf, type Objective, type SavedScenario } from './contract';
import { addMonths, monthIndex, type PortfolioSchedule } from '../../core/schedule';
import { defaultBudget, planSchedule, readPortfolio, withFreshScores } from './plan';
import { checkSelection } from './check';
import { readSaved } from './saved';

/** Statuses that committing a scenario moves to Approved (Active and Done stay as they are). */
const TO_APPROVE = new Set(['', 'Proposed', 'In review', 'On hold']);

/**
 * Commits a saved scenario: Selected is TRUE for its projects and FALSE for every other row;
 * its projects that are Proposed, In review or On hold (or have no status) become Approved; the
 * scenario's Committed time is set. Refuses, writing nothing, when the user is not on the board,
 * two rows share an ID, or the selection breaks a rule of a fresh read.
 */
export function commitScenario(
  services: Services,
  name: string,
): { message: string; warnings: string[]; saved: SavedScenario[] } {
  let out = { message: '', warnings: [] as string[] };
  runAction(services, 'Commit scenario', (ctx) => {
    requireBoard(ctx, 'commit a scenario');
    const saved = readSaved(ctx.ss, ctx);
    const scenario = saved.find((s) => headerKey(s.name) === headerKey(name));
    if (!scenario)
      throw new SheetError(
        `There is no scenario "${name}" in the Scenarios sheet any more. Reload the planner.`,
      );
    const read = readPortfolio(ctx.ss, ctx);
    refuseDuplicateIds(read.projects, 'Commit scenario');
    // The saved row is no more trusted than the page: its selection is checked against the
    // workbook as it is now, under the lock, before anything is written.
    const ps = scenarioSchedule(ctx, read, scenario);
    const pp = ps.portfolio;
    checkSelection(
      pp,
      scenario.selectedIds,
      `Scenario "${scenario.name}" cannot be committed as the workbook stands now`,
      'Nothing was changed. Run the plan again in the Scenario planner, save it under a new name and commit that.',
      { schedule: ps, starts: plannedStartsOf(scenario.plannedStarts) },
    );
    const chosen = new Set(scenario.selectedIds.map(matchKey));
    const table = read.table;
    const rows = table.rows.length;
    const selected: CellValue[] = new Array<CellValue>(rows).fill('');
    for (const p of read.projects) selected[p.row - 2] = chosen.has(matchKey(p.id));
    const why = whyColumn(read, pp, scenario, chosen);
    const planned = plannedColumns(read, chosen, scenario.plannedStarts);
    writeOwnedColumns(ctx, table, [
      { key: 'selected', values: selected },
      { key: 'why', values: why },
      { key: 'plannedStart', values: planned.start },
      { key: 'plannedEnd', values: planned.end },
    ]);
    const approved = approve(ctx, read.projects, chosen, table);
    recordDecisions(
      ctx,
      approved.map((p) => ({
        user: ctx.user,
        id: p.id,
        name: p.name,
        decision: 'approve',
        from: p.status,
        to: 'Approved',
        reason: `Committed scenario "${scenario.name}"`,
      })),
    );
    markCommitted(ctx, scenario.name);
    const warnings = [
      ...capacityWarnings(read, chosen, scenario.capacityFactor),
      ...ruleWarnings(read.settings, scenario),
    ];
    const ids = approved.map((p) => p.id);
    out = {
      message: `Committed "${scenario.name}": ${chosen.size} projects selected, ${ids.length} set to Approved.`,
      warnings,
    };
    return {
      toast: out.message,
      log: `${out.message} Selected: ${scenario.selectedIds.join(', ') || 'none'}. Approved: ${ids.join(', ') || 'none'} (recorded in Decisions).${warnings.length ? ` ${warnings.join(' ')}` : ''}`,
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
function scenarioSchedule(
  ctx: ActionContext,
  sheetRead: ReturnType<typeof readPortfolio>,
  scenario: SavedScenario,
): PortfolioSchedule {
  const objective =
    (Object.keys(OBJECTIVE_NAMES) as Objective[]).find(
      (k) => headerKey(OBJECTIVE_NAMES[k]) === headerKey(scenario.objective),
    ) ?? 'score';
  const read = objective === 'score' ? withFreshScores(sheetRead, ctx) : sheetRead;
  const known = new Set(read.projects.map((p) => matchKey(p.id)));
  const forced = scenario.forced
    .split(',')
    .map((f) => /^\s*(\S+)\s+(in|out)\s*$/i.exec(f))
    .filter((m): m is RegExpExecArray => m !== null && known.has(matchKey(m[1] as string)));
  const pick = (dir: string): string[] =>
    forced.filter((m) => (m[2] as string).toLowerCase() === dir).map((m) => m[1] as string);
  return planSchedule(read, {
    budget: scenario.budget ?? defaultBudget(read),
    capacityFactor: scenario.capacityFactor ?? 1,
    objective,
    forceIn: pick('in'),
    forceOut: pick('out'),
  });
}

/**
 * The Why column for a committed scenario, as Optimise portfolio writes it: the reason each
 * candidate of `pp` (scenarioSchedule) is in or out of this selection, and "not a candidate:
 * status …" for closed projects; so Selected and Why never contradict each other after a commit.
 */
function whyColumn(
  read: ReturnType<typeof readPortfolio>,
  pp: PortfolioProblem,
  scenario: SavedScenario,
  chosen: ReadonlySet<string>,
): CellValue[] {
  const selection = pp.candidates.map((p) => chosen.has(matchKey(p.id)));
  const reasons = explain(buildModel(pp.problem), selection, scenario.status !== 'optimal');
  const byRow = new Map<number, string>();
  pp.candidates.forEach((p, j) => byRow.set(p.row, reasons[j]?.text ?? ''));
  for (const s of pp.skipped) byRow.set(s.project.row, `not a candidate: ${s.reason}`);
  const out: CellValue[] = new Array<CellValue>(read.table.rows.length).fill('');
  for (const p of read.projects) out[p.row - 2] = byRow.get(p.row) ?? '';
  return out;
}

/** Sets Status to Approved for the chosen projects not yet approved or running; returns them. */
function approve(
  ctx: ActionContext,
  projects: ReturnType<typeof readPortfolio>['projects'],
  chosen: ReadonlySet<string>,
  table: ReturnType<typeof readPortfolio>['table'],
): Project[] {
  const col = table.index.get('status');
  if (col === undefined)
    throw new SheetError(
      'Projects has no "Status" column. Run Set up workbook to add it, then commit again.',
    );
  const moved: Project[] = [];
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
    if (p && chosen.has(matchKey(p.id)) && TO_APPROVE.has(status) && !formula) {
      block.push(['Approved']);
      moved.push(p);
    } else block.push([formula || old]);
  });
  if (moved.length && block.length)
    ctx.tx.write(table.sheet, 2, col + 1, block, {
      values: before,
      formulas,
      key: rowKeysOf(table, 0, block.length),
    });
  return moved;
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
    key: rowKeysOf(table, i, 1),
  });
}

/**
 * The selection keeps to the capacity the scenario was planned with (checkSelection); when that
 * was above 100% of the Capacity sheet, say which skill-months it overloads at full capacity.
 */
function capacityWarnings(
  read: ReturnType<typeof readPortfolio>,
  chosen: ReadonlySet<string>,
  factor: number | null,
): string[] {
  if (factor === null || factor <= 1) return [];
  const use = new Map<string, number>();
  for (const d of read.demand) {
    if (!chosen.has(matchKey(d.projectId))) continue;
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
  return over.length
    ? [
        `The scenario was planned with ${pct(factor)} of the Capacity sheet; at full capacity the selection overloads ${over.slice(0, 5).join(', ')}${over.length > 5 ? ` and ${over.length - 5} more` : ''}: run Check capacity.`,
      ]
    : [];
}

/** Whether Settings' Budget per month and Balance rules changed since the scenario was saved. */
function ruleWarnings(settings: Settings, scenario: SavedScenario): string[] {
  const warnings: string[] = [];
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
  const moved = new Map([...plannedStartsOf(recorded)].map(([id, month]) => [matchKey(id), month]));
  const rows = read.table.rows.length;
  const start: CellValue[] = new Array<CellValue>(rows).fill('');
  const end: CellValue[] = new Array<CellValue>(rows).fill('');
  for (const p of read.projects) {
    if (!chosen.has(matchKey(p.id)) || !p.start) continue;
    const to = moved.get(matchKey(p.id));
    const k = to ? monthIndex(to) - monthIndex(p.start.slice(0, 7)) : 0;
    start[p.row - 2] = addMonths(p.start, k);
    end[p.row - 2] = p.end ? addMonths(p.end, k) : '';
  }
  return { start, end };
}

import {
  efficientFrontier,
  problem,
  solveAllocation,
  type AllocationProblem,
  type AllocationResult,
  type Candidate,
  type Resource,
} from '../core/allocation';
import { Deadline, TIME_BUDGET } from '../core/time-budget';
import { formula } from './guard';
import { FormulaContext, gridCell, vectorCell, type Vector } from './args';
import { isBlank, quote, type Cell, type Grid } from './cells';
import { linkCells, readLinkColumns, readLinks, type LinkArgs } from './links';

/**
 * Wall-clock caps for the solver inside a custom function. Sheets stops a custom function at
 * 30 s and Apps Script's V8 runs this code several times slower than Node, so the solver stops
 * well inside: ALLOCATE's search after 5 s, FRONTIER after 10 s from its start for everything
 * (reading the ranges and all its budgets; budgets not reached say so). See docs/limits.md.
 */
export const ALLOCATE_TIME_LIMIT_MS = 5_000;
export const FRONTIER_TIME_LIMIT_MS = TIME_BUDGET.customFunctionMs;

/** FRONTIER's value cell for a budget its time cap did not reach. */
const NOT_REACHED = `not computed: FRONTIER stops after ${FRONTIER_TIME_LIMIT_MS / 1000} s`;

/** The projects of a formula's ranges: row i of the ranges is project index[i] (−1 = blank row). */
interface Portfolio {
  readonly shape: Vector;
  readonly index: number[];
  readonly projects: Candidate[];
  readonly resources: Resource[];
  readonly dependencies: AllocationProblem['dependencies'];
  readonly exclusions: AllocationProblem['exclusions'];
}

/**
 * Reads values, costs, demand, capacity, force, ids, dependsOn and excludes row by row. A row
 * where every range is blank is a blank row (an open range's tail); otherwise a blank value
 * counts 0, a blank demand cell 0 hours, and the cost must be given. With ids, each project is
 * named by its ID (in conflicts too) and its Depends on / Excludes IDs become dependencies and
 * exclusions (links.ts).
 */
function readPortfolio(
  ctx: FormulaContext,
  values: unknown,
  costs: unknown,
  demand: unknown,
  capacity: unknown,
  force: unknown,
  links: LinkArgs,
): Portfolio {
  const v = ctx.vector('values', ctx.grid('values', values, true, 'D2:D') as Grid);
  const c = ctx.vector('costs', ctx.grid('costs', costs, true, 'E2:E') as Grid);
  const n = v.cells.length;
  if (c.cells.length !== n)
    ctx.fail(`costs has ${c.cells.length} cells but values has ${n}. Use ranges of the same size.`);
  const dg = ctx.grid('demand', demand, false, 'G2:R');
  const cg = ctx.grid('capacity', capacity, false, 'G1:R1');
  if (dg && !cg) ctx.fail('capacity is missing. Give one capacity per demand column, e.g. G1:R1.');
  if (cg && !dg) ctx.fail('demand is missing. Give one row of demand per project, e.g. G2:R.');
  let cap: number[] = [];
  if (dg && cg) {
    const width = (dg[0] as Cell[]).length;
    if (dg.length !== n)
      ctx.fail(
        `demand has ${dg.length} rows but values has ${n}. Give one row of demand per project.`,
      );
    cap = readCapacities(ctx, ctx.vector('capacity', cg), width);
  }
  let f: Vector | undefined;
  const fg = ctx.grid('force', force, false, 'F2:F');
  if (fg) {
    f = ctx.vector('force', fg);
    if (f.cells.length !== n)
      ctx.fail(
        `force has ${f.cells.length} cells but values has ${n}. Use ranges of the same size.`,
      );
  }
  const linkCols = readLinkColumns(ctx, n, links);

  const index: number[] = [];
  const projects: Candidate[] = [];
  const use: [number, number][][] = cap.map(() => []);
  // Running totals: the solver adds values, costs and demand, so their sums must stay finite.
  const sums = new Sums(ctx);
  for (let i = 0; i < n; i++) {
    const demandRow = dg ? (dg[i] as Cell[]) : [];
    const forceCell = f?.cells[i];
    if (isBlankProjectRow(v, c, i, [...demandRow, forceCell, ...linkCells(linkCols, i)])) {
      index.push(-1);
      continue;
    }
    const { value, cost } = readValueCost(ctx, v, c, i);
    sums.add('values', Math.abs(value), vectorCell('values', v, i));
    sums.add('costs', cost, vectorCell('costs', c, i));
    const j = projects.length;
    index.push(j);
    projects.push({ id: `row ${i + 1}`, value, cost, force: readForce(ctx, f, i) });
    demandRow.forEach((cell, k) => {
      const h = ctx.number(gridCell('demand', i, k), cell, {
        min: 0,
        fix: 'Demand must be a number of 0 or more, or blank for none.',
      });
      if (h !== null && h > 0) {
        sums.add(`demand column ${k + 1}`, h, gridCell('demand', i, k));
        (use[k] as [number, number][]).push([j, h]);
      }
    });
  }
  const resources: Resource[] = cap.map((limit, k) => ({
    name: `capacity of demand column ${k + 1}`,
    subject: `demand column ${k + 1}`,
    unit: '',
    kind: 'capacity',
    limit,
    use: use[k] as [number, number][],
  }));
  const { names, dependencies, exclusions } = readLinks(ctx, linkCols, index);
  return {
    shape: v,
    index,
    projects: names ? projects.map((p, j) => ({ ...p, id: names[j] as string })) : projects,
    resources,
    dependencies,
    exclusions,
  };
}

/** The allocation problem of a formula's projects at a budget. */
function problemOf(pf: Portfolio, budget: number): AllocationProblem {
  const { projects, resources, dependencies, exclusions } = pf;
  return problem({ projects, budget, resources, dependencies, exclusions });
}

/**
 * The capacity argument: one number of 0 or more per demand column (`width` of them), none blank.
 * ALLOCATE's and SCHEDULE's.
 */
export function readCapacities(ctx: FormulaContext, cv: Vector, width: number): number[] {
  if (cv.cells.length !== width)
    ctx.fail(
      `capacity has ${cv.cells.length} cells but demand has ${width} columns. Give one capacity per demand column.`,
    );
  return cv.cells.map((cell, k) => {
    const x = ctx.number(vectorCell('capacity', cv, k), cell, {
      min: 0,
      fix: 'Capacity must be a number of 0 or more.',
    });
    if (x === null)
      ctx.fail(`${vectorCell('capacity', cv, k)} is blank. Give every demand column a capacity.`);
    return x;
  });
}

/** Running totals of an argument's numbers; an overflowing total is an error naming the cell. */
class Sums {
  private readonly totals = new Map<string, number>();
  constructor(private readonly ctx: FormulaContext) {}

  add(what: string, x: number, where: string): void {
    const total = (this.totals.get(what) ?? 0) + x;
    if (!Number.isFinite(total))
      this.ctx.fail(
        `${where}: the ${what} up to this cell add up to a number too large to compute with (Sheets' numbers stop near 1.8e308). Use smaller numbers, e.g. in thousands.`,
      );
    this.totals.set(what, total);
  }
}

/**
 * Whether row i of an open range is past the projects: value, cost and every other cell of the
 * row (demand, force, max delay …) blank. Such a row gives a blank result.
 */
export function isBlankProjectRow(
  v: Vector,
  c: Vector,
  i: number,
  rest: readonly (Cell | undefined)[],
): boolean {
  return isBlank(v.cells[i]) && isBlank(c.cells[i]) && rest.every((x) => isBlank(x));
}

/** Row i's value (blank counts 0) and cost (required, ≥ 0), errors naming the cell. */
export function readValueCost(
  ctx: FormulaContext,
  v: Vector,
  c: Vector,
  i: number,
): { value: number; cost: number } {
  const value =
    ctx.number(vectorCell('values', v, i), v.cells[i], { fix: 'Values must be numbers.' }) ?? 0;
  const cost = ctx.number(vectorCell('costs', c, i), c.cells[i], {
    min: 0,
    fix: 'Costs must be numbers of 0 or more.',
  });
  if (cost === null)
    return ctx.fail(
      `${vectorCell('costs', c, i)} is blank. Give every project a cost (0 if it is free).`,
    );
  return { value, cost };
}

function readForce(ctx: FormulaContext, f: Vector | undefined, i: number): Candidate['force'] {
  const cell = f?.cells[i];
  if (!f || isBlank(cell)) return null;
  const s = typeof cell === 'string' ? cell.trim().toLowerCase() : '';
  if (s === 'in' || s === 'out') return s;
  return ctx.fail(
    `${vectorCell('force', f, i)} is ${quote(cell)}. Use "in" to force a project in, "out" to keep it out, or leave it blank.`,
  );
}

function readBudget(ctx: FormulaContext, name: string, cell: Cell, where: string): number | null {
  return ctx.number(where, cell, {
    min: 0,
    fix: `The ${name} must be a number of 0 or more.`,
  });
}

/** Throws the formula error for a result without a selection. */
function noSelection(ctx: FormulaContext, r: AllocationResult): never {
  if (r.status === 'infeasible')
    ctx.fail(`no selection satisfies every constraint: ${r.conflict?.message ?? 'they conflict'}.`);
  return ctx.fail(
    'no selection satisfying every constraint was found in time. Remove a forced-in project or relax a capacity.',
  );
}

/**
 * Chooses the projects that maximise the total value within a budget and capacities: a 0/1
 * selection where the chosen projects' costs fit the budget, each demand column's total fits its
 * capacity, projects forced "in" are chosen and projects forced "out" are not, a project is chosen
 * only with the projects it depends on, and of two projects that exclude each other at most one.
 * Exact (branch and bound); after 5 s it returns the best selection found.
 *
 * @param {number[][]} values The value of each project (e.g. its score), one per row, e.g. D2:D.
 * @param {number[][]} costs The cost of each project, one per row, e.g. E2:E.
 * @param {number} budget The budget: the chosen projects' costs add up to at most this.
 * @param {number[][]} [demand] Optional: what each project needs of each resource, one row per project and one column per resource (e.g. a skill in a month), e.g. G2:R.
 * @param {number[][]} [capacity] Optional: the capacity of each demand column, as one row, e.g. G1:R1.
 * @param {string[][]} [force] Optional: "in" to force a project in, "out" to keep it out, blank to let the optimiser choose, e.g. F2:F.
 * @param {string[][]} [ids] Optional: each project's ID, e.g. A2:A; needed by dependsOn and excludes, and used in conflict messages.
 * @param {string[][]} [dependsOn] Optional: the IDs each project needs, separated by commas, e.g. S2:S. A chosen project's prerequisites are chosen too.
 * @param {string[][]} [excludes] Optional: the IDs each project cannot run with, separated by commas, e.g. T2:T. At most one of each such pair is chosen.
 * @return {number[][]} 1 for each chosen project, 0 for the others; blank rows stay blank.
 * @customfunction
 */
export function ALLOCATE(
  values: unknown,
  costs: unknown,
  budget: unknown,
  demand?: unknown,
  capacity?: unknown,
  force?: unknown,
  ids?: unknown,
  dependsOn?: unknown,
  excludes?: unknown,
): (number | string)[][] {
  return formula('ALLOCATE', () => {
    const ctx: FormulaContext = new FormulaContext('ALLOCATE');
    // The cap counts from the call's start: reading the ranges uses it too.
    const deadline = Deadline.in(TIME_BUDGET.customFunctionMs);
    // Sheets passes a one-cell reference as its value: a blank budget cell arrives as "".
    const blank = 'budget is a blank cell. Type the budget (a number of 0 or more) in it.';
    if (budget === '') ctx.fail(blank);
    const bg = ctx.grid('budget', budget, true, 'B1') as Grid;
    if (bg.length !== 1 || (bg[0] as Cell[]).length !== 1)
      ctx.fail('budget must be a single number, not a range. Pass one cell such as B1.');
    const b = readBudget(ctx, 'budget', (bg[0] as Cell[])[0] as Cell, 'budget') ?? ctx.fail(blank);
    const pf = readPortfolio(ctx, values, costs, demand, capacity, force, {
      ids,
      dependsOn,
      excludes,
    });
    const r = solveAllocation(problemOf(pf, b), { timeLimitMs: ALLOCATE_TIME_LIMIT_MS, deadline });
    if (!r.feasible) noSelection(ctx, r);
    const out = pf.index.map((j) => (j < 0 ? null : r.selected[j] ? 1 : 0));
    return pf.shape.orientation === 'row' ? [out.map((x) => x ?? '')] : out.map((x) => [x ?? '']);
  });
}

/**
 * The efficient frontier: for each budget, the best total value the projects can reach, the cost
 * it uses and how many projects it takes — for a chart of value against budget, under the same
 * capacities, dependencies and exclusions as ALLOCATE. Budgets are solved from the smallest up,
 * each starting from the previous answer, so value never falls as the budget grows; all budgets
 * together stop after 10 s with the best found.
 *
 * @param {number[][]} values The value of each project, one per row, e.g. D2:D.
 * @param {number[][]} costs The cost of each project, one per row, e.g. E2:E.
 * @param {number[][]} budgets The budgets to try, as a column or a row, e.g. J2:J21.
 * @param {number[][]} [demand] Optional: what each project needs of each resource, one row per project, e.g. G2:R.
 * @param {number[][]} [capacity] Optional: the capacity of each demand column, as one row, e.g. G1:R1.
 * @param {string[][]} [ids] Optional: each project's ID, e.g. A2:A; needed by dependsOn and excludes.
 * @param {string[][]} [dependsOn] Optional: the IDs each project needs, separated by commas, e.g. S2:S. A chosen project's prerequisites are chosen too.
 * @param {string[][]} [excludes] Optional: the IDs each project cannot run with, separated by commas, e.g. T2:T. At most one of each such pair is chosen.
 * @return {number[][]} One row per budget: budget, best value, cost used, number of projects chosen.
 * @customfunction
 */
export function FRONTIER(
  values: unknown,
  costs: unknown,
  budgets: unknown,
  demand?: unknown,
  capacity?: unknown,
  ids?: unknown,
  dependsOn?: unknown,
  excludes?: unknown,
): (number | string)[][] {
  return formula('FRONTIER', () => {
    const ctx: FormulaContext = new FormulaContext('FRONTIER');
    const deadline = Deadline.in(FRONTIER_TIME_LIMIT_MS);
    const bv = ctx.vector('budgets', ctx.grid('budgets', budgets, true, 'J2:J21') as Grid);
    const list = bv.cells.map((cell, i) =>
      readBudget(ctx, 'budget', cell, vectorCell('budgets', bv, i)),
    );
    const pf = readPortfolio(ctx, values, costs, demand, capacity, undefined, {
      ids,
      dependsOn,
      excludes,
    });
    const order = list
      .map((b, i) => ({ b, i }))
      .filter((e): e is { b: number; i: number } => e.b !== null)
      .sort((x, y) => x.b - y.b || x.i - y.i);
    const rows: (number | string)[][] = list.map(() => ['', '', '', '']);
    const points = efficientFrontier(
      problemOf(pf, 0),
      order.map((e) => e.b),
      { deadline },
    );
    points.forEach(({ budget, result: r, solved }, k) => {
      if (!solved) {
        rows[(order[k] as { i: number }).i] = [budget, NOT_REACHED, '', ''];
        return;
      }
      if (!r.feasible) noSelection(ctx, r);
      rows[(order[k] as { i: number }).i] = [budget, r.value, r.cost, r.count];
    });
    return rows;
  });
}

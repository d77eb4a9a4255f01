import { formula } from './guard';
import { solveSchedule, type ScheduleProject, type ScheduleUse } from '../core/schedule';
import { isBlankProjectRow, readCapacities, readValueCost } from './allocate';
import { FormulaContext, gridCell, vectorCell, type Vector } from './args';
import type { Cell, Grid } from './cells';

/**
 * SCHEDULE's wall-clock cap. Sheets stops a custom function at 30 s and Apps Script's V8 runs
 * several times slower than Node, so the search stops after 10 s of work and returns the best
 * schedule found (proven optimal when the search finished before).
 */
export const SCHEDULE_TIME_LIMIT_MS = 10_000;

/** Reads a whole number of 0 or more, or a fraction 0 ≤ x < 1. */
function wholeNumber(ctx: FormulaContext, where: string, cell: Cell): number {
  const x = ctx.number(where, cell, {
    min: 0,
    fix: 'Give a whole number of periods of 0 or more (0 = cannot move).',
  });
  if (x === null)
    return ctx.fail(`${where} is blank. Give a whole number of periods (0 = cannot move).`);
  if (!Number.isInteger(x))
    ctx.fail(`${where} is ${x}; it must be a whole number of periods (0 = cannot move).`);
  return x;
}

/**
 * Chooses which projects to run and when: for each project a start delay of 0 to its max_delay
 * periods, its whole demand moving with it, maximising the total value — each project's value
 * falls by the discount for each period of delay — within the budget and, after the shift, every
 * column's capacity. A delay is allowed only while the shifted demand stays inside its block
 * (nothing past the last period). Exact (branch and bound); after 10 s it returns the best
 * schedule found.
 *
 * @param {number[][]} values The value of each project, one per row, e.g. D2:D.
 * @param {number[][]} costs The cost of each project, one per row, e.g. E2:E.
 * @param {number} budget The budget: the chosen projects' costs add up to at most this.
 * @param {number[][]} demand What each project needs per period when it starts without delay: one row per project, `periods` consecutive columns per resource (columns 1…periods are resource 1, the next periods resource 2, …), e.g. G2:AD.
 * @param {number[][]} capacity The capacity of each demand column, as one row as wide as demand, e.g. G1:AD1.
 * @param {number} periods How many periods each resource has (the width of one block of demand), e.g. 12.
 * @param {number[][]} max_delay The most periods each project may start late (0 = cannot move), one per row, or one number for all, e.g. F2:F.
 * @param {number} [discount] Optional: the fraction of value lost per period of delay, e.g. 0.02 (a project delayed d periods is worth value × (1 − discount)^d); blank for none.
 * @return {number[][]} The chosen delay in periods for each selected project (0 = starts as planned), blank for the others and for blank rows.
 * @customfunction
 */
export function SCHEDULE(
  values: unknown,
  costs: unknown,
  budget: unknown,
  demand: unknown,
  capacity: unknown,
  periods: unknown,
  max_delay: unknown,
  discount?: unknown,
): (number | string)[][] {
  return formula('SCHEDULE', () => {
    // Annotated so that ctx.fail (never) narrows what follows.
    const ctx: FormulaContext = new FormulaContext('SCHEDULE');
    const single = (name: string, raw: unknown, example: string): Cell => {
      if (raw === '') ctx.fail(`${name} is a blank cell. Type ${example} in it.`);
      const g = ctx.grid(name, raw, true, 'B1') as Grid;
      if (g.length !== 1 || (g[0] as Cell[]).length !== 1)
        ctx.fail(`${name} must be a single number, not a range. Pass one cell such as B1.`);
      return (g[0] as Cell[])[0] as Cell;
    };
    const b =
      ctx.number('budget', single('budget', budget, 'the budget (a number of 0 or more)'), {
        min: 0,
        fix: 'The budget must be a number of 0 or more.',
      }) ?? ctx.fail('budget is blank. Type the budget (a number of 0 or more) in it.');
    const T = ctx.number('periods', single('periods', periods, 'the number of periods, e.g. 12'), {
      min: 1,
      fix: 'periods must be a whole number of 1 or more: the width of one resource block of demand.',
    });
    if (T === null || !Number.isInteger(T))
      ctx.fail(
        `periods is ${T ?? 'blank'}; it must be a whole number of 1 or more: the width of one resource block of demand.`,
      );

    let disc = 0;
    if (discount !== undefined && discount !== '') {
      disc =
        ctx.number('discount', single('discount', discount, 'a fraction such as 0.02'), {
          min: 0,
          max: 0.999999,
          fix: 'The discount is a fraction of value lost per period, from 0 up to (not including) 1, e.g. 0.02.',
        }) ?? 0;
    }

    const v = ctx.vector('values', ctx.grid('values', values, true, 'D2:D') as Grid);
    const c = ctx.vector('costs', ctx.grid('costs', costs, true, 'E2:E') as Grid);
    const n = v.cells.length;
    if (c.cells.length !== n)
      ctx.fail(
        `costs has ${c.cells.length} cells but values has ${n}. Use ranges of the same size.`,
      );
    const dg = ctx.grid('demand', demand, true, 'G2:AD') as Grid;
    const width = (dg[0] as Cell[]).length;
    if (dg.length !== n)
      ctx.fail(
        `demand has ${dg.length} rows but values has ${n}. Give one row of demand per project.`,
      );
    if (width % T !== 0)
      ctx.fail(
        `demand has ${width} columns, not a whole number of blocks of ${T} periods. Give each resource exactly ${T} columns.`,
      );
    const cap = readCapacities(
      ctx,
      ctx.vector('capacity', ctx.grid('capacity', capacity, true, 'G1:AD1') as Grid),
      width,
    );
    const mv: Vector = ctx.vector(
      'max_delay',
      ctx.grid('max_delay', max_delay, true, 'F2:F') as Grid,
    );
    if (mv.orientation !== 'single' && mv.cells.length !== n)
      ctx.fail(
        `max_delay has ${mv.cells.length} cells but values has ${n}. Give one per project, or one number for all.`,
      );

    const R = width / T;
    const index: number[] = [];
    const projects: ScheduleProject[] = [];
    for (let i = 0; i < n; i++) {
      const row = dg[i] as Cell[];
      const maxCell = mv.orientation === 'single' ? undefined : mv.cells[i];
      if (isBlankProjectRow(v, c, i, [...row, maxCell])) {
        index.push(-1);
        continue;
      }
      const { value, cost } = readValueCost(ctx, v, c, i);
      const maxDelay =
        mv.orientation === 'single'
          ? wholeNumber(ctx, 'max_delay', mv.cells[0] as Cell)
          : wholeNumber(ctx, vectorCell('max_delay', mv, i), mv.cells[i] as Cell);
      const use: ScheduleUse[] = [];
      row.forEach((cell, k) => {
        const h = ctx.number(gridCell('demand', i, k), cell, {
          min: 0,
          fix: 'Demand must be a number of 0 or more, or blank for none.',
        });
        if (h !== null && h > 0) use.push({ lane: Math.floor(k / T), period: k % T, amount: h });
      });
      index.push(projects.length);
      projects.push({ id: `row ${i + 1}`, value, cost, force: null, start: 0, use, maxDelay });
    }
    const r = solveSchedule(
      {
        periods: Array.from({ length: T }, (_, t) => `period ${t + 1}`),
        unit: ['period', 'periods'],
        projects,
        lanes: Array.from({ length: R }, (_, l) => ({
          name: `resource ${l + 1}`,
          kind: 'capacity' as const,
          unit: '',
          limits: cap.slice(l * T, (l + 1) * T),
        })),
        budget: b,
        dependencies: [],
        exclusions: [],
        balance: [],
        discount: disc,
      },
      { timeLimitMs: SCHEDULE_TIME_LIMIT_MS },
    );
    if (!r.feasible)
      ctx.fail(
        r.status === 'infeasible'
          ? `no schedule satisfies every constraint: ${r.conflict?.message ?? 'they conflict'}.`
          : 'no schedule satisfying every constraint was found in time. Relax a capacity or the budget.',
      );
    const out = index.map((j) => (j < 0 ? null : (r.delay[j] ?? null)));
    return v.orientation === 'row' ? [out.map((x) => x ?? '')] : out.map((x) => [x ?? '']);
  });
}

/**
 * The Scenario planner: run the optimiser on the workbook with a budget, a capacity factor,
 * forced projects and an objective; save the run as a scenario (Scenarios sheet); compare two
 * saved scenarios (computed in the page: `compareScenarios`); commit one (Selected and Status
 * Approved in Projects, logged and undoable).
 */
import * as z from 'zod/mini';
import { lazy } from '../../core/lazy';
import { method, noInput } from '../bridge/contract';

export const OBJECTIVES = ['score', 'revenue', 'risk-adjusted'] as const;
export type Objective = (typeof OBJECTIVES)[number];
export const OBJECTIVE_NAMES: Readonly<Record<Objective, string>> = {
  score: 'Score',
  revenue: 'Expected revenue',
  'risk-adjusted': 'Risk-adjusted revenue',
};

const ids = (): z.ZodMiniArray<z.ZodMiniString<string>> =>
  z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(50)));

export const paramsSchema = lazy(() =>
  z
    .object({
      budget: z
        .number('Type the budget as a number.')
        .check(
          z.gte(0, 'The budget cannot be negative.'),
          z.lte(1e13, 'The budget is implausibly large.'),
        ),
      capacityFactor: z
        .number('Type the capacity factor as a percentage.')
        .check(
          z.gte(0.1, 'Capacity runs from 10% to 300% of the Capacity sheet.'),
          z.lte(3, 'Capacity runs from 10% to 300% of the Capacity sheet.'),
        ),
      objective: z.enum(OBJECTIVES),
      forceIn: ids(),
      forceOut: ids(),
    })
    .check(
      z.refine((p) => !p.forceIn.some((id) => p.forceOut.includes(id)), {
        message: 'A project cannot be forced both in and out.',
        path: ['forceOut'],
      }),
    ),
);
export type PlanParams = z.input<ReturnType<typeof paramsSchema>>;

const statusSchema = (): z.ZodMiniEnum<{
  optimal: 'optimal';
  'time limit': 'time limit';
  infeasible: 'infeasible';
}> => z.enum(['optimal', 'time limit', 'infeasible']);

export const planResultSchema = lazy(() =>
  z.object({
    status: statusSchema(),
    feasible: z.boolean(),
    value: z.number(),
    cost: z.number(),
    count: z.number(),
    /** (bound − value) ÷ value; null when unbounded (nothing chosen yet). */
    gap: z.nullable(z.number()),
    seconds: z.number(),
    budget: z.number(),
    selected: z.array(z.string()),
    projects: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        cost: z.number(),
        value: z.number(),
        selected: z.boolean(),
        why: z.string(),
        /** "YYYY-MM-DD" when selected and it has a Start; "" otherwise. */
        plannedStart: z.string(),
      }),
    ),
    /** Projects starting after their Start: "P07 2027-04". */
    moved: z.array(z.string()),
    /** The most loaded skill-periods of the selection, heaviest first. */
    loads: z.array(
      z.object({
        skill: z.string(),
        period: z.string(),
        used: z.number(),
        capacity: z.number(),
        share: z.number(),
      }),
    ),
    /** The efficient frontier: best value per budget, from 0 to the total cost. */
    frontier: z.array(
      z.object({ budget: z.number(), value: z.number(), cost: z.number(), count: z.number() }),
    ),
    conflict: z.nullable(z.string()),
    warnings: z.array(z.string()),
  }),
);
export type PlanResult = z.output<ReturnType<typeof planResultSchema>>;

export const savedSchema = lazy(() =>
  z.object({
    name: z.string(),
    when: z.string(),
    who: z.string(),
    objective: z.string(),
    budget: z.nullable(z.number()),
    capacityFactor: z.nullable(z.number()),
    forced: z.string(),
    value: z.nullable(z.number()),
    cost: z.nullable(z.number()),
    count: z.nullable(z.number()),
    status: z.string(),
    gap: z.nullable(z.number()),
    selectedIds: z.array(z.string()),
    committed: z.string(),
    /** Settings' Budget per month and Balance rules of the run ("none"; "" when not recorded). */
    budgetPerMonth: z.string(),
    balanceRules: z.string(),
    /** Projects starting after their Start, "P07 2027-04; P12 2027-05" ("" for none). */
    plannedStarts: z.string(),
  }),
);
export type SavedScenario = z.output<ReturnType<typeof savedSchema>>;

export const plannerModelSchema = lazy(() =>
  z.object({
    budget: z.number(),
    objective: z.enum(OBJECTIVES),
    totalCost: z.number(),
    projects: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        force: z.enum(['in', 'out', '']),
        cost: z.number(),
      }),
    ),
    saved: z.array(savedSchema()),
    notes: z.array(z.string()),
  }),
);
export type PlannerModel = z.output<ReturnType<typeof plannerModelSchema>>;

const nameSchema = (): z.ZodMiniString<string> =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Name the scenario.'),
      z.maxLength(100, 'Keep the name under 100 characters.'),
    );

export const plannerContract = {
  load: method(noInput, plannerModelSchema),
  run: method(paramsSchema, planResultSchema),
  save: method(
    () =>
      z.object({
        name: nameSchema(),
        params: paramsSchema(),
        selectedIds: ids(),
        status: statusSchema(),
        gap: z.nullable(z.number().check(z.gte(0))),
        seconds: z.number().check(z.gte(0)),
        /** The run's moved starts, "P07 2027-04" (absent: none moved). */
        plannedStarts: z.optional(
          z.array(
            z
              .string()
              .check(
                z.regex(
                  /^\S{1,50} \d{4}-(0[1-9]|1[0-2])$/,
                  'A moved start reads like "P07 2027-04".',
                ),
              ),
          ),
        ),
      }),
    () => z.object({ saved: z.array(savedSchema()), message: z.string() }),
  ),
  commit: method(
    () => z.object({ name: nameSchema() }),
    () =>
      z.object({
        message: z.string(),
        warnings: z.array(z.string()),
        saved: z.array(savedSchema()),
      }),
  ),
};

export interface Comparison {
  /** In B, not in A. */
  readonly enter: readonly { id: string; name: string }[];
  /** In A, not in B. */
  readonly leave: readonly { id: string; name: string }[];
  readonly valueDelta: number | null;
  readonly costDelta: number | null;
  readonly countDelta: number;
  /** In both, starting in a different month: "as planned" for its Start. */
  readonly moved: readonly { id: string; name: string; from: string; to: string }[];
}

/** "P07 2027-04; P12 2027-05" → P07 → 2027-04, P12 → 2027-05. */
export function plannedStartsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(';')) {
    const m = /^\s*(\S+)\s+(\d{4}-\d{2})\s*$/.exec(part);
    if (m) out.set(m[1] as string, m[2] as string);
  }
  return out;
}

/** What changes from scenario A to scenario B: projects entering and leaving, and the deltas. */
export function compareScenarios(
  a: SavedScenario,
  b: SavedScenario,
  names: ReadonlyMap<string, string>,
): Comparison {
  const inA = new Set(a.selectedIds);
  const inB = new Set(b.selectedIds);
  const named = (id: string): { id: string; name: string } => ({ id, name: names.get(id) ?? '' });
  const delta = (x: number | null, y: number | null): number | null =>
    x === null || y === null ? null : y - x;
  return {
    enter: b.selectedIds.filter((id) => !inA.has(id)).map(named),
    leave: a.selectedIds.filter((id) => !inB.has(id)).map(named),
    valueDelta: delta(a.value, b.value),
    costDelta: delta(a.cost, b.cost),
    countDelta: b.selectedIds.length - a.selectedIds.length,
    moved: b.selectedIds
      .filter((id) => inA.has(id))
      .flatMap((id) => {
        const from = plannedStartsOf(a.plannedStarts).get(id) ?? 'as planned';
        const to = plannedStartsOf(b.plannedStarts).get(id) ?? 'as planned';
        return from === to ? [] : [{ ...named(id), from, to }];
      }),
  };
}

/**
 * LinearOptimizationService for the emulator, backed by HiGHS (the `highs` npm package, a
 * devDependency: it never reaches the bundle).
 *
 * Follows the documented engine (APPS_SCRIPT_FACTS.md §7): createEngine(); addVariable(name,
 * lower, upper[, type[, objectiveCoefficient]]) (CONTINUOUS by default); addVariables;
 * addConstraint(lower, upper) → constraint.setCoefficient(name, coefficient); addConstraints;
 * setObjectiveCoefficient; setMaximization / setMinimization (minimisation by default); solve()
 * with a 30 s deadline or solve(seconds) up to 300 → a solution with getObjectiveValue,
 * getVariableValue, getStatus and isValid (FEASIBLE or OPTIMAL). Engine methods return the
 * engine. Status and VariableType are enums whose values are their names.
 *
 * Not documented, chosen here: a duplicate variable name, an unknown variable name, or a
 * deadline outside 0–300 s throws an Error naming it; a variable with lower > upper, or a
 * non-finite coefficient, gives status MODEL_INVALID; a limit reached with a solution gives
 * FEASIBLE, without one NOT_SOLVED; HiGHS's "unbounded or infeasible" gives UNBOUNDED.
 *
 * HiGHS loads asynchronously while the service is synchronous: load it once with
 * `loadLinearOptimizationService()` (or pass a loaded runtime to
 * `createLinearOptimizationService(highs)`).
 */
import loadHighs, { type Highs } from 'highs';

type Service = GoogleAppsScript.Optimization.LinearOptimizationService;
type Engine = GoogleAppsScript.Optimization.LinearOptimizationEngine;
type Constraint = GoogleAppsScript.Optimization.LinearOptimizationConstraint;
type Solution = GoogleAppsScript.Optimization.LinearOptimizationSolution;
type StatusValue = GoogleAppsScript.Optimization.Status;
type VariableTypeValue = GoogleAppsScript.Optimization.VariableType;

const STATUS_NAMES = [
  'OPTIMAL',
  'FEASIBLE',
  'INFEASIBLE',
  'UNBOUNDED',
  'ABNORMAL',
  'MODEL_INVALID',
  'NOT_SOLVED',
] as const;
type StatusName = (typeof STATUS_NAMES)[number];

/** The Status enum: each value is its own name (as Apps Script enums print). */
export const Status = Object.freeze(
  Object.fromEntries(STATUS_NAMES.map((s) => [s, s])),
) as unknown as typeof GoogleAppsScript.Optimization.Status;

/** The VariableType enum. */
export const VariableType = Object.freeze({
  INTEGER: 'INTEGER',
  CONTINUOUS: 'CONTINUOUS',
}) as unknown as typeof GoogleAppsScript.Optimization.VariableType;

const status = (name: StatusName): StatusValue => name as unknown as StatusValue;
const isInteger = (t: VariableTypeValue | undefined): boolean =>
  (t as unknown as string | undefined) === 'INTEGER';

interface Variable {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly integer: boolean;
  objective: number;
}

interface Row {
  readonly lower: number;
  readonly upper: number;
  readonly coefficients: Map<number, number>;
}

let loaded: Promise<Highs> | undefined;

/** Loads HiGHS once per process and returns a service backed by it. */
export async function loadLinearOptimizationService(): Promise<Service> {
  loaded ??= loadHighs();
  return createLinearOptimizationService(await loaded);
}

export function createLinearOptimizationService(highs: Highs): Service {
  return {
    Status,
    VariableType,
    createEngine: () => createEngine(highs),
  };
}

function createEngine(highs: Highs): Engine {
  const variables: Variable[] = [];
  const byName = new Map<string, number>();
  const rows: Row[] = [];
  let maximize = false;

  const variable = (name: string): number => {
    const j = byName.get(name);
    if (j === undefined) throw new Error(`Unknown variable: ${name}`);
    return j;
  };
  const addVariable = (
    name: string,
    lower: number,
    upper: number,
    type?: VariableTypeValue,
    objective?: number,
  ): void => {
    const key = name;
    if (byName.has(key)) throw new Error(`A variable named ${key} already exists`);
    byName.set(key, variables.length);
    variables.push({
      name: key,
      lower,
      upper,
      integer: isInteger(type),
      objective: objective ?? 0,
    });
  };
  const addConstraint = (lower: number, upper: number): Constraint => {
    const row: Row = { lower, upper, coefficients: new Map() };
    rows.push(row);
    const constraint: Constraint = {
      setCoefficient(name: string, coefficient: number): Constraint {
        row.coefficients.set(variable(name), coefficient);
        return constraint;
      },
    };
    return constraint;
  };

  const engine: Engine = {
    addVariable(
      name: string,
      lower: number,
      upper: number,
      type?: VariableTypeValue,
      objective?: number,
    ): Engine {
      addVariable(name, lower, upper, type, objective);
      return engine;
    },
    addVariables(names, lowers, uppers, types, objectives): Engine {
      names.forEach((name, k) => {
        addVariable(name, lowers[k] as number, uppers[k] as number, types[k], objectives[k]);
      });
      return engine;
    },
    addConstraint,
    addConstraints(lowers, uppers, names, coefficients): Engine {
      lowers.forEach((lower, k) => {
        const c = addConstraint(lower, uppers[k] as number);
        (names[k] ?? []).forEach((name, t) =>
          c.setCoefficient(name, (coefficients[k] ?? [])[t] as number),
        );
      });
      return engine;
    },
    setObjectiveCoefficient(name: string, coefficient: number): Engine {
      (variables[variable(name)] as Variable).objective = coefficient;
      return engine;
    },
    setMaximization(): Engine {
      maximize = true;
      return engine;
    },
    setMinimization(): Engine {
      maximize = false;
      return engine;
    },
    solve(seconds?: number): Solution {
      const deadline = seconds ?? 30;
      if (!(deadline > 0 && deadline <= 300))
        throw new Error(`The deadline must be between 0 and 300 seconds, not ${String(seconds)}`);
      return solveWith(highs, variables, rows, maximize, deadline);
    },
  };
  return engine;
}

function invalid(variables: readonly Variable[], rows: readonly Row[]): boolean {
  for (const v of variables) {
    if (Number.isNaN(v.lower) || Number.isNaN(v.upper) || v.lower > v.upper) return true;
    if (!Number.isFinite(v.objective)) return true;
  }
  for (const r of rows) {
    if (Number.isNaN(r.lower) || Number.isNaN(r.upper) || r.lower > r.upper) return true;
    for (const c of r.coefficients.values()) if (!Number.isFinite(c)) return true;
  }
  return false;
}

function solution(name: StatusName, objective: number, values: Map<string, number>): Solution {
  return {
    getObjectiveValue: () => objective,
    getStatus: () => status(name),
    getVariableValue: (v: string): number => {
      const x = values.get(v);
      if (x === undefined) throw new Error(`Unknown variable: ${v}`);
      return x;
    },
    isValid: () => name === 'OPTIMAL' || name === 'FEASIBLE',
  };
}

function solveWith(
  highs: Highs,
  variables: readonly Variable[],
  rows: readonly Row[],
  maximize: boolean,
  seconds: number,
): Solution {
  const zeros = new Map(variables.map((v) => [v.name, 0]));
  if (invalid(variables, rows)) return solution('MODEL_INVALID', 0, zeros);
  const inf = highs.infinity;
  const clamp = (x: number): number => (x === Infinity ? inf : x === -Infinity ? -inf : x);
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of rows) {
    for (const [j, c] of [...r.coefficients.entries()].sort((a, b) => a[0] - b[0])) {
      if (c === 0) continue;
      indices.push(j);
      values.push(c);
    }
    starts.push(indices.length);
  }
  const model = highs.createModel({
    numCols: variables.length,
    numRows: rows.length,
    sense: maximize
      ? highs.constants.objectiveSense.maximize
      : highs.constants.objectiveSense.minimize,
    colCost: variables.map((v) => v.objective),
    colLower: variables.map((v) => clamp(v.lower)),
    colUpper: variables.map((v) => clamp(v.upper)),
    rowLower: rows.map((r) => clamp(r.lower)),
    rowUpper: rows.map((r) => clamp(r.upper)),
    matrix: {
      format: 'csr',
      numRows: rows.length,
      numCols: variables.length,
      starts,
      indices,
      values,
    },
    integrality: variables.map((v) =>
      v.integer ? highs.constants.variableType.integer : highs.constants.variableType.continuous,
    ),
  });
  try {
    model.options.set({ output_flag: false, time_limit: seconds });
    model.run();
    const ms = highs.constants.modelStatus;
    const code = model.getModelStatus();
    const sol = model.getSolution();
    const hasPrimal =
      Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    let name: StatusName;
    if (code === ms.optimal || code === ms.empty) name = 'OPTIMAL';
    else if (code === ms.infeasible) name = 'INFEASIBLE';
    else if (code === ms.unbounded || code === ms.unboundedOrInfeasible) name = 'UNBOUNDED';
    else if (code === ms.modelError) name = 'MODEL_INVALID';
    else if (
      code === ms.timeLimit ||
      code === ms.iterationLimit ||
      code === ms.solutionLimit ||
      code === ms.interrupted ||
      code === ms.objectiveBound ||
      code === ms.objectiveTarget
    )
      name = hasPrimal ? 'FEASIBLE' : 'NOT_SOLVED';
    else name = 'ABNORMAL';
    if (name !== 'OPTIMAL' && name !== 'FEASIBLE') return solution(name, 0, zeros);
    const x = sol.colValue;
    const valuesByName = new Map(variables.map((v, j) => [v.name, x[j] as number]));
    return solution(name, model.getObjectiveValue(), valuesByName);
  } finally {
    model.dispose();
  }
}

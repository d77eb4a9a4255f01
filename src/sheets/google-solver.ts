/**
 * The "Google solver" engine: models the same allocation problem on Apps Script's
 * LinearOptimizationService (passed in; this module never names the global) and returns the
 * answer in the core's AllocationResult shape, so the Optimise action can offer it and
 * cross-check the built-in optimiser.
 *
 * Model: one INTEGER variable x<j> ∈ [lo_j, hi_j] per project (force in ⇒ lo = 1, force out ⇒
 * hi = 0) with the project's value as objective coefficient, maximised; one constraint per row
 * of the core model (budget, resources, balance shares, dependencies, exclusions), added in a
 * single addVariables and a single addConstraints call. A project is chosen when its value in
 * the solution is above 0.5; the selection is checked against every constraint before it is
 * returned.
 *
 * Status: OPTIMAL → 'optimal' (bound = value); FEASIBLE → 'time limit' (bound from the core's
 * root relaxation); INFEASIBLE → 'infeasible' with the core's conflict explanation; any other
 * status throws an Error naming it.
 */
import {
  buildModel,
  infeasibleResult,
  isFeasible,
  selectionResult,
  solveAllocation,
  validateProblem,
  type AllocationProblem,
  type AllocationResult,
} from '../core/allocation';

export interface GoogleSolveOptions {
  /** The solver's deadline in seconds (default 30, at most 300). */
  readonly seconds?: number;
  readonly now?: () => number;
}

export function solveWithGoogle(
  service: GoogleAppsScript.Optimization.LinearOptimizationService,
  p: AllocationProblem,
  options: GoogleSolveOptions = {},
): AllocationResult {
  const now = options.now ?? Date.now;
  const t0 = now();
  validateProblem(p);
  const model = buildModel(p);
  const name = (j: number): string => `x${j}`;
  const engine = service.createEngine();
  const names = p.projects.map((_, j) => name(j));
  engine.addVariables(
    names,
    p.projects.map((c) => (c.force === 'in' ? 1 : 0)),
    p.projects.map((c) => (c.force === 'out' ? 0 : 1)),
    p.projects.map(() => service.VariableType.INTEGER),
    p.projects.map((c) => c.value),
  );
  if (model.rows.length > 0) {
    engine.addConstraints(
      model.rows.map((r) => r.lo),
      model.rows.map((r) => r.hi),
      model.rows.map((r) => Array.from(r.idx, name)),
      model.rows.map((r) => Array.from(r.val)),
    );
  }
  engine.setMaximization();
  const solution = options.seconds === undefined ? engine.solve() : engine.solve(options.seconds);
  const status = solution.getStatus();
  const S = service.Status;

  if (status === S.INFEASIBLE) return infeasibleResult(model, now() - t0, 0);
  if (status !== S.OPTIMAL && status !== S.FEASIBLE)
    throw new Error(`Google solver: the optimisation ended with status ${String(status)}`);

  const selected = names.map((v) => solution.getVariableValue(v) > 0.5);
  if (!isFeasible(model, selected))
    throw new Error(
      'Google solver: its selection breaks a constraint (rounding); use the built-in optimiser',
    );
  const optimal = status === S.OPTIMAL;
  return selectionResult(model, selected, {
    optimal,
    limit: optimal ? null : 'time',
    // Optimal: the bound is the value itself; else the core's root relaxation bound.
    bound: optimal ? -Infinity : solveAllocation(p, { nodeLimit: 1 }).bound,
    nodes: 0,
    timeMs: now() - t0,
  });
}

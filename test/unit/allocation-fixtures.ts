/**
 * Shared fixtures for the allocation tests: a fast-check arbitrary of small random problems
 * (values, costs, budget, capacities, dependencies, exclusions, force, balance rules) and an
 * exact brute force by Gray-code enumeration.
 */
import fc from 'fast-check';
import {
  buildModel,
  problem,
  type AllocationProblem,
  type BalanceRule,
  type Candidate,
  type Resource,
} from '../../src/core/allocation';
import { rowTolerance } from '../../src/core/allocation/rows';

/** A candidate project for hand-written problems. */
export const c = (
  id: string,
  value: number,
  cost: number,
  force: Candidate['force'] = null,
): Candidate => ({
  id,
  value,
  cost,
  force,
});

export interface ArbOptions {
  readonly minProjects: number;
  readonly maxProjects: number;
  /** Probability that a project is forced in / out. */
  readonly forceRate?: number;
  readonly fractional?: boolean;
}

export function arbProblem(o: ArbOptions): fc.Arbitrary<AllocationProblem> {
  const forceRate = o.forceRate ?? 0.08;
  return fc.integer({ min: o.minProjects, max: o.maxProjects }).chain((n) => {
    const index = fc.integer({ min: 0, max: Math.max(0, n - 1) });
    const amount = o.fractional
      ? fc.double({ min: 0, max: 50, noNaN: true }).map((x) => Math.round(x * 100) / 100)
      : fc.integer({ min: 0, max: 50 });
    const project = (j: number): fc.Arbitrary<Candidate> =>
      fc.record({
        id: fc.constant(`P${j + 1}`),
        value: o.fractional
          ? fc.double({ min: -10, max: 100, noNaN: true }).map((x) => Math.round(x * 10) / 10)
          : fc.integer({ min: -10, max: 100 }),
        cost: amount,
        force: fc
          .double({ min: 0, max: 1, noNaN: true })
          .map((u) =>
            u < forceRate ? ('in' as const) : u < 2 * forceRate ? ('out' as const) : null,
          ),
      });
    const resource = (k: number): fc.Arbitrary<Resource> =>
      fc.record({
        name: fc.constant(`R${k + 1} capacity`),
        subject: fc.constant(`R${k + 1}`),
        unit: fc.constant('h'),
        kind: fc.constant('capacity' as const),
        limit: fc.integer({ min: 0, max: 80 }),
        use: fc
          .array(fc.tuple(index, fc.integer({ min: 1, max: 40 })), { maxLength: n })
          .map((us) => [...new Map(us).entries()]),
      });
    const balance: fc.Arbitrary<BalanceRule> = fc.record({
      group: fc.constant('Type T'),
      members: fc.uniqueArray(index, { maxLength: n }),
      minShare: fc.option(
        fc.integer({ min: 0, max: 40 }).map((x) => x / 100),
        { nil: null },
      ),
      maxShare: fc.option(
        fc.integer({ min: 40, max: 100 }).map((x) => x / 100),
        { nil: null },
      ),
    });
    return fc
      .record({
        projects: fc.tuple(...Array.from({ length: n }, (_, j) => project(j))),
        budget: fc.oneof(fc.integer({ min: 0, max: 30 * n }), fc.constant(Infinity)),
        resources: fc
          .integer({ min: 0, max: 4 })
          .chain((k) => fc.tuple(...Array.from({ length: k }, (_, r) => resource(r)))),
        dependencies: n
          ? fc.array(fc.record({ project: index, needs: index }), { maxLength: 4 })
          : fc.constant([]),
        exclusions: n
          ? fc.array(fc.array(index, { minLength: 2, maxLength: 3 }), { maxLength: 3 })
          : fc.constant([]),
        balance: fc.array(balance, { maxLength: 1 }),
      })
      .map((p) => problem({ ...p, balance: Number.isFinite(p.budget) ? p.balance : [] }));
  });
}

/** The best value over all feasible selections (−Infinity when none), by Gray-code enumeration. */
export function bruteForce(p: AllocationProblem): { best: number; count: number } {
  const model = buildModel(p);
  const n = model.n;
  const rows = model.rows;
  const act = new Float64Array(rows.length);
  const hiTol = rows.map((r) => r.hi + rowTolerance(r, r.hi));
  const loTol = rows.map((r) => r.lo - rowTolerance(r, r.lo));
  const bad = (i: number): boolean =>
    (act[i] as number) > (hiTol[i] as number) || (act[i] as number) < (loTol[i] as number);
  let violated = 0;
  rows.forEach((_, i) => {
    if (bad(i)) violated++;
  });
  const sel = new Uint8Array(n);
  let forceViolations = p.projects.filter((c) => c.force === 'in').length;
  let value = 0;
  let best = -Infinity;
  let count = 0;
  const check = (): void => {
    if (violated === 0 && forceViolations === 0) {
      count++;
      if (value > best) best = value;
    }
  };
  check();
  for (let g = 1; g < 2 ** n; g++) {
    const j = Math.log2(g & -g);
    const on = sel[j] === 0;
    sel[j] = on ? 1 : 0;
    const c = p.projects[j] as Candidate;
    value += on ? c.value : -c.value;
    if (c.force === 'in') forceViolations += on ? -1 : 1;
    if (c.force === 'out') forceViolations += on ? 1 : -1;
    const rs = model.colRows[j] as Int32Array;
    const vs = model.colVals[j] as Float64Array;
    for (let t = 0; t < rs.length; t++) {
      const i = rs[t] as number;
      const before = bad(i);
      act[i] = (act[i] as number) + (on ? 1 : -1) * (vs[t] as number);
      const after = bad(i);
      if (before !== after) violated += after ? 1 : -1;
    }
    check();
  }
  return { best, count };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildModel,
  isFeasible,
  problem,
  solveAllocation,
  violations,
  type AllocationProblem,
} from '../../src/core/allocation';
import { arbProblem, bruteForce, c } from './allocation-fixtures';

/** The checks every solver answer must pass, whatever the instance. */
function checkAnswer(p: AllocationProblem, r: ReturnType<typeof solveAllocation>): void {
  expect(r.selected).toHaveLength(p.projects.length);
  if (r.feasible) {
    const model = buildModel(p);
    expect(violations(model, r.selected)).toEqual({ rows: [], force: [] });
    p.projects.forEach((cand, j) => {
      if (cand.force === 'in') expect(r.selected[j]).toBe(true);
      if (cand.force === 'out') expect(r.selected[j]).toBe(false);
    });
    const v = p.projects.reduce((s, cand, j) => s + (r.selected[j] ? cand.value : 0), 0);
    expect(r.value).toBeCloseTo(v, 6);
    expect(r.value).toBeLessThanOrEqual(r.bound + 1e-9);
    expect(r.gap).toBeGreaterThanOrEqual(0);
    expect(r.reasons).toHaveLength(p.projects.length);
    r.reasons.forEach((reason, j) => expect(reason.selected).toBe(r.selected[j]));
  } else {
    expect(r.selected.every((s) => !s)).toBe(true);
  }
}

describe('solveAllocation: exact against brute force', () => {
  it('equals enumeration on random instances of up to 12 projects (integer data)', () => {
    fc.assert(
      fc.property(arbProblem({ minProjects: 0, maxProjects: 12 }), (p) => {
        const r = solveAllocation(p);
        checkAnswer(p, r);
        const { best } = bruteForce(p);
        if (best === -Infinity) {
          expect(r.status).toBe('infeasible');
          expect(r.conflict).not.toBeNull();
        } else {
          expect(r.status).toBe('optimal');
          expect(r.value).toBe(best);
          expect(r.gap).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('equals enumeration with fractional values, costs and use', () => {
    fc.assert(
      fc.property(arbProblem({ minProjects: 1, maxProjects: 12, fractional: true }), (p) => {
        const r = solveAllocation(p);
        checkAnswer(p, r);
        const { best } = bruteForce(p);
        if (best === -Infinity) expect(r.status).toBe('infeasible');
        else expect(r.value).toBeCloseTo(best, 6);
      }),
      { numRuns: 200 },
    );
  });

  it('equals enumeration on instances of 15 to 20 projects', () => {
    fc.assert(
      fc.property(arbProblem({ minProjects: 15, maxProjects: 20, forceRate: 0.04 }), (p) => {
        const r = solveAllocation(p);
        checkAnswer(p, r);
        const { best } = bruteForce(p);
        if (best === -Infinity) expect(r.status).toBe('infeasible');
        else {
          expect(r.status).toBe('optimal');
          expect(r.value).toBe(best);
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('solveAllocation: gap tolerance', () => {
  it('with relGap 5%, stops within 5% of the optimum and reports a bound above the optimum', () => {
    fc.assert(
      fc.property(arbProblem({ minProjects: 1, maxProjects: 14, forceRate: 0.03 }), (p) => {
        const r = solveAllocation(p, { relGap: 0.05 });
        checkAnswer(p, r);
        const { best } = bruteForce(p);
        if (best === -Infinity) return;
        expect(r.status).toBe('optimal');
        expect(r.bound).toBeGreaterThanOrEqual(best - 1e-9);
        expect(r.value).toBeGreaterThanOrEqual(best - 0.05 * Math.abs(r.value) - 1e-9);
        expect(r.gap).toBeLessThanOrEqual(0.05 + 1e-12);
      }),
      { numRuns: 200 },
    );
  });
});

describe('solveAllocation: limits', () => {
  const big = (): AllocationProblem => {
    // 40 projects, two tight knapsacks with correlated values: needs many nodes.
    const projects = Array.from({ length: 40 }, (_, j) =>
      c(`P${j + 1}`, 100 + ((j * 37) % 23), 50 + ((j * 53) % 41)),
    );
    return problem({
      projects,
      budget: 1000,
      resources: [
        {
          name: 'SE capacity in 2027-03',
          subject: 'SE in 2027-03',
          unit: 'h',
          kind: 'capacity',
          limit: 400,
          use: projects.map((_, j) => [j, 20 + ((j * 29) % 31)] as [number, number]),
        },
      ],
    });
  };

  it('stops at the node limit with a feasible selection, a bound above it and status "time limit"', () => {
    const p = big();
    const r = solveAllocation(p, { nodeLimit: 3 });
    checkAnswer(p, r);
    expect(r.nodes).toBeLessThanOrEqual(3);
    if (r.status === 'time limit') {
      expect(r.limit).toBe('nodes');
      expect(r.bound).toBeGreaterThanOrEqual(r.value);
    } else expect(r.status).toBe('optimal');
  });

  it('stops at the time limit (a clock that jumps) with the best selection found', () => {
    let t = 0;
    const p = big();
    const r = solveAllocation(p, { timeLimitMs: 5, now: () => (t += 1) });
    checkAnswer(p, r);
    expect(r.status).toBe('time limit');
    expect(r.limit).toBe('time');
    expect(r.feasible).toBe(true);
  });

  it('is deterministic: the same instance gives the same answer and node count', () => {
    const p = big();
    const a = solveAllocation(p);
    const b = solveAllocation(p);
    expect(a.selected).toEqual(b.selected);
    expect(a.nodes).toBe(b.nodes);
    expect(a.status).toBe('optimal');
  });

  it('uses a feasible start selection and never does worse than it', () => {
    const p = big();
    const best = solveAllocation(p);
    const r = solveAllocation(p, { start: best.selected, nodeLimit: 1 });
    expect(r.value).toBeGreaterThanOrEqual(best.value);
  });
});

describe('solveAllocation: hand-computed instances', () => {
  it('picks the best pair under a budget (knapsack by hand)', () => {
    // Budget 10: {A, C} costs 9 for 17; {B, C} costs 10 for 16; {A, B} costs 11 (over).
    const p = problem({ projects: [c('A', 10, 5), c('B', 9, 6), c('C', 7, 4)], budget: 10 });
    const r = solveAllocation(p);
    expect(r.selected).toEqual([true, false, true]);
    expect(r.value).toBe(17);
    expect(r.cost).toBe(9);
    expect(r.count).toBe(2);
    expect(r.status).toBe('optimal');
    expect(r.bound).toBe(17);
  });

  it('takes a dependency along, or leaves both out', () => {
    // B needs A (A is worth little alone): {A, B} = 3 + 10 for cost 8 beats {C} = 11 for 8.
    const p = problem({
      projects: [c('A', 3, 4), c('B', 10, 4), c('C', 11, 8)],
      budget: 8,
      dependencies: [{ project: 1, needs: 0 }],
    });
    expect(solveAllocation(p).selected).toEqual([true, true, false]);
    const p2 = problem({ ...p, projects: [c('A', 3, 4), c('B', 10, 4, null), c('C', 14, 8)] });
    expect(solveAllocation(p2).selected).toEqual([false, false, true]);
  });

  it('chooses at most one of an exclusive set, and respects force', () => {
    const p = problem({
      projects: [c('A', 5, 1), c('B', 6, 1), c('C', 7, 1, 'out')],
      budget: Infinity,
      exclusions: [[0, 1]],
    });
    expect(solveAllocation(p).selected).toEqual([false, true, false]);
    const forced = problem({ ...p, projects: [c('A', 5, 1, 'in'), c('B', 6, 1), c('C', 7, 1)] });
    expect(solveAllocation(forced).selected).toEqual([true, false, true]);
  });

  it('meets a minimum share of the budget even at a loss of value', () => {
    // Budget 100; Type T (B) must get at least 30% = 30. Without the rule A alone (value 10).
    const p = problem({
      projects: [c('A', 10, 80), c('B', 1, 30), c('C', 2, 20)],
      budget: 100,
      balance: [{ group: 'Type T', members: [1], minShare: 0.3, maxShare: null }],
    });
    const r = solveAllocation(p);
    expect(r.selected).toEqual([false, true, true]);
    expect(isFeasible(buildModel(p), r.selected)).toBe(true);
  });

  it('handles an empty portfolio and a zero budget', () => {
    const r = solveAllocation(problem({ projects: [], budget: 0 }));
    expect(r).toMatchObject({ status: 'optimal', value: 0, count: 0, selected: [] });
    const z = solveAllocation(problem({ projects: [c('A', 5, 1), c('B', 2, 0)], budget: 0 }));
    expect(z.selected).toEqual([false, true]);
  });

  it('rejects malformed problems with a clear error', () => {
    expect(() => solveAllocation(problem({ projects: [c('A', NaN, 1)], budget: 1 }))).toThrow(
      'allocation problem: project A has value NaN',
    );
    expect(() => solveAllocation(problem({ projects: [c('A', 1, -1)], budget: 1 }))).toThrow(
      'project A has cost -1',
    );
    expect(() =>
      solveAllocation(
        problem({ projects: [c('A', 1, 1)], budget: 1, dependencies: [{ project: 0, needs: 3 }] }),
      ),
    ).toThrow('a dependency refers to project 3');
  });
});

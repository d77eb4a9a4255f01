import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildModel,
  efficientFrontier,
  solveAllocation,
  violations,
  type AllocationProblem,
} from '../../src/core/allocation';
import { trimmed } from '../../src/core/allocation/frontier';
import { portfolioInstance } from '../../scripts/bench-allocate';
import { arbProblem, bruteForce } from './allocation-fixtures';

/** Budgets from 0 to a little past the total cost, some repeated, in a shuffled order. */
function budgetsFor(p: AllocationProblem, k: number): number[] {
  const total = p.projects.reduce((s, c) => s + c.cost, 0);
  const up = Array.from({ length: k }, (_, i) => Math.round((total * 1.1 * i) / (k - 1)));
  return [...up.filter((_, i) => i % 2 === 1), ...up.filter((_, i) => i % 2 === 0), up[1] ?? 0];
}

/** Whether no Balance rule sets a minimum share (then more money never hurts). */
const monotone = (p: AllocationProblem): boolean =>
  p.balance.every((b) => b.minShare === null || b.minShare <= 0);

describe('efficientFrontier', () => {
  it('equals enumeration at every budget, each selection feasible at its own budget', () => {
    fc.assert(
      fc.property(arbProblem({ minProjects: 0, maxProjects: 10 }), (base) => {
        const budgets = budgetsFor(base, 7);
        const points = efficientFrontier(base, budgets, { timeLimitMs: 60_000 });
        expect(points.map((pt) => pt.budget)).toEqual(budgets);
        points.forEach((pt) => {
          const p = { ...base, budget: pt.budget };
          const { best } = bruteForce(p);
          expect(pt.solved).toBe(true);
          if (best === -Infinity) {
            expect(pt.result.status).toBe('infeasible');
            return;
          }
          expect(pt.result.status).toBe('optimal');
          expect(pt.result.value).toBe(best);
          expect(pt.result.bound).toBe(best);
          expect(violations(buildModel(p), pt.result.selected)).toEqual({ rows: [], force: [] });
        });
      }),
      { numRuns: 150 },
    );
  });

  it('gives values and bounds that never fall as the budget grows, and equal independent solves', () => {
    fc.assert(
      fc.property(
        arbProblem({ minProjects: 5, maxProjects: 25, fractional: true }),
        fc.integer({ min: 3, max: 12 }),
        (base, k) => {
          const budgets = budgetsFor(base, k);
          const points = efficientFrontier(base, budgets, { timeLimitMs: 60_000 });
          const up = points.slice().sort((a, b) => a.budget - b.budget);
          for (const pt of up) {
            const alone = solveAllocation({ ...base, budget: pt.budget }, { reasons: false });
            expect(pt.result.status).toBe(alone.status);
            if (!alone.feasible) continue;
            expect(pt.result.value).toBeCloseTo(alone.value, 6);
            expect(pt.result.value).toBeLessThanOrEqual(pt.result.bound + 1e-9);
          }
          if (!monotone(base)) return;
          up.forEach((pt, i) => {
            const prev = up[i - 1];
            if (!prev?.result.feasible) return;
            expect(pt.result.feasible).toBe(true);
            expect(pt.result.value).toBeGreaterThanOrEqual(prev.result.value - 1e-9);
            expect(pt.result.bound).toBeGreaterThanOrEqual(prev.result.bound - 1e-9);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reuses answers between budgets: 20 budgets search fewer nodes than 20 separate solves', () => {
    const base = portfolioInstance(60, 2);
    const total = base.projects.reduce((s, c) => s + c.cost, 0);
    const budgets = Array.from({ length: 20 }, (_, k) => Math.round((total * k) / 19));
    const points = efficientFrontier(base, budgets, { timeLimitMs: 60_000 });
    const alone = budgets.map((budget) =>
      solveAllocation({ ...base, budget }, { reasons: false, timeLimitMs: 60_000 }),
    );
    points.forEach((pt, i) => {
      expect(pt.result.status).toBe('optimal');
      expect(pt.result.value).toBe(alone[i]?.value);
    });
    const nodes = (rs: { nodes: number }[]): number => rs.reduce((s, r) => s + r.nodes, 0);
    const frontierNodes = nodes(points.map((pt) => pt.result));
    // The budgets from where the whole capacity-feasible best fits are answered without a search.
    const searched = points.filter((pt) => pt.result.nodes > 0).length;
    expect(searched).toBeLessThanOrEqual(8);
    expect(frontierNodes).toBeLessThan(nodes(alone));
    // Seeded, so the same on every run: the budgets it searches cost no more than alone.
    const searchedAlone = alone.filter((_, i) => (points[i]?.result.nodes ?? 0) > 0);
    expect(frontierNodes).toBeLessThanOrEqual(nodes(searchedAlone));
  });

  it('when time runs out, keeps every answer feasible at its budget, under its bound, and rising', () => {
    for (const seed of [1, 2, 3]) {
      const base = portfolioInstance(150, seed);
      const total = base.projects.reduce((s, c) => s + c.cost, 0);
      const budgets = Array.from({ length: 12 }, (_, k) => Math.round((total * k) / 11));
      const points = efficientFrontier(base, budgets, { timeLimitMs: 400 });
      let prev = -Infinity;
      for (const pt of points) {
        if (!pt.solved || !pt.result.feasible) continue;
        const p = { ...base, budget: pt.budget };
        expect(violations(buildModel(p), pt.result.selected)).toEqual({ rows: [], force: [] });
        expect(pt.result.value).toBeLessThanOrEqual(pt.result.bound + 1e-9);
        expect(pt.result.value).toBeGreaterThanOrEqual(prev);
        prev = pt.result.value;
      }
    }
  });

  it('when time runs out, gives each budget left unsearched a larger budget’s selection trimmed to fit, feasible and under the bound', () => {
    let carried = 0;
    for (const seed of [1, 2, 3]) {
      const base = portfolioInstance(150, seed);
      const total = base.projects.reduce((s, c) => s + c.cost, 0);
      const budgets = Array.from({ length: 12 }, (_, k) => Math.round((total * k) / 11));
      // A clock that moves 100 ms per read: the same run every time, and the time runs out
      // after the first few budgets (the smallest, then the largest ones).
      let t = 0;
      const points = efficientFrontier(base, budgets, {
        timeLimitMs: 3_000,
        now: () => (t += 100),
      });
      let prev = -Infinity;
      for (const pt of points) {
        if (!pt.solved && !pt.carried) {
          expect(pt.result.feasible).toBe(false);
          continue;
        }
        if (!pt.result.feasible) continue;
        const p = { ...base, budget: pt.budget };
        expect(violations(buildModel(p), pt.result.selected)).toEqual({ rows: [], force: [] });
        expect(pt.result.value).toBeLessThanOrEqual(pt.result.bound + 1e-9);
        expect(pt.result.value).toBeGreaterThanOrEqual(prev);
        prev = pt.result.value;
        if (pt.carried) {
          carried++;
          expect(pt.solved).toBe(false);
          expect(pt.result.nodes).toBe(0);
          // Proven only when it reaches a larger budget's bound, else the time limit.
          expect(pt.result.status === 'optimal' ? pt.result.gap <= 1e-9 : true).toBe(true);
        }
      }
      // The largest budget is searched first after the smallest: it is never carried.
      expect(points[11]?.solved).toBe(true);
    }
    expect(carried).toBeGreaterThan(5);
  });

  it('trims a selection to a smaller budget without dropping a project forced in, keeping dependencies whole', () => {
    fc.assert(
      fc.property(
        arbProblem({ minProjects: 2, maxProjects: 12, forceRate: 0.25 }).chain((p) =>
          fc.record({
            p: fc.constant(p),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
        ),
        ({ p, share }) => {
          const total = p.projects.reduce((sum, c) => sum + c.cost, 0);
          const all = solveAllocation({ ...p, budget: total }, { reasons: false });
          if (!all.feasible) return;
          const budget = Math.floor(all.cost * share);
          const sel = trimmed({ ...p, budget }, all.selected);
          p.projects.forEach((c, j) => {
            // Only ever drops, and never a project forced in.
            if (sel[j]) expect(all.selected[j]).toBe(true);
            if (c.force === 'in') expect(sel[j]).toBe(true);
          });
          // What stays keeps everything it needs.
          for (const d of p.dependencies) if (sel[d.project]) expect(sel[d.needs]).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
    // A forced-in project needing the least valuable one: that pair stays, the next one goes
    // (it used to drop both, and the trimmed start then broke the force).
    const p: AllocationProblem = {
      projects: [
        { id: 'a', value: 5, cost: 1, force: 'in' },
        { id: 'b', value: 1, cost: 10, force: null },
        { id: 'c', value: 50, cost: 10, force: null },
        { id: 'd', value: 2, cost: 10, force: null },
      ],
      budget: 21,
      resources: [],
      dependencies: [{ project: 0, needs: 1 }],
      exclusions: [],
      balance: [],
    };
    expect(trimmed(p, [true, true, true, true])).toEqual([true, true, true, false]);
  });

  it('takes a larger budget’s answer that fits a smaller budget without searching again', () => {
    const base = portfolioInstance(40, 3);
    const total = base.projects.reduce((s, c) => s + c.cost, 0);
    const top = solveAllocation({ ...base, budget: total }, { reasons: false });
    const points = efficientFrontier(base, [top.cost, total, top.cost + 1], {
      timeLimitMs: 60_000,
    });
    expect(points.map((pt) => pt.result.value)).toEqual([top.value, top.value, top.value]);
    expect(points[0]?.result.status).toBe('optimal');
    expect(points[2]?.result.nodes).toBe(0);
  });

  it('with a minimum share (more money can hurt) solves every budget on its own', () => {
    const base: AllocationProblem = {
      projects: [
        { id: 'a', value: 10, cost: 4, force: null },
        { id: 'b', value: 1, cost: 3, force: null },
      ],
      budget: 0,
      resources: [],
      dependencies: [],
      exclusions: [],
      // b must take at least half of the budget: b alone at 6; nothing can at 8.
      balance: [{ group: 'B', members: [1], minShare: 0.5, maxShare: null }],
    };
    const points = efficientFrontier(base, [0, 6, 8], { timeLimitMs: 10_000 });
    expect(points.map((pt) => pt.result.status)).toEqual(['optimal', 'optimal', 'infeasible']);
    expect(points.map((pt) => pt.result.value)).toEqual([0, 1, 0]);
  });
});

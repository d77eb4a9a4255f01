import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problem, solveAllocation, type Resource } from '../../src/core/allocation';
import { arbProblem, bruteForce, c } from './allocation-fixtures';

const se = (limit: number, use: [number, number][]): Resource => ({
  name: 'SE capacity in 2027-03',
  subject: 'SE in 2027-03',
  unit: 'h',
  kind: 'capacity',
  limit,
  use,
});

describe('infeasible problems name the conflict', () => {
  it('forced-in projects over a capacity: the fewest that overflow it', () => {
    const p = problem({
      projects: [c('P01', 5, 1, 'in'), c('P07', 5, 1, 'in'), c('P09', 5, 1), c('P12', 5, 1, 'in')],
      budget: Infinity,
      resources: [
        se(120, [
          [0, 10],
          [1, 80],
          [2, 100],
          [3, 80],
        ]),
      ],
    });
    const r = solveAllocation(p);
    expect(r.status).toBe('infeasible');
    expect(r.feasible).toBe(false);
    expect(r.conflict).toEqual({
      projects: [1, 3],
      constraints: ['SE capacity in 2027-03'],
      message: 'forced-in P07 and P12 need 160 h of SE in 2027-03 but capacity is 120 h',
    });
  });

  it('the budget, counting what forced-in projects need', () => {
    const p = problem({
      projects: [c('A', 1, 60, 'in'), c('B', 1, 50)],
      budget: 100,
      dependencies: [{ project: 0, needs: 1 }],
    });
    expect(solveAllocation(p).conflict?.message).toBe(
      'forced-in A (with the projects they need) cost 110 but the budget is 100',
    );
  });

  it('a forced-in project that needs a forced-out one, through another', () => {
    const p = problem({
      projects: [c('A', 1, 1, 'in'), c('B', 1, 1), c('C', 1, 1, 'out')],
      budget: Infinity,
      dependencies: [
        { project: 0, needs: 1 },
        { project: 1, needs: 2 },
      ],
    });
    const r = solveAllocation(p);
    expect(r.conflict?.message).toBe('forced-in A needs C (through B), which is forced out');
    expect(r.conflict?.projects).toEqual([0, 2]);
  });

  it('forced-in projects that exclude each other', () => {
    const p = problem({
      projects: [c('A', 1, 1, 'in'), c('B', 1, 1), c('C', 1, 1, 'in')],
      budget: Infinity,
      dependencies: [{ project: 2, needs: 1 }],
      exclusions: [[0, 1]],
    });
    expect(solveAllocation(p).conflict?.message).toBe(
      'forced-in A and B (needed by forced-in C) exclude each other',
    );
  });

  it('a minimum share that cannot be met within the budget and a capacity', () => {
    // Type T needs ≥ 50% of 100 = 50; its members cost 30 and 30 but share 40 h of 50 h each.
    const p = problem({
      projects: [c('A', 1, 30), c('B', 1, 30), c('C', 1, 10)],
      budget: 100,
      resources: [
        se(50, [
          [0, 40],
          [1, 40],
        ]),
      ],
      balance: [{ group: 'Type T', members: [0, 1], minShare: 0.5, maxShare: null }],
    });
    const r = solveAllocation(p);
    expect(r.status).toBe('infeasible');
    expect(r.conflict?.constraints.sort()).toEqual(
      ['SE capacity in 2027-03', 'min share of Type T'].sort(),
    );
    expect(r.conflict?.message).toBe(
      'these cannot all hold: SE capacity in 2027-03 (50 h); min share of Type T (50% of the budget = 50)',
    );
  });

  it('property: infeasible exactly when enumeration finds nothing; the named forces alone still conflict', () => {
    fc.assert(
      fc.property(arbProblem({ minProjects: 1, maxProjects: 10, forceRate: 0.2 }), (p) => {
        const r = solveAllocation(p);
        const feasible = bruteForce(p).best > -Infinity;
        expect(r.status === 'infeasible').toBe(!feasible);
        if (feasible) return;
        const conflict = r.conflict;
        expect(conflict).not.toBeNull();
        expect(conflict?.message.length).toBeGreaterThan(10);
        // Keep only the forces the conflict names: still infeasible.
        const named = new Set(conflict?.projects);
        const reduced = problem({
          ...p,
          projects: p.projects.map((cand, j) => (named.has(j) ? cand : { ...cand, force: null })),
        });
        for (const j of named) expect(p.projects[j]?.force).not.toBeNull();
        expect(bruteForce(reduced).best).toBe(-Infinity);
      }),
      { numRuns: 300 },
    );
  });
});

describe('reasons: why each project is in or out', () => {
  it('names the constraint that keeps each project out, and what each chosen one uses', () => {
    const p = problem({
      projects: [
        c('P01', 50, 40), // in: 40% of budget, SE 60 of 120 h
        c('P02', 40, 30, 'out'), // forced out
        c('P03', 30, 20), // needs P02 which is out
        c('P04', 45, 10), // in
        c('P05', 44, 10), // excluded by P04
        c('P06', 20, 55), // budget: 50 + 55 > 100
        c('P07', 10, 5), // SE capacity: 60 + 70 > 120
        c('P08', -5, 1), // nothing binds: negative value
        c('P09', 1, 150), // more than the whole budget
      ],
      budget: 100,
      resources: [
        se(120, [
          [0, 60],
          [6, 70],
        ]),
      ],
      dependencies: [{ project: 2, needs: 1 }],
      exclusions: [[3, 4]],
    });
    const r = solveAllocation(p);
    expect(r.status).toBe('optimal');
    expect(r.selected).toEqual([true, false, false, true, false, false, false, false, false]);
    const why = r.reasons.map((x) => x.text);
    expect(why).toEqual([
      '40% of the budget; heaviest load SE in 2027-03: 60 of 120 h (50%)',
      'forced out',
      'needs P02 which is out',
      '10% of the budget',
      'excluded by P04',
      'budget',
      'SE capacity in 2027-03',
      'lower value than the alternatives',
      'budget on its own',
    ]);
    expect(r.reasons[6]?.binding).toBe('SE capacity in 2027-03');
    expect(r.reasons[0]?.heaviest).toEqual({
      resource: 'SE in 2027-03',
      use: 60,
      limit: 120,
      share: 0.5,
    });
    expect(r.reasons[0]?.budgetShare).toBe(0.4);
  });

  it('says "forced in" and counts the other limits a project would break', () => {
    const p = problem({
      projects: [c('A', 10, 60, 'in'), c('B', 5, 60)],
      budget: 100,
      resources: [
        se(100, [
          [0, 60],
          [1, 60],
        ]),
      ],
    });
    const r = solveAllocation(p);
    expect(r.reasons[0]?.text).toBe(
      'forced in; 60% of the budget; heaviest load SE in 2027-03: 60 of 100 h (60%)',
    );
    expect(r.reasons[1]?.text).toBe('budget (and 1 more)');
  });
});

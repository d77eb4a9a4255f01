import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Status,
  VariableType,
  loadLinearOptimizationService,
} from '../../emulator/services/linear-optimization';
import { problem, solveAllocation } from '../../src/core/allocation';
import { solveWithGoogle } from '../../src/sheets/google-solver';
import { arbProblem, c } from './allocation-fixtures';
import { portfolioInstance } from '../../scripts/bench-allocate';

let service: GoogleAppsScript.Optimization.LinearOptimizationService;

beforeAll(async () => {
  service = await loadLinearOptimizationService();
});

describe('emulated LinearOptimizationService (HiGHS)', () => {
  it('solves the documented example LP: max x + y, 2x + 5y ≤ 10, 10x + 3y ≤ 20', () => {
    const engine = service.createEngine();
    engine.addVariable('x', 0, 10);
    engine.addVariable('y', 0, 5);
    engine.addConstraint(0, 10).setCoefficient('x', 2).setCoefficient('y', 5);
    engine.addConstraint(0, 20).setCoefficient('x', 10).setCoefficient('y', 3);
    engine.setObjectiveCoefficient('x', 1).setObjectiveCoefficient('y', 1).setMaximization();
    const s = engine.solve();
    // The two rows meet at y = 30/22, x = 5 − 2.5y = 35/22: objective 65/22.
    expect(s.isValid()).toBe(true);
    expect(s.getStatus()).toBe(service.Status.OPTIMAL);
    expect(s.getVariableValue('x')).toBeCloseTo(35 / 22, 6);
    expect(s.getVariableValue('y')).toBeCloseTo(30 / 22, 6);
    expect(s.getObjectiveValue()).toBeCloseTo(65 / 22, 6);
  });

  it('rounds INTEGER variables, minimises by default, and reports infeasible and invalid models', () => {
    const e = service.createEngine();
    e.addVariable('a', 0, 10, VariableType.INTEGER, 1);
    e.addConstraint(2.5, Infinity).setCoefficient('a', 1);
    const s = e.solve(5);
    expect(s.getVariableValue('a')).toBe(3);
    expect(s.getObjectiveValue()).toBe(3);

    const inf = service.createEngine();
    inf.addVariables(
      ['p', 'q'],
      [0, 0],
      [1, 1],
      [VariableType.CONTINUOUS, VariableType.CONTINUOUS],
      [1, 1],
    );
    inf.addConstraints([3], [Infinity], [['p', 'q']], [[1, 1]]);
    const si = inf.solve();
    expect(si.getStatus()).toBe(Status.INFEASIBLE);
    expect(si.isValid()).toBe(false);

    const bad = service.createEngine().addVariable('z', 2, 1);
    expect(bad.solve().getStatus()).toBe(Status.MODEL_INVALID);
    expect(String(Status.OPTIMAL)).toBe('OPTIMAL');
  });

  it('throws clear errors for a duplicate or unknown variable and a bad deadline', () => {
    const e = service.createEngine().addVariable('x', 0, 1);
    expect(() => e.addVariable('x', 0, 1)).toThrow('A variable named x already exists');
    expect(() => e.addConstraint(0, 1).setCoefficient('nope', 1)).toThrow('Unknown variable: nope');
    expect(() => e.solve(301)).toThrow('The deadline must be between 0 and 300 seconds, not 301');
  });
});

describe('solveWithGoogle: the same problem on LinearOptimizationService', () => {
  it('agrees with the built-in optimiser on random problems', () => {
    fc.assert(
      fc.property(arbProblem({ minProjects: 1, maxProjects: 12 }), (p) => {
        const ours = solveAllocation(p);
        const google = solveWithGoogle(service, p, { seconds: 10 });
        expect(google.status).toBe(ours.status);
        if (ours.status === 'infeasible') {
          expect(google.conflict).toEqual(ours.conflict);
        } else {
          expect(google.value).toBeCloseTo(ours.value, 6);
          expect(google.reasons).toHaveLength(p.projects.length);
          expect(google.bound).toBe(google.value);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with HiGHS on portfolio-shaped instances of 40 to 100 projects', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const p = portfolioInstance(20 * (seed + 1), 77 + seed);
      const ours = solveAllocation(p);
      const google = solveWithGoogle(service, p, { seconds: 20 });
      expect(ours.status).toBe('optimal');
      expect(google.status).toBe('optimal');
      // HiGHS stops at a 0.01% relative gap by default: ours is exact, so never below it.
      expect(ours.value).toBeGreaterThanOrEqual(google.value);
      expect(ours.value).toBeLessThanOrEqual(google.value * 1.0001);
    }
  });

  it('returns reasons and respects force', () => {
    const p = problem({
      projects: [c('A', 10, 5), c('B', 9, 6, 'in'), c('C', 7, 4)],
      budget: 10,
    });
    const r = solveWithGoogle(service, p);
    expect(r.selected).toEqual([false, true, true]);
    expect(r.reasons.map((x) => x.text)).toEqual([
      'budget',
      'forced in; 60% of the budget',
      '40% of the budget',
    ]);
  });

  it('throws on a status it cannot use', () => {
    const broken = {
      ...service,
      createEngine: () => {
        const e = service.createEngine();
        return {
          ...e,
          addVariables: () => e,
          addConstraints: () => e,
          setMaximization: () => e,
          solve: () => ({ getStatus: () => Status.ABNORMAL }),
        };
      },
    } as unknown as GoogleAppsScript.Optimization.LinearOptimizationService;
    expect(() => solveWithGoogle(broken, problem({ projects: [c('A', 1, 1)], budget: 1 }))).toThrow(
      'Google solver: the optimisation ended with status ABNORMAL',
    );
  });
});

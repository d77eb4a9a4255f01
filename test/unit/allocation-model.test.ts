import { describe, expect, it } from 'vitest';
import type { CapacityRow, DemandRow, Project } from '../../src/core/model';
import { monthsBetween, portfolioProblem, solveAllocation } from '../../src/core/allocation';
import { project as baseProject } from './core/fixtures';

/** The core fixture's project with this file's defaults: cost 10, score 50, objective Grow. */
function project(p: Partial<Omit<Project, 'actuals'>> & { id: string }): Project {
  return baseProject(p.id, { cost: 10, score: 50, objective: 'Grow', ...p });
}

describe('portfolioProblem: from Projects, Demand and Capacity', () => {
  const projects = [
    project({
      id: 'P01',
      score: 80,
      cost: 100,
      type: 'Tooling',
      start: '2027-01-15',
      end: '2027-03-10',
    }),
    project({ id: 'P02', score: 60, cost: 50, dependsOn: ['P01'], excludes: ['P03'] }),
    project({ id: 'P03', score: 70, cost: 50 }),
    project({ id: 'P04', status: 'Done', cost: 30 }),
    project({ id: 'P05', score: null, cost: null, dependsOn: ['P06', 'P99'] }),
    project({ id: 'P06', status: 'Rejected' }),
    project({ id: 'P07', dependsOn: ['p04'], force: 'in', expectedRevenue: 1000, confidence: 0.5 }),
  ];
  const demand: DemandRow[] = [
    { projectId: 'P01', skill: 'SE', hours: { '2027-01': 40, '2027-02': 0 } },
    { projectId: 'P03', skill: ' se ', hours: { '2027-01': 30 } },
    { projectId: 'P02', skill: 'Design', hours: { '2027-01': 10 } },
    { projectId: 'P04', skill: 'SE', hours: { '2027-01': 99 } },
  ];
  const capacity: CapacityRow[] = [{ skill: 'se', hours: { '2027-01': 60 } }];

  it('keeps candidates in sheet order, maps dependencies, exclusions, force and capacity', () => {
    const pp = portfolioProblem(projects, demand, capacity, { budget: 200 });
    expect(pp.candidates.map((p) => p.id)).toEqual(['P01', 'P02', 'P03', 'P05', 'P07']);
    expect(pp.skipped.map((s) => [s.project.id, s.reason])).toEqual([
      ['P04', 'status Done'],
      ['P06', 'status Rejected'],
    ]);
    const p = pp.problem;
    expect(p.projects.map((c) => [c.id, c.value, c.cost, c.force])).toEqual([
      ['P01', 80, 100, null],
      ['P02', 60, 50, null],
      ['P03', 70, 50, null],
      ['P05', 0, 0, 'out'],
      ['P07', 50, 10, 'in'],
    ]);
    expect(p.dependencies).toEqual([{ project: 1, needs: 0 }]);
    expect(p.exclusions).toEqual([[1, 2]]);
    expect(p.resources).toEqual([
      {
        name: 'SE capacity in 2027-01',
        subject: 'SE in 2027-01',
        unit: 'h',
        kind: 'capacity',
        limit: 60,
        use: [
          [0, 40],
          [2, 30],
        ],
      },
    ]);
    expect(pp.warnings).toEqual([
      'P05 depends on P06 (Rejected), so it is left out.',
      'P05 depends on P99, which is not in Projects: ignored.',
      'P05 has no Score: counted as 0.',
      'P05 has no Cost: counted as 0.',
      'No capacity for Design: not limited.',
    ]);
  });

  it('solves to the best selection with reasons in words', () => {
    const pp = portfolioProblem(projects, demand, capacity, { budget: 200 });
    const r = solveAllocation(pp.problem);
    // P01 + P02 (needs P01) = 140 for 150; P03 would break SE capacity (40 + 30 > 60) and is excluded by P02.
    expect(r.selected).toEqual([true, true, false, false, true]);
    expect(r.reasons.map((x) => x.text)).toEqual([
      '50% of the budget; heaviest load SE in 2027-01: 40 of 60 h (67%)',
      '25% of the budget',
      'excluded by P02',
      'forced out',
      'forced in; 5% of the budget',
    ]);
  });

  it('uses revenue or risk-adjusted revenue as the objective', () => {
    const rev = portfolioProblem(projects, [], [], { budget: 1, objective: 'revenue' });
    expect(rev.problem.projects[4]?.value).toBe(1000);
    const risk = portfolioProblem(projects, [], [], { budget: 1, objective: 'risk-adjusted' });
    expect(risk.problem.projects[4]?.value).toBe(500);
  });

  it('spreads cost over the months for a budget per period, and builds balance rules', () => {
    const pp = portfolioProblem(projects.slice(0, 3), [], [], {
      budget: 200,
      budgetPerPeriod: { '2027-02': 20, '2027-09': 5 },
      balance: [{ by: 'type', group: 'tooling', minShare: 0.5 }],
    });
    expect(pp.problem.resources).toEqual([
      {
        name: 'budget in 2027-02',
        subject: '2027-02',
        unit: '',
        kind: 'budget',
        limit: 20,
        use: [[0, 100 / 3]],
      },
    ]);
    expect(pp.problem.balance).toEqual([
      { group: 'Type tooling', members: [0], minShare: 0.5, maxShare: null },
    ]);
    const r = solveAllocation(pp.problem);
    expect(r.status).toBe('infeasible');
    expect(r.conflict?.message).toBe(
      'these cannot all hold: budget in 2027-02 (20); min share of Type tooling (50% of the budget = 100)',
    );
    expect(pp.warnings).toContain('P02 has no Start/End: not limited by the budget per period.');
  });

  it('lists the months between two dates', () => {
    expect(monthsBetween('2026-11-30', '2027-02-01')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(monthsBetween('2027-03-01', '2027-01-01')).toEqual([]);
    expect(monthsBetween(null, '2027-01-01')).toEqual([]);
  });
});

describe('portfolioProblem: running work is committed', () => {
  it('forces an Active project in unless its Force says Out', () => {
    const pp = portfolioProblem(
      [
        project({ id: 'A1', status: 'Active' }),
        project({ id: 'A2', status: 'Active', force: 'out' }),
        project({ id: 'P1', status: 'Approved' }),
      ],
      [],
      [],
      { budget: 100 },
    );
    expect(pp.problem.projects.map((c) => c.force)).toEqual(['in', 'out', null]);
  });
});

describe('portfolioProblem: projects left out by the caller', () => {
  it('skips them whatever their status, keeps their dependants out, and notes each fact once', () => {
    const pp = portfolioProblem(
      [
        project({ id: 'P1', status: 'Active', cost: null }),
        project({ id: 'P2', dependsOn: ['p1'] }),
        project({ id: 'P3' }),
      ],
      [
        { projectId: 'P9', skill: 'SE', hours: { '2027-01': 5 } },
        { projectId: 'P9', skill: 'AE', hours: { '2027-01': 5 } },
      ],
      [],
      { budget: 100, leaveOut: [{ id: 'p1', reason: 'Cost "12k?" cannot be read' }] },
    );
    expect(pp.candidates.map((p) => p.id)).toEqual(['P2', 'P3']);
    expect(pp.skipped.map((s) => [s.project.id, s.reason])).toEqual([
      ['P1', 'Cost "12k?" cannot be read'],
    ]);
    expect(pp.problem.projects.map((c) => c.force)).toEqual(['out', null]);
    expect(pp.warnings).toEqual([
      'P2 depends on P1 (left out), so it is left out.',
      'Demand for P9, which is not in Projects: ignored.',
    ]);
  });
});

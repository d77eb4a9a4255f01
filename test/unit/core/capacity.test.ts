import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMITTED_RULE } from '../../../src/core/counting';
import { analyseCapacity, heatClass } from '../../../src/core/capacity';
import type { CapacityRow, DemandRow, ProjectStatus } from '../../../src/core/model';
import { PROJECT_STATUSES } from '../../../src/core/model';
import { project } from './fixtures';

const projects = [
  project('P1', { status: 'Approved' }),
  project('P2', { status: 'Active' }),
  project('P3', { status: 'Proposed' }),
  project('P4', { status: 'Proposed', selected: true }),
  project('P5', { status: 'On hold', selected: true }),
];
const capacity: CapacityRow[] = [
  { skill: 'AE', hours: { '2027-01': 100, '2027-02': 100 } },
  { skill: 'SE', hours: { '2027-01': 40 } },
];
const demand: DemandRow[] = [
  { projectId: 'P1', skill: 'AE', hours: { '2027-01': 50, '2027-02': 90 } },
  { projectId: 'P2', skill: 'AE', hours: { '2027-01': 40, '2027-02': 20 } },
  { projectId: 'P3', skill: 'AE', hours: { '2027-01': 500 } },
  { projectId: 'P4', skill: 'SE', hours: { '2027-01': 35 } },
  { projectId: 'P5', skill: 'SE', hours: { '2027-01': 100 } },
  { projectId: 'P1', skill: 'SE', hours: { '2027-02': 10 } },
];

describe('capacity', () => {
  it('counts the plan by default: Approved and Active before a selection, Active and Selected after', () => {
    const before = projects.map((p) => ({ ...p, selected: null }));
    const a = analyseCapacity(before, capacity, demand);
    // AE 2027-01: P1 (Approved) 50 + P2 (Active) 40; SE 2027-01: nothing (P4, P5 not selected).
    expect(a.cells[0]![0]).toMatchObject({ demand: 90 });
    expect(a.cells[1]![0]).toMatchObject({ demand: 0 });
    // With a selection, the Approved P1 is left out unless selected; P4 (Selected) counts.
    const after = analyseCapacity(projects, capacity, demand);
    expect(after.cells[0]![0]).toMatchObject({ demand: 40 });
    expect(after.cells[1]![0]).toMatchObject({ demand: 35 });
  });

  it('computes utilisation, heat, over-allocations and peaks (hand-computed)', () => {
    const a = analyseCapacity(projects, capacity, demand, { rule: COMMITTED_RULE });
    expect(a.skills).toEqual(['AE', 'SE']);
    expect(a.periods).toEqual(['2027-01', '2027-02']);
    const [ae, se] = a.cells;
    // AE 2027-01: (50 + 40) / 100 = 0.9 → amber; P3 is Proposed and not selected: not counted.
    expect(ae![0]).toMatchObject({ demand: 90, capacity: 100, utilisation: 0.9, heat: 'amber' });
    // AE 2027-02: (90 + 20) / 100 = 1.1 → red.
    expect(ae![1]).toMatchObject({ demand: 110, capacity: 100, heat: 'red' });
    expect(ae![1]!.utilisation).toBeCloseTo(1.1, 12);
    // SE 2027-01: P4 (Proposed but Selected) 35 / 40 = 0.875; P5 is On hold: a selection does not revive it.
    expect(se![0]).toMatchObject({ demand: 35, capacity: 40, utilisation: 0.875, heat: 'amber' });
    // SE 2027-02: 10 hours, no capacity column value.
    expect(se![1]).toMatchObject({
      demand: 10,
      capacity: null,
      utilisation: null,
      heat: 'no-capacity',
    });

    expect(a.overAllocations).toEqual([
      {
        skill: 'AE',
        period: '2027-02',
        demand: 110,
        capacity: 100,
        hoursOver: 10,
        utilisation: a.cells[0]![1]!.utilisation,
        projects: [
          { projectId: 'P1', hours: 90 },
          { projectId: 'P2', hours: 20 },
        ],
      },
      {
        skill: 'SE',
        period: '2027-02',
        demand: 10,
        capacity: null,
        hoursOver: 10,
        utilisation: null,
        projects: [{ projectId: 'P1', hours: 10 }],
      },
    ]);
    expect(a.peaks).toEqual([
      { skill: 'AE', peak: a.cells[0]![1]!.utilisation, period: '2027-02', uncoveredHours: 0 },
      { skill: 'SE', peak: 0.875, period: '2027-01', uncoveredHours: 10 },
    ]);
    expect(a.counted).toEqual({ projects: 3, demandRows: 4, hours: 90 + 110 + 35 + 10 });
    expect(a.problems).toEqual([]);
  });

  it('takes the counting rule as a parameter', () => {
    const a = analyseCapacity(projects, capacity, demand, {
      rule: { statuses: ['Approved', 'Active'], includeSelected: false },
    });
    expect(a.cells[1]![0]).toMatchObject({ demand: 0, utilisation: 0, heat: 'ok' });
    const all = analyseCapacity(projects, capacity, demand, {
      rule: { statuses: [...PROJECT_STATUSES], includeSelected: false },
    });
    expect(all.cells[0]![0]!.demand).toBe(590);
    expect(all.cells[1]![0]!.demand).toBe(135);
  });

  it('puts the heat thresholds at 85% and 100% inclusive', () => {
    expect(heatClass(85, 100)).toBe('ok');
    expect(heatClass(17, 20)).toBe('ok');
    expect(heatClass(85.01, 100)).toBe('amber');
    expect(heatClass(100, 100)).toBe('amber');
    expect(heatClass(0.1 + 0.2, 0.3)).toBe('amber');
    expect(heatClass(100.01, 100)).toBe('red');
    expect(heatClass(5, 0)).toBe('no-capacity');
    expect(heatClass(5, null)).toBe('no-capacity');
    expect(heatClass(0, null)).toBe('empty');
    expect(heatClass(0, 10)).toBe('ok');
    expect(heatClass(60, 100, { amber: 0.5, red: 0.7 })).toBe('amber');
  });

  it('reports unknown projects, skills and periods, bad periods and hours as problems', () => {
    const a = analyseCapacity(
      [project('P1', { status: 'Active' })],
      [
        { skill: 'AE', hours: { '2027-01': 100, '2027-13': 5 } },
        { skill: 'ae ', hours: { '2027-01': 20 } },
      ],
      [
        { projectId: 'p1 ', skill: ' Ae', hours: { '2027-01': 10 } },
        { projectId: 'P9', skill: 'AE', hours: { '2027-01': 10 } },
        { projectId: 'P1', skill: 'Sales  engineer', hours: { '2027-01': 7, Jan: 3 } },
        { projectId: 'P1', skill: 'AE', hours: { '2027-02': 4, '2027-01': -1 } },
      ],
    );
    // " Ae" matches "AE" and "p1 " matches "P1"; the duplicate AE row adds 20 hours.
    expect(a.cells[0]![0]).toMatchObject({ demand: 10, capacity: 120 });
    expect(a.skills).toEqual(['AE', 'Sales  engineer']);
    expect(a.periods).toEqual(['2027-01', '2027-02']);
    expect(a.cells[1]![0]).toMatchObject({ demand: 7, capacity: null, heat: 'no-capacity' });
    expect(a.cells[0]![1]).toMatchObject({ demand: 4, capacity: null, heat: 'no-capacity' });
    const kinds = a.problems.map((p) => [p.kind, p.source, p.indices]);
    expect(kinds).toEqual([
      ['duplicate-skill', 'Capacity', [1]],
      ['invalid-period', 'Capacity', [0]],
      ['unknown-project', 'Demand', [1]],
      ['unknown-skill', 'Demand', [2]],
      ['unknown-period', 'Demand', [3]],
      ['invalid-period', 'Demand', [2]],
      ['invalid-hours', 'Demand', [3]],
    ]);
    expect(a.problems[2]!.message).toMatch(/project ID that is not on the Projects sheet \(P9\)/);
    expect(a.problems[3]!.message).toMatch(/"Sales engineer"|"Sales {2}engineer"/);
    expect(a.problems[4]!.message).toMatch(/hours in 2027-02 .* no 2027-02 column/);
  });

  const statusArb = fc.constantFrom<ProjectStatus | null>(...PROJECT_STATUSES, null);
  const periodArb = fc.constantFrom('2027-01', '2027-02', '2027-03');
  const skillArb = fc.constantFrom('AE', 'SE', 'SDR');
  const hoursArb = fc.dictionary(periodArb, fc.integer({ min: 0, max: 200 }), { maxKeys: 3 });
  const inputArb = fc.record({
    statuses: fc.array(
      fc.record({ status: statusArb, selected: fc.option(fc.boolean(), { nil: null }) }),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
    capacity: fc.array(fc.record({ skill: skillArb, hours: hoursArb }), { maxLength: 3 }),
    demand: fc.array(
      fc.record({
        p: fc.nat(7),
        skill: fc.constantFrom('AE', 'SE', 'SDR', 'RevOps'),
        hours: hoursArb,
      }),
      { maxLength: 12 },
    ),
  });

  it('property: the cells add up to the counted demand, and each over-allocation to its projects', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const ps = input.statuses.map((s, i) => project(`P${i}`, s));
        const dem: DemandRow[] = input.demand.map((d) => ({
          projectId: `P${d.p}`,
          skill: d.skill,
          hours: d.hours,
        }));
        const a = analyseCapacity(ps, input.capacity, dem, { rule: COMMITTED_RULE });
        let expected = 0;
        for (const d of dem) {
          const p = ps.find((x) => x.id === d.projectId);
          const counted =
            p !== undefined &&
            (p.status === 'Approved' ||
              p.status === 'Active' ||
              (p.selected === true && [null, 'Proposed', 'In review'].includes(p.status)));
          if (counted) for (const h of Object.values(d.hours)) expected += h;
        }
        let fromUtilisation = 0;
        let uncovered = 0;
        for (const row of a.cells)
          for (const c of row) {
            if (c.utilisation !== null) fromUtilisation += c.utilisation * (c.capacity as number);
            else uncovered += c.demand;
            expect(c.heat).toBe(heatClass(c.demand, c.capacity));
          }
        expect(fromUtilisation + uncovered).toBeCloseTo(expected, 6);
        expect(a.counted.hours).toBe(expected);
        expect(a.peaks.reduce((s, p) => s + p.uncoveredHours, 0)).toBe(uncovered);
        for (const o of a.overAllocations) {
          expect(o.projects.reduce((s, p) => s + p.hours, 0)).toBe(o.demand);
          expect(o.hoursOver).toBeCloseTo(o.demand - (o.capacity ?? 0), 9);
          expect(o.hoursOver).toBeGreaterThan(0);
          for (let k = 1; k < o.projects.length; k++)
            expect(o.projects[k - 1]!.hours).toBeGreaterThanOrEqual(o.projects[k]!.hours);
        }
        const overCells = a.cells.flat().filter((c) => c.demand > (c.capacity ?? 0));
        expect(a.overAllocations.length).toBe(overCells.length);
      }),
    );
  });

  it('stays linear: 200,000 demand rows within a generous bound', () => {
    const n = 20_000;
    const ps = Array.from({ length: n }, (_, i) =>
      project(`P${i}`, { status: i % 2 ? 'Active' : 'Proposed' }),
    );
    const skills = ['AE', 'SE', 'SDR', 'Marketing ops', 'RevOps', 'Enablement', 'CSM', 'Partner'];
    const periods = Array.from({ length: 12 }, (_, m) => `2027-${String(m + 1).padStart(2, '0')}`);
    const cap: CapacityRow[] = skills.map((skill) => ({
      skill,
      hours: Object.fromEntries(periods.map((p) => [p, 10_000])),
    }));
    const dem: DemandRow[] = [];
    for (let i = 0; i < 10 * n; i++)
      dem.push({
        projectId: `P${i % n}`,
        skill: skills[i % skills.length]!,
        hours: Object.fromEntries(periods.slice(i % 6, (i % 6) + 4).map((p) => [p, 5])),
      });
    const t0 = performance.now();
    const a = analyseCapacity(ps, cap, dem);
    const ms = performance.now() - t0;
    expect(a.counted.demandRows).toBe(5 * n);
    expect(ms).toBeLessThan(3000);
  });
});

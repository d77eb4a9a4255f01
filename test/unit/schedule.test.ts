import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedDelays,
  solveSchedule,
  timeIndexed,
  type ScheduleProblem,
  type ScheduleProject,
} from '../../src/core/schedule';
import { scheduleInstance } from '../../scripts/schedule-instance';

const MONTHS = ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'];

function proj(
  id: string,
  value: number,
  use: [number, number, number][],
  o: Partial<ScheduleProject> = {},
): ScheduleProject {
  return {
    id,
    value,
    cost: 0,
    force: null,
    start: use.length > 0 ? Math.min(...use.map((u) => u[1])) : 0,
    use: use.map(([lane, period, amount]) => ({ lane, period, amount })),
    maxDelay: 0,
    ...o,
  };
}

function sched(projects: ScheduleProject[], o: Partial<ScheduleProblem> = {}): ScheduleProblem {
  return {
    periods: MONTHS,
    unit: ['month', 'months'],
    projects,
    lanes: [{ name: 'SDR', kind: 'capacity', unit: 'h', limits: MONTHS.map(() => 100) }],
    budget: Infinity,
    dependencies: [],
    exclusions: [],
    balance: [],
    discount: 0,
    ...o,
  };
}

/** The shifted use of a result per lane × period, to check against the limits. */
function load(s: ScheduleProblem, delay: (number | null)[]): number[][] {
  const out = s.lanes.map(() => s.periods.map(() => 0));
  s.projects.forEach((q, j) => {
    const d = delay[j];
    if (d === null || d === undefined) return;
    for (const u of q.use) {
      const lane = out[u.lane] as number[];
      lane[u.period + d] = (lane[u.period + d] ?? 0) + u.amount;
    }
  });
  return out;
}

describe('the time-indexed model', () => {
  it('allows a delay only while the shifted use stays inside the horizon', () => {
    const q = proj('A', 1, [[0, 3, 10]], { maxDelay: 5 });
    expect(allowedDelays(q, 6)).toEqual([0, 1, 2]);
    expect(allowedDelays({ ...q, maxDelay: 1 }, 6)).toEqual([0, 1]);
    expect(allowedDelays(proj('B', 1, [[0, 5, 10]], { maxDelay: 3 }), 6)).toEqual([0]);
    // No Start, no use, or forced out: not moved.
    expect(allowedDelays({ ...q, start: null }, 6)).toEqual([0]);
    expect(allowedDelays({ ...q, use: [] }, 6)).toEqual([0]);
    expect(allowedDelays({ ...q, force: 'out' }, 6)).toEqual([0]);
  });

  it('moves a project whose hours do not fit at its Start, with its hours, and says why', () => {
    const s = sched([
      proj('A', 10, [
        [0, 0, 80],
        [0, 1, 80],
      ]),
      proj(
        'B',
        8,
        [
          [0, 0, 60],
          [0, 1, 30],
        ],
        { maxDelay: 3 },
      ),
    ]);
    const r = solveSchedule(s);
    expect(r.status).toBe('optimal');
    expect(r.selected).toEqual([true, true]);
    expect(r.delay).toEqual([0, 2]);
    expect(r.start).toEqual([0, 2]);
    expect(r.value).toBe(18);
    expect(r.reasons[1]).toMatch(
      /^starts 2027-03, 2 months after its Start: SDR capacity in 2027-0[12]/,
    );
    for (const row of load(s, r.delay)) for (const h of row) expect(h).toBeLessThanOrEqual(100);
    // In or out alone, B does not fit.
    const fixed = solveSchedule({ ...s, projects: s.projects.map((q) => ({ ...q, maxDelay: 0 })) });
    expect(fixed.value).toBe(10);
    expect(fixed.reasons[1]).toMatch(/SDR capacity in 2027-01/);
  });

  it('moves the cost per month with the project against a budget per month', () => {
    const lanes = [
      { name: 'budget', kind: 'budget' as const, unit: '', limits: MONTHS.map(() => 1000) },
    ];
    const s = sched(
      [
        proj('A', 5, [[0, 0, 700]], { cost: 700 }),
        proj('B', 4, [[0, 0, 600]], { cost: 600, maxDelay: 1 }),
      ],
      { lanes, budget: 1300 },
    );
    const r = solveSchedule(s);
    expect(r.delay).toEqual([0, 1]);
    expect(r.reasons[1]).toMatch(/: budget in 2027-01/);
    // The whole budget still counts the whole cost, whenever it starts.
    expect(solveSchedule({ ...s, budget: 1200 }).count).toBe(1);
  });

  it('starts a project no earlier than the project it depends on', () => {
    // A is pushed to March by capacity; B needs A and would fit in January, so it waits too.
    const s = sched(
      [
        proj('X', 100, [[0, 0, 100]]),
        proj('A', 10, [[0, 0, 50]], { maxDelay: 2, start: 0 }),
        proj('B', 10, [[0, 1, 0.5]], { maxDelay: 4, start: 0 }),
      ],
      {
        lanes: [
          { name: 'SDR', kind: 'capacity', unit: 'h', limits: [100, 60, 100, 100, 100, 100] },
        ],
        dependencies: [{ project: 2, needs: 1 }],
      },
    );
    const r = solveSchedule(s);
    expect(r.selected).toEqual([true, true, true]);
    // A cannot start in Jan (X) and in Feb it fits (50 ≤ 60): B must start no earlier.
    expect(r.start[1]).toBe(1);
    expect(r.start[2] as number).toBeGreaterThanOrEqual(r.start[1] as number);
    expect(r.reasons[2]).toMatch(/needs A, which starts 2027-02/);
    // Without the dependency B would start at its Start.
    expect(solveSchedule({ ...s, dependencies: [] }).start[2]).toBe(0);
  });

  it('a project whose dependency is out stays out', () => {
    const s = sched(
      [proj('A', 10, [[0, 0, 50]], { force: 'out' }), proj('B', 10, [[0, 0, 10]], { maxDelay: 2 })],
      { dependencies: [{ project: 1, needs: 0 }] },
    );
    const r = solveSchedule(s);
    expect(r.selected).toEqual([false, false]);
  });

  it('discounts the value by (1 − discount)^delay', () => {
    const s = sched(
      [proj('A', 100, [[0, 0, 100]]), proj('B', 50, [[0, 0, 100]], { maxDelay: 3 })],
      { discount: 0.1 },
    );
    const r = solveSchedule(s);
    expect(r.delay).toEqual([0, 1]);
    expect(r.value).toBeCloseTo(100 + 50 * 0.9, 9);
    const m = timeIndexed(s);
    // B's own variable (its cost, force and dependencies) is worth nothing by itself.
    expect(m.problem.projects.map((c) => c.value)).toEqual([
      100,
      50,
      45,
      50 * 0.81,
      50 * 0.9 ** 3,
      0,
    ]);
    expect(m.problem.projects[5]?.id).toBe('B');
    // A worse start is never chosen when an earlier one fits.
    const lone = solveSchedule(sched([proj('B', 50, [[0, 0, 100]], { maxDelay: 3 })]));
    expect(lone.delay).toEqual([0]);
  });

  it('a forced-in project gets one of its starts, even at a loss elsewhere', () => {
    const s = sched([
      proj('A', 100, [
        [0, 0, 100],
        [0, 1, 100],
      ]),
      proj('B', 1, [[0, 0, 100]], { maxDelay: 1, force: 'in' }),
    ]);
    const r = solveSchedule(s);
    expect(r.selected).toEqual([false, true]);
    const ok = solveSchedule({
      ...s,
      projects: [
        s.projects[0] as ScheduleProject,
        { ...(s.projects[1] as ScheduleProject), maxDelay: 2 },
      ],
    });
    expect(ok.selected).toEqual([true, true]);
    expect(ok.delay[1]).toBe(2);
  });

  it('equals enumeration of every start on small random instances', () => {
    const arb = fc.record({
      seed: fc.integer({ min: 1, max: 1e6 }),
      n: fc.integer({ min: 1, max: 6 }),
      discount: fc.constantFrom(0, 0.05, 0.2),
    });
    fc.assert(
      fc.property(arb, ({ seed, n, discount }) => {
        const big = scheduleInstance(n, seed, null, discount);
        const s: ScheduleProblem = {
          ...big,
          projects: big.projects.map((q) => ({ ...q, maxDelay: Math.min(q.maxDelay, 2) })),
          dependencies: n > 1 ? [{ project: n - 1, needs: 0 }] : [],
        };
        const r = solveSchedule(s);
        expect(r.status).toBe('optimal');
        expect(r.value).toBeCloseTo(bruteForce(s), 6);
      }),
      { numRuns: 60 },
    );
  });
});

/** The best value over every combination of (out | allowed delay) per project. */
function bruteForce(s: ScheduleProblem): number {
  const T = s.periods.length;
  const options = s.projects.map((q) => [null, ...allowedDelays(q, T)]);
  let best = -Infinity;
  const pick: (number | null)[] = [];
  const rec = (j: number): void => {
    if (j === s.projects.length) {
      best = Math.max(best, evaluate(s, pick));
      return;
    }
    for (const o of options[j] as (number | null)[]) {
      pick[j] = o;
      rec(j + 1);
    }
  };
  rec(0);
  return best;
}

function evaluate(s: ScheduleProblem, delay: (number | null)[]): number {
  let v = 0;
  let cost = 0;
  for (let j = 0; j < s.projects.length; j++) {
    const q = s.projects[j] as ScheduleProject;
    const d = delay[j];
    if (q.force === 'in' && (d === null || d === undefined)) return -Infinity;
    if (d === null || d === undefined) continue;
    if (q.force === 'out') return -Infinity;
    v += q.value * (1 - s.discount) ** d;
    cost += q.cost;
  }
  if (cost > s.budget) return -Infinity;
  const l = load(s, delay);
  for (let k = 0; k < s.lanes.length; k++)
    for (let t = 0; t < T(s); t++) {
      const lim = (s.lanes[k] as ScheduleProblem['lanes'][number]).limits[t];
      if (lim !== null && lim !== undefined && ((l[k] as number[])[t] as number) > lim + 1e-9)
        return -Infinity;
    }
  for (const d of s.dependencies) {
    const dp = delay[d.project];
    const dq = delay[d.needs];
    if (dp === null || dp === undefined) continue;
    if (dq === null || dq === undefined) return -Infinity;
    const sp = (s.projects[d.project] as ScheduleProject).start;
    const sq = (s.projects[d.needs] as ScheduleProject).start;
    if (sp !== null && sq !== null && sq + dq > sp + dp) return -Infinity;
  }
  for (const set of s.exclusions)
    if (set.filter((j) => delay[j] != null).length > 1) return -Infinity;
  return v;
}

const T = (s: ScheduleProblem): number => s.periods.length;

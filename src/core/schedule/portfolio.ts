/**
 * The schedule problem of the portfolio: the candidates, values, costs, forces, dependencies,
 * exclusions and balance rules of portfolioProblem, and over the months from the earliest Start
 * or Demand month to the last month of Capacity, Demand or Budget per month:
 * - a lane per skill (its Capacity hours; a month without capacity is not limited) and, with a
 *   Budget per month, a budget lane where a project's Cost counts evenly over its Start–End
 *   months;
 * - each candidate's Demand from its Start; it may start up to its Latest start (an Active
 *   project is running and does not move), never past the last month of the horizon.
 */
import {
  monthsBetween,
  portfolioProblem,
  type AllocationSettings,
  type PortfolioProblem,
} from '../allocation';
import type { CapacityRow, DemandRow, Project } from '../model';
import { monthIndex, monthOf } from './months';
import type { ScheduleLane, ScheduleProblem, ScheduleUse } from './problem';

export interface PortfolioSchedule {
  readonly portfolio: PortfolioProblem;
  /** Projects index j ↔ portfolio.candidates[j]. */
  readonly schedule: ScheduleProblem;
  /** Notes for the user (Latest start before Start …), one per fact. */
  readonly notes: string[];
}

const key = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

export function portfolioSchedule(
  projects: readonly Project[],
  demand: readonly DemandRow[],
  capacity: readonly CapacityRow[],
  settings: AllocationSettings & { readonly delayDiscount?: number },
): PortfolioSchedule {
  const pp = portfolioProblem(projects, demand, capacity, settings);
  const cands = pp.candidates;
  const indexOf = new Map(cands.map((p, j) => [key(p.id), j]));
  const notes: string[] = [];

  // The horizon.
  const months: number[] = [];
  for (const c of capacity) for (const m of Object.keys(c.hours)) months.push(monthIndex(m));
  const demandOf = new Map<number, DemandRow[]>();
  for (const d of demand) {
    const j = indexOf.get(key(d.projectId));
    if (j === undefined) continue;
    const list = demandOf.get(j) ?? [];
    list.push(d);
    demandOf.set(j, list);
    for (const [m, h] of Object.entries(d.hours)) if (h > 0) months.push(monthIndex(m));
  }
  for (const p of cands) if (p.start) months.push(monthIndex(p.start.slice(0, 7)));
  const perPeriod = settings.budgetPerPeriod;
  if (perPeriod && typeof perPeriod !== 'number')
    for (const m of Object.keys(perPeriod)) months.push(monthIndex(m));
  // A loop, not Math.min(...months): a large portfolio has more months than a call takes arguments.
  let first = months.length ? Infinity : 0;
  let last = months.length ? -Infinity : -1;
  for (const m of months) {
    if (m < first) first = m;
    if (m > last) last = m;
  }
  const periods = Array.from({ length: last - first + 1 }, (_, t) => monthOf(first + t));

  // Lanes: skills in Capacity order, then skills only Demand names.
  const lanes: ScheduleLane[] = [];
  const laneOf = new Map<string, number>();
  const addLane = (name: string, limits: (number | null)[]): void => {
    laneOf.set(key(name), lanes.length);
    lanes.push({ name, kind: 'capacity', unit: 'h', limits });
  };
  for (const c of capacity) {
    if (laneOf.has(key(c.skill))) continue;
    addLane(
      c.skill.trim(),
      periods.map((m) => {
        const h = c.hours[m];
        return h === undefined || !Number.isFinite(h) ? null : Math.max(0, h);
      }),
    );
  }
  for (const d of demand)
    if (!laneOf.has(key(d.skill)))
      addLane(
        d.skill.trim(),
        periods.map(() => null),
      );
  let budgetLane = -1;
  if (perPeriod) {
    budgetLane = lanes.length;
    lanes.push({
      name: 'budget',
      kind: 'budget',
      unit: '',
      limits: periods.map((m) => {
        const x = typeof perPeriod === 'number' ? perPeriod : perPeriod[m];
        return x === undefined ? null : Math.max(0, x);
      }),
    });
  }

  const latestBefore: string[] = [];
  const schedProjects = cands.map((p, j) => {
    const c = pp.problem.projects[j] as PortfolioProblem['problem']['projects'][number];
    const use: ScheduleUse[] = [];
    for (const d of demandOf.get(j) ?? []) {
      const lane = laneOf.get(key(d.skill)) as number;
      for (const [m, h] of Object.entries(d.hours))
        if (h > 0) use.push({ lane, period: monthIndex(m) - first, amount: h });
    }
    if (budgetLane >= 0 && c.cost > 0) {
      const spread = monthsBetween(p.start, p.end);
      for (const m of spread)
        use.push({
          lane: budgetLane,
          period: monthIndex(m) - first,
          amount: c.cost / spread.length,
        });
    }
    const start = p.start ? monthIndex(p.start.slice(0, 7)) - first : null;
    let maxDelay = 0;
    if (p.start && p.latestStart && p.status !== 'Active') {
      maxDelay = monthIndex(p.latestStart) - monthIndex(p.start.slice(0, 7));
      if (maxDelay < 0) {
        latestBefore.push(p.id);
        maxDelay = 0;
      }
    }
    return {
      id: p.id,
      value: c.value,
      cost: c.cost,
      force: c.force,
      start,
      use,
      maxDelay,
      // A project without a Start but with a Latest start is reported (not moved) below.
      ...(p.start === null && p.latestStart ? { maxDelay: 1 } : {}),
    };
  });
  if (latestBefore.length)
    notes.push(
      `Latest start is before Start for ${latestBefore.join(', ')}: they start at their Start.`,
    );
  return {
    portfolio: pp,
    schedule: {
      periods,
      unit: ['month', 'months'],
      projects: schedProjects,
      lanes,
      budget: pp.problem.budget,
      dependencies: pp.problem.dependencies,
      exclusions: pp.problem.exclusions,
      balance: pp.problem.balance,
      discount: settings.delayDiscount ?? 0,
    },
    notes,
  };
}

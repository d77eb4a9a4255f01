/**
 * Time-phased planning: which projects, and when. A project may start at its Start (delay 0) or
 * up to `maxDelay` periods later; it keeps its duration, and what it uses each period (hours of
 * a skill, money against a budget per period) moves with it. The choice maximises
 * Σ value × (1 − discount)^delay within
 * - the budget (the whole cost of each chosen project, whenever it starts),
 * - the limit of every lane (a skill's capacity, a budget per period) in every period,
 * - dependencies: a project that needs another is chosen only with it, and starts no earlier,
 * - exclusions, balance rules (shares of the budget) and forces (in: one of its starts is
 *   chosen; out: none).
 * A delay is allowed when it is at most maxDelay and what the project uses stays inside the
 * horizon (nothing past the last period). A project without a Start or without any use is not
 * moved. This module holds the types and their validation only.
 */
import type { BalanceRule, Dependency, ForceValue } from '../allocation';

/** A row of limits over the periods: a skill's capacity or a budget per period. */
export interface ScheduleLane {
  /** The skill as reasons name it ("SDR"); "budget" for money. */
  readonly name: string;
  readonly kind: 'capacity' | 'budget';
  /** Unit after amounts, e.g. "h"; "" for none. */
  readonly unit: string;
  /** One limit per period; null where the lane is not limited. */
  readonly limits: readonly (number | null)[];
}

/** What a project uses of a lane in a period when it starts at its Start. */
export interface ScheduleUse {
  readonly lane: number;
  readonly period: number;
  readonly amount: number;
}

export interface ScheduleProject {
  readonly id: string;
  readonly value: number;
  /** ≥ 0, counted against the whole budget whenever the project starts. */
  readonly cost: number;
  readonly force: ForceValue | null;
  /** The period of its Start, or null when it has none (then it is not moved). */
  readonly start: number | null;
  /** Its use of the lanes when it starts at its Start (delay 0). */
  readonly use: readonly ScheduleUse[];
  /** The most periods it may start late (0 = cannot move). */
  readonly maxDelay: number;
}

export interface ScheduleProblem {
  /** Period labels, e.g. "2027-01" … "2027-12" (or "period 1" …). */
  readonly periods: readonly string[];
  /** Singular and plural of a period in words: "month"/"months". */
  readonly unit: readonly [string, string];
  readonly projects: readonly ScheduleProject[];
  readonly lanes: readonly ScheduleLane[];
  /** Total budget (Infinity for none). */
  readonly budget: number;
  /** Project indices: `project` needs `needs` and starts no earlier than it. */
  readonly dependencies: readonly Dependency[];
  readonly exclusions: readonly (readonly number[])[];
  /** Groups of project indices (each project's every start counts). */
  readonly balance: readonly BalanceRule[];
  /** The fraction of value lost per period of delay, 0 ≤ discount < 1. */
  readonly discount: number;
}

/** Throws a RangeError naming the first thing wrong with a schedule problem. */
export function validateSchedule(p: ScheduleProblem): void {
  const fail = (msg: string): never => {
    throw new RangeError(`schedule problem: ${msg}`);
  };
  const T = p.periods.length;
  if (!(p.discount >= 0 && p.discount < 1)) fail(`the discount is ${p.discount}`);
  p.lanes.forEach((l) => {
    if (l.limits.length !== T) fail(`${l.name} has ${l.limits.length} limits for ${T} periods`);
    for (const x of l.limits) if (x !== null && !(x >= 0)) fail(`${l.name} has limit ${x}`);
  });
  for (const q of p.projects) {
    if (!Number.isInteger(q.maxDelay) || q.maxDelay < 0)
      fail(`${q.id} has max delay ${q.maxDelay}`);
    if (q.start !== null && !Number.isInteger(q.start)) fail(`${q.id} has start ${q.start}`);
    for (const u of q.use) {
      if (!Number.isInteger(u.lane) || u.lane < 0 || u.lane >= p.lanes.length)
        fail(`${q.id} uses lane ${u.lane}`);
      if (!Number.isInteger(u.period) || u.period < 0 || u.period >= T)
        fail(`${q.id} uses period ${u.period}`);
      if (!Number.isFinite(u.amount) || u.amount < 0) fail(`${q.id} uses ${u.amount}`);
    }
  }
}

/**
 * The delays a project may take: 0, and each d ≤ maxDelay that keeps its use inside the
 * horizon. A project with no Start, no use, or forced out is not moved: [0].
 */
export function allowedDelays(q: ScheduleProject, periods: number): number[] {
  if (q.start === null || q.use.length === 0 || q.force === 'out') return [0];
  let last = 0;
  for (const u of q.use) last = Math.max(last, u.period);
  const out = [0];
  for (let d = 1; d <= q.maxDelay && last + d < periods; d++) out.push(d);
  return out;
}

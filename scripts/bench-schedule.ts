/**
 * The SCHEDULE part of `npm run bench:allocate`: the time-indexed model (a binary per project
 * and allowed delay, at most one start per project, shifted hours against 8 skills × 12 months
 * of capacity, the budget, dependencies as "starts no earlier than", exclusions) solved by
 * solveSchedule with SCHEDULE's own 30 s cap against HiGHS on the same rows, at n = 50, 70,
 * 200 and 500 projects with max delays of 0–4 months (scripts/schedule-instance.ts). Prints
 * per instance our value ÷ HiGHS's value, our CPU time ÷ HiGHS's, both statuses, and a verdict
 * on the goals: the HiGHS optimum up to 70 projects, ≥ 99% of HiGHS's value within 30 s at 500.
 */
import type { Highs } from 'highs';
import { solveSchedule, timeIndexed } from '../src/core/schedule';
import { median, solveHighs, type Run } from './bench-allocate';
import { scheduleInstance } from './schedule-instance';

export interface ScheduleBenchArgs {
  readonly sizes: readonly number[];
  readonly seeds: number;
  /** Seconds for HiGHS; ours always gets SCHEDULE's cap. */
  readonly timeLimit: number;
  readonly ourLimitMs: number;
}

const pad = (s: string | number, w: number): string => String(s).padEnd(w);

export function benchSchedule(highs: Highs, args: ScheduleBenchArgs): void {
  console.log(
    `\nSCHEDULE: time-indexed model (8 skills × 12 months, max delay 0–4 per project), ours capped at ${args.ourLimitMs / 1000} s, HiGHS at ${args.timeLimit} s`,
  );
  console.log(
    `${pad('projects', 9)}${pad('seed', 5)}${pad('binaries', 9)}${pad('rows', 6)}${pad('value ours/HiGHS', 17)}${pad('ours ms', 9)}${pad('HiGHS ms', 10)}${pad('cpu ratio', 10)}${pad('our gap', 9)}${pad('ours', 11)}${pad('HiGHS', 11)}moved`,
  );
  const out: { n: number; ratio: number; ms: number; highsOptimal: boolean }[] = [];
  for (const n of args.sizes) {
    for (let s = 1; s <= args.seeds; s++) {
      const p = scheduleInstance(n, 7000 * n + s);
      const m = timeIndexed(p);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const ours = solveSchedule(p, { timeLimitMs: args.ourLimitMs, now: () => performance.now() });
      const ms = performance.now() - t0;
      const used = process.cpuUsage(c0);
      const cpu = (used.user + used.system) / 1000;
      const ref: Run = solveHighs(highs, m.problem, args.timeLimit);
      const ratio = ours.value / ref.value;
      out.push({ n, ratio, ms, highsOptimal: ref.status === 'optimal' });
      console.log(
        `${pad(n, 9)}${pad(s, 5)}${pad(m.problem.projects.length, 9)}${pad(ours.rows.rows.length, 6)}${pad(ratio.toFixed(6), 17)}${pad(ms.toFixed(0), 9)}${pad(ref.ms.toFixed(0), 10)}${pad((cpu / ref.cpu).toFixed(2), 10)}${pad(`${(ours.gap * 100).toFixed(3)}%`, 9)}${pad(ours.status, 11)}${pad(ref.status, 11)}${ours.moved.length}`,
      );
    }
  }
  const small = out.filter((o) => o.n <= 70);
  const large = out.filter((o) => o.n >= 500);
  console.log('\nSCHEDULE goals');
  if (small.length > 0)
    console.log(
      `- up to 70 projects, the HiGHS optimum: ${small.every((o) => o.ratio >= 1 - 1e-9) ? 'met' : 'NOT met'} (ratios ${small.map((o) => o.ratio.toFixed(6)).join(', ')})`,
    );
  if (large.length > 0)
    console.log(
      `- 500 projects, ≥ 99% of HiGHS's value within 30 s: ${large.every((o) => o.ratio >= 0.99 && o.ms <= 30_000 + 500) ? 'met' : 'NOT met'} (ratios ${large.map((o) => o.ratio.toFixed(4)).join(', ')}; median time ${median(large.map((o) => o.ms)).toFixed(0)} ms)`,
    );
}

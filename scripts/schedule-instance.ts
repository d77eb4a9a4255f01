/**
 * Seeded time-phased instances for the SCHEDULE benchmark and tests: n projects × 8 skills ×
 * 12 months. Each project starts in a random month, runs 1–6 months (inside the year), needs
 * 1–3 skills at 10–120 h a month, may start up to 0–4 months late (uniformly), costs its hours
 * at 80–150 per hour plus 5,000–50,000, and is worth cost × return (lognormal, median 2) ×
 * confidence (0.3–0.95), rounded. Each skill's capacity is the same every month: 45% of its
 * average monthly demand, so the peaks do not fit and moving starts pays. The budget is 40% of
 * the total cost; 10% of the projects need an earlier one, n/20 pairs exclude each other, 2%
 * are forced out.
 */
import { rng } from './rng';
import type { ScheduleProblem, ScheduleProject, ScheduleUse } from '../src/core/schedule';

export const SKILLS = 8;
export const MONTHS = 12;

export function scheduleInstance(
  n: number,
  seed: number,
  maxDelay: number | null = null,
  discount = 0,
): ScheduleProblem {
  const r = rng(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const projects: ScheduleProject[] = [];
  const total = new Float64Array(SKILLS);
  for (let j = 0; j < n; j++) {
    const start = Math.floor(r() * MONTHS);
    const len = Math.min(MONTHS - start, 1 + Math.floor(r() * 6));
    const nSkills = 1 + Math.floor(r() * 3);
    const skills = new Set<number>();
    while (skills.size < nSkills) skills.add(Math.floor(r() * SKILLS));
    const use: ScheduleUse[] = [];
    let hours = 0;
    for (const s of skills) {
      const perMonth = Math.round(10 + r() * 110);
      for (let t = start; t < start + len; t++) {
        use.push({ lane: s, period: t, amount: perMonth });
        hours += perMonth;
        total[s] = (total[s] as number) + perMonth;
      }
    }
    const cost = Math.round(hours * (80 + r() * 70) + 5000 + r() * 45000);
    const ret = Math.exp(Math.log(2) + 0.5 * normal());
    const confidence = 0.3 + r() * 0.65;
    const delay = Math.floor(r() * 5);
    projects.push({
      id: `P${String(j + 1).padStart(4, '0')}`,
      value: Math.round(cost * ret * confidence),
      cost,
      force: r() < 0.02 ? 'out' : null,
      start,
      use,
      maxDelay: maxDelay ?? delay,
    });
  }
  const dependencies: { project: number; needs: number }[] = [];
  for (let j = 1; j < n; j++)
    if (r() < 0.1) dependencies.push({ project: j, needs: Math.floor(r() * j) });
  const exclusions: number[][] = [];
  for (let k = 0; k < Math.floor(n / 20); k++) {
    const a = Math.floor(r() * n);
    const b = Math.floor(r() * n);
    if (a !== b) exclusions.push([a, b]);
  }
  const totalCost = projects.reduce((s, p) => s + p.cost, 0);
  return {
    periods: Array.from({ length: MONTHS }, (_, t) => `2027-${String(t + 1).padStart(2, '0')}`),
    unit: ['month', 'months'],
    projects,
    lanes: Array.from({ length: SKILLS }, (_, s) => ({
      name: `S${s + 1}`,
      kind: 'capacity' as const,
      unit: 'h',
      limits: new Array<number>(MONTHS).fill(Math.round((0.45 * (total[s] as number)) / MONTHS)),
    })),
    budget: Math.round(0.4 * totalCost),
    dependencies,
    exclusions,
    balance: [],
    discount,
  };
}

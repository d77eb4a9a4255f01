/**
 * Capacity to add: for the best projects a schedule leaves out because of capacity (not the
 * budget, a dependency, an exclusion or a balance rule), the smallest extra hours per skill and
 * month that would let each one in, with everything chosen kept where it is, at the start that
 * needs the fewest hours (or, when every skill it lacks has a Cost per hour, costs the least).
 * Each project is considered on its own: the hours admit that project.
 */
import type { Model } from '../allocation';
import { candidateStart } from './model';
import { Activities } from './moves';
import type { ScheduleResult } from './solve';

export interface CapacityNeed {
  /** The project admitted (index into the schedule's projects). */
  readonly project: number;
  readonly id: string;
  /** Its value at that start (after the delay discount). */
  readonly value: number;
  /** The period it would start (null without a Start). */
  readonly start: number | null;
  /** Extra hours per skill: months (period indices, ascending) and hours in each. */
  readonly skills: readonly {
    readonly lane: number;
    readonly skill: string;
    readonly months: readonly number[];
    readonly hours: readonly number[];
    readonly total: number;
    /** total × Cost per hour, when the skill has one. */
    readonly cost: number | null;
  }[];
  readonly hours: number;
  /** Σ cost when every skill has a Cost per hour, else null. */
  readonly cost: number | null;
}

/**
 * Up to `limit` projects (best value first). `costPerHour` gives each lane's cost per hour
 * (null where none).
 */
export function capacityToAdd(
  r: ScheduleResult,
  costPerHour: readonly (number | null)[] = [],
  limit = 5,
): CapacityNeed[] {
  if (!r.feasible) return [];
  const m = r.model;
  const rows: Model = r.rows;
  const acts = new Activities(rows, Uint8Array.from(r.candidates));
  const s = m.schedule;
  const order = s.projects
    .map((q, j) => ({ q, j }))
    .filter(({ q, j }) => !r.selected[j] && q.force !== 'out' && q.value > 0)
    .sort((a, b) => b.q.value - a.q.value || a.j - b.j);
  const out: CapacityNeed[] = [];
  for (const { q, j } of order) {
    if (out.length >= limit) break;
    let best: CapacityNeed | null = null;
    const y = m.projectVar[j] as number;
    for (const k of m.candidates[j] as number[]) {
      const broken = acts.broken(y === k ? [k] : [k, y], []);
      const extra = new Map<number, Map<number, number>>();
      let onlyCapacity = broken.length > 0;
      for (const b of broken) {
        const row = rows.rows[b.row] as Model['rows'][number];
        const at = row.kind === 'resource' ? m.resourceAt[row.source] : undefined;
        const lane = at ? s.lanes[at.lane] : undefined;
        if (!at || !lane || lane.kind !== 'capacity' || b.after < row.lo) {
          onlyCapacity = false;
          break;
        }
        const per = extra.get(at.lane) ?? new Map<number, number>();
        per.set(at.period, Math.ceil(b.after - row.hi - 1e-9));
        extra.set(at.lane, per);
      }
      if (!onlyCapacity) continue;
      const skills = [...extra.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([lane, per]) => {
          const months = [...per.keys()].sort((a, b) => a - b);
          const hours = months.map((t) => per.get(t) as number);
          const total = hours.reduce((x, y) => x + y, 0);
          const rate = costPerHour[lane] ?? null;
          return {
            lane,
            skill: (s.lanes[lane] as { name: string }).name,
            months,
            hours,
            total,
            cost: rate === null ? null : total * rate,
          };
        });
      const hours = skills.reduce((x, y) => x + y.total, 0);
      const cost = skills.every((x) => x.cost !== null)
        ? skills.reduce((x, y) => x + (y.cost ?? 0), 0)
        : null;
      const need: CapacityNeed = {
        project: j,
        id: q.id,
        value: (m.problem.projects[k] as { value: number }).value,
        start: candidateStart(m, k),
        skills,
        hours,
        cost,
      };
      const better =
        !best ||
        (cost !== null && best.cost !== null
          ? cost < best.cost || (cost === best.cost && hours < best.hours)
          : hours < best.hours);
      if (better) best = need;
    }
    if (best) out.push(best);
  }
  return out;
}

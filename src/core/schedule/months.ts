/** Month arithmetic for planned starts: months as "YYYY-MM", dates as "YYYY-MM-DD". */
import type { DemandRow, IsoDate, Period, Project } from '../model';

/** "2027-04" → 2027 × 12 + 3 (months since year 0). */
export function monthIndex(p: Period): number {
  return Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
}

/** The inverse of monthIndex. */
export function monthOf(i: number): Period {
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** A date moved by k months, the day kept (clamped to the month's last day: 01-31 + 1 → 02-28). */
export function addMonths(date: IsoDate, k: number): IsoDate {
  const i = monthIndex(date.slice(0, 7)) + k;
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(date.slice(8, 10)), last);
  return `${monthOf(i)}-${String(d).padStart(2, '0')}`;
}

/** Months from a project's Start to its Planned start (0 without both). */
export function plannedShift(p: Project): number {
  if (!p.start || !p.plannedStart) return 0;
  return monthIndex(p.plannedStart.slice(0, 7)) - monthIndex(p.start.slice(0, 7));
}

/**
 * Demand in the planned months: each row of a project whose Planned start differs from its
 * Start moves by as many months (its hours per month kept). Other rows are returned as they are.
 */
export function plannedDemand<D extends DemandRow>(
  projects: readonly Project[],
  demand: readonly D[],
): D[] {
  const key = (s: string): string => s.trim().toLowerCase();
  const shift = new Map<string, number>();
  for (const p of projects) {
    const k = plannedShift(p);
    if (k !== 0) shift.set(key(p.id), k);
  }
  if (shift.size === 0) return demand.slice();
  return demand.map((d) => {
    const k = shift.get(key(d.projectId));
    if (k === undefined) return d;
    const hours: Record<Period, number> = {};
    for (const [period, h] of Object.entries(d.hours)) hours[monthOf(monthIndex(period) + k)] = h;
    return { ...d, hours };
  });
}

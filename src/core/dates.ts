/**
 * Calendar arithmetic on the model's wall-clock dates ("YYYY-MM-DD") and periods ("YYYY-MM").
 * Days are counted in UTC so no time zone or daylight-saving shift can move a date.
 */
import type { IsoDate, Period } from './model';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * The day number of an ISO date: whole days since 1970-01-01 (Date.UTC(y, m − 1, d) ÷ 86,400,000),
 * or null when the text is not a real calendar date ("2027-02-30", "2027-2-3", "").
 */
export function dayNumber(date: IsoDate): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return null;
  return t / MS_PER_DAY;
}

/** The ISO date of a day number (the inverse of dayNumber). */
export function isoDateOf(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** True for a month "YYYY-MM" with a month 01–12. */
export function isPeriod(p: string): p is Period {
  const m = PERIOD.exec(p);
  if (!m) return false;
  const mo = Number(m[2]);
  return mo >= 1 && mo <= 12;
}

/** The period "YYYY-MM" a date falls in. */
export function periodOf(date: IsoDate): Period {
  return date.slice(0, 7);
}

/** Whole days from `from` to `to` (to − from; negative when `to` is earlier), or null if either is not a date. */
export function daysBetween(from: IsoDate, to: IsoDate): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

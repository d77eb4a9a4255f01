/** Helpers for the dashboard, snapshot, review and governance tests. */
import type { World } from './helpers';
import { columnOf, records } from './helpers';

/** Today in the workbook's time zone, as the add-on sees it ("YYYY-MM-DD"). */
export function today(w: World): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: w.workbook.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** An ISO date `days` after `iso` (negative: before). */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The 1-based sheet row of a project ID in Projects. */
export function rowOf(w: World, id: string): number {
  const i = records(w, 'Projects').findIndex((p) => p.ID === id);
  if (i < 0) throw new Error(`no project ${id}`);
  return i + 2;
}

/** Sets one Projects cell by ID and header, as a user typing it. */
export function setProject(w: World, id: string, header: string, value: unknown): void {
  w.workbook.setValues('Projects', `${columnOf(w, 'Projects', header)}${rowOf(w, id)}`, [[value]]);
}

/** A Date cell or ISO text as "YYYY-MM-DD" (dates are read in the workbook's zone, UTC here). */
export function iso(v: unknown): string {
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]'
    ? (v as Date).toISOString().slice(0, 10)
    : String(v);
}

/** Sets a Settings value by its name. */
export function setSetting(w: World, name: string, value: unknown): void {
  const row = records(w, 'Settings').findIndex((s) => s.Setting === name) + 2;
  if (row < 2) throw new Error(`no setting ${name}`);
  w.workbook.setValues('Settings', `B${row}`, [[value]]);
}

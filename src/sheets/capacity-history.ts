/**
 * The hidden "_Capacity history" sheet: the over-allocations found on each snapshot day, so the
 * review can tell which ones are new. A day with none keeps one marker row (Skill "(none)"), so
 * "checked, none" differs from "not checked". Written like History: today's rows replaced in place.
 */
import type { OverAllocation } from '../core/capacity';
import type { IsoDate } from '../core/model';
import type { ActionContext } from './action';
import { cellSchema, parseCell, type CellValue } from './cell-parsers';
import { ownedTableSheet, writeOwnedRows, type KeyedRow } from './owned-table';
import { CAPACITY_HISTORY, column } from './schema';
import { isBlankRow, periodOf, readTable } from './table';

const NONE = '(none)';

/** The over-allocations recorded for each date (a date with the marker row maps to []). */
export type OverAllocationsByDate = ReadonlyMap<IsoDate, readonly OverAllocation[]>;

/**
 * Records today's over-allocations and returns every recorded date's list (today's included).
 * Rows that cannot be read are kept and ignored.
 */
export function storeOverAllocations(
  ctx: ActionContext,
  date: IsoDate,
  current: readonly OverAllocation[],
): OverAllocationsByDate {
  const sheet = ownedTableSheet(ctx, CAPACITY_HISTORY);
  const table = readTable(sheet, CAPACITY_HISTORY, ctx);
  const col = (k: string): number => table.index.get(k) ?? -1;
  const dateSchema = cellSchema(column(CAPACITY_HISTORY, 'date'), ctx.dateKey);
  const byDate = new Map<IsoDate, OverAllocation[]>();
  const dates = table.rows.map((row): IsoDate | null => {
    if (isBlankRow(row)) return null;
    const d = parseCell(dateSchema, row[col('date')] as CellValue);
    if (!d.ok || typeof d.value !== 'string') return null;
    const list = byDate.get(d.value) ?? [];
    byDate.set(d.value, list);
    const skill = String(row[col('skill')] ?? '').trim();
    const period = periodOf(row[col('period')] ?? '', ctx.dateKey);
    if (skill === NONE || skill === '' || !period) return d.value;
    const n = (k: string): number => {
      const v = row[col(k)];
      return typeof v === 'number' ? v : 0;
    };
    list.push({
      skill,
      period,
      demand: n('demand'),
      capacity: n('capacity'),
      hoursOver: n('hoursOver'),
      utilisation: null,
      projects: [],
    });
    return d.value;
  });
  let from = dates.indexOf(date);
  if (from < 0) {
    from = table.rows.length;
    while (from > 0 && isBlankRow(table.rows[from - 1] ?? [])) from--;
  }
  const keep = table.rows.slice(from).filter((row, i) => {
    const d = dates[from + i];
    return d !== date && !isBlankRow(row);
  });
  const rows: KeyedRow[] = current.length
    ? current.map((o) => ({
        date,
        skill: o.skill,
        period: o.period,
        hoursOver: o.hoursOver,
        demand: o.demand,
        capacity: o.capacity ?? '',
        projects: o.projects.map((p) => `${p.projectId} ${Math.round(p.hours)} h`).join(', '),
      }))
    : [{ date, skill: NONE }];
  writeOwnedRows(ctx, table, from, [...keep, ...rows]);
  byDate.set(date, [...current]);
  return byDate;
}

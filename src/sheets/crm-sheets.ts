/**
 * The workbook side of Import CRM actuals: reading the CRM export sheets (one getValues each,
 * whatever their size) and keeping the monthly actuals in the hidden "_CRM actuals by month"
 * sheet, rebuilt by each import.
 */
import type { MonthlyActuals } from '../core/crm/actuals';
import { CrmLayoutError, findHeaderRow, parseCrmRows, type CrmParse } from '../core/crm/rows';
import type { ActionContext } from './action';
import type { CellValue } from './cell-parsers';
import { writeOwnedRows, ownedTableSheet } from './owned-table';
import { SheetError, type Problem } from './problems';
import type { SheetSpec } from './schema';
import { readTable } from './table';

/** Monthly actuals per project, for the Dashboard's trend of actuals. */
export const CRM_MONTHLY: SheetSpec = {
  name: '_CRM actuals by month',
  owned: true,
  hidden: true,
  columns: [
    { key: 'projectId', header: 'Project ID', kind: 'id', required: true },
    { key: 'name', header: 'Name', kind: 'text', width: 240 },
    { key: 'month', header: 'Month', kind: 'text', required: true },
    { key: 'dealsCreated', header: 'Deals created', kind: 'number' },
    { key: 'pipelineCreated', header: 'Pipeline created', kind: 'money' },
    { key: 'dealsWon', header: 'Deals won', kind: 'number' },
    { key: 'revenueWon', header: 'Revenue won', kind: 'money' },
    { key: 'dealsLost', header: 'Deals lost', kind: 'number' },
  ],
};

export interface CrmSheetRead {
  readonly sheet: string;
  readonly parse: CrmParse;
  /** Data rows read (blank rows included). */
  readonly rows: number;
  /** Cells that could not be read, as workbook problems (sheet, row, column, value). */
  readonly problems: Problem[];
  /** Sheet row of data index i: first + i. */
  readonly first: number;
  /** The export's header row, as text. */
  readonly header: readonly string[];
}

/** Reads one CRM export sheet by name; a missing sheet or an unknown layout is a SheetError. */
export function readCrmSheet(ctx: ActionContext, name: string): CrmSheetRead {
  const sheet = ctx.ss.getSheetByName(name);
  if (!sheet)
    throw new SheetError(
      `There is no "${name}" sheet to import. Export the deals from your CRM (see Help → README, "Actuals from the CRM"), then in this workbook use File → Import → Upload → Insert new sheet(s) and rename the new sheet "${name}" — or write the sheet's name in Settings → CRM sheet.`,
    );
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const at = findHeaderRow(values);
  let parse: CrmParse;
  try {
    parse = parseCrmRows(values.slice(at), { dateKey: ctx.dateKey });
  } catch (e) {
    if (e instanceof CrmLayoutError)
      throw new SheetError(`"${name}", row ${at + 1}: ${e.message} Nothing was changed.`);
    throw e;
  }
  const first = at + 2;
  return {
    sheet: name,
    parse,
    rows: Math.max(0, values.length - at - 1),
    first,
    header: (values[at] ?? []).map((h) => (typeof h === 'string' ? h : String(h))),
    problems: parse.problems.map((p) => ({
      sheet: name,
      row: first + p.index,
      column: p.column,
      columnNumber: p.col + 1,
      value: p.value,
      message: `${p.message} The row is left out.`,
    })),
  };
}

/** Replaces the monthly actuals (one row per project and month) with this import's. */
export function writeMonthly(
  ctx: ActionContext,
  monthly: readonly MonthlyActuals[],
  projectOf: (i: number) => { id: string; name: string },
): void {
  const sheet = ownedTableSheet(ctx, CRM_MONTHLY);
  const table = readTable(sheet, CRM_MONTHLY, ctx);
  writeOwnedRows(
    ctx,
    table,
    0,
    monthly.map((m) => ({
      projectId: projectOf(m.project).id,
      name: projectOf(m.project).name,
      month: m.month,
      dealsCreated: m.dealsCreated,
      pipelineCreated: m.pipelineCreated,
      dealsWon: m.dealsWon,
      revenueWon: m.revenueWon,
      dealsLost: m.dealsLost,
    })),
  );
}

/** One month of the CRM actuals, summed over the projects. */
export interface MonthTotals {
  readonly month: string;
  readonly pipelineCreated: number;
  readonly revenueWon: number;
  readonly dealsWon: number;
  readonly dealsLost: number;
}

/**
 * The monthly actuals of the last import, summed over the projects, oldest month first; empty
 * when no import has run. Cells that are not numbers count as 0 (the sheet is the add-on's own).
 */
export function readMonthTotals(ctx: Pick<ActionContext, 'ss' | 'dateKey'>): MonthTotals[] {
  const sheet = ctx.ss.getSheetByName(CRM_MONTHLY.name);
  if (!sheet) return [];
  const table = readTable(sheet, CRM_MONTHLY, ctx);
  const col = (k: string): number => table.index.get(k) ?? -1;
  const num = (v: CellValue | undefined): number => (typeof v === 'number' ? v : 0);
  const byMonth = new Map<string, { -readonly [K in keyof MonthTotals]: MonthTotals[K] }>();
  for (const r of table.rows) {
    const m = r[col('month')];
    const month = typeof m === 'string' ? m.trim() : '';
    if (!/^\d{4}-\d{2}$/.test(month)) continue;
    const t = byMonth.get(month) ?? {
      month,
      pipelineCreated: 0,
      revenueWon: 0,
      dealsWon: 0,
      dealsLost: 0,
    };
    t.pipelineCreated += num(r[col('pipelineCreated')]);
    t.revenueWon += num(r[col('revenueWon')]);
    t.dealsWon += num(r[col('dealsWon')]);
    t.dealsLost += num(r[col('dealsLost')]);
    byMonth.set(month, t);
  }
  return [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

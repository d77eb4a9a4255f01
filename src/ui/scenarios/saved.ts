/** The saved scenarios of the Scenarios sheet, as the planner lists, compares and commits them. */
import { cellSchema, parseCell, type CellValue } from '../../sheets/cell-parsers';
import { moreIdsColumns } from '../../sheets/scenarios';
import { SCENARIOS } from '../../sheets/schema';
import { isBlankRow, readTable, type ReadOptions } from '../../sheets/table';
import type { SavedScenario } from './contract';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The saved scenarios, oldest first (a missing Scenarios sheet has none). */
export function readSaved(ss: Spreadsheet, opts: ReadOptions): SavedScenario[] {
  const sheet = ss.getSheetByName(SCENARIOS.name);
  if (!sheet) return [];
  const table = readTable(sheet, SCENARIOS, opts);
  const parsers = SCENARIOS.columns.map((c) => ({
    key: c.key,
    col: table.index.get(c.key),
    schema: cellSchema(c, opts.dateKey, true),
  }));
  const idsParser = parsers.find((p) => p.key === 'selectedIds');
  const more = moreIdsColumns(table.headers);
  /** The IDs of a long selection's continuation cells ("Selected IDs 2", …). */
  const moreIds = (row: readonly CellValue[]): string[] =>
    idsParser
      ? more.flatMap((col) => {
          const r = parseCell(idsParser.schema, row[col] as CellValue);
          return r.ok && Array.isArray(r.value) ? r.value : [];
        })
      : [];
  return table.rows.flatMap((row) => {
    if (isBlankRow(row)) return [];
    const f: Record<string, string | number | boolean | string[] | null> = {};
    for (const p of parsers) {
      if (p.col === undefined) continue;
      const r = parseCell(p.schema, row[p.col] as CellValue);
      f[p.key] = r.ok ? r.value : null;
    }
    const text = (k: string): string => {
      const v = f[k];
      return v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);
    };
    const num = (k: string): number | null => {
      const v = f[k];
      return typeof v === 'number' ? v : null;
    };
    const name = text('name');
    if (!name) return [];
    return [
      {
        name,
        when: text('when'),
        who: text('who'),
        objective: text('objective'),
        budget: num('budget'),
        capacityFactor: num('capacityFactor'),
        forced: text('forced'),
        value: num('value'),
        cost: num('cost'),
        count: num('count'),
        status: text('status'),
        gap: num('gap'),
        selectedIds: [...(Array.isArray(f.selectedIds) ? f.selectedIds : []), ...moreIds(row)],
        committed: text('committed'),
        budgetPerMonth: text('budgetPerMonth'),
        balanceRules: text('balanceRules'),
        plannedStarts: text('plannedStarts'),
      },
    ];
  });
}

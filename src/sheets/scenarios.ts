/** The Scenarios sheet: one saved optimiser run per row, appended under the action's lock. */
import type { ActionContext } from './action';
import type { CellValue } from './cell-parsers';
import { headerKey } from './headers';
import { literal } from './owned-sheet';
import { SCENARIOS } from './schema';

export interface ScenarioRow {
  readonly name: string;
  readonly objective: string;
  readonly budget: number;
  readonly capacityFactor: number;
  readonly forced: string;
  readonly value: number;
  readonly cost: number;
  readonly count: number;
  readonly status: string;
  readonly gap: number | null;
  readonly seconds: number;
  readonly selectedIds: readonly string[];
}

/**
 * Appends a scenario (creating the sheet with its header when missing), in the sheet's own
 * column order; returns its sheet row.
 */
export function appendScenario(ctx: ActionContext, s: ScenarioRow): number {
  let sheet = ctx.ss.getSheetByName(SCENARIOS.name);
  if (!sheet) {
    sheet = ctx.tx.insertSheet(SCENARIOS.name);
    ctx.tx.write(sheet, 1, 1, [SCENARIOS.columns.map((c) => c.header)]);
    sheet
      .getRange(1, 1, 1, SCENARIOS.columns.length)
      .setFontWeight('bold')
      .setBackground('#e8f0fe');
    sheet.setFrozenRows(1);
  }
  const width = Math.max(1, sheet.getLastColumn());
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[];
  const values: Record<string, CellValue> = {
    name: s.name,
    when: ctx.now,
    who: ctx.user,
    objective: s.objective,
    budget: s.budget,
    capacityFactor: s.capacityFactor,
    forced: s.forced,
    value: s.value,
    cost: s.cost,
    count: s.count,
    status: s.status,
    gap: s.gap ?? '',
    seconds: Math.round(s.seconds * 10) / 10,
    selectedIds: s.selectedIds.join(', '),
    committed: '',
  };
  const keyOf = new Map(SCENARIOS.columns.map((c) => [headerKey(c.header), c.key]));
  const row = header.map((h) => {
    const key = keyOf.get(headerKey(h));
    return key === undefined ? '' : literal(values[key] ?? '');
  });
  const at = sheet.getLastRow() + 1;
  ctx.tx.write(sheet, at, 1, [row]);
  return at;
}

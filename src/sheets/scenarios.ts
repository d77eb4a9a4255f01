/** The Scenarios sheet: one saved optimiser run per row, appended under the action's lock. */
import { splitList } from './cell-text';
import type { BalanceSetting } from '../core/allocation';
import type { ActionContext } from './action';
import type { CellValue } from './cell-parsers';
import { headerKey } from './headers';
import {
  parseBalanceRules,
  parseBudgetPerMonth,
  pct,
  type BudgetPerMonth,
} from './optimiser-settings';
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
  /** Settings' Budget per month that applied, as `scenarioRules` writes it. */
  readonly budgetPerMonth: string;
  /** Settings' Balance rules that applied, as `scenarioRules` writes it. */
  readonly balanceRules: string;
  /** Projects starting after their Start, "P07 2027-04; P12 2027-05" ("" or absent: none). */
  readonly plannedStarts?: string;
}

/** The header of the k-th cell of a selection too long for one cell (k ≥ 2). */
export function moreIdsHeader(k: number): string {
  return `Selected IDs ${k}`;
}

/** The continuation columns of Selected IDs in a header row, in order: "Selected IDs 2", …. */
export function moreIdsColumns(headers: readonly CellValue[]): number[] {
  const found: { k: number; col: number }[] = [];
  headers.forEach((h, col) => {
    const m = /^selectedids(\d+)$/.exec(headerKey(String(h)));
    if (m) found.push({ k: Number(m[1]), col });
  });
  return found.sort((a, b) => a.k - b.k).map((f) => f.col);
}

/** Written for a rule that was not set, so a blank cell means "not recorded" (older rows). */
export const NO_RULE = 'none';

/**
 * Settings' Budget per month and Balance rules in the form the Settings sheet accepts (so
 * parseBudgetPerMonth / parseBalanceRules read them back to the same values): "150000" or
 * "2027-01: 100000; 2027-02: 80000"; "Type Tooling ≤ 20%; Objective New logos ≥ 30%; Type
 * Campaign 10%–40%". "none" when not set.
 */
export function scenarioRules(s: {
  readonly budgetPerMonth: BudgetPerMonth | null;
  readonly balanceRules: readonly BalanceSetting[];
}): { budgetPerMonth: string; balanceRules: string } {
  const perMonth =
    s.budgetPerMonth === null
      ? NO_RULE
      : typeof s.budgetPerMonth === 'number'
        ? String(s.budgetPerMonth)
        : Object.entries(s.budgetPerMonth)
            .sort((a, b) => a[0].localeCompare(b[0]))
            .map(([m, v]) => `${m}: ${String(v)}`)
            .join('; ');
  const rules = s.balanceRules.flatMap((r) => {
    const group = `${r.by === 'type' ? 'Type' : 'Objective'} ${r.group}`;
    const lo = r.minShare ?? null;
    const hi = r.maxShare ?? null;
    if (lo !== null && hi !== null) return [`${group} ${pct(lo)}–${pct(hi)}`];
    if (lo !== null) return [`${group} ≥ ${pct(lo)}`];
    if (hi !== null) return [`${group} ≤ ${pct(hi)}`];
    return [];
  });
  return {
    budgetPerMonth: perMonth || NO_RULE,
    balanceRules: rules.length ? rules.join('; ') : NO_RULE,
  };
}

/**
 * The rules a Scenarios row recorded: undefined when its cell is blank or unreadable (a row
 * saved before these columns existed), null / [] for "none".
 */
export function recordedRules(row: {
  readonly budgetPerMonth: string;
  readonly balanceRules: string;
}): {
  budgetPerMonth: BudgetPerMonth | null | undefined;
  balanceRules: BalanceSetting[] | undefined;
} {
  const none = (t: string): boolean => headerKey(t) === NO_RULE;
  const perMonth = row.budgetPerMonth.trim();
  const balance = row.balanceRules.trim();
  const pm = perMonth && !none(perMonth) ? parseBudgetPerMonth(perMonth) : null;
  const br = balance && !none(balance) ? parseBalanceRules(balance) : null;
  return {
    budgetPerMonth: !perMonth ? undefined : pm === null ? null : pm.ok ? pm.value : undefined,
    balanceRules: !balance ? undefined : br === null ? [] : br.ok ? br.value : undefined,
  };
}

/**
 * Appends a scenario (creating the sheet with its header when missing), in the sheet's own
 * column order; returns its sheet row. Columns of the contract that an older Scenarios sheet
 * lacks get their header to the right of everything the sheet holds (nothing is overwritten),
 * so what the row records is never dropped.
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
    const created = sheet;
    SCENARIOS.columns.forEach((c, i) => {
      if (c.width) created.setColumnWidth(i + 1, c.width);
    });
  }
  const lastColumn = sheet.getLastColumn();
  const header = sheet.getRange(1, 1, 1, Math.max(1, lastColumn)).getValues()[0] as CellValue[];
  const present = new Set(header.map(headerKey));
  // A selection longer than a cell holds continues in "Selected IDs 2", "Selected IDs 3", ….
  const [firstIds = '', ...moreIds] = splitList(s.selectedIds);
  const missing = [
    ...SCENARIOS.columns.map((c) => c.header),
    ...moreIds.map((_, k) => moreIdsHeader(k + 2)),
  ].filter((h) => !present.has(headerKey(h)));
  if (missing.length) {
    const at = lastColumn + 1;
    ctx.tx.write(sheet, 1, at, [missing]);
    sheet.getRange(1, at, 1, missing.length).setFontWeight('bold').setBackground('#e8f0fe');
    header.length = lastColumn;
    header.push(...missing);
  }
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
    selectedIds: firstIds,
    committed: '',
    budgetPerMonth: s.budgetPerMonth,
    balanceRules: s.balanceRules,
    plannedStarts: s.plannedStarts ?? '',
  };
  const keyOf = new Map(SCENARIOS.columns.map((c) => [headerKey(c.header), c.key]));
  const more = new Map(moreIds.map((text, k) => [headerKey(moreIdsHeader(k + 2)), text]));
  const row = header.map((h) => {
    const continued = more.get(headerKey(h));
    if (continued !== undefined) return literal(continued);
    const key = keyOf.get(headerKey(h));
    return key === undefined ? '' : literal(values[key] ?? '');
  });
  const at = sheet.getLastRow() + 1;
  ctx.tx.write(sheet, at, 1, [row]);
  return at;
}

/**
 * The text formats of the two optimiser settings that are more than one number, so a user can
 * type them in the Settings sheet:
 *
 * - Budget per month: one amount for every month ("100000", "100k"), or amounts per month,
 *   "2027-01: 100000; 2027-02: 80000" (":" or "=", separated by ";" or new lines). A project's
 *   cost counts evenly over the months from its Start to its End.
 * - Balance rules: "Type Tooling ≤ 20%; Objective New logos ≥ 30%; Type Campaign 10%–40%": per
 *   Type or Objective, a minimum and/or maximum share of the budget (≤ or <= or "at most",
 *   ≥ or >= or "at least", or a range "a–b"); "20%", "20" and "0.2" all mean 20%. Two rules
 *   for one group combine.
 *
 * Each parser returns the value or the first problem in words, naming the part at fault.
 */
import type { BalanceSetting } from '../core/allocation';
import { looseNumber, percentValue } from './cell-parsers';

export type BudgetPerMonth = number | Readonly<Record<string, number>>;

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const parts = (text: string): string[] =>
  text
    .split(/[;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Parses Budget per month: one amount ≥ 0, or "YYYY-MM: amount" entries. */
export function parseBudgetPerMonth(v: unknown): Parsed<BudgetPerMonth> {
  const single = looseNumber(v);
  if (single !== undefined)
    return single >= 0
      ? { ok: true, value: single }
      : { ok: false, error: 'the amount is negative' };
  const out: Record<string, number> = {};
  for (const part of parts(String(v))) {
    const m = /^(\d{4})-(\d{1,2})\s*[:=]\s*(.+)$/.exec(part);
    if (!m)
      return {
        ok: false,
        error: `"${part}" is neither one amount (e.g. 150000) nor a month and its amount (e.g. "2027-01: 100000")`,
      };
    const month = Number(m[2]);
    if (month < 1 || month > 12) return { ok: false, error: `"${part}" has no month ${month}` };
    const amount = looseNumber((m[3] as string).trim());
    if (amount === undefined || amount < 0)
      return { ok: false, error: `"${part}": the amount is not a number of 0 or more` };
    const period = `${m[1] as string}-${String(month).padStart(2, '0')}`;
    if (period in out) return { ok: false, error: `${period} is given twice` };
    out[period] = amount;
  }
  return Object.keys(out).length > 0
    ? { ok: true, value: out }
    : { ok: false, error: 'it names no month' };
}

/** A share typed as 20%, 20 or 0.2 → 0.2; undefined outside 0–100%. */
function share(text: string): number | undefined {
  const f = percentValue(text.trim());
  return f !== undefined && f >= 0 && f <= 1 ? f : undefined;
}

const SHARE = String.raw`([\d.,]+\s*%?)`;
const RULE = new RegExp(
  String.raw`^(type|objective)\s+(.+?)\s*(?:(<=|≤|at most|max)\s*${SHARE}|(>=|≥|at least|min)\s*${SHARE}|${SHARE}\s*(?:-|–|—|to)\s*${SHARE})$`,
  'i',
);

/** Parses Balance rules into one BalanceSetting per group (min and max combined). */
export function parseBalanceRules(v: unknown): Parsed<BalanceSetting[]> {
  const byGroup = new Map<
    string,
    { by: 'type' | 'objective'; group: string; minShare: number | null; maxShare: number | null }
  >();
  for (const part of parts(String(v))) {
    const m = RULE.exec(part);
    if (!m)
      return {
        ok: false,
        error: `"${part}" is not like "Type Tooling ≤ 20%", "Objective New logos ≥ 30%" or "Type Campaign 10%–40%"`,
      };
    const by = (m[1] as string).toLowerCase() as 'type' | 'objective';
    const group = (m[2] as string).trim();
    const max = m[4] ?? m[8];
    const min = m[6] ?? m[7];
    const lo = min === undefined ? null : share(min);
    const hi = max === undefined ? null : share(max);
    if (lo === undefined || hi === undefined)
      return { ok: false, error: `"${part}": a share must be between 0% and 100%` };
    if (lo !== null && hi !== null && lo > hi)
      return { ok: false, error: `"${part}": the minimum is above the maximum` };
    const k = `${by}|${group.toLowerCase()}`;
    const r = byGroup.get(k) ?? { by, group, minShare: null, maxShare: null };
    if (lo !== null) r.minShare = Math.max(r.minShare ?? 0, lo);
    if (hi !== null) r.maxShare = Math.min(r.maxShare ?? 1, hi);
    if (r.minShare !== null && r.maxShare !== null && r.minShare > r.maxShare)
      return {
        ok: false,
        error: `the rules for ${by === 'type' ? 'Type' : 'Objective'} ${r.group} ask for at least ${pct(r.minShare)} but at most ${pct(r.maxShare)}`,
      };
    byGroup.set(k, r);
  }
  return byGroup.size > 0
    ? { ok: true, value: [...byGroup.values()] }
    : { ok: false, error: 'it has no rule' };
}

/** A share as the Settings sheet writes it: 0.125 → "12.5%". */
export const pct = (f: number): string => `${Math.round(f * 1000) / 10}%`;

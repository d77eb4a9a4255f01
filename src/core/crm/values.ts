/**
 * Reading one CRM cell: an amount, a date, a yes/no, a deal stage. Each reader returns the value,
 * null for a blank cell, or an error text saying what is wrong and how to fix it.
 */

/** A cell as a sheet or a custom function gives it. */
export type CrmCell = string | number | boolean | Date;

export type Read<T> =
  { readonly ok: true; readonly value: T | null } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T | null): Read<T> => ({ ok: true, value });
const bad = <T>(error: string): Read<T> => ({ ok: false, error });

export function isDateCell(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

export function isBlankCell(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (typeof v === 'string' && v.trim() === '');
}

/**
 * "12500", "12,500.00", "$12,500", "USD 12,500", "12 500 EUR": exports write amounts in many
 * ways. A currency code or symbol is returned with the amount, so mixed currencies are caught.
 */
const AMOUNT =
  /^(?<pre>[A-Z]{3})?\s*(?<sym>[$€£¥])?\s*(?<num>\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?<post>[A-Z]{3})?$/;
const SYMBOLS: Readonly<Record<string, string>> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };

export function readAmount(
  v: CrmCell | undefined,
): Read<{ amount: number; currency: string | null }> {
  if (isBlankCell(v)) return ok(null);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad('is not a finite number. Type the amount, e.g. 12500.');
    if (v < 0) return bad('is negative. A deal amount is 0 or more.');
    return ok({ amount: v, currency: null });
  }
  if (typeof v !== 'string')
    return bad('is not an amount. Type the amount as a number, e.g. 12500.');
  const m = AMOUNT.exec(v.trim());
  const g = m?.groups;
  if (!g?.num || (g.pre && g.post))
    return bad('is not an amount. Type the amount as a number, e.g. 12500 (or USD 12,500).');
  const amount = Number(g.num.replace(/[, ]/g, ''));
  if (!Number.isFinite(amount)) return bad('is not a finite number. Type the amount, e.g. 12500.');
  const currency = g.pre ?? g.post ?? (g.sym ? (SYMBOLS[g.sym] ?? null) : null);
  return ok({ amount, currency });
}

/** A plain number (counts, costs of campaign rows): same rules as an amount, no currency kept. */
export function readNumber(v: CrmCell | undefined): Read<number> {
  const r = readAmount(v);
  return r.ok ? ok(r.value === null ? null : r.value.amount) : r;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i;

function validDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date cell, an ISO date text ("2027-03-15", with or without a time) or a US date text
 * ("3/15/2027", Salesforce's export in the US locale). `dateKey` turns a Date cell into its
 * calendar date in the spreadsheet's time zone.
 */
export function readDate(v: CrmCell | undefined, dateKey: (d: Date) => string): Read<string> {
  if (isBlankCell(v)) return ok(null);
  if (isDateCell(v)) {
    if (Number.isNaN(v.getTime())) return bad('is not a valid date.');
    return ok(dateKey(v));
  }
  if (typeof v === 'string') {
    const s = v.trim();
    const iso = ISO.exec(s);
    const us = iso ? null : US.exec(s);
    const d = iso
      ? validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
      : us
        ? validDate(Number(us[3]), Number(us[1]), Number(us[2]))
        : null;
    if (d) return ok(d);
  }
  return bad(
    'is not a date. Type it as 2027-03-15 (or 3/15/2027), or format the column as a date.',
  );
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** A checkbox or yes/no: TRUE/FALSE, Yes/No, 1/0. */
export function readFlag(v: CrmCell | undefined): Read<boolean> {
  if (isBlankCell(v)) return ok(null);
  if (typeof v === 'boolean') return ok(v);
  if (v === 1 || v === 0) return ok(v === 1);
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  const asDate = isDateCell(v)
    ? ' The column is formatted as a date, which turns 1/0 into dates: select it and choose Format → Number → Automatic.'
    : '';
  return bad(`is not TRUE or FALSE. The report writes 1/0 or TRUE/FALSE here.${asDate}`);
}

export type Outcome = 'won' | 'lost' | 'open';

/**
 * A deal stage as text: "Closed Won" (HubSpot's internal value "closedwon") is won, "Closed
 * Lost" is lost, any other stage is open. Custom pipelines whose closed stages carry a suffix
 * ("Closed Won (Renewals)") read the same.
 */
export function stageOutcome(v: CrmCell | undefined): Outcome | null {
  if (isBlankCell(v) || typeof v !== 'string') return null;
  const s = v.toLowerCase().replace(/[\s_-]+/g, '');
  if (s.startsWith('closedwon') || s === 'won') return 'won';
  if (s.startsWith('closedlost') || s === 'lost') return 'lost';
  return 'open';
}

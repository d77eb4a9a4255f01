/**
 * zod schemas that parse one sheet cell into a typed value, by column kind. Each schema accepts
 * what a person would type (a number or text that is a number, "80%", a date or an ISO date text,
 * a dropdown word in any case) and rejects the rest with a message that says how to fix it.
 * Blank cells parse to null.
 */
import * as z from 'zod/mini';
import { splitIds } from '../core/keys';
import { isDate } from '../functions/cells';
import type { ColumnKind, ColumnSpec } from './schema';

/** A value as getValues() returns it. */
export type CellValue = string | number | boolean | Date;

/** Turns a Date read from the sheet into its wall-clock "YYYY-MM-DD" in the spreadsheet's zone. */
export type DateKeyer = (d: Date) => string;

export type Parsed<T> = { ok: true; value: T | null } | { ok: false; message: string };

const NUMBER_TEXT = /^[-+]?[$€£¥]?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*(%|k|K|m|M)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function blank(v: unknown): boolean {
  return v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * A number typed as a number or as text: "12000", "12,000", "$12,000", "12k" (× 1,000),
 * "1.5M" (× 1,000,000), "80%" (÷ 100). Returns undefined when it is not a number.
 */
export function looseNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (!NUMBER_TEXT.test(s)) return undefined;
  const suffix = /[%kKmM]$/.exec(s)?.[0];
  const n = Number(s.replace(/[$€£¥,\s%kKmM]/g, ''));
  let x = n;
  if (suffix === '%') x = n / 100;
  else if (suffix === 'k' || suffix === 'K') x = n * 1_000;
  else if (suffix === 'm' || suffix === 'M') x = n * 1_000_000;
  // "1e400", or "1e306k" once scaled: beyond what a number holds, so not a number to use.
  return Number.isFinite(x) ? x : undefined;
}

function failure(ctx: z.core.ParsePayload, message: string): null {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
  return null;
}

/**
 * A percentage as a fraction, by one rule for every percentage the add-on reads (Confidence, the
 * Settings thresholds and shares, the Scenarios' capacity factor):
 * - text with "%" is read as written: "80%" → 0.8, "150%" → 1.5;
 * - a number in a cell formatted as a percentage (`asStored`) is read as Sheets stores it:
 *   80% is kept as 0.8 and 150% as 1.5, so it is never divided again;
 * - a number in a plain cell from 0 to 1 is a fraction (0.8 → 80%), and above 1 it is percentage
 *   points (80 → 80%).
 * Undefined when it is not a number. Range checks (at most 100%) are the caller's.
 */
export function percentValue(v: unknown, asStored = false): number | undefined {
  const n = looseNumber(v);
  if (n === undefined) return undefined;
  if (typeof v === 'string' && v.trim().endsWith('%')) return n;
  if (asStored) return n;
  return n > 1 ? n / 100 : n;
}

/** Whether a number format shows a percentage ("0%", "0.0%"; not a literal "%" in quotes). */
export function isPercentFormat(format: string): boolean {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .includes('%');
}

function numberSchema(
  spec: ColumnSpec,
  percent: boolean,
  asStored = false,
): z.ZodMiniType<number | null> {
  return z.pipe(
    z.unknown(),
    z.transform((v: unknown, ctx) => {
      if (blank(v)) return null;
      const n = percent ? percentValue(v, asStored) : looseNumber(v);
      if (n === undefined) {
        const fix = percent
          ? 'Type a percentage such as 80% (or 0.8).'
          : 'Type a number such as 12000.';
        return failure(ctx, `is not a number. ${fix}`);
      }
      if (spec.min !== undefined && n < spec.min)
        return failure(ctx, `must be at least ${percent ? `${spec.min * 100}%` : spec.min}.`);
      if (spec.max !== undefined && n > spec.max)
        return failure(ctx, `must be at most ${percent ? `${spec.max * 100}%` : spec.max}.`);
      return n;
    }),
  );
}

function dateSchema(dateKey: DateKeyer): z.ZodMiniType<string | null> {
  return z.pipe(
    z.unknown(),
    z.transform((v: unknown, ctx) => {
      if (blank(v)) return null;
      if (isDate(v))
        return Number.isNaN(v.getTime()) ? failure(ctx, 'is not a valid date.') : dateKey(v);
      if (typeof v === 'string') {
        const m = ISO_DATE.exec(v.trim());
        if (m && validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return v.trim();
      }
      return failure(ctx, 'is not a date. Type a date such as 2027-03-31.');
    }),
  );
}

const MONTH_OR_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** A month "YYYY-MM": typed as 2027-04 or as a date (a Date cell or "2027-04-15"). */
function monthSchema(dateKey: DateKeyer): z.ZodMiniType<string | null> {
  return z.pipe(
    z.unknown(),
    z.transform((v: unknown, ctx) => {
      if (blank(v)) return null;
      if (isDate(v))
        return Number.isNaN(v.getTime())
          ? failure(ctx, 'is not a valid date.')
          : dateKey(v).slice(0, 7);
      if (typeof v === 'string') {
        const m = MONTH_OR_DATE.exec(v.trim());
        if (m && validDate(Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])))
          return `${m[1] as string}-${m[2] as string}`;
      }
      return failure(ctx, 'is not a month. Type a month such as 2027-04, or a date.');
    }),
  );
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function textSchema(dateKey: DateKeyer): z.ZodMiniType<string | null> {
  return z.pipe(
    z.unknown(),
    z.transform((v: unknown) => {
      if (blank(v)) return null;
      if (isDate(v)) return dateKey(v);
      if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
      return String(v).trim();
    }),
  );
}

/** IDs separated by commas, semicolons, spaces or new lines (splitIds): "P04, P09" → ["P04", "P09"]. */
function idsSchema(): z.ZodMiniType<string[] | null> {
  return z.pipe(
    z.unknown(),
    z.transform((v: unknown) => {
      if (blank(v)) return null;
      const ids = splitIds(String(v));
      return ids.length ? ids : null;
    }),
  );
}

function choiceSchema(spec: ColumnSpec): z.ZodMiniType<string | null> {
  const choices = spec.choices ?? [];
  const byKey = new Map(choices.map((c) => [c.toLowerCase().replace(/\s+/g, ' '), c]));
  return z.pipe(
    z.unknown(),
    z.transform((v: unknown, ctx) => {
      if (blank(v)) return null;
      const hit = byKey.get(String(v).trim().toLowerCase().replace(/\s+/g, ' '));
      if (hit === undefined)
        return failure(ctx, `is not one of ${choices.join(', ')}. Pick one from the dropdown.`);
      return hit;
    }),
  );
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', '✓', 'in', 'selected']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'out', '-']);

function booleanSchema(): z.ZodMiniType<boolean | null> {
  return z.pipe(
    z.unknown(),
    z.transform((v: unknown, ctx) => {
      if (blank(v)) return null;
      if (typeof v === 'boolean') return v;
      const word = String(v).trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return failure(ctx, 'is not yes/no. Tick the checkbox or type TRUE or FALSE.');
    }),
  );
}

export type CellSchema = z.ZodMiniType<string | number | boolean | string[] | null>;

/**
 * The schema for one column (built once per table read, used for every row). `percentAsStored`:
 * a percent column's numbers are fractions as stored (a percent-formatted cell, or a column the
 * add-on writes itself), never percentage points: see percentValue.
 */
export function cellSchema(
  spec: ColumnSpec,
  dateKey: DateKeyer,
  percentAsStored = false,
): CellSchema {
  const kind: ColumnKind = spec.kind;
  switch (kind) {
    case 'number':
    case 'money':
    case 'hours':
      return numberSchema(spec, false);
    case 'percent':
      return numberSchema(spec, true, percentAsStored || spec.owned === true);
    case 'date':
    case 'datetime':
      return dateSchema(dateKey);
    case 'month':
      return monthSchema(dateKey);
    case 'ids':
      return idsSchema();
    case 'choice':
      return choiceSchema(spec);
    case 'boolean':
      return booleanSchema();
    case 'text':
    case 'id':
      return textSchema(dateKey);
  }
}

/** Parses one cell; a failure carries the message (without the location, which the caller adds). */
export function parseCell<T>(schema: z.ZodMiniType<T>, v: CellValue): Parsed<T> {
  const r = schema.safeParse(v);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, message: r.error.issues[0]?.message ?? 'is not valid.' };
}

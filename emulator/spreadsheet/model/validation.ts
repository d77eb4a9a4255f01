/**
 * Data validation rules (SpreadsheetApp.newDataValidation()): the criterion, its arguments, the
 * help text and whether invalid input is allowed (the default, true, only warns). Rules are
 * immutable and shared by every cell they were set on.
 *
 * Whether a script's write is checked against a rejecting rule is not documented. The emulator
 * refuses it, as Sheets does for a user's input and as the community reports for setValue
 * ("The data you entered in cell X violates the data validation rules set on this cell.").
 */
import { columnLetters } from '../a1';
import type { Stored } from '../values';
import { formatKind } from '../values';
import { dateToSerial, isDate } from '../time';
import type { Anchor } from './anchor';

export const VALIDATION_CRITERIA = [
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
] as const;
export type ValidationCriteria = (typeof VALIDATION_CRITERIA)[number];

export interface ValidationRule {
  readonly criteria: ValidationCriteria;
  /** As getCriteriaValues() returns them; a VALUE_IN_RANGE source is an Anchor here. */
  readonly args: readonly unknown[];
  readonly allowInvalid: boolean;
  readonly helpText: string | null;
}

/** What the checker needs from the workbook: the values of a validation source range. */
export interface ValidationContext {
  readonly timeZone: string;
  rangeValues(anchor: Anchor): Stored[];
}

function text(v: Stored): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) return v.toISOString();
  return String(v);
}

function num(v: unknown, tz: string): number | undefined {
  if (typeof v === 'number') return v;
  if (isDate(v)) return dateToSerial(v.getTime(), tz);
  return undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/)?[^\s/$.?#].[^\s]*\.[^\s]{2,}$/i;

/**
 * True when a value satisfies the rule. Blank always passes; a custom formula cannot be
 * evaluated by the emulator and passes. Dates compare by calendar day (time ignored, as the
 * builder documents); TEXT_CONTAINS is case-insensitive, TEXT_EQUAL_TO exact.
 */
export function satisfies(
  rule: ValidationRule,
  v: Stored | undefined,
  format: string | undefined,
  ctx: ValidationContext,
): boolean {
  if (v === undefined || v === '') return true;
  const a = rule.args;
  const tz = ctx.timeZone;
  switch (rule.criteria) {
    case 'VALUE_IN_LIST': {
      const list = (Array.isArray(a[0]) ? (a[0] as unknown[]) : []).map((x) => String(x));
      return list.includes(text(v));
    }
    case 'VALUE_IN_RANGE': {
      const src = a[0] as Anchor | undefined;
      if (!src) return true;
      const t = text(v);
      return ctx.rangeValues(src).some((x) => text(x) === t);
    }
    case 'CHECKBOX': {
      if (a.length === 0) return typeof v === 'boolean';
      return a.some((x) => text(x as Stored) === text(v));
    }
    case 'CUSTOM_FORMULA':
      return true;
    case 'TEXT_IS_VALID_EMAIL':
      return typeof v === 'string' && EMAIL.test(v);
    case 'TEXT_IS_VALID_URL':
      return typeof v === 'string' && URL_RE.test(v);
    case 'TEXT_CONTAINS':
      return text(v).toLowerCase().includes(String(a[0]).toLowerCase());
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text(v).toLowerCase().includes(String(a[0]).toLowerCase());
    case 'TEXT_EQUAL_TO':
      return text(v) === String(a[0]);
    default:
      break;
  }
  const x = num(v, tz);
  if (x === undefined) return false;
  if (rule.criteria.startsWith('DATE_')) {
    if (typeof v === 'number' && formatKind(format) !== 'date' && !isDate(v)) return false;
    if (rule.criteria === 'DATE_IS_VALID_DATE') return true;
    const day = Math.floor(x);
    const d = a.map((y) => Math.floor(num(y, tz) ?? NaN));
    return compare(rule.criteria.slice(5), day, d);
  }
  const n = a.map((y) => Number(y));
  return compare(rule.criteria.slice(7), x, n);
}

function compare(op: string, x: number, a: number[]): boolean {
  const [p = NaN, q = NaN] = a;
  switch (op) {
    case 'BETWEEN':
      return x >= Math.min(p, q) && x <= Math.max(p, q);
    case 'NOT_BETWEEN':
      return x < Math.min(p, q) || x > Math.max(p, q);
    case 'EQUAL_TO':
      return x === p;
    case 'NOT_EQUAL_TO':
      return x !== p;
    case 'GREATER_THAN':
    case 'AFTER':
      return x > p;
    case 'GREATER_THAN_OR_EQUAL_TO':
    case 'ON_OR_AFTER':
      return x >= p;
    case 'LESS_THAN':
    case 'BEFORE':
      return x < p;
    case 'LESS_THAN_OR_EQUAL_TO':
    case 'ON_OR_BEFORE':
      return x <= p;
    default:
      return true;
  }
}

/** "A1" style label of a 0-based cell, for messages. */
export function cellLabel(r: number, c: number): string {
  return `${columnLetters(c + 1)}${r + 1}`;
}

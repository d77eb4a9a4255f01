/**
 * Conditional format rules (SpreadsheetApp.newConditionalFormatRule()) as a sheet keeps them, and
 * their evaluation, so tests can ask which colour a cell shows (a heat map drawn by rules).
 */
import { mix } from '../colors';
import { text } from '../messages';
import type { Stored } from '../values';
import { dateToSerial, isDate } from '../time';
import type { Anchor } from './anchor';

export const BOOLEAN_CRITERIA = [
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
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
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
] as const;
export type BooleanCriteria = (typeof BOOLEAN_CRITERIA)[number];

export const INTERPOLATION_TYPES = ['NUMBER', 'PERCENT', 'PERCENTILE', 'MIN', 'MAX'] as const;
export type InterpolationType = (typeof INTERPOLATION_TYPES)[number];

/** The format a boolean rule applies (undefined = not set, null = explicitly removed). */
export interface CfFormat {
  background?: string | null;
  fontColor?: string | null;
  bold?: boolean | null;
  italic?: boolean | null;
  strikethrough?: boolean | null;
  underline?: boolean | null;
}

export interface BooleanRule extends CfFormat {
  criteria: BooleanCriteria;
  values: unknown[];
}

export interface GradientPoint {
  color: string;
  type: InterpolationType;
  /** As set; "" for MIN/MAX points set without a value. */
  value: string;
}

export interface GradientRule {
  min?: GradientPoint;
  mid?: GradientPoint;
  max?: GradientPoint;
}

export interface CfRuleModel {
  ranges: Anchor[];
  condition?: BooleanRule;
  gradient?: GradientRule;
}

function asNumber(v: Stored | undefined, tz: string): number | undefined {
  if (typeof v === 'number') return v;
  if (v !== undefined && isDate(v)) return dateToSerial(v.getTime(), tz);
  return undefined;
}

function textOf(v: Stored | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** Whether a boolean rule matches a cell value. Custom formulas are not evaluated (false). */
export function conditionMatches(c: BooleanRule, v: Stored | undefined, tz: string): boolean {
  const blank = v === undefined || v === '';
  const [p, q] = c.values;
  const n = asNumber(v, tz);
  const a = typeof p === 'number' ? p : isDate(p) ? dateToSerial(p.getTime(), tz) : Number(p);
  const b = typeof q === 'number' ? q : Number(q);
  const t = textOf(v).toLowerCase();
  const s = (p === undefined || p === null ? '' : text(p)).toLowerCase();
  switch (c.criteria) {
    case 'CELL_EMPTY':
      return blank;
    case 'CELL_NOT_EMPTY':
      return !blank;
    case 'NUMBER_BETWEEN':
      return n !== undefined && n >= Math.min(a, b) && n <= Math.max(a, b);
    case 'NUMBER_NOT_BETWEEN':
      return n !== undefined && (n < Math.min(a, b) || n > Math.max(a, b));
    case 'NUMBER_EQUAL_TO':
      return n !== undefined && n === a;
    case 'NUMBER_NOT_EQUAL_TO':
      return n !== undefined && n !== a;
    case 'NUMBER_GREATER_THAN':
      return n !== undefined && n > a;
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n !== undefined && n >= a;
    case 'NUMBER_LESS_THAN':
      return n !== undefined && n < a;
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n !== undefined && n <= a;
    case 'TEXT_CONTAINS':
      return !blank && t.includes(s);
    case 'TEXT_DOES_NOT_CONTAIN':
      return !t.includes(s);
    case 'TEXT_EQUAL_TO':
      return !blank && t === s;
    case 'TEXT_STARTS_WITH':
      return !blank && t.startsWith(s);
    case 'TEXT_ENDS_WITH':
      return !blank && t.endsWith(s);
    case 'DATE_AFTER':
      return n !== undefined && Math.floor(n) > Math.floor(a);
    case 'DATE_BEFORE':
      return n !== undefined && Math.floor(n) < Math.floor(a);
    case 'DATE_EQUAL_TO':
      return n !== undefined && Math.floor(n) === Math.floor(a);
    default:
      return false;
  }
}

/** The numeric value of a gradient point over the numbers of its range. */
function pointValue(p: GradientPoint, sorted: number[]): number {
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  const x = Number(p.value);
  switch (p.type) {
    case 'MIN':
      return min;
    case 'MAX':
      return max;
    case 'NUMBER':
      return x;
    case 'PERCENT':
      return min + ((max - min) * x) / 100;
    case 'PERCENTILE': {
      if (sorted.length === 0) return 0;
      const pos = ((sorted.length - 1) * x) / 100;
      const lo = Math.floor(pos);
      const hi = Math.ceil(pos);
      const vlo = sorted[lo] ?? min;
      const vhi = sorted[hi] ?? max;
      return vlo + (vhi - vlo) * (pos - lo);
    }
  }
}

/**
 * The colour a gradient gives a number: linear between the points (min → mid → max), clamped at
 * the ends. `sorted` holds every number of the rule's ranges, ascending.
 */
export function gradientColor(g: GradientRule, n: number, sorted: number[]): string | undefined {
  const points: { v: number; color: string }[] = [];
  const minP = g.min ?? { color: '#ffffff', type: 'MIN', value: '' };
  const maxP = g.max ?? { color: '#ffffff', type: 'MAX', value: '' };
  points.push({ v: pointValue(minP, sorted), color: minP.color });
  if (g.mid) points.push({ v: pointValue(g.mid, sorted), color: g.mid.color });
  points.push({ v: pointValue(maxP, sorted), color: maxP.color });
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return undefined;
  if (n <= first.v) return first.color;
  if (n >= last.v) return last.color;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a && b && n <= b.v)
      return b.v === a.v ? b.color : mix(a.color, b.color, (n - a.v) / (b.v - a.v));
  }
  return last.color;
}

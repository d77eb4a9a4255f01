/**
 * Cell values as Sheets stores them, typed input, and display formatting.
 *
 * A cell stores a Number, a String or a Boolean. Dates are Numbers (serial days) with a date
 * number format, as in Sheets: `getValue()` turns them into a new `Date` each read, and a number
 * given a date format reads back as a Date too. Formula results may hold a Date directly (a
 * custom function returned one). Empty cells hold nothing and read as "".
 */
import * as numfmt from 'numfmt';
import { dateToSerial, isDate, serialToMs, wallToSerial } from './time';

/** What a cell holds (computed Dates only come from formula results). */
export type Stored = number | string | boolean | Date;

/** What getValues returns for one cell. */
export type CellValue = number | string | boolean | Date;

/** The number format Apps Script reports for a cell with the automatic format (community). */
export const AUTOMATIC_FORMAT = '0.###############';
/** Sheets' en_US formats for a typed date and date-time. */
export const DEFAULT_DATE_FORMAT = 'M/d/yyyy';
export const DEFAULT_DATETIME_FORMAT = 'M/d/yyyy H:mm:ss';
export const ISO_DATE_FORMAT = 'yyyy-mm-dd';
export const ISO_DATETIME_FORMAT = 'yyyy-mm-dd H:mm:ss';
/** The plain-text format: strings written there are kept as typed. */
export const TEXT_FORMAT = '@';

export type FormatKind = 'date' | 'text' | 'number';
const kinds = new Map<string, FormatKind>();

/** Whether a number format shows dates/times (values read as Date), text, or numbers. */
export function formatKind(pattern: string | undefined): FormatKind {
  if (pattern === undefined) return 'number';
  let k = kinds.get(pattern);
  if (k === undefined) {
    k = 'number';
    try {
      if (pattern.trim() === TEXT_FORMAT) k = 'text';
      else if (numfmt.isDateFormat(pattern)) k = 'date';
    } catch {
      k = 'number';
    }
    kinds.set(pattern, k);
  }
  return k;
}

/** True when the format is one Sheets can apply (numfmt's parser agrees with Sheets' syntax). */
export function isValidFormat(pattern: string): boolean {
  return pattern === '' || numfmt.isValidFormat(pattern);
}

/** The result of typing a string into a cell. */
export type Typed =
  | { kind: 'value'; value: number | string | boolean; format?: string }
  | { kind: 'formula'; formula: string };

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** Strings worth handing to the full parser: they start like a number, date or boolean. */
const MAYBE_TYPED =
  /^\s*(?:[-+.$(\d]|true\s*$|false\s*$|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ .,-]+\d)/i;

/** numfmt's built-in format ids → the pattern Sheets gives such input (en_US). */
const FORMAT_FOR_ID: Record<number, string> = {
  3: '#,##0',
  4: '#,##0.00',
  5: '"$"#,##0',
  6: '"$"#,##0',
  7: '"$"#,##0.00',
  8: '"$"#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  14: DEFAULT_DATE_FORMAT,
  22: DEFAULT_DATETIME_FORMAT,
};

/**
 * What Sheets stores when a string is written (setValue, setValues, appendRow): `=…` is a
 * formula; a leading apostrophe keeps the rest as text; numbers ("12", "1,000,000", "$2.99",
 * "(5)"), percentages ("10%" → 0.1 with a percent format), dates ("2027-01-15" → a date shown
 * yyyy-mm-dd, "1/15/2027" → M/d/yyyy), times and TRUE/FALSE are converted with the format
 * their input implies; anything else stays text. In a cell formatted "@" (plain text) every
 * string stays text. The exact parsing rules of Sheets are not documented: numfmt's curated
 * spreadsheet-input parser (en-US) stands in for them.
 */
export function parseTyped(s: string, cellFormat: string | undefined): Typed {
  if (cellFormat !== undefined && formatKind(cellFormat) === 'text')
    return { kind: 'value', value: s };
  if (s.length > 1 && s.startsWith('=')) return { kind: 'formula', formula: s };
  if (s.startsWith("'")) return { kind: 'value', value: s.slice(1) };
  if (!MAYBE_TYPED.test(s)) return { kind: 'value', value: s };
  const iso = ISO_DATE.exec(s.trim());
  if (iso) {
    const [y, m, d, hh, mm, ss] = iso.slice(1).map((x: string | undefined) => Number(x ?? '0'));
    const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
    if (date.getUTCMonth() !== (m ?? 1) - 1 || (hh ?? 0) > 23 || (mm ?? 0) > 59 || (ss ?? 0) > 59)
      return { kind: 'value', value: s };
    const timed = iso[4] !== undefined;
    return {
      kind: 'value',
      value: wallToSerial(y ?? 0, m ?? 1, d ?? 1, hh, mm, ss),
      format: timed ? ISO_DATETIME_FORMAT : ISO_DATE_FORMAT,
    };
  }
  const parsed = numfmt.parseValue(s, { locale: 'en-US', mode: 1 });
  if (parsed === undefined) return { kind: 'value', value: s };
  if (typeof parsed.value === 'boolean') return { kind: 'value', value: parsed.value };
  const id = parsed.formatId;
  if (id === undefined) return { kind: 'value', value: parsed.value };
  return {
    kind: 'value',
    value: parsed.value,
    format: FORMAT_FOR_ID[id] ?? numfmt.getFormatFromId(id, 'en-US'),
  };
}

/**
 * Makes the Dates handed to a script. The bundle runs in its own vm realm, where a Date of this
 * realm fails `instanceof Date`; the runtime can pass the bundle realm's constructor instead.
 */
export type DateFactory = (ms: number) => Date;
export const hostDate: DateFactory = (ms) => new Date(ms);

/** The value getValues returns for a stored value under a number format. */
export function readValue(
  v: Stored | undefined,
  format: string | undefined,
  tz: string,
  newDate: DateFactory = hostDate,
): CellValue {
  if (v === undefined) return '';
  if (typeof v === 'number') {
    if (format !== undefined && formatKind(format) === 'date') return newDate(serialToMs(v, tz));
    return v;
  }
  if (typeof v === 'object') return newDate(v.getTime());
  return v;
}

/** A Date (from any realm) as a serial day number in the spreadsheet's time zone. */
export function dateSerial(d: Date, tz: string): number {
  return dateToSerial(d.getTime(), tz);
}

/**
 * Sheets' "automatic" display of a number: integers as they are below 1e15, other numbers to 10
 * significant digits with trailing zeros dropped, scientific notation for very large or small
 * magnitudes. An approximation: Sheets' exact rule also depends on column width.
 */
export function automaticNumber(v: number): string {
  if (!Number.isFinite(v)) return '#NUM!';
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e15) return String(v);
  if (a !== 0 && (a >= 1e15 || a < 1e-9)) {
    const [mant = '', exp = '0'] = v.toExponential(9).split('e');
    const m = mant.replace(/\.?0+$/, '');
    const e = Number(exp);
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(Number(v.toPrecision(10)));
}

/**
 * The text Sheets shows for a value (getDisplayValues): numbers through their number format
 * (automatic when none), dates through theirs, booleans as TRUE/FALSE, text as it is.
 */
export function displayValue(
  v: Stored | undefined,
  format: string | undefined,
  tz: string,
): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const n = isDate(v) ? dateToSerial(v.getTime(), tz) : v;
  let pattern = format;
  if (isDate(v) && (pattern === undefined || formatKind(pattern) !== 'date'))
    pattern = Number.isInteger(n) ? DEFAULT_DATE_FORMAT : DEFAULT_DATETIME_FORMAT;
  if (pattern === undefined || pattern === '' || pattern === AUTOMATIC_FORMAT)
    return automaticNumber(n);
  try {
    return numfmt.format(pattern, n, { locale: 'en-US' });
  } catch {
    return automaticNumber(n);
  }
}

/** The date format Sheets gives a cell when a script writes a Date into it. */
export function dateFormatFor(serial: number): string {
  return Number.isInteger(serial) ? DEFAULT_DATE_FORMAT : DEFAULT_DATETIME_FORMAT;
}

/**
 * The formulas the emulator evaluates: one function call `=NAME(arg, …)` whose arguments are
 * references (A1, A1:B9, open A2:D and A2:A, whole columns A:C, `'Other sheet'!A1:B9`), named
 * ranges, numbers (optionally signed), "strings" (with "" for a quote), TRUE/FALSE, or omitted
 * (`=F(A1,,2)`). Anything else is stored and shown as an #ERROR! naming the limitation.
 *
 * Every reference keeps its position in the text so structural changes (inserted or deleted
 * rows/columns) can rewrite just that part, as Sheets rewrites references.
 */
import { parseA1, type A1Ref } from '../a1';

export type FormulaArg =
  | { kind: 'ref'; ref: A1Ref; start: number; end: number; sheetText: string }
  | { kind: 'name'; name: string }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'omitted' };

export interface FormulaCall {
  /** Upper-cased, as Sheets shows function names. */
  readonly name: string;
  readonly args: readonly FormulaArg[];
}

export type ParseResult = { ok: true; call: FormulaCall } | { ok: false };

const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*/;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/;
/** A reference's text after an optional sheet prefix: cells, columns, rows, $ signs. */
const REF_BODY = /^\$?[A-Za-z]{0,3}\$?\d*(:\$?[A-Za-z]{0,3}\$?\d*)?/;

/** Parses `=NAME(args)`; `{ ok: false }` for any other shape. */
export function parseFormula(text: string): ParseResult {
  let i = 0;
  const s = text;
  const ws = (): void => {
    while (i < s.length && /\s/.test(s.charAt(i))) i++;
  };
  if (s.charAt(0) !== '=') return { ok: false };
  i = 1;
  ws();
  const nameMatch = IDENT.exec(s.slice(i));
  if (!nameMatch) return { ok: false };
  const name = nameMatch[0];
  i += name.length;
  ws();
  if (s.charAt(i) !== '(') return { ok: false };
  i++;
  const args: FormulaArg[] = [];
  ws();
  if (s.charAt(i) === ')') {
    i++;
  } else {
    for (;;) {
      ws();
      const ch = s.charAt(i);
      if (ch === ',' || ch === ')') {
        args.push({ kind: 'omitted' });
      } else {
        const arg = parseArg();
        if (!arg) return { ok: false };
        args.push(arg);
        ws();
      }
      const sep = s.charAt(i);
      i++;
      if (sep === ')') break;
      if (sep !== ',') return { ok: false };
    }
  }
  ws();
  if (i !== s.length) return { ok: false };
  return { ok: true, call: { name: name.toUpperCase(), args } };

  function parseArg(): FormulaArg | undefined {
    const start = i;
    const ch = s.charAt(i);
    if (ch === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= s.length) return undefined;
        const c = s.charAt(i);
        if (c === '"') {
          if (s.charAt(i + 1) === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += c;
        i++;
      }
      return { kind: 'string', value: v };
    }
    const num = NUMBER.exec(s.slice(i));
    if (num && !/^[A-Za-z$:!]/.test(s.slice(i + num[0].length))) {
      i += num[0].length;
      return { kind: 'number', value: Number(num[0]) };
    }
    // Sheet prefix: 'quoted name'! or bare!
    let sheetText = '';
    if (ch === "'") {
      let j = i + 1;
      for (;;) {
        if (j >= s.length) return undefined;
        if (s.charAt(j) === "'") {
          if (s.charAt(j + 1) === "'") {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      if (s.charAt(j + 1) !== '!') return undefined;
      sheetText = s.slice(i, j + 2);
      i = j + 2;
    } else {
      const bare = /^[A-Za-z0-9_.]+!/.exec(s.slice(i));
      if (bare) {
        sheetText = bare[0];
        i += bare[0].length;
      }
    }
    const body = REF_BODY.exec(s.slice(i));
    const bodyText = body?.[0] ?? '';
    if (bodyText !== '') {
      const after = s.slice(i + bodyText.length);
      const ref = parseA1(sheetText + bodyText);
      if (ref && !/^[A-Za-z0-9_.(]/.test(after)) {
        i += bodyText.length;
        return { kind: 'ref', ref, start, end: i, sheetText };
      }
    }
    if (sheetText !== '') return undefined;
    const ident = IDENT.exec(s.slice(i));
    if (!ident) return undefined;
    i += ident[0].length;
    const upper = ident[0].toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE' };
    if (s.charAt(i) === '(') return undefined; // a nested call
    return { kind: 'name', name: ident[0] };
  }
}

/**
 * A few Sheets functions the emulator evaluates itself (custom functions go to the host):
 * SUM, AVERAGE, MIN, MAX, COUNT, COUNTA over numbers in their arguments. Text and booleans in
 * ranges are skipped, as Sheets does; blanks are ignored.
 */
import { isDate } from '../time';

type Builtin = (args: unknown[]) => unknown;

function flat(args: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const a of args) {
    if (Array.isArray(a)) for (const row of a as unknown[]) out.push(...(row as unknown[]));
    else out.push(a);
  }
  return out;
}

function numbers(args: unknown[]): number[] {
  return flat(args).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

export const BUILTINS: Record<string, Builtin> = {
  SUM: (args) => numbers(args).reduce((s, x) => s + x, 0),
  AVERAGE: (args) => {
    const xs = numbers(args);
    if (xs.length === 0)
      throw new Error('Evaluation of function AVERAGE caused a divide by zero error.');
    return xs.reduce((s, x) => s + x, 0) / xs.length;
  },
  MIN: (args) => {
    const xs = numbers(args);
    return xs.length === 0 ? 0 : Math.min(...xs);
  },
  MAX: (args) => {
    const xs = numbers(args);
    return xs.length === 0 ? 0 : Math.max(...xs);
  },
  COUNT: (args) => flat(args).filter((v) => typeof v === 'number' || isDate(v)).length,
  COUNTA: (args) => flat(args).filter((v) => v !== '' && v !== undefined).length,
};

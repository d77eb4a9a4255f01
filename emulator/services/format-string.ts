/**
 * `Utilities.formatString(template, ...args)`: "sprintf-like string formatting using '%'-style
 * format strings" [R/utilities/utilities#formatString(String,Object...)].
 *
 * Supported: `%[flags][width][.precision]conv` with flags `-` (left-align), `0` (zero-pad), `+`
 * (sign), ` ` (space for positive); conversions `s` (String(value); precision truncates), `d`/`i`
 * (integer, truncated toward zero), `f` (fixed, default precision 6), `e` (exponent, default 6),
 * `x`/`X`/`o` (hex/octal of the integer), `c` (character of a code or first character),
 * `b` (boolean), `%%` (a percent sign). A missing argument leaves the placeholder as written.
 */
import { toText } from './messages';

const SPEC = /%([-+ 0]*)(\d+)?(?:\.(\d+))?([sdifeExXocb%])/g;

function sign(n: number, flags: string): string {
  if (n < 0 || Object.is(n, -0)) return '-';
  if (flags.includes('+')) return '+';
  if (flags.includes(' ')) return ' ';
  return '';
}

function convert(
  conv: string,
  value: unknown,
  flags: string,
  precision?: number,
): [string, string] {
  switch (conv) {
    case 's': {
      const s = toText(value);
      return ['', precision === undefined ? s : s.slice(0, precision)];
    }
    case 'b':
      return ['', value ? 'true' : 'false'];
    case 'c':
      return ['', typeof value === 'number' ? String.fromCharCode(value) : toText(value).charAt(0)];
    case 'd':
    case 'i': {
      const n = Math.trunc(Number(value));
      return [sign(n, flags), String(Math.abs(n))];
    }
    case 'f': {
      const n = Number(value);
      return [sign(n, flags), Math.abs(n).toFixed(precision ?? 6)];
    }
    case 'e':
    case 'E': {
      const n = Number(value);
      const s = Math.abs(n)
        .toExponential(precision ?? 6)
        .replace(/e([+-])(\d)$/, 'e$10$2');
      return [sign(n, flags), conv === 'E' ? s.toUpperCase() : s];
    }
    case 'x':
    case 'X':
    case 'o': {
      const n = Math.trunc(Number(value));
      const s = Math.abs(n).toString(conv === 'o' ? 8 : 16);
      return [sign(n, flags), conv === 'X' ? s.toUpperCase() : s];
    }
    default:
      return ['', toText(value)];
  }
}

export function formatString(template: unknown, ...args: unknown[]): string {
  let next = 0;
  return toText(template).replace(
    SPEC,
    (whole, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      if (next >= args.length) return whole;
      const [s, body] = convert(
        conv,
        args[next++],
        flags,
        prec === undefined ? undefined : Number(prec),
      );
      const w = width === undefined ? 0 : Number(width);
      const len = s.length + body.length;
      if (len >= w) return s + body;
      if (flags.includes('-')) return (s + body).padEnd(w, ' ');
      if (flags.includes('0') && conv !== 's' && conv !== 'c' && conv !== 'b')
        return s + body.padStart(w - s.length, '0');
      return (s + body).padStart(w, ' ');
    },
  );
}

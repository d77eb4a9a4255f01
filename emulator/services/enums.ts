/**
 * Apps Script enums as frozen objects whose values are their names (`ButtonSet.OK === 'OK'`).
 * Apps Script's enum values print as their names and are compared by identity; strings keep that
 * and also cross worker threads unchanged, and match the `{ authMode: 'NONE' }` events tests build.
 */

function enumOf<const K extends string>(...names: K[]): Readonly<{ [k in K]: k }> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = n;
  return Object.freeze(out) as { [k in K]: k };
}

export const ButtonSet = enumOf('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');
export type ButtonSetName = keyof typeof ButtonSet;

export const Button = enumOf('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export type ButtonName = keyof typeof Button;

/** The buttons each ButtonSet shows; CLOSE (the title-bar X) is always there [R/base/button]. */
export const BUTTONS_OF: Readonly<Record<ButtonSetName, readonly ButtonName[]>> = {
  OK: ['OK', 'CLOSE'],
  OK_CANCEL: ['OK', 'CANCEL', 'CLOSE'],
  YES_NO: ['YES', 'NO', 'CLOSE'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL', 'CLOSE'],
};

export const AuthMode = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
export const AuthorizationStatus = enumOf('REQUIRED', 'NOT_REQUIRED');
export const TriggerSource = enumOf('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR');

export const DigestAlgorithm = enumOf('MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512');
export type DigestAlgorithmName = keyof typeof DigestAlgorithm;
export const MacAlgorithm = enumOf(
  'HMAC_MD5',
  'HMAC_SHA_1',
  'HMAC_SHA_256',
  'HMAC_SHA_384',
  'HMAC_SHA_512',
);
export type MacAlgorithmName = keyof typeof MacAlgorithm;
export const Charset = enumOf('US_ASCII', 'UTF_8');

/** Charts.ChartType [R/charts/chart-type]. */
export const ChartType = enumOf(
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'LINE',
  'ORG',
  'PIE',
  'RADAR',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TIMELINE',
  'TREEMAP',
  'WATERFALL',
);

export const SandboxMode = enumOf('EMULATED', 'IFRAME', 'NATIVE');
export const XFrameOptionsMode = enumOf('ALLOWALL', 'DEFAULT');

export function isEnumValue<E extends Readonly<Record<string, string>>>(
  e: E,
  v: unknown,
): v is E[keyof E] {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(e, v);
}

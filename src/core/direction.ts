/** Whether a larger raw value of a criterion is better (`higher`) or worse (`lower`). */
export type Direction = 'higher' | 'lower';

const DIRECTION_WORDS: Readonly<Record<string, Direction>> = {
  higher: 'higher',
  high: 'higher',
  max: 'higher',
  maximise: 'higher',
  maximize: 'higher',
  '1': 'higher',
  '+1': 'higher',
  lower: 'lower',
  low: 'lower',
  min: 'lower',
  minimise: 'lower',
  minimize: 'lower',
  '-1': 'lower',
};

/**
 * Reads a direction word: `higher`/`lower`, `max`/`min`, `1`/`-1` (case- and space-insensitive).
 * Returns `undefined` for anything else so the caller can say where the bad value is.
 */
export function parseDirection(raw: string | number): Direction | undefined {
  const key = String(raw).trim().toLowerCase().replace(/\s+/g, '');
  return DIRECTION_WORDS[key];
}

/** Number and list formatting for reasons and conflict messages (locale-free, deterministic). */

/** 1234567.891 → "1,234,567.89"; at most two decimals, trailing zeros dropped. */
export function formatAmount(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const neg = x < 0;
  const r = Math.round(Math.abs(x) * 100) / 100;
  const [int = '0', frac] = r
    .toFixed(2)
    .replace(/\.?0+$/, '')
    .split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** An amount with its unit: "160 h", or "160" when the unit is "". */
export function withUnit(x: number, unit: string): string {
  return unit === '' ? formatAmount(x) : `${formatAmount(x)} ${unit}`;
}

/** 0.1234 → "12%"; below 1% one decimal ("0.4%"). */
export function formatShare(s: number): string {
  const p = s * 100;
  if (p > 0 && p < 1) return `${p.toFixed(1)}%`;
  return `${Math.round(p)}%`;
}

/** ["P1"] → "P1"; ["P1", "P2"] → "P1 and P2"; ["P1", "P2", "P3"] → "P1, P2 and P3". */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}

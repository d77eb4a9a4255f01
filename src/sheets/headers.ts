/** Header matching and A1 helpers. */

/** Headers match case- and space-insensitively: "Expected  Revenue" ≡ "expected revenue". */
export function headerKey(text: unknown): string {
  return typeof text === 'string'
    ? text.toLowerCase().replace(/\s+/g, '')
    : typeof text === 'number'
      ? String(text)
      : '';
}

/** 1-based column number → letters (1 → A, 27 → AA). */
export function columnLetter(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 notation of a block, e.g. a1(2, 3, 10, 2) → "C2:D11" (single cell → "C2"). */
export function a1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = `${columnLetter(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnLetter(column + numColumns - 1)}${row + numRows - 1}`;
}

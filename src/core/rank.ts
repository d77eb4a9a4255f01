/**
 * A number rounded to 15 significant digits, the precision at which Sheets compares numbers
 * (=0.1+0.2=0.3 is TRUE there). Scores computed by different sums of the same weights differ in
 * the last binary digits (0.1 + 0.1 + 0.1 ≠ 0.3), yet show as the same number and must tie.
 */
export function comparable(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(15));
}

/**
 * True when a and b agree to 15 significant digits (comparable(a) = comparable(b)). Two such
 * numbers differ by at most one unit in their 15th digit, about 1e-14 of their size, so numbers
 * further apart than 1e-13 of their size are told apart without rounding either.
 */
export function sameNumber(a: number, b: number): boolean {
  if (a === b) return true;
  if (Math.abs(a - b) > 1e-13 * Math.max(Math.abs(a), Math.abs(b))) return false;
  return comparable(a) === comparable(b);
}

/**
 * Standard competition ranking ("1224"): rank_i = 1 + #{ j : s_j > s_i }, so 1 is best and equal
 * scores share the lower rank (1, 2, 2, 4). With a tie-break column, a tie on score is broken by
 * the higher tie-break value: rank_i = 1 + #{ j : (s_j, t_j) > (s_i, t_i) } in lexicographic order;
 * a blank tie-break (null) loses to any number. Blank scores (null) get no rank (null). Scores and
 * tie-breaks are equal when they agree to 15 significant digits (sameNumber), as in Sheets.
 */
export function competitionRanks(
  scores: readonly (number | null)[],
  tiebreak?: readonly (number | null)[],
): (number | null)[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++)
    if (scores[i] !== null && scores[i] !== undefined) idx.push(i);
  const s = (i: number): number => scores[i] as number;
  const t = (i: number): number => {
    const v = tiebreak?.[i];
    return v === null || v === undefined ? -Infinity : comparable(v);
  };
  // Best first. Rounding is monotone, so scores that tie to 15 digits are adjacent in this order.
  idx.sort((a, b) => s(b) - s(a));
  const ranks: (number | null)[] = new Array<number | null>(scores.length).fill(null);
  let start = 0;
  while (start < idx.length) {
    let end = start + 1;
    while (end < idx.length && sameNumber(s(idx[end - 1] as number), s(idx[end] as number))) end++;
    if (!tiebreak || end - start === 1) {
      for (let p = start; p < end; p++) ranks[idx[p] as number] = start + 1;
    } else {
      // A tie on score: the higher tie-break first; equal tie-breaks share a rank.
      const group = idx.slice(start, end).map((i) => ({ i, t: t(i) }));
      group.sort((a, b) => compareDesc(a.t, b.t));
      group.forEach((g, k) => {
        const prev = group[k - 1];
        ranks[g.i] = prev && prev.t === g.t ? (ranks[prev.i] as number) : start + k + 1;
      });
    }
    start = end;
  }
  return ranks;
}

function compareDesc(a: number, b: number): number {
  return a === b ? 0 : a > b ? -1 : 1;
}

/**
 * A number rounded to 15 significant digits, the precision at which Sheets compares numbers
 * (=0.1+0.2=0.3 is TRUE there). Scores computed by different sums of the same weights differ in
 * the last binary digits (0.1 + 0.1 + 0.1 ≠ 0.3), yet show as the same number and must tie.
 */
export function comparable(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(15));
}

/**
 * Standard competition ranking ("1224"): rank_i = 1 + #{ j : s_j > s_i }, so 1 is best and equal
 * scores share the lower rank (1, 2, 2, 4). With a tie-break column, a tie on score is broken by
 * the higher tie-break value: rank_i = 1 + #{ j : (s_j, t_j) > (s_i, t_i) } in lexicographic order;
 * a blank tie-break (null) loses to any number. Blank scores (null) get no rank (null). Scores and
 * tie-breaks are compared at 15 significant digits (see comparable), as Sheets compares them.
 */
export function competitionRanks(
  scores: readonly (number | null)[],
  tiebreak?: readonly (number | null)[],
): (number | null)[] {
  const idx: number[] = [];
  const keys = new Array<number>(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i];
    if (v !== null && v !== undefined) {
      idx.push(i);
      keys[i] = comparable(v);
    }
  }
  const t = (i: number): number => {
    const v = tiebreak?.[i];
    return v === null || v === undefined ? -Infinity : comparable(v);
  };
  const s = (i: number): number => keys[i] as number;
  // Sort best first; equal keys stay adjacent so a tie shares the rank of its first member.
  idx.sort((a, b) => s(b) - s(a) || (tiebreak ? compareDesc(t(a), t(b)) : 0));
  const ranks: (number | null)[] = new Array<number | null>(scores.length).fill(null);
  for (let p = 0; p < idx.length; p++) {
    const i = idx[p] as number;
    const prev = p > 0 ? (idx[p - 1] as number) : -1;
    const tied = prev >= 0 && s(prev) === s(i) && (!tiebreak || t(prev) === t(i));
    ranks[i] = tied ? (ranks[prev] as number) : p + 1;
  }
  return ranks;
}

function compareDesc(a: number, b: number): number {
  return a === b ? 0 : a > b ? -1 : 1;
}

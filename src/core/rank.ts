/**
 * Standard competition ranking ("1224"): rank_i = 1 + #{ j : s_j > s_i }, so 1 is best and equal
 * scores share the lower rank (1, 2, 2, 4). With a tie-break column, a tie on score is broken by
 * the higher tie-break value: rank_i = 1 + #{ j : (s_j, t_j) > (s_i, t_i) } in lexicographic order;
 * a blank tie-break (null) loses to any number. Blank scores (null) get no rank (null).
 */
export function competitionRanks(
  scores: readonly (number | null)[],
  tiebreak?: readonly (number | null)[],
): (number | null)[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++)
    if (scores[i] !== null && scores[i] !== undefined) idx.push(i);
  const t = (i: number): number => {
    const v = tiebreak?.[i];
    return v === null || v === undefined ? -Infinity : v;
  };
  const s = (i: number): number => scores[i] as number;
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

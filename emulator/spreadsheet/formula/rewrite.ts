/**
 * Rewrites a formula's references after rows or columns of a sheet were inserted or deleted, as
 * Sheets does: references below/right of the change move, ranges that straddle it grow or
 * shrink, open ends stay open, and a reference whose cells were all deleted becomes #REF!.
 * ($ signs are not kept in rewritten references.)
 */
import { columnLetters, spanAfterDelete, spanAfterInsert, type A1Ref, type Axis } from '../a1';
import type { FormulaArg } from './parse';

/** A reference's text without sheet prefix. */
export function refBody(ref: A1Ref): string {
  const { r1, c1, r2, c2 } = ref;
  const col = (c: number): string => columnLetters(c);
  if (r1 === undefined) return `${col(c1 ?? 1)}:${col(c2 ?? c1 ?? 1)}`;
  if (c1 === undefined) return `${r1}:${r2 ?? r1}`;
  if (r2 === undefined) return `${col(c1)}${r1}:${col(c2 ?? c1)}`;
  if (c2 === undefined) return `${col(c1)}${r1}:${r2}`;
  if (r1 === r2 && c1 === c2) return `${col(c1)}${r1}`;
  return `${col(c1)}${r1}:${col(c2)}${r2}`;
}

type Change = { kind: 'insert' | 'delete'; axis: Axis; at: number; count: number };

function moveSpan(
  lo: number | undefined,
  hi: number | undefined,
  ch: Change,
): { lo: number | undefined; hi: number | undefined } | undefined {
  if (lo === undefined) return { lo, hi }; // whole rows/columns of the other axis
  const top = hi ?? Number.POSITIVE_INFINITY;
  if (ch.kind === 'insert') {
    const [a, b] = spanAfterInsert(lo, top, ch.at, ch.count);
    return { lo: a, hi: hi === undefined ? undefined : b };
  }
  const moved = spanAfterDelete(lo, top, ch.at, ch.count);
  if (!moved) return undefined;
  return { lo: moved[0], hi: hi === undefined ? undefined : moved[1] };
}

/** The reference after a change, or undefined when all its cells were deleted. */
export function moveRef(ref: A1Ref, ch: Change): A1Ref | undefined {
  if (ch.axis === 'rows') {
    const m = moveSpan(ref.r1, ref.r2, ch);
    return m && { ...ref, r1: m.lo, r2: m.hi };
  }
  const m = moveSpan(ref.c1, ref.c2, ch);
  return m && { ...ref, c1: m.lo, c2: m.hi };
}

/**
 * The formula text with the references to the changed sheet rewritten; `targetsChanged(arg)`
 * says whether a reference points at that sheet. Returns undefined when nothing moved.
 */
export function rewriteFormula(
  text: string,
  args: readonly FormulaArg[],
  targetsChanged: (arg: Extract<FormulaArg, { kind: 'ref' }>) => boolean,
  ch: Change,
): string | undefined {
  let out = text;
  let changed = false;
  const refs = args.filter((a): a is Extract<FormulaArg, { kind: 'ref' }> => a.kind === 'ref');
  // Right to left so earlier positions stay valid.
  for (const a of [...refs].sort((x, y) => y.start - x.start)) {
    if (!targetsChanged(a)) continue;
    const moved = moveRef(a.ref, ch);
    const r = a.ref;
    if (moved && moved.r1 === r.r1 && moved.r2 === r.r2 && moved.c1 === r.c1 && moved.c2 === r.c2)
      continue;
    const body = moved ? a.sheetText + refBody(moved) : '#REF!';
    out = out.slice(0, a.start) + body + out.slice(a.end);
    changed = true;
  }
  return changed ? out : undefined;
}

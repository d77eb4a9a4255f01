/**
 * Bound propagation on 0/1 variables: repeatedly, for every row lo ≤ Σ a_j x_j ≤ hi, with
 * minAct/maxAct the least/greatest activity the current bounds allow,
 * - a_j > 0 and minAct + a_j(1 − lo_j) > hi  ⇒ x_j = 0;   a_j < 0 and minAct − a_j·hi_j > hi ⇒ x_j = 1;
 * - a_j > 0 and maxAct − a_j·hi_j < lo       ⇒ x_j = 1;   a_j < 0 and maxAct + a_j(1 − lo_j) < lo ⇒ x_j = 0.
 * This fixes what force in/out imply through dependencies, exclusions and limits (a project
 * bigger than a limit is out; what a forced-in project needs is in). It reports a
 * contradiction when a row cannot hold or a project must be both in and out.
 */
import { rowTolerance, type Model } from './rows';

export interface Bounds {
  readonly lo: Uint8Array;
  readonly hi: Uint8Array;
  /** True when propagation proved that no selection satisfies the constraints. */
  readonly infeasible: boolean;
}

export function propagate(model: Model, lo0: ArrayLike<number>, hi0: ArrayLike<number>): Bounds {
  const lo = Uint8Array.from(lo0);
  const hi = Uint8Array.from(hi0);
  for (let j = 0; j < model.n; j++)
    if ((lo[j] as number) > (hi[j] as number)) return { lo, hi, infeasible: true };
  const rows = model.rows;
  const tolHi = rows.map((r) => rowTolerance(r, r.hi));
  const tolLo = rows.map((r) => rowTolerance(r, r.lo));
  const queued = new Uint8Array(rows.length).fill(1);
  const range = new Float64Array(2);
  let queue = rows.map((_, i) => i);
  for (let round = 0; round < 100 && queue.length > 0; round++) {
    const next: number[] = [];
    const touch = (j: number): void => {
      for (const i of model.colRows[j] as Int32Array) {
        if (!queued[i]) {
          queued[i] = 1;
          next.push(i);
        }
      }
    };
    for (const i of queue) {
      queued[i] = 0;
      const r = rows[i] as (typeof rows)[number];
      activityRange(r, lo, hi, range);
      let minAct = range[0] as number;
      let maxAct = range[1] as number;
      const h = r.hi + (tolHi[i] as number);
      const l = r.lo - (tolLo[i] as number);
      if (minAct > h || maxAct < l) return { lo, hi, infeasible: true };
      for (let t = 0; t < r.idx.length; t++) {
        const j = r.idx[t] as number;
        if (lo[j] === hi[j]) continue;
        const a = r.val[t] as number;
        const fix = impliedFix(a, minAct, maxAct, l, h);
        if (fix < 0) continue;
        lo[j] = fix;
        hi[j] = fix;
        if (a > 0) {
          if (fix === 1) minAct += a;
          else maxAct -= a;
        } else if (fix === 1) maxAct += a;
        else minAct -= a;
        touch(j);
      }
    }
    queue = next;
  }
  return { lo, hi, infeasible: false };
}

/**
 * The least and greatest Σ a x of a row over the box lo/hi, into out[0] and out[1] (scratch the
 * caller keeps: this runs for every row a propagation looks at).
 */
export function activityRange(
  r: { readonly idx: ArrayLike<number>; readonly val: ArrayLike<number> },
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  out: Float64Array,
): void {
  let minAct = 0;
  let maxAct = 0;
  for (let t = 0; t < r.idx.length; t++) {
    const j = r.idx[t] as number;
    const a = r.val[t] as number;
    if (a > 0) {
      minAct += a * (lo[j] as number);
      maxAct += a * (hi[j] as number);
    } else {
      minAct += a * (hi[j] as number);
      maxAct += a * (lo[j] as number);
    }
  }
  out[0] = minAct;
  out[1] = maxAct;
}

/**
 * What a row l ≤ Σ a x ≤ h with activity range [minAct, maxAct] implies for a free 0/1 column
 * with coefficient a (which contributes min(0, a) to minAct and max(0, a) to maxAct): 0 or 1
 * when the other value would break a side, −1 when both values are possible.
 */
export function impliedFix(
  a: number,
  minAct: number,
  maxAct: number,
  l: number,
  h: number,
): number {
  if (a > 0) {
    if (minAct + a > h) return 0;
    if (maxAct - a < l) return 1;
  } else {
    if (minAct - a > h) return 1;
    if (maxAct + a < l) return 0;
  }
  return -1;
}

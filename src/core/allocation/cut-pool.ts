/**
 * A cut pool: every cut found stays here, but only the "active" ones are rows of the LP.
 * A cut enters the LP when the LP point violates it (the most efficacious first) and leaves it
 * once its row has been slack (logical basic) for `maxAge` consecutive rounds; it then waits in
 * the pool until the LP point violates it again. This keeps the LP — and so every node — small.
 */
import type { Cut } from './cuts';

const MIN_EFFICACY = 1e-4;

interface Entry {
  readonly cut: Cut;
  age: number;
  active: boolean;
}

/** Σ val x − hi over ‖val‖ (positive when x violates the cut). */
export function efficacy(cut: Cut, x: ArrayLike<number>): number {
  let lhs = 0;
  let norm = 0;
  for (let t = 0; t < cut.idx.length; t++) {
    const v = cut.val[t] as number;
    lhs += v * (x[cut.idx[t] as number] as number);
    norm += v * v;
  }
  return norm === 0 ? -Infinity : (lhs - cut.hi) / Math.sqrt(norm);
}

/** A hash of the cut's columns: cuts the pool treats as equal (sameCut) have the same one. */
function hashOf(cut: Cut): number {
  let h = cut.idx.length | 0;
  for (let t = 0; t < cut.idx.length; t++)
    h = (Math.imul(h, 0x01000193) ^ (cut.idx[t] as number)) | 0;
  return h;
}

/** Equal to 12 significant digits, the pool's test for a cut it already has. */
function near(a: number, b: number): boolean {
  return a === b || a.toPrecision(12) === b.toPrecision(12);
}

/** The same columns, and coefficients and right-hand side equal to 12 significant digits. */
function sameCut(p: Cut, q: Cut): boolean {
  if (p.idx.length !== q.idx.length || !near(p.hi, q.hi)) return false;
  for (let t = 0; t < p.idx.length; t++)
    if (p.idx[t] !== q.idx[t] || !near(p.val[t] as number, q.val[t] as number)) return false;
  return true;
}

export class CutPool {
  private readonly entries: Entry[] = [];
  /** The pool's cuts by hashOf, to find a duplicate without comparing against every cut. */
  private readonly byHash = new Map<number, Cut[]>();
  /** The active cuts in LP row order. */
  private lp: Entry[] = [];

  constructor(private readonly maxAge: number) {}

  /** The cuts now in the LP, in row order (after the model's rows). */
  get active(): readonly Cut[] {
    return this.lp.map((e) => e.cut);
  }

  /** Every cut in the pool, active or not. */
  get all(): readonly Cut[] {
    return this.entries.map((e) => e.cut);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Adds cuts not already in the pool (inactive until activate()); returns how many were new. */
  add(cuts: readonly Cut[]): number {
    let added = 0;
    for (const cut of cuts) {
      const h = hashOf(cut);
      const bucket = this.byHash.get(h);
      if (bucket?.some((c) => sameCut(c, cut))) continue;
      if (bucket) bucket.push(cut);
      else this.byHash.set(h, [cut]);
      this.entries.push({ cut, age: 0, active: false });
      added++;
    }
    return added;
  }

  /**
   * Ages the active cuts: slack[k] is true when active cut k's row is slack (its logical is
   * basic). A cut slack for `maxAge` rounds in a row (default the pool's) leaves the LP — with
   * maxAge 1, every slack cut now. Returns, for each cut still active, its old position (for
   * the simplex warm start's row map).
   */
  age(slack: ArrayLike<boolean>, maxAge = this.maxAge): Int32Array {
    const kept: number[] = [];
    const next: Entry[] = [];
    this.lp.forEach((e, k) => {
      e.age = slack[k] ? e.age + 1 : 0;
      if (e.age >= maxAge) {
        e.active = false;
        e.age = 0;
      } else {
        kept.push(k);
        next.push(e);
      }
    });
    this.lp = next;
    return Int32Array.from(kept);
  }

  /**
   * Moves the inactive cuts that x violates (efficacy ≥ 1e-4) into the LP, at most `max`, the
   * most efficacious first; they are appended after the active ones. Returns how many.
   */
  activate(x: ArrayLike<number>, max: number): number {
    const cand: { e: Entry; eff: number }[] = [];
    for (const e of this.entries) {
      if (e.active) continue;
      const eff = efficacy(e.cut, x);
      if (eff >= MIN_EFFICACY) cand.push({ e, eff });
    }
    cand.sort((p, q) => q.eff - p.eff);
    const take = cand.slice(0, max);
    for (const { e } of take) {
      e.active = true;
      e.age = 0;
      this.lp.push(e);
    }
    return take.length;
  }
}

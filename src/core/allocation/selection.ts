/**
 * A selection being built or improved by the primal heuristics: which projects are in, the
 * activity of every row, and moves that keep dependencies whole (adding a project adds what it
 * needs; removing one removes what needs it).
 */
import { rowTolerance, type Model } from './rows';

export class SelectionState {
  readonly sel: Uint8Array;
  readonly act: Float64Array;
  value = 0;
  /** Row bounds widened by their tolerance. */
  private readonly hiLim: Float64Array;
  private readonly loLim: Float64Array;
  private readonly delta: Float64Array;
  private readonly stamp: Int32Array;
  private readonly rowList: Int32Array;
  private readonly seen: Int32Array;
  private epoch = 0;
  private seenEpoch = 0;
  /** The row changes of the swap begun last (beginSwap): rows, changes, and their stamp. */
  private readonly swapDelta: Float64Array;
  private readonly swapStamp: Int32Array;
  private readonly swapRows: Int32Array;
  private swapCount = 0;
  private swapEpoch = 0;

  /** `lo`/`hi`: per-project bounds (1 = must be in, 0 = must be out). */
  constructor(
    readonly model: Model,
    readonly lo: Uint8Array,
    readonly hi: Uint8Array,
  ) {
    const m = model.rows.length;
    this.sel = new Uint8Array(model.n);
    this.act = new Float64Array(m);
    this.delta = new Float64Array(m);
    this.stamp = new Int32Array(m);
    this.rowList = new Int32Array(m);
    this.seen = new Int32Array(model.n);
    this.swapDelta = new Float64Array(m);
    this.swapStamp = new Int32Array(m);
    this.swapRows = new Int32Array(m);
    this.hiLim = Float64Array.from(model.rows, (r) => r.hi + rowTolerance(r, r.hi));
    this.loLim = Float64Array.from(model.rows, (r) => r.lo - rowTolerance(r, r.lo));
  }

  /** Replaces the selection (activities recomputed). */
  set(selected: ArrayLike<number | boolean>): void {
    this.sel.fill(0);
    this.act.fill(0);
    this.value = 0;
    const add: number[] = [];
    for (let j = 0; j < this.model.n; j++) if (selected[j]) add.push(j);
    this.apply(add, []);
  }

  /** j plus every project it needs, transitively, that is not selected; null if one must stay out. */
  addClosure(j: number): number[] | null {
    const out: number[] = [];
    const mark = ++this.seenEpoch;
    const stack = [j];
    this.seen[j] = mark;
    while (stack.length > 0) {
      const k = stack.pop() as number;
      if (this.sel[k]) continue;
      if (!this.hi[k]) return null;
      out.push(k);
      for (const q of this.model.needs[k] as number[]) {
        if (this.seen[q] !== mark) {
          this.seen[q] = mark;
          stack.push(q);
        }
      }
    }
    return out;
  }

  /** k plus every selected project that needs it, transitively; null if one must stay in. */
  removeClosure(k: number): number[] | null {
    const out: number[] = [];
    const mark = ++this.seenEpoch;
    const stack = [k];
    this.seen[k] = mark;
    while (stack.length > 0) {
      const j = stack.pop() as number;
      if (!this.sel[j]) continue;
      if (this.lo[j]) return null;
      out.push(j);
      for (const p of this.model.neededBy[j] as number[]) {
        if (this.seen[p] !== mark) {
          this.seen[p] = mark;
          stack.push(p);
        }
      }
    }
    return out;
  }

  /** Σ value over a set of projects. */
  valueOf(js: readonly number[]): number {
    let s = 0;
    for (const j of js) s += (this.model.problem.projects[j] as { value: number }).value;
    return s;
  }

  /**
   * Accumulates the row changes of a move; returns how many rows it touches (in rowList).
   * `onSwap`: on top of the changes of the swap begun last (each row starts from its change).
   */
  private accumulate(add: readonly number[], remove: readonly number[], onSwap = false): number {
    const e = ++this.epoch;
    const se = onSwap ? this.swapEpoch : -1;
    let nr = 0;
    const { colRows, colVals } = this.model;
    const { stamp, delta, rowList, swapStamp, swapDelta } = this;
    for (let side = 0; side < 2; side++) {
      const list = side === 0 ? add : remove;
      const sign = side === 0 ? 1 : -1;
      for (const j of list) {
        const rs = colRows[j] as Int32Array;
        const vs = colVals[j] as Float64Array;
        for (let t = 0; t < rs.length; t++) {
          const i = rs[t] as number;
          if (stamp[i] !== e) {
            stamp[i] = e;
            delta[i] = swapStamp[i] === se ? (swapDelta[i] as number) : 0;
            rowList[nr++] = i;
          }
          delta[i] = (delta[i] as number) + sign * (vs[t] as number);
        }
      }
    }
    return nr;
  }

  /**
   * True when the move keeps every touched row at or below its upper bound and does not move
   * a row further below its lower bound (so a feasible selection stays feasible, and a
   * selection short of a minimum share may still grow towards it).
   */
  fits(add: readonly number[], remove: readonly number[]): boolean {
    const nr = this.accumulate(add, remove);
    for (let t = 0; t < nr; t++) {
      const i = this.rowList[t] as number;
      if (!this.within(i, this.delta[i] as number)) return false;
    }
    return true;
  }

  /**
   * Starts trying swaps that add `add`: returns the rows adding it would push above their upper
   * bound, and keeps its row changes so that fitsSwap(remove) answers fits(add, remove) without
   * summing `add` again for every candidate removal.
   */
  beginSwap(add: readonly number[]): number[] {
    const nr = this.accumulate(add, []);
    const out: number[] = [];
    const e = ++this.swapEpoch;
    for (let t = 0; t < nr; t++) {
      const i = this.rowList[t] as number;
      const d = this.delta[i] as number;
      this.swapStamp[i] = e;
      this.swapDelta[i] = d;
      this.swapRows[t] = i;
      if ((this.act[i] as number) + d > (this.hiLim[i] as number)) out.push(i);
    }
    this.swapCount = nr;
    return out;
  }

  /**
   * fits(add, remove) for the `add` of the last beginSwap: the same sums in the same order (the
   * added projects' changes, then each removed one's), so the same answer to the last bit.
   */
  fitsSwap(remove: readonly number[]): boolean {
    const nr = this.accumulate([], remove, true);
    const { stamp, delta, rowList, swapDelta } = this;
    const e = this.epoch;
    for (let t = 0; t < this.swapCount; t++) {
      const i = this.swapRows[t] as number;
      if (stamp[i] !== e && !this.within(i, swapDelta[i] as number)) return false;
    }
    for (let t = 0; t < nr; t++) {
      const i = rowList[t] as number;
      if (!this.within(i, delta[i] as number)) return false;
    }
    return true;
  }

  /**
   * For the swap begun last, whether removing project k alone keeps row i (a row the added
   * projects touch) within its bounds: the very test fitsSwap([k]) makes of that row, with the
   * same sums in the same order, so false here means fitsSwap([k]) is false.
   */
  swapRowHoldsWithout(k: number, i: number): boolean {
    const rs = this.model.colRows[k] as Int32Array;
    const vs = this.model.colVals[k] as Float64Array;
    let d = this.swapDelta[i] as number;
    for (let t = 0; t < rs.length; t++) if (rs[t] === i) d -= vs[t] as number;
    return this.within(i, d);
  }

  /** Whether row i stays within its bounds after a change d (as fits tests each row). */
  private within(i: number, d: number): boolean {
    const a = (this.act[i] as number) + d;
    return !((d > 0 && a > (this.hiLim[i] as number)) || (d < 0 && a < (this.loLim[i] as number)));
  }

  apply(add: readonly number[], remove: readonly number[]): void {
    const nr = this.accumulate(add, remove);
    for (let t = 0; t < nr; t++) {
      const i = this.rowList[t] as number;
      this.act[i] = (this.act[i] as number) + (this.delta[i] as number);
    }
    for (const j of add) this.sel[j] = 1;
    for (const j of remove) this.sel[j] = 0;
    this.value += this.valueOf(add) - this.valueOf(remove);
  }

  /** True when every row holds and every bound is respected. */
  feasible(): boolean {
    for (let i = 0; i < this.act.length; i++) {
      const a = this.act[i] as number;
      if (a > (this.hiLim[i] as number) || a < (this.loLim[i] as number)) return false;
    }
    for (let j = 0; j < this.model.n; j++) {
      if (
        (this.sel[j] as number) < (this.lo[j] as number) ||
        (this.sel[j] as number) > (this.hi[j] as number)
      )
        return false;
    }
    return true;
  }
}

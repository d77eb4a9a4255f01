/**
 * Incremental bound propagation for the branch-and-bound nodes. It keeps the bounds it last
 * saw and, per row, the least and greatest activity they allow; moving to a node's bounds only
 * updates the rows of the columns that changed and re-examines those rows (the rules are
 * propagate.ts's). Besides the model's rows it takes extra rows (symmetry ordering rows) and an
 * objective-cutoff row Σ v_j x_j ≥ cutoff, raised each time the incumbent improves, so a node
 * where nothing can beat the incumbent is pruned before its LP and the projects without which
 * it cannot be beaten are fixed in.
 */
import { activityRange, impliedFix } from './propagate';
import type { Model } from './rows';

/** A row lo ≤ Σ a_j x_j ≤ hi (an open side is ±Infinity). */
export interface PropRow {
  readonly idx: Int32Array;
  readonly val: Float64Array;
  readonly lo: number;
  readonly hi: number;
}

/** Full recomputation of the activities every this many moves (against round-off drift). */
const RESYNC_EVERY = 512;

export class NodePropagator {
  /** The bounds the activities describe (after the last propagation). */
  readonly lo: Uint8Array;
  readonly hi: Uint8Array;
  private readonly n: number;
  private readonly rows: PropRow[];
  private readonly rowLo: Float64Array;
  private readonly rowHi: Float64Array;
  private readonly maxAbs: Float64Array;
  private readonly minAct: Float64Array;
  private readonly maxAct: Float64Array;
  private readonly colRows: Int32Array[];
  private readonly colVals: Float64Array[];
  private readonly queued: Uint8Array;
  private readonly queue: Int32Array;
  private readonly cutoffRow: number;
  private moves = 0;
  private head = 0;
  private size = 0;

  /**
   * `values`: the objective, for the cutoff row (null: no cutoff row). The starting bounds are
   * all free (0..1); the first `propagate` moves to the node's bounds.
   */
  constructor(model: Model, extra: readonly PropRow[], values: Float64Array | null) {
    const n = model.n;
    this.n = n;
    const rows: PropRow[] = [...model.rows, ...extra];
    this.cutoffRow = -1;
    if (values) {
      const idx: number[] = [];
      for (let j = 0; j < n; j++) if (values[j] !== 0) idx.push(j);
      this.cutoffRow = rows.length;
      rows.push({
        idx: Int32Array.from(idx),
        val: Float64Array.from(idx, (j) => values[j] as number),
        lo: -Infinity,
        hi: Infinity,
      });
    }
    this.rows = rows;
    const m = rows.length;
    this.rowLo = Float64Array.from(rows, (r) => r.lo);
    this.rowHi = Float64Array.from(rows, (r) => r.hi);
    this.maxAbs = Float64Array.from(rows, (r) =>
      r.val.reduce((s, a) => Math.max(s, Math.abs(a)), 0),
    );
    this.minAct = new Float64Array(m);
    this.maxAct = new Float64Array(m);
    this.queued = new Uint8Array(m);
    this.queue = new Int32Array(m);
    const cr: number[][] = Array.from({ length: n }, () => []);
    const cv: number[][] = Array.from({ length: n }, () => []);
    rows.forEach((r, i) => {
      for (let t = 0; t < r.idx.length; t++) {
        (cr[r.idx[t] as number] as number[]).push(i);
        (cv[r.idx[t] as number] as number[]).push(r.val[t] as number);
      }
    });
    this.colRows = cr.map((l) => Int32Array.from(l));
    this.colVals = cv.map((l) => Float64Array.from(l));
    this.lo = new Uint8Array(n);
    this.hi = new Uint8Array(n).fill(1);
    this.recompute();
  }

  /** Sets the cutoff row to Σ v_j x_j ≥ lo (the next propagation examines it). */
  setCutoff(lo: number): void {
    if (this.cutoffRow < 0) return;
    this.rowLo[this.cutoffRow] = lo;
  }

  /**
   * Moves to the bounds lo/hi and propagates. Returns the fixings found (j·2 + value, in the
   * order found; lo/hi themselves are not changed), or null when the bounds admit no point.
   */
  propagate(lo: ArrayLike<number>, hi: ArrayLike<number>): number[] | null {
    const n = this.n;
    if (this.moves++ % RESYNC_EVERY === 0) {
      for (let j = 0; j < n; j++) {
        this.lo[j] = lo[j] as number;
        this.hi[j] = hi[j] as number;
      }
      this.recompute();
      for (let i = 0; i < this.rows.length; i++) this.push(i);
    } else {
      for (let j = 0; j < n; j++) {
        const l = lo[j] as number;
        const h = hi[j] as number;
        if (l !== this.lo[j] || h !== this.hi[j]) this.move(j, l, h);
      }
    }
    if (this.cutoffRow >= 0) this.push(this.cutoffRow);
    const fixes: number[] = [];
    const m = this.rows.length;
    // Invariant: a row not in the queue allows no fixing and no contradiction under lo/hi.
    while (this.size > 0) {
      const i = this.queue[this.head] as number;
      this.head = this.head + 1 === m ? 0 : this.head + 1;
      this.size--;
      this.queued[i] = 0;
      const rl = this.rowLo[i] as number;
      const rh = this.rowHi[i] as number;
      const big = this.maxAbs[i] as number;
      // rowTolerance: 1e-9 relative to the bound and the largest coefficient.
      const h = rh === Infinity ? Infinity : rh + 1e-9 * Math.max(1, Math.abs(rh), big);
      const l =
        rl === -Infinity
          ? -Infinity
          : rl - 1e-9 * Math.max(1, Math.abs(rl), i === this.cutoffRow ? 0 : big);
      let minA = this.minAct[i] as number;
      let maxA = this.maxAct[i] as number;
      if (minA > h || maxA < l) {
        this.push(i); // still contradictory: the next call must look at it again
        return null;
      }
      if (minA + big <= h && maxA - big >= l) continue;
      const r = this.rows[i] as PropRow;
      for (let t = 0; t < r.idx.length; t++) {
        const j = r.idx[t] as number;
        if (this.lo[j] === this.hi[j]) continue;
        const fix = impliedFix(r.val[t] as number, minA, maxA, l, h);
        if (fix < 0) continue;
        fixes.push(j * 2 + fix);
        this.move(j, fix, fix);
        minA = this.minAct[i] as number;
        maxA = this.maxAct[i] as number;
      }
    }
    return fixes;
  }

  /** Queues row i unless it is queued (the queue is a ring holding each row at most once). */
  private push(i: number): void {
    if (this.queued[i]) return;
    this.queued[i] = 1;
    const m = this.rows.length;
    const at = this.head + this.size;
    this.queue[at >= m ? at - m : at] = i;
    this.size++;
  }

  /** Sets column j's bounds, updating the activities of its rows and queueing them. */
  private move(j: number, l: number, h: number): void {
    const ol = this.lo[j] as number;
    const oh = this.hi[j] as number;
    this.lo[j] = l;
    this.hi[j] = h;
    const rs = this.colRows[j] as Int32Array;
    const vs = this.colVals[j] as Float64Array;
    for (let t = 0; t < rs.length; t++) {
      const i = rs[t] as number;
      const a = vs[t] as number;
      if (a > 0) {
        this.minAct[i] = (this.minAct[i] as number) + a * (l - ol);
        this.maxAct[i] = (this.maxAct[i] as number) + a * (h - oh);
      } else {
        this.minAct[i] = (this.minAct[i] as number) + a * (h - oh);
        this.maxAct[i] = (this.maxAct[i] as number) + a * (l - ol);
      }
      this.push(i);
    }
  }

  /** Recomputes every row's activity range from lo/hi. */
  private recompute(): void {
    const range = new Float64Array(2);
    this.rows.forEach((r, i) => {
      activityRange(r, this.lo, this.hi, range);
      this.minAct[i] = range[0] as number;
      this.maxAct[i] = range[1] as number;
    });
  }
}

/**
 * The breakpoints of the dual simplex's bound-flipping ratio test, handed out in increasing
 * order of ratio (ties by candidate index, as a stable sort would give them) by a binary heap
 * in preallocated typed arrays. The ratio test usually passes only a few of its breakpoints, so
 * building the heap (O(count)) and popping the few it needs (O(log count) each) is far cheaper
 * than sorting every candidate, and allocates nothing per iteration.
 */
export class BreakpointHeap {
  private readonly heap: Int32Array;
  private keys: Float64Array = new Float64Array(0);
  private size = 0;

  constructor(capacity: number) {
    this.heap = new Int32Array(capacity);
  }

  /** Candidates 0 … count − 1 with ratios keys[0 … count − 1] (read, not copied). */
  reset(keys: Float64Array, count: number): void {
    this.keys = keys;
    this.size = count;
    const h = this.heap;
    for (let i = 0; i < count; i++) h[i] = i;
    for (let i = (count >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  get empty(): boolean {
    return this.size === 0;
  }

  /** The smallest ratio left (only when not empty). */
  peekKey(): number {
    return this.keys[this.heap[0] as number] as number;
  }

  /** Removes and returns the candidate with the smallest (ratio, index). */
  pop(): number {
    const h = this.heap;
    const top = h[0] as number;
    const last = --this.size;
    if (last > 0) {
      h[0] = h[last] as number;
      this.siftDown(0);
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a] as number;
    const kb = this.keys[b] as number;
    return ka < kb || (ka === kb && a < b);
  }

  private siftDown(at: number): void {
    const h = this.heap;
    const size = this.size;
    let i = at;
    const v = h[i] as number;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      const r = c + 1;
      if (r < size && this.less(h[r] as number, h[c] as number)) c = r;
      if (!this.less(h[c] as number, v)) break;
      h[i] = h[c] as number;
      i = c;
    }
    h[i] = v;
  }
}

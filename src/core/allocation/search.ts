/** The branch-and-bound search state: open nodes and pseudocosts. */

export interface Node {
  readonly parent: Node | null;
  /** Fixings made at this node: j·2 + value. */
  readonly fixes: Int32Array;
  readonly bound: number;
  readonly depth: number;
  /** The branching variable, its LP value in the parent and the direction (for pseudocosts). */
  readonly branchVar: number;
  readonly branchFrac: number;
  readonly up: boolean;
}

/**
 * Pseudocosts: the average bound loss per unit of fractionality when a variable was branched
 * down (x_j = 0) or up (x_j = 1); the average over all variables stands in until a variable
 * has its own. Score = max(down·f, ε) × max(up·(1 − f), ε) (the product rule).
 */
export class Pseudocosts {
  private readonly downSum: Float64Array;
  private readonly upSum: Float64Array;
  private readonly downN: Int32Array;
  private readonly upN: Int32Array;
  private downTot = 0;
  private upTot = 0;
  private downCount = 0;
  private upCount = 0;

  constructor(n: number) {
    this.downSum = new Float64Array(n);
    this.upSum = new Float64Array(n);
    this.downN = new Int32Array(n);
    this.upN = new Int32Array(n);
  }

  record(j: number, up: boolean, unitLoss: number): void {
    if (up) {
      this.upSum[j] = (this.upSum[j] as number) + unitLoss;
      this.upN[j] = (this.upN[j] as number) + 1;
      this.upTot += unitLoss;
      this.upCount++;
    } else {
      this.downSum[j] = (this.downSum[j] as number) + unitLoss;
      this.downN[j] = (this.downN[j] as number) + 1;
      this.downTot += unitLoss;
      this.downCount++;
    }
  }

  /** True once both directions of j have been observed. */
  reliable(j: number): boolean {
    return (this.downN[j] as number) > 0 && (this.upN[j] as number) > 0;
  }

  score(j: number, f: number): number {
    const dn = this.downN[j] as number;
    const un = this.upN[j] as number;
    const down =
      dn > 0
        ? (this.downSum[j] as number) / dn
        : this.downCount > 0
          ? this.downTot / this.downCount
          : 1;
    const up =
      un > 0 ? (this.upSum[j] as number) / un : this.upCount > 0 ? this.upTot / this.upCount : 1;
    return Math.max(down * f, 1e-9) * Math.max(up * (1 - f), 1e-9);
  }
}

/** A binary max-heap of open nodes by bound (ties: deeper first, for determinism). */
export class NodeHeap {
  private readonly a: Node[] = [];
  get size(): number {
    return this.a.length;
  }
  private better(x: Node, y: Node): boolean {
    return x.bound > y.bound || (x.bound === y.bound && x.depth > y.depth);
  }
  push(v: Node): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(a[i] as Node, a[p] as Node)) break;
      [a[i], a[p]] = [a[p] as Node, a[i] as Node];
      i = p;
    }
  }
  pop(): Node | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let b = i;
        if (l < a.length && this.better(a[l] as Node, a[b] as Node)) b = l;
        if (r < a.length && this.better(a[r] as Node, a[b] as Node)) b = r;
        if (b === i) break;
        [a[i], a[b]] = [a[b] as Node, a[i] as Node];
        i = b;
      }
    }
    return top;
  }
  maxBound(): number {
    return this.a.length > 0 ? (this.a[0] as Node).bound : -Infinity;
  }
}

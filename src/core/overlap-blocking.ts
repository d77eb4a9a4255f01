/**
 * The inverted indexes behind findOverlaps (overlap.ts): they propose candidate pairs so that only
 * candidates are scored, never all n(n − 1)/2 pairs. Each index is complete for its own signal:
 * every earlier project whose signal with the probe can reach the bar is proposed, unless a block
 * exceeds the cap (then BlockLimits says so).
 */

/** Blocks that hit the cap, counted, one message per block. */
export class BlockLimits {
  private readonly skipped = new Map<string, { what: string; count: number }>();
  constructor(readonly cap: number) {}
  add(key: string, what: () => string): void {
    const s = this.skipped.get(key);
    if (s) s.count++;
    else this.skipped.set(key, { what: what(), count: 1 });
  }
  messages(): string[] {
    return [...this.skipped.values()].map(
      (s) =>
        `More than ${this.cap} ${s.what}: ${s.count} of them were not compared through it (maxBlockSize ${this.cap}), so some pairs may be missing.`,
    );
  }
}

/**
 * Text sets (name trigrams, description words) as sorted integer ids, indexed by prefix filtering
 * (Bayardo et al., "Scaling up all pairs similarity search", 2007) with the positional filter of
 * PPJoin (Xiao et al., 2008):
 * - Dice ≥ b ⇔ Jaccard ≥ b′ = b ÷ (2 − b). With every set's items ordered rarest first (document
 *   frequency, then first appearance), two sets with Jaccard ≥ b′ share an item among the first
 *   |x| − ⌈b′·|x|⌉ + 1 items of each (their prefixes), so only prefixes are indexed and probed.
 * - Positional filter (PPJoin): every shared item rarer than the last one found in the prefixes,
 *   at positions px and py of x's and y's orders, was found (it lies in both prefixes), and the
 *   rest lie after px in x and after py in y; so with c shared items found so far,
 *   |x ∩ y| ≤ c + min(|x| − px − 1, |y| − py − 1). When that is below the overlap Dice ≥ b needs,
 *   b·(|x| + |y|) ÷ 2, y is dropped: at its first shared item, and again after the whole prefix.
 * The bar b may rise between probes (never fall): a prefix indexed under a lower bar is longer,
 * which only proposes more.
 */
export class TextIndex {
  /**
   * Set i's item ids are sorted[offset[i] … offset[i + 1]) in one flat array (no GC churn). Ids
   * are numbered rarest first (document frequency ascending, then first appearance), so ascending
   * ids are also the rarest-first order the prefixes need.
   */
  private readonly sorted: Int32Array;
  private readonly offset: Int32Array;
  private readonly labels: string[];
  private readonly postings: number[][];
  /** Per probe: whether set j was met, the shared prefix items counted, the last positions. */
  private readonly met: Int32Array;
  private readonly count: Int32Array;
  private readonly lastX: Int32Array;
  private readonly lastY: Int32Array;
  private readonly touched: number[] = [];

  constructor(
    sets: readonly string[][],
    private readonly what: (item: string) => string,
  ) {
    const df = new Map<string, number>();
    for (const items of sets) for (const item of items) df.set(item, (df.get(item) ?? 0) + 1);
    this.labels = [...df.keys()].sort((x, y) => (df.get(x) as number) - (df.get(y) as number));
    const ids = new Map(this.labels.map((label, id) => [label, id]));
    this.offset = new Int32Array(sets.length + 1);
    for (let i = 0; i < sets.length; i++)
      this.offset[i + 1] = (this.offset[i] as number) + (sets[i] as string[]).length;
    this.sorted = new Int32Array(this.offset[sets.length] as number);
    for (let i = 0; i < sets.length; i++) {
      const from = this.offset[i] as number;
      const items = sets[i] as string[];
      for (let k = 0; k < items.length; k++)
        this.sorted[from + k] = ids.get(items[k] as string) as number;
      this.sorted.subarray(from, from + items.length).sort();
    }
    this.postings = Array.from({ length: this.labels.length }, () => []);
    this.met = new Int32Array(sets.length).fill(-1);
    this.count = new Int32Array(sets.length);
    this.lastX = new Int32Array(sets.length);
    this.lastY = new Int32Array(sets.length);
  }

  /** Set i as text ("" when empty): equal keys mean equal sets. */
  key(i: number): string {
    return this.sorted.subarray(this.offset[i], this.offset[i + 1]).join(',');
  }

  size(i: number): number {
    return (this.offset[i + 1] as number) - (this.offset[i] as number);
  }

  /** Dice 2·|A ∩ B| ÷ (|A| + |B|) of sets a and b (0 if either is empty): one merge pass. */
  dice(a: number, b: number): number {
    const s = this.sorted;
    let i = this.offset[a] as number;
    const ie = this.offset[a + 1] as number;
    let j = this.offset[b] as number;
    const je = this.offset[b + 1] as number;
    const total = ie - i + (je - j);
    if (ie === i || je === j) return 0;
    let common = 0;
    while (i < ie && j < je) {
      const x = s[i] as number;
      const y = s[j] as number;
      if (x === y) {
        common++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return (2 * common) / total;
  }

  /** An upper bound of dice(a, b): 2·min(|A|, |B|) ÷ (|A| + |B|). */
  diceBound(a: number, b: number): number {
    const la = this.size(a);
    const lb = this.size(b);
    return (2 * Math.min(la, lb)) / (la + lb || 1);
  }

  /** Adds to `out` the indexed sets that may reach Dice ≥ bar with set i (deduplicated by `seen`). */
  probe(i: number, bar: number, stamp: number, seen: Int32Array, out: number[]): void {
    const from = this.offset[i] as number;
    const lx = this.size(i);
    const p = prefixLength(lx, bar);
    const need = bar / 2;
    const touched = this.touched;
    touched.length = 0;
    for (let px = 0; px < p; px++) {
      const list = this.postings[this.sorted[from + px] as number] as number[];
      for (let e = 0; e < list.length; e += 2) {
        const j = list[e] as number;
        const py = list[e + 1] as number;
        if (this.met[j] === stamp) {
          if (this.count[j] as number) {
            (this.count[j] as number)++;
            this.lastX[j] = px;
            this.lastY[j] = py;
          }
          continue;
        }
        this.met[j] = stamp;
        const ly = this.size(j);
        if (1 + Math.min(lx - px - 1, ly - py - 1) < need * (lx + ly) - 1e-9) {
          this.count[j] = 0;
          continue;
        }
        this.count[j] = 1;
        this.lastX[j] = px;
        this.lastY[j] = py;
        touched.push(j);
      }
    }
    for (const j of touched) {
      const ly = this.size(j);
      const most =
        (this.count[j] as number) +
        Math.min(lx - (this.lastX[j] as number) - 1, ly - (this.lastY[j] as number) - 1);
      if (most < need * (lx + ly) - 1e-9) continue;
      if (seen[j] !== stamp) {
        seen[j] = stamp;
        out.push(j);
      }
    }
  }

  /** Indexes the prefix of set i for the bar (each posting list holds at most limits.cap sets). */
  insert(i: number, bar: number, limits: BlockLimits): void {
    const from = this.offset[i] as number;
    const p = prefixLength(this.size(i), bar);
    for (let px = 0; px < p; px++) {
      const item = this.sorted[from + px] as number;
      const list = this.postings[item] as number[];
      if (list.length < 2 * limits.cap) list.push(i, px);
      else limits.add(`${this.what('')}${item}`, () => this.what(this.labels[item] as string));
    }
  }
}

/** |x| − ⌈b′·|x|⌉ + 1 with b′ = b ÷ (2 − b); the −1e-9 errs towards a longer prefix. */
function prefixLength(size: number, bar: number): number {
  if (size === 0) return 0;
  const tJ = bar / (2 - bar);
  return size - Math.ceil(tJ * size - 1e-9) + 1;
}

/**
 * A row-wise copy of the constraint matrix (CSR) holding only the columns that were free
 * (lo < hi) when it was last built, for the dual simplex's pivot row α = Σ_i ρ_i A_i. Deep in
 * branch and bound most columns are fixed, and their entries are most of every row: skipping
 * them up front saves the pivot row most of its work. Within a row, entries keep their column
 * order, so the pivot row is summed in exactly the order the full copy would give.
 *
 * The copy may hold columns fixed since (the caller still skips them), but it must hold every
 * free one: sync() rebuilds it when a free column is missing, or when the fixed ones it still
 * holds have grown to a quarter of it.
 */
export class ActiveRows {
  /** Row i's entries are idx/val[start[i] … start[i + 1]). */
  readonly start: Int32Array;
  readonly idx: Int32Array;
  readonly val: Float64Array;
  /** How many times the copy was rebuilt (diagnostics and tests). */
  rebuilds = 0;

  private readonly n: number;
  private readonly m: number;
  private readonly colStart: Int32Array;
  private readonly rowIdx: Int32Array;
  private readonly vals: Float64Array;
  private readonly fill: Int32Array;
  private readonly held: Uint8Array;
  private built = false;

  /** From the column form (CSC) of an m-row matrix with n columns. */
  constructor(n: number, m: number, colStart: Int32Array, rowIdx: Int32Array, vals: Float64Array) {
    this.n = n;
    this.m = m;
    this.colStart = colStart;
    this.rowIdx = rowIdx;
    this.vals = vals;
    const nnz = rowIdx.length;
    this.fill = new Int32Array(m);
    this.start = new Int32Array(m + 1);
    this.idx = new Int32Array(nnz);
    this.val = new Float64Array(nnz);
    this.held = new Uint8Array(n);
  }

  /** Makes the copy hold every column with lo < hi (bounds of the first n entries). */
  sync(lo: Float64Array, hi: Float64Array): void {
    const { n, held } = this;
    let rebuild = !this.built;
    let heldCount = 0;
    let heldFixed = 0;
    for (let j = 0; j < n && !rebuild; j++) {
      const free = lo[j] !== hi[j];
      if (held[j]) {
        heldCount++;
        if (!free) heldFixed++;
      } else if (free) rebuild = true;
    }
    if (!rebuild && 4 * heldFixed <= heldCount) return;
    // Transpose the held columns only (cheap when most are fixed); filling column by column
    // leaves each row's entries in column order.
    const { m, colStart, rowIdx, vals, fill, start, idx, val } = this;
    start.fill(0);
    for (let j = 0; j < n; j++) {
      const free = lo[j] !== hi[j];
      held[j] = free ? 1 : 0;
      if (!free) continue;
      for (let k = colStart[j] as number; k < (colStart[j + 1] as number); k++) {
        const r = (rowIdx[k] as number) + 1;
        start[r] = (start[r] as number) + 1;
      }
    }
    for (let i = 0; i < m; i++) {
      start[i + 1] = (start[i + 1] as number) + (start[i] as number);
      fill[i] = start[i] as number;
    }
    for (let j = 0; j < n; j++) {
      if (held[j] === 0) continue;
      for (let k = colStart[j] as number; k < (colStart[j + 1] as number); k++) {
        const r = rowIdx[k] as number;
        const at = fill[r] as number;
        idx[at] = j;
        val[at] = vals[k] as number;
        fill[r] = at + 1;
      }
    }
    this.built = true;
    this.rebuilds++;
  }
}

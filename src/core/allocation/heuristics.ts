/**
 * Primal heuristics: they only ever produce selections that SelectionState.fits, so they never
 * make a feasible selection infeasible.
 * - greedy: start from the projects that must be in, add projects (with what they need) in a
 *   given order while everything fits and the value grows;
 * - repair: while a minimum share (or a generic row's lower bound) is short, add its members
 *   that fit, in the given order;
 * - improve: local search — add whatever fits and pays, then swap one project (with its
 *   dependants) out for another (with its needs) when the swap pays and fits.
 */
import type { SelectionState } from './selection';

const EPS = 1e-9;

/** Projects ordered by value per unit of weighted use of the rows (weights ≥ 0 per row). */
export function ratioOrder(state: SelectionState, rowWeight: ArrayLike<number>): number[] {
  const { model } = state;
  const score = new Float64Array(model.n);
  for (let j = 0; j < model.n; j++) {
    const rs = model.colRows[j] as Int32Array;
    const vs = model.colVals[j] as Float64Array;
    let use = 1e-9;
    for (let t = 0; t < rs.length; t++) {
      const a = vs[t] as number;
      if (a > 0) use += a * (rowWeight[rs[t] as number] as number);
    }
    score[j] = (model.problem.projects[j] as { value: number }).value / use;
  }
  return Array.from({ length: model.n }, (_, j) => j).sort(
    (a, b) => (score[b] as number) - (score[a] as number) || a - b,
  );
}

/** Row weights that make every "≤" row count as the fraction of its limit used. */
export function usageWeights(state: SelectionState): Float64Array {
  return Float64Array.from(state.model.rows, (r) =>
    r.kind === 'dependency'
      ? 0
      : Number.isFinite(r.hi) && r.hi > 0
        ? 1 / r.hi
        : r.hi === 0
          ? 1e9
          : 0,
  );
}

/** Starts from the must-be-in projects (and their needs), then adds in `order` what fits. */
export function greedy(state: SelectionState, order: readonly number[]): void {
  state.set(state.lo);
  for (let j = 0; j < state.model.n; j++) {
    if (state.lo[j] && !state.sel[j]) {
      const c = state.addClosure(j);
      if (c) state.apply(c, []);
    }
  }
  repair(state, order);
  addPass(state, order);
}

/** One pass adding every project (with its needs) that fits and raises the value. */
export function addPass(state: SelectionState, order: readonly number[]): boolean {
  let improved = false;
  for (const j of order) {
    if (state.sel[j] || !state.hi[j]) continue;
    const c = state.addClosure(j);
    if (!c || state.valueOf(c) <= EPS) continue;
    if (state.fits(c, [])) {
      state.apply(c, []);
      improved = true;
    }
  }
  return improved;
}

/** Adds members of every minimum share that is short, in `order`, while they fit. */
export function repair(state: SelectionState, order: readonly number[]): void {
  const rows = state.model.rows;
  const rank = new Int32Array(state.model.n);
  order.forEach((j, r) => (rank[j] = r));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as { kind: string; idx: Int32Array; val: Float64Array; lo: number };
    // Minimum shares, and generic rows with a lower bound (e.g. "one start of a forced-in project").
    if (r.kind !== 'min share' && !(r.kind === 'linear' && r.lo > -Infinity)) continue;
    const members = Array.from(r.idx)
      .filter((_, t) => (r.val[t] as number) > 0)
      .sort((a, b) => (rank[a] as number) - (rank[b] as number));
    for (const j of members) {
      if ((state.act[i] as number) >= r.lo) break;
      if (state.sel[j] || !state.hi[j]) continue;
      const c = state.addClosure(j);
      if (c && state.fits(c, [])) state.apply(c, []);
    }
  }
}

/**
 * Local search until no move pays or `stop()` says so: add passes, then swaps. For each of the
 * first `maxIn` projects (in `order`) that would pay but do not fit, a swap must relieve every
 * row the project overflows, so its candidates are the selected projects of the shortest such
 * row worth less than the gain; the best swap that fits is made.
 */
export function improve(
  state: SelectionState,
  order: readonly number[],
  stop: () => boolean,
  maxIn = 400,
): void {
  const { model } = state;
  const values = model.problem.projects;
  for (let round = 0; round < 50 && !stop(); round++) {
    let improved = addPass(state, order);
    let tried = 0;
    for (const j of order) {
      if (tried >= maxIn || stop()) break;
      if (state.sel[j] || !state.hi[j]) continue;
      const c = state.addClosure(j);
      if (!c) continue;
      const gain = state.valueOf(c);
      if (gain <= EPS) continue;
      const over = state.beginSwap(c);
      if (over.length === 0) continue;
      tried++;
      let shortest = over[0] as number;
      for (const i of over) {
        if (
          (model.rows[i] as { idx: Int32Array }).idx.length <
          (model.rows[shortest] as { idx: Int32Array }).idx.length
        )
          shortest = i;
      }
      const row = model.rows[shortest] as { idx: Int32Array; val: Float64Array };
      let best: number[] | null = null;
      let bestGain = EPS;
      for (let t = 0; t < row.idx.length; t++) {
        const k = row.idx[t] as number;
        if (!state.sel[k] || (row.val[t] as number) <= 0) continue;
        if (gain - (values[k] as { value: number }).value <= bestGain) continue;
        // Alone (nothing selected needs it), k must bring this row back within its limit:
        // tested first, as it rules out most candidates for the price of one row.
        const alone = (model.neededBy[k] as number[]).length === 0;
        if (alone && !state.swapRowHoldsWithout(k, shortest)) continue;
        const r = alone ? (state.lo[k] ? null : [k]) : state.removeClosure(k);
        if (!r) continue;
        const g = gain - state.valueOf(r);
        if (g <= bestGain) continue;
        if (state.fitsSwap(r)) {
          best = r;
          bestGain = g;
        }
      }
      if (best) {
        state.apply(c, best);
        improved = true;
      }
    }
    if (!improved) return;
  }
}

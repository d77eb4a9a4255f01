/**
 * Symmetry of interchangeable projects. Two columns whose value, bounds and coefficient in
 * every row are equal can be swapped in any selection without changing its value or
 * feasibility (a row holding both, such as an exclusion, has the same coefficient for each, so
 * it is symmetric in them). Within each such class [c0, c1, …] the search looks only at
 * selections with x_c0 ≥ x_c1 ≥ … (ordering rows, enforced by propagation), so that the
 * ways of picking the same number of copies are one subtree instead of many; any selection
 * found elsewhere (the heuristics work on the original model) is canonicalised — its selected
 * members of each class moved to the lowest indices — without changing value or feasibility.
 */
import type { Model } from './rows';
import type { PropRow } from './node-propagate';

/**
 * The classes (two or more members, in increasing index order) of columns with identical
 * value, bounds lo/hi and column vector. Columns fixed by lo/hi are left out.
 */
export function symmetryClasses(
  model: Model,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
): Int32Array[] {
  const groups = new Map<string, number[]>();
  for (let j = 0; j < model.n; j++) {
    if (lo[j] === hi[j]) continue;
    const rs = model.colRows[j] as Int32Array;
    const vs = model.colVals[j] as Float64Array;
    const value = (model.problem.projects[j] as { value: number }).value;
    let key = `${value}|${rs.length}`;
    for (let t = 0; t < rs.length; t++) key += `|${rs[t] as number}:${vs[t] as number}`;
    const g = groups.get(key);
    if (g) g.push(j);
    else groups.set(key, [j]);
  }
  const out: Int32Array[] = [];
  for (const g of groups.values()) if (g.length > 1) out.push(Int32Array.from(g));
  out.sort((a, b) => (a[0] as number) - (b[0] as number));
  return out;
}

/** The ordering rows x_{c[t+1]} − x_{c[t]} ≤ 0 of each class. */
export function orderingRows(classes: readonly Int32Array[]): PropRow[] {
  const rows: PropRow[] = [];
  for (const c of classes) {
    for (let t = 0; t + 1 < c.length; t++) {
      rows.push({
        idx: Int32Array.of(c[t] as number, c[t + 1] as number),
        val: Float64Array.of(-1, 1),
        lo: -Infinity,
        hi: 0,
      });
    }
  }
  return rows;
}

/**
 * The selection with, in each class, as many members selected as in `sel` but at the class's
 * first indices (same value and rows' activities, since the columns are identical).
 */
export function canonicalise(sel: Uint8Array, classes: readonly Int32Array[]): Uint8Array {
  const out = Uint8Array.from(sel);
  for (const c of classes) {
    let k = 0;
    for (const j of c) k += out[j] as number;
    for (let t = 0; t < c.length; t++) out[c[t] as number] = t < k ? 1 : 0;
  }
  return out;
}

/**
 * Clique cuts from a conflict graph over the 0/1 project variables: an edge i–j says no
 * feasible selection takes both, so for a clique C, Σ_C x_j ≤ 1.
 *
 * Edges (under the bounds lo/hi; fixed variables drop out):
 * - every row side Σ a x ≤ b with a ≥ 0 on its free variables (exclusions, the budget,
 *   capacities, SCHEDULE's one start per project): i–j when a_i + a_j > b − Σ_{fixed at 1} a;
 * - implications from dependencies: when p needs q (x_p ≤ x_q), whatever conflicts with q
 *   conflicts with p.
 * Separation at an LP point x*: from each vertex with x* > 0 (largest first), greedily add the
 * neighbour with the largest x* that is adjacent to the whole clique; then extend it with
 * vertices at x* = 0 to make it larger (a stronger cut). Exclusion rows are cliques the LP
 * already has, so only merged or extended cliques can be violated.
 */
import type { Cut } from './cuts';
import type { Model } from './rows';

const MIN_VIOLATION = 1e-4;
/** Pairs a single row may add (a dense row of near-equal coefficients is a clique by itself). */
const MAX_ROW_PAIRS = 20_000;
const MAX_EDGES = 400_000;
const MAX_CLIQUE = 64;

export interface ConflictGraph {
  readonly adj: readonly Set<number>[];
  readonly edges: number;
}

/** The conflict graph of the model under lo/hi (see the file comment). */
export function conflictGraph(
  model: Model,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
): ConflictGraph {
  const n = model.n;
  const adj: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  let edges = 0;
  const link = (i: number, j: number): void => {
    if (i === j || (adj[i] as Set<number>).has(j)) return;
    (adj[i] as Set<number>).add(j);
    (adj[j] as Set<number>).add(i);
    edges++;
  };
  const side = (idx: Int32Array, val: Float64Array, sign: number, b0: number): void => {
    let b = b0;
    const items: [number, number][] = [];
    for (let t = 0; t < idx.length; t++) {
      const j = idx[t] as number;
      const a = sign * (val[t] as number);
      if (lo[j] === hi[j]) {
        b -= a * (lo[j] as number);
        continue;
      }
      if (a < 0) return; // mixed signs: not a packing row
      if (a > 0) items.push([j, a]);
    }
    items.sort((p, q) => q[1] - p[1]);
    let pairs = 0;
    const tol = 1e-9 * Math.max(1, Math.abs(b));
    for (let s = 0; s < items.length; s++) {
      const [i, ai] = items[s] as [number, number];
      for (let t = s + 1; t < items.length; t++) {
        const [j, aj] = items[t] as [number, number];
        if (ai + aj <= b + tol) break;
        if (++pairs > MAX_ROW_PAIRS || edges >= MAX_EDGES) return;
        link(i, j);
      }
    }
  };
  for (const r of model.rows) {
    if (r.kind === 'dependency') continue;
    if (Number.isFinite(r.hi)) side(r.idx, r.val, 1, r.hi);
    if (Number.isFinite(r.lo)) side(r.idx, r.val, -1, -r.lo);
  }
  // p needs q: x_p = 1 forces x_q = 1, so p conflicts with every neighbour of q.
  for (let p = 0; p < n; p++) {
    if (lo[p] === hi[p]) continue;
    for (const q of model.needs[p] as number[]) {
      if (lo[q] === hi[q]) continue;
      for (const r of [...(adj[q] as Set<number>)]) {
        if (edges >= MAX_EDGES) break;
        link(p, r);
      }
    }
  }
  return { adj, edges };
}

/** Violated clique cuts at x*, the `maxCuts` most efficacious (violation ÷ √|C|). */
export function separateCliques(
  graph: ConflictGraph,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  x: ArrayLike<number>,
  maxCuts: number,
): Cut[] {
  if (graph.edges === 0) return [];
  const n = graph.adj.length;
  const free = (j: number): boolean => lo[j] !== hi[j];
  const starts: number[] = [];
  for (let j = 0; j < n; j++)
    if (free(j) && (x[j] as number) > 1e-6 && (graph.adj[j] as Set<number>).size > 0)
      starts.push(j);
  starts.sort((p, q) => (x[q] as number) - (x[p] as number) || p - q);
  const seen = new Set<string>();
  const found: { cut: Cut; efficacy: number }[] = [];
  for (const v of starts) {
    const nb = [...(graph.adj[v] as Set<number>)].filter(free);
    nb.sort((p, q) => (x[q] as number) - (x[p] as number) || p - q);
    const clique = [v];
    let weight = x[v] as number;
    for (const u of nb) {
      if (clique.length >= MAX_CLIQUE) break;
      if (clique.every((c) => (graph.adj[c] as Set<number>).has(u))) {
        clique.push(u);
        weight += x[u] as number;
      }
    }
    if (weight <= 1 + MIN_VIOLATION || clique.length < 2) continue;
    clique.sort((p, q) => p - q);
    const key = clique.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({
      cut: {
        idx: Int32Array.from(clique),
        val: new Float64Array(clique.length).fill(1),
        hi: 1,
      },
      efficacy: (weight - 1) / Math.sqrt(clique.length),
    });
  }
  found.sort((p, q) => q.efficacy - p.efficacy);
  return found.slice(0, maxCuts).map((f) => f.cut);
}

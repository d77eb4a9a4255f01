/**
 * Branch and bound over the 0/1 project variables with LP-relaxation bounds.
 *
 * - Bounds: the LP relaxation, solved by the bounded dual simplex (simplex.ts) warm-started from
 *   whatever basis the previous node left; the bound used is the Lagrangian bound of the final
 *   duals, valid whatever the round-off. Nodes stop early once their bound falls to the
 *   incumbent (cutoff).
 * - Search: dive (the up branch first) until a leaf, or (unless the root gap was wide) until
 *   the dive's bound falls too far below the best open bound, then continue from the open node
 *   with the best bound ("best-first with plunging").
 * - Branching: reliability branching — pseudocosts (average bound loss per unit of
 *   fractionality, learnt from solved children), with the best candidates whose pseudocosts are
 *   not yet known strong-branched (20 dual pivots per child from a saved basis).
 * - Reduced-cost fixing: a nonbasic variable whose reduced cost exceeds bound − incumbent is
 *   fixed at its bound — globally from the root LP each time the incumbent improves, locally
 *   for the subtree at every node.
 * - Node propagation (node-propagate.ts): at every node, after its fixings, bound propagation
 *   over the rows that changed, the symmetry ordering rows and the objective-cutoff row
 *   Σ v_j x_j ≥ incumbent + 1 (integer values; else > incumbent); a contradiction prunes the
 *   node before its LP, and the fixings found hold for its subtree.
 * - Symmetry (symmetry.ts): interchangeable projects (identical value, bounds and column) are
 *   searched in order x_c0 ≥ x_c1 ≥ … only; incumbents from the heuristics (which work on the
 *   original model) are canonicalised.
 * - Primal heuristics: LP-guided greedy (projects ordered by LP value, then by value per
 *   dual-priced use) followed by local search, at the root and every 50 nodes. Sub-MIPs
 *   (submip.ts), solved by this branch and bound with a node limit and the incumbent's value
 *   as cutoff: RENS at the root when the heuristics found nothing; RINS at the root and every
 *   500 nodes while it pays.
 * - Root cuts (root-cuts.ts): lifted covers, c-MIR on rows and pairs of rows, and clique cuts
 *   of the conflict graph, in rounds through a cut pool that keeps only binding cuts in the LP;
 *   when the root gap is over 1% (far from a proof), the cover-only loop instead.
 *   (Gomory mixed-integer cuts from the tableau were tried: they close more of the root gap
 *   but their dense rows made every node dearer, for no net gain on the benchmark.)
 * - Root restart: once reduced-cost fixing has fixed 60% of the free columns, the search starts
 *   again on what is left (a smaller LP, cuts separated again with the fixings), its cut pool
 *   seeded with the first root's cuts.
 * - Pruning: bound ≤ incumbent + tolerance; with integer values, ⌊bound⌋ ≤ incumbent.
 */
import { DualSimplex } from './simplex';
import type { Model } from './rows';
import { SelectionState } from './selection';
import { greedy, improve, ratioOrder } from './heuristics';
import type { Cut } from './cuts';
import { coverCutLoop, rootCutLoop } from './root-cuts';
import { propagate } from './propagate';
import { buildLp, dualRowWeights } from './lp';
import { NodePropagator } from './node-propagate';
import { canonicalise, orderingRows, symmetryClasses } from './symmetry';
import { rensProblem, rinsProblem, type SubProblem } from './submip';
import { NodeHeap, Pseudocosts, type Node } from './search';

export interface BranchOptions {
  readonly deadline: () => boolean;
  readonly nodeLimit: number;
  /** Stop when (bound − value) ≤ relGap·|value|. */
  readonly relGap: number;
  /** Run the sub-MIP heuristics (RENS, RINS) (default true; off inside them). */
  readonly subMip?: boolean;
  /**
   * Look only for selections worth more than this (sub-MIPs: the caller's incumbent value);
   * the outcome has no incumbent when none is found.
   */
  readonly cutoff?: number;
  /** Order interchangeable projects (symmetry.ts) (default true). */
  readonly symmetry?: boolean;
  /** Propagate the bounds at every node, with the objective-cutoff row (default true). */
  readonly nodePropagation?: boolean;
  /** A proven bound on the optimum (e.g. from a larger budget): the search stops on reaching it. */
  readonly upperBound?: number;
  /**
   * Restart once at the root when reduced-cost fixing has fixed most free columns (default
   * true; off inside the restart and inside RINS).
   */
  readonly restart?: boolean;
  /**
   * Set inside the RINS of a search whose root gap was wide: it keeps the cover-only cut loop
   * too (root-cuts.ts coverCutLoop).
   */
  readonly wideGap?: boolean;
  /** Cuts valid for the problem, to seed the root's cut pool (a restart passes its own on). */
  readonly cuts?: readonly Cut[];
}

export interface BranchOutcome {
  /** 'optimal' also covers "proved infeasible" when incumbent is null. */
  readonly status: 'optimal' | 'limit';
  readonly limit: 'time' | 'nodes' | null;
  readonly incumbent: Uint8Array | null;
  readonly value: number;
  readonly bound: number;
  /**
   * The root LP bound after the cut loop (objective units; the incumbent's value when the root
   * was cut off, +Infinity when the root LP was never solved).
   */
  readonly rootBound: number;
  readonly nodes: number;
  /** True when the search restarted at the root (diagnostics). */
  readonly restarted: boolean;
  /** Simplex pivots of the main LP (diagnostics). */
  readonly pivots: number;
}

const INT_TOL = 1e-6;
/**
 * A root gap (bound − incumbent, relative) beyond this keeps the cover-only cut loop and no
 * restart: far from a proof, the time goes to finding selections.
 */
const WIDE_GAP = 0.01;
/** Restart at the root once reduced-cost fixing has fixed this share of the free columns. */
const RESTART_SHARE = 0.6;

/** True when the bounds glo/ghi fix at least RESTART_SHARE of the columns free in lo0/hi0. */
function worthRestart(lo0: Uint8Array, hi0: Uint8Array, glo: Uint8Array, ghi: Uint8Array): boolean {
  let free = 0;
  let fixed = 0;
  for (let j = 0; j < lo0.length; j++) {
    if (lo0[j] === hi0[j]) continue;
    free++;
    if (glo[j] === ghi[j]) fixed++;
  }
  return free > 0 && fixed >= RESTART_SHARE * free;
}
/**
 * A dive continues while its bound stays above best − PLUNGE_QUOTIENT·(best − incumbent), best
 * being the best open bound (SCIP's maxplungequot, also 0.25). On the benchmark's hard 2,000-1
 * instance the search went from 2,706 nodes to 1,006.
 */
const PLUNGE_QUOTIENT = 0.25;
/** Reliability branching: strong-branch at most this many candidates, this many pivots each. */
const STRONG_CANDIDATES = 8;
const STRONG_PIVOTS = 20;
/**
 * The LP-guided heuristic runs every HEURISTIC_EVERY nodes; RINS every RINS_EVERY at first,
 * doubling while it finds nothing.
 */
const HEURISTIC_EVERY = 50;
const RINS_EVERY = 500;
/** A sub-MIP's node limit: this many plus a tenth of the nodes searched so far, at most the max. */
const SUBMIP_NODES = 200;
const SUBMIP_NODES_MAX = 500;

/**
 * Solves max Σ v_j x_j over the model's rows with x_j ∈ [lo_j, hi_j] ∩ {0, 1}. `start` is an
 * optional feasible selection to begin from.
 */
export function branchAndBound(
  model: Model,
  lo0: Uint8Array,
  hi0: Uint8Array,
  start: Uint8Array | null,
  opts: BranchOptions,
): BranchOutcome {
  const n = model.n;
  const values = Float64Array.from(model.problem.projects, (c) => c.value);
  const integral = values.every((v) => Number.isInteger(v));
  let valueScale = 0;
  for (const v of values) valueScale = Math.max(valueScale, Math.abs(v));
  if (valueScale === 0) valueScale = 1;

  const glo = Uint8Array.from(lo0);
  const ghi = Uint8Array.from(hi0);
  const state = new SelectionState(model, glo, ghi);
  const classes = opts.symmetry === false ? [] : symmetryClasses(model, glo, ghi);
  const propagator =
    opts.nodePropagation === false
      ? null
      : new NodePropagator(model, orderingRows(classes), values);
  let incumbent = null as Uint8Array | null; // (assigned in closures: no narrowing)
  let incValue = opts.cutoff ?? -Infinity;
  /**
   * Takes the state's selection (feasible, better) as the incumbent, canonicalised for the
   * symmetry classes, and raises the cutoff row to what would beat it.
   */
  const takeState = (): void => {
    const canon = canonicalise(state.sel, classes);
    let inBounds = true;
    for (const c of classes)
      for (const j of c) if (canon[j] !== state.sel[j] && glo[j] === ghi[j]) inBounds = false;
    incumbent = inBounds ? canon : Uint8Array.from(state.sel);
    incValue = state.value;
    propagator?.setCutoff(integral ? incValue + 1 : incValue);
  };
  if (incValue > -Infinity) propagator?.setCutoff(integral ? incValue + 1 : incValue);
  const offer = (sel: ArrayLike<number>, v: number): boolean => {
    if (v <= incValue) return false;
    state.set(sel);
    if (!state.feasible()) return false;
    takeState();
    return true;
  };

  // Start: the given selection, then greedy by value per unit of use, improved locally.
  if (start) {
    state.set(start);
    if (state.feasible()) takeState();
  }
  const heuristic = (
    weights: ArrayLike<number>,
    lpX: ArrayLike<number> | null,
    localSearch = true,
  ): void => {
    let order = ratioOrder(state, weights);
    if (lpX) {
      const rank = new Float64Array(n);
      order.forEach((j, r) => (rank[j] = r));
      order = order.slice().sort((a, b) => {
        const fa = lpX[a] as number;
        const fb = lpX[b] as number;
        const ia = fa > 1 - INT_TOL ? 2 : fa > INT_TOL ? 1 : 0;
        const ib = fb > 1 - INT_TOL ? 2 : fb > INT_TOL ? 1 : 0;
        return ib - ia || (ia === 1 ? fb - fa : 0) || (rank[a] as number) - (rank[b] as number);
      });
    }
    greedy(state, order);
    if (localSearch) improve(state, order, opts.deadline);
    if (state.feasible() && state.value > incValue) takeState();
  };

  /** Solves a sub-problem (RENS, RINS) by a small branch and bound; true when it improved. */
  const subMip = (sub: SubProblem | null): boolean => {
    if (sub === null) return false;
    const out = branchAndBound(model, sub.lo, sub.hi, null, {
      cutoff: incValue,
      deadline: opts.deadline,
      nodeLimit: Math.min(SUBMIP_NODES_MAX, SUBMIP_NODES + Math.floor(nodes / 10)),
      relGap: 0,
      subMip: false,
      symmetry: opts.symmetry,
      nodePropagation: opts.nodePropagation,
      restart: false,
      wideGap,
    });
    if (out.incumbent === null || out.value <= incValue) return false;
    return offer(out.incumbent, out.value);
  };
  const rins = (lpX: ArrayLike<number>): boolean =>
    opts.subMip !== false &&
    incumbent !== null &&
    subMip(rinsProblem(model, glo, ghi, lpX, incumbent));
  /**
   * RENS, when the heuristics found nothing and the LP point leaves at most half the free
   * variables fractional. (With an incumbent it never improved it on the benchmark, and it
   * spent up to 200 costly nodes on SCHEDULE's instances.)
   */
  const rens = (lpX: ArrayLike<number>): boolean => {
    if (opts.subMip === false || incumbent !== null) return false;
    const sub = rensProblem(model, glo, ghi, lpX);
    let free = 0;
    for (let j = 0; j < n; j++) if (glo[j] !== ghi[j]) free++;
    return sub !== null && sub.free <= free / 2 && subMip(sub);
  };

  /** The largest bound of anything pruned within the gap tolerance (it may beat incValue). */
  let prunedBound = -Infinity;
  const pruneAt = (b: number): boolean => {
    if (incValue === -Infinity) return false;
    const bound = Math.min(b, opts.upperBound ?? Infinity);
    if (integral && Math.floor(bound + 1e-6) <= incValue) return true;
    const tol = Math.max(1e-9 * Math.max(1, Math.abs(incValue)), opts.relGap * Math.abs(incValue));
    if (bound > incValue + tol) return false;
    if (bound > prunedBound) prunedBound = integral ? Math.floor(bound + 1e-6) : bound;
    return true;
  };

  let lpModel = buildLp(model, glo, ghi, valueScale);
  let lp = new DualSimplex(lpModel.data);
  const rowWeights = new Float64Array(model.rows.length);
  // Greedy before any LP: usage weights (fraction of each limit).
  model.rows.forEach((r, i) => {
    rowWeights[i] = r.kind === 'dependency' ? 0 : Number.isFinite(r.hi) && r.hi > 0 ? 1 / r.hi : 0;
  });
  heuristic(rowWeights, null, false);

  const pc = new Pseudocosts(n);

  let nodes = 0;
  let rootBound = Infinity;
  /** The root's LP bound after cuts, for BranchOutcome.rootBound. */
  let rootCutBound = Infinity;
  /** True when the root gap was wide (see WIDE_GAP). */
  let wideGap = false;
  /** The root cut pool's cuts, passed on to a restart. */
  let rootCuts: readonly Cut[] = [];
  let rootD: Float64Array | null = null;
  let rootX: Float64Array | null = null;
  let rootBasic: Uint8Array | null = null;

  const globalFixing = (): void => {
    if (!rootD || !rootX || !rootBasic || incValue === -Infinity) return;
    for (let j = 0; j < n; j++) {
      if (rootBasic[j] || glo[j] === ghi[j]) continue;
      const dj = Math.abs(rootD[j] as number) * valueScale;
      if (pruneAt(rootBound - dj)) {
        const v = (rootX[j] as number) > 0.5 ? 1 : 0;
        glo[j] = v;
        ghi[j] = v;
      }
    }
  };

  const curLo = new Uint8Array(n);
  const curHi = new Uint8Array(n);
  const applyNode = (node: Node | null): boolean => {
    curLo.set(glo);
    curHi.set(ghi);
    for (let t = node; t; t = t.parent) {
      for (const code of t.fixes) {
        const j = code >> 1;
        const v = code & 1;
        if (v < (curLo[j] as number) || v > (curHi[j] as number)) return false;
        curLo[j] = v;
        curHi[j] = v;
      }
    }
    for (let j = 0; j < n; j++) lp.setBounds(j, curLo[j] as number, curHi[j] as number);
    return true;
  };

  const heap = new NodeHeap();
  let current: Node | null = {
    parent: null,
    fixes: new Int32Array(0),
    bound: Infinity,
    depth: 0,
    branchVar: -1,
    branchFrac: 0,
    up: false,
  };
  let limit: 'time' | 'nodes' | null = null;
  let openBound = -Infinity;
  let rinsWait = RINS_EVERY;
  let nextRins = RINS_EVERY;

  while (current !== null || heap.size > 0) {
    if (opts.deadline()) {
      limit = 'time';
      break;
    }
    if (nodes >= opts.nodeLimit) {
      limit = 'nodes';
      break;
    }
    const node: Node = current ?? (heap.pop() as Node);
    current = null;
    if (pruneAt(node.bound)) continue;
    if (!applyNode(node)) continue;
    nodes++;
    // Node propagation (rows, symmetry ordering, objective cutoff): its fixings hold for the
    // subtree, so the children inherit them.
    let propFixes: number[] = [];
    if (propagator) {
      const found = propagator.propagate(curLo, curHi);
      if (found === null) continue;
      propFixes = found;
      for (const code of found) {
        const j = code >> 1;
        const v = code & 1;
        curLo[j] = v;
        curHi[j] = v;
        lp.setBounds(j, v, v);
      }
    }
    const cutoff = incValue === -Infinity ? Infinity : -(incValue / valueScale);
    const status = lp.solve(cutoff, Infinity, opts.deadline);
    if (status === 'iteration limit') {
      // Out of time inside the LP: keep the node open for the bound.
      openBound = Math.max(openBound, node.bound);
      limit = 'time';
      break;
    }
    if (status === 'infeasible') continue;
    let bound = Math.min(node.bound, -lp.dualBound() * valueScale);
    if (node.depth === 0) {
      // The LP-guided heuristic first: with a good incumbent the cuts may not be needed.
      heuristic(dualRowWeights(model, lpModel, lp, valueScale), lp.x.subarray(0, n));
    }
    if (node.depth === 0 && !pruneAt(bound)) {
      // Cut loop (root-cuts.ts): covers, c-MIR and cliques through a cut pool.
      // A wide root gap (or a caller that had one) keeps the cover-only loop and no restart.
      if (opts.wideGap === true || bound - incValue > WIDE_GAP * Math.abs(incValue)) wideGap = true;
      const r = (wideGap ? coverCutLoop : rootCutLoop)(model, lpModel, lp, curLo, curHi, bound, {
        deadline: opts.deadline,
        cutoff: () => (incValue === -Infinity ? Infinity : -(incValue / valueScale)),
        done: pruneAt,
        valueScale,
        seed: opts.cuts,
      });
      rootCuts = r.cuts;
      lp = r.lp;
      lpModel = r.lpModel;
      bound = r.bound;
      const infeasibleWithCuts = r.cutoff;
      rootCutBound = infeasibleWithCuts ? incValue : bound;
      if (infeasibleWithCuts) continue;
    }
    if (node.depth === 0 && rootCutBound === Infinity)
      rootCutBound = status === 'cutoff' ? incValue : bound;
    if (node.branchVar >= 0 && Number.isFinite(node.bound)) {
      const loss = Math.max(0, node.bound - bound);
      pc.record(node.branchVar, node.up, loss / (node.up ? 1 - node.branchFrac : node.branchFrac));
    }
    if (status === 'cutoff' || pruneAt(bound)) continue;

    // Integral?
    const x = lp.x;
    let nFrac = 0;
    for (let j = 0; j < n; j++) {
      const v = x[j] as number;
      if (v > INT_TOL && v < 1 - INT_TOL) nFrac++;
    }
    if (node.depth === 0) {
      rootBound = bound;
      rootD = Float64Array.from(lp.d.subarray(0, n));
      rootX = Float64Array.from(x.subarray(0, n));
      rootBasic = Uint8Array.from({ length: n }, (_, j) => (lp.isBasic(j) ? 1 : 0));
      // LP-guided heuristic with the duals as row prices.
      heuristic(dualRowWeights(model, lpModel, lp, valueScale), rootX);
      globalFixing();
      if (rens(rootX)) globalFixing();
      if (rins(rootX)) globalFixing();
      if (pruneAt(bound)) continue;
      if (
        !wideGap &&
        opts.restart !== false &&
        incumbent !== null &&
        worthRestart(lo0, hi0, glo, ghi)
      ) {
        // Root restart: the columns reduced-cost fixing fixed leave the problem, rows that can
        // no longer bind leave the LP, and the cut loop runs again on what is left (its covers
        // and MIR cuts are stronger with the fixings). The restart searches only the selections
        // that could beat the incumbent, so its answer, with the incumbent, is the answer.
        const b = propagate(model, glo, ghi);
        const inner = b.infeasible
          ? null
          : branchAndBound(model, b.lo, b.hi, incumbent, {
              ...opts,
              restart: false,
              cuts: rootCuts,
            });
        const inc: Uint8Array = incumbent;
        if (inner === null)
          return {
            status: 'optimal',
            limit: null,
            incumbent: inc,
            value: incValue,
            bound: incValue,
            rootBound: Math.max(incValue, Math.min(rootCutBound, bound)),
            nodes,
            restarted: true,
            pivots: lp.pivots,
          };
        const better = inner.incumbent !== null && inner.value > incValue;
        return {
          ...inner,
          incumbent: better ? inner.incumbent : inc,
          value: better ? inner.value : incValue,
          // The first root's bound holds too (the restart may stop before its own root).
          bound: Math.max(Math.min(inner.bound, bound), better ? inner.value : incValue),
          rootBound: Math.max(incValue, Math.min(rootCutBound, bound, inner.rootBound)),
          nodes: nodes + inner.nodes,
          restarted: true,
          pivots: lp.pivots + inner.pivots,
        };
      }
    }
    if (nFrac === 0) {
      const sel = Uint8Array.from({ length: n }, (_, j) => ((x[j] as number) > 0.5 ? 1 : 0));
      let v = 0;
      for (let j = 0; j < n; j++) if (sel[j]) v += values[j] as number;
      if (offer(sel, v)) globalFixing();
      continue;
    }
    if (nodes % HEURISTIC_EVERY === 0) {
      // (Doubling the wait after each fruitless call saved little local search and found the
      // optimum thousands of nodes later on the benchmark's 1,000–2,000-project instances.)
      const before = incValue;
      heuristic(dualRowWeights(model, lpModel, lp, valueScale), x);
      if (incValue > before) globalFixing();
      if (pruneAt(bound)) continue;
    }
    if (nodes >= nextRins) {
      const ok = rins(x);
      rinsWait = ok ? RINS_EVERY : 2 * rinsWait;
      nextRins = nodes + rinsWait;
      if (ok) globalFixing();
      if (pruneAt(bound)) continue;
    }

    // Local reduced-cost fixing for the subtree (after the propagated fixings).
    const fixes: number[] = propFixes;
    if (incValue !== -Infinity) {
      for (let j = 0; j < n; j++) {
        if (lp.isBasic(j) || curLo[j] === curHi[j]) continue;
        if (pruneAt(bound - Math.abs(lp.d[j] as number) * valueScale))
          fixes.push(j * 2 + ((x[j] as number) > 0.5 ? 1 : 0));
      }
    }

    // Branching variable: reliability branching. Candidates ranked by pseudocost product; the
    // best few whose pseudocosts are still unreliable are strong-branched (a few dual simplex
    // pivots on each child from this node's basis), which also fixes a variable whose child
    // cannot beat the incumbent, and prunes the node when both children cannot.
    const cands: { j: number; f: number; score: number }[] = [];
    for (let j = 0; j < n; j++) {
      const fj = x[j] as number;
      if (fj <= INT_TOL || fj >= 1 - INT_TOL) continue;
      cands.push({ j, f: fj, score: pc.score(j, fj) });
    }
    cands.sort((a, b) => b.score - a.score || a.j - b.j);
    const fixedHere = new Set<number>();
    let nodeDead = false;
    const top = cands.slice(0, STRONG_CANDIDATES).filter((c) => !pc.reliable(c.j));
    if (top.length > 0) {
      const cutoffNow = incValue === -Infinity ? Infinity : -(incValue / valueScale);
      lp.save();
      const childBound = (j: number, v: number): number => {
        lp.setBounds(j, v, v);
        const st = lp.solve(cutoffNow, STRONG_PIVOTS, opts.deadline);
        const b =
          st === 'infeasible' || st === 'cutoff'
            ? -Infinity
            : -(st === 'optimal' ? lp.dualBound() : lp.objective()) * valueScale;
        lp.restore();
        return b;
      };
      for (const c of top) {
        const bd = Math.min(bound, childBound(c.j, 0));
        const bu = Math.min(bound, childBound(c.j, 1));
        const deadDown = bd === -Infinity || pruneAt(bd);
        const deadUp = bu === -Infinity || pruneAt(bu);
        if (deadDown && deadUp) {
          nodeDead = true;
          break;
        }
        if (deadDown || deadUp) {
          fixes.push(c.j * 2 + (deadDown ? 1 : 0));
          fixedHere.add(c.j);
          continue;
        }
        pc.record(c.j, false, (bound - bd) / c.f);
        pc.record(c.j, true, (bound - bu) / (1 - c.f));
        c.score = Math.max(bound - bd, 1e-9) * Math.max(bound - bu, 1e-9);
      }
      for (let j = 0; j < n; j++) lp.setBounds(j, curLo[j] as number, curHi[j] as number);
    }
    if (nodeDead) continue;
    let bestJ = -1;
    let bestScore = -Infinity;
    for (const c of cands) {
      if (fixedHere.has(c.j)) continue;
      if (c.score > bestScore) {
        bestScore = c.score;
        bestJ = c.j;
      }
    }
    if (bestJ < 0) {
      // Strong branching fixed every candidate: re-solve this node with the fixes.
      current = {
        parent: node,
        fixes: Int32Array.from(fixes),
        bound,
        depth: node.depth + 1,
        branchVar: -1,
        branchFrac: 0,
        up: false,
      };
      continue;
    }
    const f = x[bestJ] as number;
    const base = Int32Array.from(fixes);
    const make = (v: number): Node => {
      const fx = new Int32Array(base.length + 1);
      fx.set(base);
      fx[base.length] = bestJ * 2 + v;
      return {
        parent: node,
        fixes: fx,
        bound,
        depth: node.depth + 1,
        branchVar: bestJ,
        branchFrac: f,
        up: v === 1,
      };
    };
    const upChild = make(1);
    heap.push(make(0));
    current = upChild;
    // Plunge abort: a dive whose bound has fallen well below the best open bound (by more than
    // PLUNGE_QUOTIENT of the gap to the incumbent) leaves its child open and goes on from the
    // best node — with a weak incumbent, dives otherwise spend hundreds of nodes on subtrees
    // that a better incumbent would have pruned.
    // Not with a wide root gap: there the time goes to finding selections, which dives do, and
    // a jump costs several times a dive node's pivots (SCHEDULE's time-indexed models).
    const best = heap.maxBound();
    if (!wideGap && incValue > -Infinity && bound < best - PLUNGE_QUOTIENT * (best - incValue)) {
      heap.push(upChild);
      current = null;
    }
  }

  let bound: number;
  if (limit === null) bound = incumbent === null ? -Infinity : Math.max(incValue, prunedBound);
  else {
    bound = Math.max(heap.maxBound(), openBound, current ? current.bound : -Infinity, prunedBound);
    if (incumbent !== null) bound = Math.max(bound, incValue);
    if (integral && Number.isFinite(bound)) bound = Math.floor(bound + 1e-6);
    if (nodes === 0 || !Number.isFinite(bound)) bound = Math.max(rootBound, incValue);
  }
  if (limit === null && rootBound === Infinity && incumbent === null) bound = -Infinity;
  bound = Math.max(Math.min(bound, opts.upperBound ?? Infinity), incValue);
  return {
    status: limit === null ? 'optimal' : 'limit',
    limit,
    incumbent,
    value: incumbent === null ? 0 : incValue,
    bound,
    rootBound: Math.max(rootCutBound === Infinity ? bound : rootCutBound, bound),
    nodes,
    restarted: false,
    pivots: lp.pivots,
  };
}

/**
 * The root cut loop: rounds of separation — lifted covers (cuts.ts), c-MIR on rows and pairs of
 * rows (cuts-cmir.ts), cliques of the conflict graph (cuts-clique.ts) — into a cut pool
 * (cut-pool.ts) that puts the violated cuts into the LP and takes out the ones that stay slack.
 * Each round re-solves the LP warm from the last basis. The loop stops when a round finds
 * nothing, when the bound gain of a round is small against the gain so far, when the LP would
 * grow past its cap, or when `done(bound)` says the node is settled. At the end the cuts whose
 * rows are slack leave the LP, so the search carries only the binding ones.
 */
import { CutPool } from './cut-pool';
import { separateCovers, type Cut } from './cuts';
import { separateCmir } from './cuts-cmir';
import { conflictGraph, separateCliques } from './cuts-clique';
import { withCuts, type Lp } from './lp';
import type { Model } from './rows';
import { DualSimplex, type LpStatus } from './simplex';

/** Rounds a cut may stay slack before it leaves the LP. */
const MAX_AGE = 3;
const MAX_ROUNDS = 40;
/**
 * Instances this small stop after a few rounds and skip c-MIR: there branching is cheaper than
 * cutting (on mknap1, 6–50 columns over 5–10 full rows, c-MIR cuts doubled the time).
 */
const SMALL_N = 100;
const SMALL_ROUNDS = 5;
const CUTS_PER_SEPARATOR = 50;

export interface CutLoopOptions {
  readonly deadline: () => boolean;
  /** The LP cutoff (scaled, minimisation) for the incumbent now, Infinity without one. */
  readonly cutoff: () => number;
  /** True when a bound (objective units) settles the root (it cannot beat the incumbent). */
  readonly done: (bound: number) => boolean;
  readonly valueScale: number;
  /** Cuts known valid before (a restart passes its first root's pool on). */
  readonly seed?: readonly Cut[];
}

export interface CutLoopResult {
  readonly lp: DualSimplex;
  readonly lpModel: Lp;
  /** The bound after the cuts (objective units). */
  readonly bound: number;
  /** True when the LP with cuts reached the cutoff or became infeasible. */
  readonly cutoff: boolean;
  readonly rounds: number;
  /** Cuts in the pool, and in the LP at the end. */
  readonly pooled: number;
  readonly active: number;
  /** Every cut found (valid for the whole problem under lo/hi, for a restart to reuse). */
  readonly cuts: readonly Cut[];
}

/**
 * Runs the cut loop on `lp`, solved to optimality over `base` (the model's LP without cuts)
 * under the bounds lo/hi, whose bound is `bound`.
 */
export function rootCutLoop(
  model: Model,
  base: Lp,
  lp0: DualSimplex,
  lo: Uint8Array,
  hi: Uint8Array,
  bound0: number,
  o: CutLoopOptions,
): CutLoopResult {
  const n = model.n;
  const m0 = base.data.m;
  const pool = new CutPool(MAX_AGE);
  if (o.seed) pool.add(o.seed);
  const graph = conflictGraph(model, lo, hi);
  const maxRounds = n < SMALL_N ? SMALL_ROUNDS : MAX_ROUNDS;
  const maxActive = 2 * m0 + 50;
  let lp = lp0;
  let lpModel = base;
  let bound = bound0;
  let rounds = 0;
  let cutoff = false;

  /** Rebuilds the LP with the pool's active cuts, warm from `lp` (kept: old active rows). */
  const rebuild = (kept: Int32Array, added: number): LpStatus => {
    lpModel = withCuts(base, pool.active);
    const rowMap = new Int32Array(lpModel.data.m);
    for (let i = 0; i < m0; i++) rowMap[i] = i;
    kept.forEach((k, t) => (rowMap[m0 + t] = m0 + k));
    for (let t = 0; t < added; t++) rowMap[m0 + kept.length + t] = -1;
    lp = warmLp(lpModel, lp, lo, hi, rowMap);
    return lp.solve(o.cutoff(), Infinity, o.deadline);
  };
  const slackRows = (): boolean[] => pool.active.map((_, k) => lp.isBasic(n + m0 + k));

  while (rounds < maxRounds && !o.deadline() && !o.done(bound)) {
    rounds++;
    const x = lp.x;
    pool.add(separateCovers(model, lo, hi, x, CUTS_PER_SEPARATOR));
    if (n >= SMALL_N) pool.add(separateCmir(model, lo, hi, x, CUTS_PER_SEPARATOR));
    pool.add(separateCliques(graph, lo, hi, x, CUTS_PER_SEPARATOR));
    const kept = pool.age(slackRows());
    const room = Math.max(0, maxActive - kept.length);
    const added = pool.activate(x, Math.min(room, 3 * CUTS_PER_SEPARATOR));
    if (added === 0) break;
    const before = bound;
    const st = rebuild(kept, added);
    if (st === 'infeasible' || st === 'cutoff') cutoff = true;
    if (st !== 'optimal') break;
    bound = Math.min(bound, -lp.dualBound() * o.valueScale);
    if (smallGain(before - bound, bound0, bound)) break;
  }
  if (!cutoff && pool.active.length > 0) {
    // Only the binding cuts go on into the search: the basis stays optimal without the rest.
    const slack = slackRows();
    if (slack.some(Boolean)) {
      const st = rebuild(pool.age(slack, 1), 0);
      if (st === 'infeasible' || st === 'cutoff') cutoff = true;
    }
  }
  return {
    lp,
    lpModel,
    bound,
    cutoff,
    rounds,
    pooled: pool.size,
    active: pool.active.length,
    cuts: pool.all,
  };
}

/**
 * The cover-only loop the solver had before c-MIR, cliques and the pool: lifted covers appended
 * to the LP for good, up to 50 rounds. Kept for roots whose gap is wide (see branch.ts): there
 * the time goes to finding selections, and the stronger loop's LP led the search's heuristics
 * to worse ones (SCHEDULE's time-indexed instances at 200–500 projects).
 */
export function coverCutLoop(
  model: Model,
  lpModel0: Lp,
  lp0: DualSimplex,
  lo: Uint8Array,
  hi: Uint8Array,
  bound0: number,
  o: CutLoopOptions,
): CutLoopResult {
  const baseRows = lpModel0.data.m;
  let lp = lp0;
  let lpModel = lpModel0;
  let bound = bound0;
  let rounds = 0;
  let cutsAdded = 0;
  let cutoff = false;
  const all: Cut[] = [];
  while (rounds++ < 50 && !o.deadline() && cutsAdded < 3 * baseRows + 50 && !o.done(bound)) {
    const cuts = separateCovers(model, lo, hi, lp.x, 50);
    if (cuts.length === 0) break;
    cutsAdded += cuts.length;
    all.push(...cuts);
    lpModel = withCuts(lpModel, cuts);
    lp = warmLp(lpModel, lp, lo, hi);
    const st = lp.solve(o.cutoff(), Infinity, o.deadline);
    if (st === 'infeasible' || st === 'cutoff') {
      cutoff = true;
      break;
    }
    if (st === 'iteration limit') break;
    const nb = Math.min(bound, -lp.dualBound() * o.valueScale);
    const gain = bound - nb;
    bound = nb;
    if (smallGain(gain, bound0, bound)) break;
  }
  return {
    lp,
    lpModel,
    bound,
    cutoff,
    rounds,
    pooled: all.length,
    active: all.length,
    cuts: all,
  };
}

/**
 * Whether a round's bound gain is too small for another round: at most 2% of the gain since the
 * loop's first bound, or round-off.
 */
function smallGain(gain: number, bound0: number, bound: number): boolean {
  return gain <= 0.02 * (bound0 - bound) || gain <= 1e-9 * Math.abs(bound);
}

/**
 * The LP of `lpModel` (the rows of `from` plus new cuts), warm-started from `from`'s basis
 * (`rowMap`: each row's row in `from`, −1 for a new one; default: the same rows, then new ones)
 * under the bounds lo/hi.
 */
function warmLp(
  lpModel: Lp,
  from: DualSimplex,
  lo: Uint8Array,
  hi: Uint8Array,
  rowMap?: Int32Array,
): DualSimplex {
  const lp = new DualSimplex(lpModel.data);
  lp.warmStartFrom(from, rowMap);
  for (let j = 0; j < lo.length; j++) lp.setBounds(j, lo[j] as number, hi[j] as number);
  return lp;
}

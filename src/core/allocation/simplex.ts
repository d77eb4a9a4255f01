/**
 * A bounded-variable dual simplex for  min cᵀx  s.t.  A x − r = 0,  lo ≤ (x, r) ≤ hi,
 * where every variable — structural x_j and logical r_i (the activity of row i) — has finite
 * bounds. With every variable boxed, any basis is dual feasible once each nonbasic variable sits
 * at the bound its reduced cost prefers, so the method can restart from whatever basis it holds:
 * after a bound change (branch and bound), after a refactorisation, or from the all-logical basis.
 *
 * Design: sparse columns (CSC) for A; an explicit dense inverse of the basis, updated by the
 * product form on every pivot and rebuilt every so often from the small kernel of structural
 * basic columns; dual steepest-edge pricing with exact weights (the squared norms of the rows
 * of B⁻¹, recomputed as the update touches them); the bound-flipping ("long step") ratio test,
 * which lets one iteration pass many breakpoints of 0/1 variables; and a dual bound that is
 * valid whatever the numerical state (the Lagrangian bound of the current duals).
 */

import { ActiveRows } from './active-rows';
import { BreakpointHeap } from './breakpoints';

const BASIC = 0;
const AT_LO = 1;
const AT_HI = 2;

const TOL_PRIMAL = 1e-9;
const TOL_DUAL = 1e-9;
const TOL_PIVOT = 1e-9;

/** The LP in column form. Row bounds and column bounds must be finite. */
export interface LpData {
  readonly n: number;
  readonly m: number;
  /** CSC: column j's entries are rowIdx/vals[colStart[j] … colStart[j+1]). */
  readonly colStart: Int32Array;
  readonly rowIdx: Int32Array;
  readonly vals: Float64Array;
  /** Objective to minimise, one per structural column. */
  readonly cost: Float64Array;
  readonly rowLo: Float64Array;
  readonly rowHi: Float64Array;
  readonly colLo: Float64Array;
  readonly colHi: Float64Array;
}

export type LpStatus = 'optimal' | 'infeasible' | 'cutoff' | 'iteration limit';

export class DualSimplex {
  readonly n: number;
  readonly m: number;
  /** Bounds of all n + m variables (structurals then logicals). */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Current values of all variables. */
  readonly x: Float64Array;
  /** Reduced costs of all variables (0 for basic ones). */
  readonly d: Float64Array;
  /** Pivots done since construction. */
  pivots = 0;

  private readonly colStart: Int32Array;
  private readonly rowIdx: Int32Array;
  private readonly vals: Float64Array;
  private readonly c: Float64Array;
  private readonly status: Uint8Array;
  private readonly head: Int32Array;
  private readonly pos: Int32Array;
  private readonly binv: Float64Array;
  private readonly w: Float64Array;
  private readonly y: Float64Array;
  private readonly work: Float64Array;
  private readonly col: Float64Array;
  private readonly alpha: Float64Array;
  private readonly cand: Int32Array;
  private readonly ratio: Float64Array;
  /** The ratio test's breakpoints in the order it passes them, and the heap handing them out. */
  private readonly order: Int32Array;
  private readonly breakpoints: BreakpointHeap;
  private readonly touched: Int32Array;
  private readonly nzRow: Int32Array;
  /** Row-wise copy of A's free columns for the pivot row: α = Σ_{i: ρ_i ≠ 0} ρ_i A_i. */
  private readonly rows: ActiveRows;
  private readonly mark: Int32Array;
  private epoch = 0;
  private sinceRefactor = 0;
  private saved:
    | {
        x: Float64Array;
        d: Float64Array;
        lo: Float64Array;
        hi: Float64Array;
        status: Uint8Array;
        head: Int32Array;
        pos: Int32Array;
        binv: Float64Array;
        w: Float64Array;
        sinceRefactor: number;
        dualsFresh: boolean;
        primalsValid: boolean;
      }
    | undefined;
  /** True while `d` was computed from scratch for the current basis (no pivot since). */
  private dualsFresh = false;
  /** True while x_B is consistent with the nonbasic values (kept through pivots). */
  private primalsValid = false;
  private solvesSinceRecompute = 0;
  private readonly refactorEvery: number;

  constructor(lp: LpData) {
    const { n, m } = lp;
    const nt = n + m;
    this.n = n;
    this.m = m;
    this.colStart = lp.colStart;
    this.rowIdx = lp.rowIdx;
    this.vals = lp.vals;
    this.c = new Float64Array(nt);
    this.c.set(lp.cost);
    this.lo = new Float64Array(nt);
    this.hi = new Float64Array(nt);
    this.lo.set(lp.colLo);
    this.hi.set(lp.colHi);
    this.lo.set(lp.rowLo, n);
    this.hi.set(lp.rowHi, n);
    this.x = new Float64Array(nt);
    this.d = new Float64Array(nt);
    this.status = new Uint8Array(nt).fill(AT_LO);
    this.head = new Int32Array(m);
    this.pos = new Int32Array(nt).fill(-1);
    this.binv = new Float64Array(m * m);
    this.w = new Float64Array(m);
    this.y = new Float64Array(m);
    this.work = new Float64Array(m);
    this.col = new Float64Array(m);
    this.alpha = new Float64Array(nt);
    this.cand = new Int32Array(nt);
    this.ratio = new Float64Array(nt);
    this.order = new Int32Array(nt);
    this.breakpoints = new BreakpointHeap(nt);
    this.touched = new Int32Array(nt);
    this.nzRow = new Int32Array(m);
    this.mark = new Int32Array(nt);
    this.rows = new ActiveRows(n, m, lp.colStart, lp.rowIdx, lp.vals);
    this.refactorEvery = 100 + m;
    this.slackBasis();
  }

  /**
   * Takes over the basis of `old`, an LP with the same columns. Row i of this LP is row
   * rowMap[i] of `old` (−1: a new row); without rowMap the old rows come first and the rest are
   * new (cuts appended). Old basic variables stay basic, new rows' logicals join the basis, and
   * old rows that are gone must have had a basic logical (so the basis stays square). Returns
   * false (leaving the logical basis) when the basis cannot be taken over or factorised.
   */
  warmStartFrom(old: DualSimplex, rowMap?: Int32Array): boolean {
    const { n, m } = this;
    const map = rowMap ?? Int32Array.from({ length: m }, (_, i) => (i < old.m ? i : -1));
    if (old.n !== n || map.length !== m) return false;
    this.status.fill(AT_LO);
    this.pos.fill(-1);
    for (let j = 0; j < n; j++) {
      this.status[j] = old.status[j] as number;
      this.x[j] = old.x[j] as number;
    }
    let p = 0;
    for (let q = 0; q < old.m; q++) {
      const h = old.head[q] as number;
      if (h < n) {
        this.head[p] = h;
        this.pos[h] = p++;
      }
    }
    for (let i = 0; i < m; i++) {
      const o = map[i] as number;
      const k = n + i;
      if (o >= 0 && old.status[n + o] !== BASIC) {
        this.status[k] = old.status[n + o] as number;
        this.x[k] = old.x[n + o] as number;
        continue;
      }
      if (p >= m) {
        this.slackBasis();
        return false;
      }
      this.head[p] = k;
      this.pos[k] = p++;
      this.status[k] = BASIC;
    }
    this.dualsFresh = false;
    this.primalsValid = false;
    if (p === m && this.refactor()) return true;
    this.slackBasis();
    return false;
  }

  /** Saves the whole solver state (basis, inverse, values, bounds) for restore(). */
  save(): void {
    const sv = (this.saved ??= {
      x: new Float64Array(this.x.length),
      d: new Float64Array(this.d.length),
      lo: new Float64Array(this.lo.length),
      hi: new Float64Array(this.hi.length),
      status: new Uint8Array(this.status.length),
      head: new Int32Array(this.head.length),
      pos: new Int32Array(this.pos.length),
      binv: new Float64Array(this.binv.length),
      w: new Float64Array(this.w.length),
      sinceRefactor: 0,
      dualsFresh: false,
      primalsValid: false,
    });
    sv.x.set(this.x);
    sv.d.set(this.d);
    sv.lo.set(this.lo);
    sv.hi.set(this.hi);
    sv.status.set(this.status);
    sv.head.set(this.head);
    sv.pos.set(this.pos);
    sv.binv.set(this.binv);
    sv.w.set(this.w);
    sv.sinceRefactor = this.sinceRefactor;
    sv.dualsFresh = this.dualsFresh;
    sv.primalsValid = this.primalsValid;
  }

  /** Returns to the state of the last save(). */
  restore(): void {
    const sv = this.saved;
    if (!sv) return;
    this.x.set(sv.x);
    this.d.set(sv.d);
    this.lo.set(sv.lo);
    this.hi.set(sv.hi);
    this.status.set(sv.status);
    this.head.set(sv.head);
    this.pos.set(sv.pos);
    this.binv.set(sv.binv);
    this.w.set(sv.w);
    this.sinceRefactor = sv.sinceRefactor;
    this.dualsFresh = sv.dualsFresh;
    this.primalsValid = sv.primalsValid;
  }

  /** Sets the bounds of structural column j (takes effect at the next solve). */
  setBounds(j: number, lo: number, hi: number): void {
    this.lo[j] = lo;
    this.hi[j] = hi;
  }

  isBasic(j: number): boolean {
    return this.status[j] === BASIC;
  }

  /** Σ c_j x_j over the structural columns (equals the dual objective at a basic solution). */
  objective(): number {
    let s = 0;
    for (let j = 0; j < this.n; j++) s += (this.c[j] as number) * (this.x[j] as number);
    return s;
  }

  /**
   * A lower bound on the LP optimum that holds whatever the numerical state: with fresh duals y
   * and reduced costs d = c − Aᵀy, L(y) = Σ_k min(d_k lo_k, d_k hi_k) over all variables.
   * Also leaves fresh reduced costs in `d` (for reduced-cost fixing).
   */
  dualBound(): number {
    if (!this.dualsFresh) this.computeDuals();
    let s = 0;
    const nt = this.n + this.m;
    for (let k = 0; k < nt; k++) {
      const dk = this.d[k] as number;
      s += dk >= 0 ? dk * (this.lo[k] as number) : dk * (this.hi[k] as number);
    }
    return s;
  }

  /**
   * Re-optimises from the current basis after bound changes. Stops with 'cutoff' as soon as the
   * objective (which only rises in the dual simplex) reaches `cutoff`, with 'iteration limit'
   * after `maxIter` pivots or when `deadline()` says so.
   */
  solve(cutoff = Infinity, maxIter = Infinity, deadline?: () => boolean): LpStatus {
    this.rows.sync(this.lo, this.hi);
    if (!this.dualsFresh) this.computeDuals();
    if (this.primalsValid && this.solvesSinceRecompute < 50) {
      this.solvesSinceRecompute++;
      this.positionNonbasics(true);
    } else {
      this.positionNonbasics(false);
      this.computePrimals();
    }
    let iter = 0;
    let fixes = 0;
    let troubles = 0;
    for (;;) {
      const p = this.chooseLeaving();
      if (p < 0) {
        this.computeDuals();
        if (fixes < 5 && this.fixDualInfeasibilities()) {
          fixes++;
          this.computePrimals();
          continue;
        }
        return 'optimal';
      }
      if (iter >= maxIter) return 'iteration limit';
      if ((iter & 31) === 31 && deadline?.()) return 'iteration limit';
      const r = this.iterate(p);
      if (r === 'infeasible') {
        if (this.sinceRefactor === 0) return 'infeasible';
        this.refresh();
        continue;
      }
      if (r === 'unstable') {
        if (++troubles > 20) return 'iteration limit';
        if (this.sinceRefactor === 0) this.slackBasis();
        this.refresh();
        continue;
      }
      iter++;
      if (this.sinceRefactor >= this.refactorEvery) this.refresh();
      if ((iter & 7) === 0 && cutoff < Infinity && this.objective() >= cutoff) return 'cutoff';
    }
  }

  /** Rebuilds B⁻¹ (or falls back to the logical basis) and recomputes duals and primals. */
  private refresh(): void {
    if (!this.refactor()) this.slackBasis();
    this.computeDuals();
    this.positionNonbasics(false);
    this.computePrimals();
  }

  private slackBasis(): void {
    const { n, m } = this;
    this.dualsFresh = false;
    this.primalsValid = false;
    this.status.fill(AT_LO);
    this.pos.fill(-1);
    this.binv.fill(0);
    for (let i = 0; i < m; i++) {
      this.head[i] = n + i;
      this.pos[n + i] = i;
      this.status[n + i] = BASIC;
      this.binv[i * m + i] = -1;
      this.w[i] = 1;
    }
    this.sinceRefactor = 0;
  }

  /**
   * y = c_Bᵀ B⁻¹; d_j = c_j − yᵀa_j (structural), d_{n+i} = y_i (logical, column −e_i).
   * Where row i's logical is basic, column i of B⁻¹ is −e_{pos} and that logical costs 0, so
   * y_i = 0: only the rows with a nonbasic logical are summed.
   */
  private computeDuals(): void {
    this.dualsFresh = true;
    const { n, m, binv, y, d, c, pos } = this;
    const rows = this.nzRow;
    let nr = 0;
    for (let i = 0; i < m; i++) if ((pos[n + i] as number) < 0) rows[nr++] = i;
    y.fill(0);
    for (let p = 0; p < m; p++) {
      const cb = c[this.head[p] as number] as number;
      if (cb === 0) continue;
      const off = p * m;
      for (let t = 0; t < nr; t++) {
        const i = rows[t] as number;
        y[i] = (y[i] as number) + cb * (binv[off + i] as number);
      }
    }
    const { colStart, rowIdx, vals } = this;
    for (let j = 0; j < n; j++) {
      let s = c[j] as number;
      for (let k = colStart[j] as number; k < (colStart[j + 1] as number); k++)
        s -= (y[rowIdx[k] as number] as number) * (vals[k] as number);
      d[j] = s;
    }
    for (let i = 0; i < m; i++) d[n + i] = y[i] as number;
    for (let p = 0; p < m; p++) d[this.head[p] as number] = 0;
  }

  /** Puts every nonbasic variable at the bound its reduced cost prefers (boxed ⇒ dual feasible). */
  private positionNonbasics(incremental: boolean): void {
    const { n, m, status, lo, hi, d, x, colStart, rowIdx, vals } = this;
    const nt = n + m;
    const u = this.work;
    if (incremental) u.fill(0);
    let moved = false;
    for (let k = 0; k < nt; k++) {
      if (status[k] === BASIC) continue;
      const l = lo[k] as number;
      const h = hi[k] as number;
      const dk = d[k] as number;
      if (l === h) status[k] = AT_LO;
      else if (dk < -TOL_DUAL) status[k] = AT_HI;
      else if (dk > TOL_DUAL) status[k] = AT_LO;
      const v = status[k] === AT_HI ? h : l;
      const dx = v - (x[k] as number);
      x[k] = v;
      if (!incremental || dx === 0) continue;
      moved = true;
      if (k < n) {
        for (let t = colStart[k] as number; t < (colStart[k + 1] as number); t++)
          u[rowIdx[t] as number] = (u[rowIdx[t] as number] as number) + (vals[t] as number) * dx;
      } else u[k - n] = (u[k - n] as number) - dx;
    }
    // The basic variables follow: Δx_B = −B⁻¹ Σ a_k Δx_k.
    if (moved) {
      for (let r = 0; r < m; r++) {
        const ur = u[r] as number;
        if (ur !== 0) this.addColumnTimes(r, -ur);
      }
    }
  }

  /** After fresh duals: flips nonbasic variables whose reduced cost has the wrong sign. */
  private fixDualInfeasibilities(): boolean {
    const nt = this.n + this.m;
    const { status, lo, hi, d, x } = this;
    let changed = false;
    for (let k = 0; k < nt; k++) {
      const s = status[k];
      if (s === BASIC || lo[k] === hi[k]) continue;
      const dk = d[k] as number;
      if (s === AT_LO && dk < -1e-7) {
        status[k] = AT_HI;
        x[k] = hi[k] as number;
        changed = true;
      } else if (s === AT_HI && dk > 1e-7) {
        status[k] = AT_LO;
        x[k] = lo[k] as number;
        changed = true;
      }
    }
    return changed;
  }

  /** x_B = B⁻¹ · (−Σ_{nonbasic} a_k x_k). */
  private computePrimals(): void {
    this.primalsValid = true;
    this.solvesSinceRecompute = 0;
    const { n, m, x, work, status, colStart, rowIdx, vals } = this;
    work.fill(0);
    for (let j = 0; j < n; j++) {
      if (status[j] === BASIC) continue;
      const xj = x[j] as number;
      if (xj === 0) continue;
      for (let k = colStart[j] as number; k < (colStart[j + 1] as number); k++)
        work[rowIdx[k] as number] =
          (work[rowIdx[k] as number] as number) - (vals[k] as number) * xj;
    }
    for (let i = 0; i < m; i++)
      if (status[n + i] !== BASIC) work[i] = (work[i] as number) + (x[n + i] as number);
    for (let p = 0; p < m; p++) x[this.head[p] as number] = 0;
    for (let r = 0; r < m; r++) {
      const wr = work[r] as number;
      if (wr !== 0) this.addColumnTimes(r, wr);
    }
  }

  /** Dual steepest edge: the basic variable maximising infeasibility² / ‖row of B⁻¹‖². */
  private chooseLeaving(): number {
    const { m, head, x, lo, hi, w } = this;
    let best = -1;
    let bestScore = 0;
    for (let p = 0; p < m; p++) {
      const k = head[p] as number;
      const v = x[k] as number;
      let inf: number;
      const l = lo[k] as number;
      const h = hi[k] as number;
      if (v < l - TOL_PRIMAL * (1 + Math.abs(l))) inf = l - v;
      else if (v > h + TOL_PRIMAL * (1 + Math.abs(h))) inf = v - h;
      else continue;
      const score = (inf * inf) / (w[p] as number);
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    }
    return best;
  }

  /** One dual simplex iteration with leaving position p. */
  private iterate(p: number): 'ok' | 'infeasible' | 'unstable' {
    const { n, m, binv, x, lo, hi, d, status, alpha, cand, ratio, colStart, rowIdx, vals } = this;
    const leave = this.head[p] as number;
    const xv = x[leave] as number;
    const toLower = xv < (lo[leave] as number);
    const delta = toLower ? xv - (lo[leave] as number) : xv - (hi[leave] as number);
    const off = p * m;

    // Pivot row α_j = ρ·a_j with ρ = row p of B⁻¹ (nonzero only on rows whose logical is
    // nonbasic, and its own), for the movable nonbasic variables; their breakpoints.
    const nzp = this.nzRow;
    let nnzp = 0;
    for (let i2 = 0; i2 < m; i2++) if (binv[off + i2] !== 0) nzp[nnzp++] = i2;
    const e = ++this.epoch;
    const mark = this.mark;
    const { start: rowStart, idx: colIdx, val: rowVals } = this.rows;
    let nTouched = 0;
    const touched = this.touched;
    for (let t = 0; t < nnzp; t++) {
      const r = nzp[t] as number;
      const rho = binv[off + r] as number;
      for (let k = rowStart[r] as number; k < (rowStart[r + 1] as number); k++) {
        const j = colIdx[k] as number;
        if (status[j] === BASIC || lo[j] === hi[j]) continue;
        if (mark[j] !== e) {
          mark[j] = e;
          alpha[j] = 0;
          touched[nTouched++] = j;
        }
        alpha[j] = (alpha[j] as number) + rho * (rowVals[k] as number);
      }
      const kl = n + r;
      if (status[kl] !== BASIC && lo[kl] !== hi[kl]) {
        mark[kl] = e;
        alpha[kl] = -rho;
        touched[nTouched++] = kl;
      }
    }
    let nc = 0;
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t] as number;
      const sj = alpha[j] as number;
      const a = toLower ? -sj : sj;
      if ((status[j] === AT_LO && a > TOL_PIVOT) || (status[j] === AT_HI && a < -TOL_PIVOT)) {
        cand[nc] = j;
        ratio[nc++] = Math.max(0, (d[j] as number) / a);
      }
    }
    if (nc === 0) return 'infeasible';

    // Bound-flipping ratio test: pass breakpoints (flipping those variables) while the slope
    // of the dual objective stays positive; breakpoints within TOL_DUAL form one group, from
    // which the largest |α| enters. The heap hands them out in increasing ratio; `order`
    // records them as passed.
    const { order, breakpoints } = this;
    breakpoints.reset(ratio, nc);
    let slope = Math.abs(delta);
    let enter = -1;
    let flipsEnd = 0;
    let i = 0;
    while (i < nc) {
      const r0 = breakpoints.peekKey();
      let g = i;
      let groupSlope = 0;
      let bestA = 0;
      let bestJ = -1;
      while (!breakpoints.empty && breakpoints.peekKey() <= r0 + TOL_DUAL) {
        order[g] = breakpoints.pop();
        const j = cand[order[g] as number] as number;
        const a = Math.abs(alpha[j] as number);
        groupSlope += a * ((hi[j] as number) - (lo[j] as number));
        if (a > bestA) {
          bestA = a;
          bestJ = j;
        }
        g++;
      }
      if (slope - groupSlope > TOL_PRIMAL && g < nc) {
        slope -= groupSlope;
        i = g;
        flipsEnd = g;
        continue;
      }
      if (slope - groupSlope > TOL_PRIMAL) return 'infeasible';
      enter = bestJ;
      break;
    }
    if (enter < 0) return 'infeasible';

    // FTran of the entering column, and a stability check against the pivot row.
    const col = this.col;
    if (enter < n) this.ftran(enter, col);
    else {
      const r = enter - n;
      for (let q = 0; q < m; q++) col[q] = -(binv[q * m + r] as number);
    }
    const aq = alpha[enter] as number;
    const piv = col[p] as number;
    if (Math.abs(piv - aq) > 1e-7 * (1 + Math.abs(aq)) || Math.abs(piv) < 1e-11) return 'unstable';

    // Dual update.
    const thetaD = (d[enter] as number) / aq;
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t] as number;
      d[j] = (d[j] as number) - thetaD * (alpha[j] as number);
    }
    d[enter] = 0;
    d[leave] = -thetaD;

    // Flips (the breakpoints passed) and their effect on the basic variables.
    if (flipsEnd > 0) {
      const u = this.work;
      u.fill(0);
      for (let t = 0; t < flipsEnd; t++) {
        const j = cand[order[t] as number] as number;
        const from = x[j] as number;
        let to: number;
        if (status[j] === AT_LO) {
          status[j] = AT_HI;
          to = hi[j] as number;
        } else {
          status[j] = AT_LO;
          to = lo[j] as number;
        }
        x[j] = to;
        const dx = to - from;
        if (j < n) {
          for (let k = colStart[j] as number; k < (colStart[j + 1] as number); k++)
            u[rowIdx[k] as number] = (u[rowIdx[k] as number] as number) + (vals[k] as number) * dx;
        } else {
          u[j - n] = (u[j - n] as number) - dx;
        }
      }
      for (let r = 0; r < m; r++) {
        const ur = u[r] as number;
        if (ur !== 0) this.addColumnTimes(r, -ur);
      }
    }

    // Primal step: the leaving variable lands on the bound it violated.
    const bound = toLower ? (lo[leave] as number) : (hi[leave] as number);
    const thetaP = ((x[leave] as number) - bound) / piv;
    for (let q = 0; q < m; q++) {
      const cq = col[q] as number;
      if (cq !== 0) {
        const hq = this.head[q] as number;
        x[hq] = (x[hq] as number) - thetaP * cq;
      }
    }
    x[enter] = (x[enter] as number) + thetaP;
    x[leave] = bound;
    status[leave] = toLower || lo[leave] === hi[leave] ? AT_LO : AT_HI;
    status[enter] = BASIC;

    // Basis update of the explicit inverse: row p /= pivot; row q −= col_q · row p, touching
    // only the nonzeros of row p (few while the basis is mostly logical). Steepest-edge weights
    // follow exactly: ‖q'‖² = ‖q‖² − 2 col_q (q·p') + col_q² ‖p'‖².
    const w = this.w;
    let np = 0;
    for (let t = 0; t < nnzp; t++) {
      const i2 = nzp[t] as number;
      const v = (binv[off + i2] as number) / piv;
      binv[off + i2] = v;
      np += v * v;
    }
    w[p] = np;
    // When row p is dense over its span, a contiguous sweep of the span (its zeros change
    // nothing) beats gathering through the index list.
    const first = nnzp > 0 ? (nzp[0] as number) : 0;
    const end = nnzp > 0 ? (nzp[nnzp - 1] as number) + 1 : 0;
    const contiguous = 2 * nnzp > end - first;
    for (let q = 0; q < m; q++) {
      if (q === p) continue;
      const f = col[q] as number;
      if (f === 0) continue;
      const o = q * m;
      let dot = 0;
      if (contiguous) {
        for (let i2 = first; i2 < end; i2++) {
          const bp = binv[off + i2] as number;
          const bq = binv[o + i2] as number;
          dot += bq * bp;
          binv[o + i2] = bq - f * bp;
        }
      } else {
        for (let t = 0; t < nnzp; t++) {
          const i2 = nzp[t] as number;
          const bp = binv[off + i2] as number;
          const bq = binv[o + i2] as number;
          dot += bq * bp;
          binv[o + i2] = bq - f * bp;
        }
      }
      w[q] = Math.max((w[q] as number) - 2 * f * dot + f * f * np, 1e-12);
    }
    if (enter >= n) {
      // A logical entering at p makes column (enter − n) of B⁻¹ exactly −e_p.
      const r = enter - n;
      for (let q = 0; q < m; q++) binv[q * m + r] = 0;
      binv[off + r] = -1;
    }
    this.head[p] = enter;
    this.pos[enter] = p;
    this.pos[leave] = -1;
    this.sinceRefactor++;
    this.pivots++;
    this.dualsFresh = false;
    return 'ok';
  }

  /**
   * out = B⁻¹ a_j. Column r of B⁻¹ is −e_{pos(r)} when row r's logical is basic, so those
   * entries cost O(1); only rows with a nonbasic logical need a full column.
   */
  private ftran(j: number, out: Float64Array): void {
    const { n, m, binv, pos, colStart, rowIdx, vals } = this;
    out.fill(0);
    for (let k = colStart[j] as number; k < (colStart[j + 1] as number); k++) {
      const r = rowIdx[k] as number;
      const a = vals[k] as number;
      const pl = pos[n + r] as number;
      if (pl >= 0) out[pl] = (out[pl] as number) - a;
      else
        for (let q = 0; q < m; q++) out[q] = (out[q] as number) + a * (binv[q * m + r] as number);
    }
  }

  /** x_B += f · (column r of B⁻¹), exploiting unit columns as in ftran. */
  private addColumnTimes(r: number, f: number): void {
    const { n, m, binv, x, head } = this;
    const pl = this.pos[n + r] as number;
    if (pl >= 0) {
      const hq = head[pl] as number;
      x[hq] = (x[hq] as number) - f;
      return;
    }
    for (let q = 0; q < m; q++) {
      const b = binv[q * m + r] as number;
      if (b !== 0) {
        const hq = head[q] as number;
        x[hq] = (x[hq] as number) + f * b;
      }
    }
  }

  /**
   * Rebuilds B⁻¹ from the basis. With S the basic structural columns and R the rows whose
   * logical is nonbasic (|R| = |S| = k), only the kernel K = A[R, S] needs inverting:
   * x_S = K⁻¹ b_R, and a basic logical of row i is r_i = A[i, S] x_S − b_i. Returns false when
   * K is singular.
   */
  private refactor(): boolean {
    this.dualsFresh = false;
    this.primalsValid = false;
    const { n, m, head, binv, colStart, rowIdx, vals } = this;
    const structPos: number[] = [];
    const logicalPos = new Int32Array(m).fill(-1);
    for (let p = 0; p < m; p++) {
      const h = head[p] as number;
      if (h < n) structPos.push(p);
      else logicalPos[h - n] = p;
    }
    const k = structPos.length;
    const kRows: number[] = [];
    const rowInK = new Int32Array(m).fill(-1);
    for (let i = 0; i < m; i++) {
      if (logicalPos[i] === -1) {
        rowInK[i] = kRows.length;
        kRows.push(i);
      }
    }
    // K is k×k (row b ↔ kRows[b], column a ↔ structPos[a]); invert by Gauss–Jordan.
    const K = new Float64Array(k * k);
    for (let a = 0; a < k; a++) {
      const j = head[structPos[a] as number] as number;
      for (let t = colStart[j] as number; t < (colStart[j + 1] as number); t++) {
        const b = rowInK[rowIdx[t] as number] as number;
        if (b >= 0) K[b * k + a] = vals[t] as number;
      }
    }
    const inv = invert(K, k);
    if (!inv) return false;
    binv.fill(0);
    for (let a = 0; a < k; a++) {
      const o = (structPos[a] as number) * m;
      for (let b = 0; b < k; b++) binv[o + (kRows[b] as number)] = inv[a * k + b] as number;
    }
    for (let i = 0; i < m; i++) {
      const p = logicalPos[i] as number;
      if (p >= 0) binv[p * m + i] = -1;
    }
    for (let a = 0; a < k; a++) {
      const j = head[structPos[a] as number] as number;
      for (let t = colStart[j] as number; t < (colStart[j + 1] as number); t++) {
        const p = logicalPos[rowIdx[t] as number] as number;
        if (p < 0) continue;
        const v = vals[t] as number;
        const o = p * m;
        for (let b = 0; b < k; b++)
          binv[o + (kRows[b] as number)] =
            (binv[o + (kRows[b] as number)] as number) + v * (inv[a * k + b] as number);
      }
    }
    for (let p = 0; p < m; p++) {
      const o = p * m;
      let s = 0;
      for (let i = 0; i < m; i++) s += (binv[o + i] as number) ** 2;
      this.w[p] = s;
    }
    this.sinceRefactor = 0;
    return true;
  }
}

/** Inverse of a dense k×k matrix (row-major) by Gauss–Jordan with partial pivoting; null if singular. */
function invert(a: Float64Array, k: number): Float64Array | null {
  const inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) inv[i * k + i] = 1;
  for (let c = 0; c < k; c++) {
    let piv = c;
    let best = Math.abs(a[c * k + c] as number);
    for (let r = c + 1; r < k; r++) {
      const v = Math.abs(a[r * k + c] as number);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (best < 1e-11) return null;
    if (piv !== c) {
      for (let t = 0; t < k; t++) {
        const x = a[c * k + t] as number;
        a[c * k + t] = a[piv * k + t] as number;
        a[piv * k + t] = x;
        const y = inv[c * k + t] as number;
        inv[c * k + t] = inv[piv * k + t] as number;
        inv[piv * k + t] = y;
      }
    }
    const f = 1 / (a[c * k + c] as number);
    for (let t = 0; t < k; t++) {
      a[c * k + t] = (a[c * k + t] as number) * f;
      inv[c * k + t] = (inv[c * k + t] as number) * f;
    }
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const g = a[r * k + c] as number;
      if (g === 0) continue;
      for (let t = 0; t < k; t++) {
        a[r * k + t] = (a[r * k + t] as number) - g * (a[c * k + t] as number);
        inv[r * k + t] = (inv[r * k + t] as number) - g * (inv[c * k + t] as number);
      }
    }
  }
  return inv;
}

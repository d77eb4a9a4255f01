import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel, isFeasible, problem, type AllocationProblem } from '../../src/core/allocation';
import { branchAndBound } from '../../src/core/allocation/branch';
import { CutPool, efficacy } from '../../src/core/allocation/cut-pool';
import { separateCovers, type Cut } from '../../src/core/allocation/cuts';
import { cmirCut, separateCmir } from '../../src/core/allocation/cuts-cmir';
import { conflictGraph, separateCliques } from '../../src/core/allocation/cuts-clique';
import { propagate } from '../../src/core/allocation/propagate';
import type { Model } from '../../src/core/allocation/rows';
import { rng } from '../../scripts/rng';
import { arbProblem, bruteForce } from './allocation-fixtures';

/** Every feasible 0/1 selection of a small model (n ≤ 12), by enumeration. */
function feasiblePoints(model: Model): Uint8Array[] {
  const n = model.n;
  const out: Uint8Array[] = [];
  for (let g = 0; g < 2 ** n; g++) {
    const sel = Uint8Array.from({ length: n }, (_, j) => (g >> j) & 1);
    if (isFeasible(model, sel)) out.push(sel);
  }
  return out;
}

function lhs(cut: Cut, x: ArrayLike<number>): number {
  let s = 0;
  for (let t = 0; t < cut.idx.length; t++)
    s += (cut.val[t] as number) * (x[cut.idx[t] as number] as number);
  return s;
}

/** The root bounds of a problem: force in/out, then propagation (null when infeasible). */
function rootBounds(p: AllocationProblem, model: Model): { lo: Uint8Array; hi: Uint8Array } | null {
  const b = propagate(
    model,
    p.projects.map((c) => (c.force === 'in' ? 1 : 0)),
    p.projects.map((c) => (c.force === 'out' ? 0 : 1)),
  );
  return b.infeasible ? null : b;
}

/** A point in the box lo/hi: fixed variables at their bound, the rest from `u`. */
const pointIn = (lo: Uint8Array, hi: Uint8Array, u: readonly number[]): Float64Array =>
  Float64Array.from(lo, (l, j) => (l === hi[j] ? l : (u[j % u.length] as number)));

/** 12 LP-like values: a third at 0 or 1, the rest uniform in (0, 1) (from a seeded generator). */
const arbPoint = fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((seed) => {
  const r = rng(seed);
  return Array.from({ length: 12 }, () => {
    const u = r();
    return u < 0.15 ? 0 : u < 0.3 ? 1 : r();
  });
});

describe('cut separators never cut off a feasible selection', () => {
  const separators: [
    string,
    (m: Model, lo: Uint8Array, hi: Uint8Array, x: Float64Array) => Cut[],
  ][] = [
    ['lifted covers', (m, lo, hi, x) => separateCovers(m, lo, hi, x, 100)],
    ['c-MIR', (m, lo, hi, x) => separateCmir(m, lo, hi, x, 100)],
    ['cliques', (m, lo, hi, x) => separateCliques(conflictGraph(m, lo, hi), lo, hi, x, 100)],
  ];
  for (const [name, separate] of separators) {
    for (const fractional of [false, true]) {
      it(`${name}: every cut holds at every feasible point (${fractional ? 'fractional' : 'integer'} data, n ≤ 12)`, () => {
        let cuts = 0;
        fc.assert(
          fc.property(
            // No forced projects (the fixture draws force from doubles, often exactly 0).
            arbProblem({ minProjects: 2, maxProjects: 12, fractional, forceRate: 0 }),
            arbPoint,
            (p, u) => {
              const model = buildModel(p);
              const b = rootBounds(p, model);
              if (b === null) return;
              const found = separate(model, b.lo, b.hi, pointIn(b.lo, b.hi, u));
              cuts += found.length;
              if (found.length === 0) return;
              for (const sel of feasiblePoints(model))
                for (const cut of found) expect(lhs(cut, sel)).toBeLessThanOrEqual(cut.hi + 1e-6);
            },
          ),
          // 500 runs: with 250, c-MIR on fractional data found 17 to 51 cuts over 60 seeds, so
          // the floor below failed now and then; with 500, 46 to 100 over 100 seeds.
          { numRuns: 500 },
        );
        // The property must have been exercised: the random points are violated by some cuts.
        expect(cuts).toBeGreaterThan(20);
      });
    }
  }

  it('c-MIR of a knapsack with a fractional item gives the rounding cut (x1 + x2 ≤ 1)', () => {
    // 3x1 + 3x2 ≤ 4 at x = (1, 1/3): δ = 3 gives x1 + x2 ≤ 1, violated by 1/3 / √2.
    const found = cmirCut({ idx: [0, 1], val: [3, 3], b: 4 }, [0, 0], [1, 1], [1, 1 / 3]);
    expect(found).not.toBeNull();
    const cut = (found as { cut: Cut }).cut;
    expect(Array.from(cut.idx)).toEqual([0, 1]);
    expect(Array.from(cut.val)).toEqual([1, 1]);
    expect(cut.hi).toBeCloseTo(1, 6);
  });

  it('cliques: an exclusion pair and a knapsack pair sharing a project merge into a triangle', () => {
    // Exclusions {0,1}; budget 10 with costs 6, 0, 6 → 0–2 conflict; 1 needs nothing, and
    // 2 and 1 conflict through the exclusion {1, 2}. x = ½ each: 1.5 > 1.
    const model = buildModel({
      projects: [0, 1, 2].map((j) => ({
        id: `P${j}`,
        value: 1,
        cost: j === 1 ? 0 : 6,
        force: null,
      })),
      budget: 10,
      resources: [],
      balance: [],
      dependencies: [],
      exclusions: [
        [0, 1],
        [1, 2],
      ],
    });
    const lo = new Uint8Array(3);
    const hi = new Uint8Array(3).fill(1);
    const cuts = separateCliques(conflictGraph(model, lo, hi), lo, hi, [0.5, 0.5, 0.5], 10);
    expect(cuts.map((c) => Array.from(c.idx))).toEqual([[0, 1, 2]]);
  });
});

describe('cut pool', () => {
  const cut = (idx: number[], hi: number): Cut => ({
    idx: Int32Array.from(idx),
    val: new Float64Array(idx.length).fill(1),
    hi,
  });

  it('activates the violated cuts, most efficacious first, and ignores duplicates', () => {
    const pool = new CutPool(2);
    expect(pool.add([cut([0, 1], 1), cut([1, 2], 1), cut([0, 2], 1), cut([0, 1], 1)])).toBe(3);
    const x = [0.9, 0.8, 0.15];
    expect(efficacy(cut([0, 1], 1), x)).toBeCloseTo(0.7 / Math.SQRT2, 9);
    expect(pool.activate(x, 10)).toBe(2);
    expect(pool.active.map((c) => Array.from(c.idx))).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(pool.activate(x, 10)).toBe(0);
  });

  it('treats cuts equal to 12 significant digits as duplicates, and no others', () => {
    const pool = new CutPool(2);
    const withVal = (v: number, hi: number): Cut => ({
      idx: Int32Array.from([0, 1]),
      val: Float64Array.from([1, v]),
      hi,
    });
    expect(pool.add([withVal(0.3, 1)])).toBe(1);
    // Round-off in the 16th digit: the same cut.
    expect(pool.add([withVal(0.1 + 0.2, 1), withVal(0.3, 1 + 1e-15)])).toBe(0);
    // A different coefficient, right-hand side or support: new cuts.
    expect(pool.add([withVal(0.3 + 1e-9, 1), withVal(0.3, 1.000001)])).toBe(2);
    expect(
      pool.add([{ idx: Int32Array.from([0, 2]), val: Float64Array.from([1, 0.3]), hi: 1 }]),
    ).toBe(1);
    expect(pool.size).toBe(4);
  });

  it('ages slack cuts out after maxAge rounds and lets them back in when violated again', () => {
    const pool = new CutPool(2);
    pool.add([cut([0, 1], 1), cut([2, 3], 1)]);
    pool.activate([1, 1, 1, 1], 10);
    expect(pool.active).toHaveLength(2);
    // First cut slack twice in a row: it leaves; the second was binding, so it stays.
    expect(Array.from(pool.age([true, false]))).toEqual([0, 1]);
    expect(Array.from(pool.age([true, true]))).toEqual([1]);
    expect(pool.active.map((c) => Array.from(c.idx))).toEqual([[2, 3]]);
    // A binding round resets the age.
    expect(Array.from(pool.age([false]))).toEqual([0]);
    expect(Array.from(pool.age([true]))).toEqual([0]);
    expect(pool.size).toBe(2);
    // Violated again: back in, after the active one.
    expect(pool.activate([1, 1, 0, 0], 10)).toBe(1);
    expect(pool.active.map((c) => Array.from(c.idx))).toEqual([
      [2, 3],
      [0, 1],
    ]);
    // maxAge 1: every slack cut leaves at once.
    expect(Array.from(pool.age([false, true], 1))).toEqual([0]);
  });
});

describe('root restart', () => {
  it('keeps the optimum (against enumeration), with and without the restart', () => {
    fc.assert(
      fc.property(arbProblem({ minProjects: 4, maxProjects: 12, forceRate: 0 }), (p) => {
        const model = buildModel(p);
        const b = rootBounds(p, model);
        if (b === null) return;
        const { best } = bruteForce(p);
        const opts = { deadline: () => false, nodeLimit: 100_000, relGap: 0 };
        const on = branchAndBound(model, b.lo, b.hi, null, opts);
        const off = branchAndBound(model, b.lo, b.hi, null, { ...opts, restart: false });
        expect(off.restarted).toBe(false);
        for (const r of [on, off]) {
          expect(r.status).toBe('optimal');
          if (best === -Infinity) expect(r.incumbent).toBeNull();
          else {
            expect(r.value).toBe(best);
            expect(isFeasible(model, r.incumbent as Uint8Array)).toBe(true);
            expect(r.rootBound).toBeGreaterThanOrEqual(best - 1e-6);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('restarts on portfolio-shaped instances and finds the same optimum as without', () => {
    let restarts = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const p = portfolio(120, seed);
      const model = buildModel(p);
      const lo = new Uint8Array(model.n);
      const hi = new Uint8Array(model.n).fill(1);
      const opts = { deadline: () => false, nodeLimit: 100_000, relGap: 0 };
      const on = branchAndBound(model, lo, hi, null, opts);
      const off = branchAndBound(model, lo, hi, null, { ...opts, restart: false });
      if (on.restarted) restarts++;
      expect(on.status).toBe('optimal');
      expect(off.status).toBe('optimal');
      expect(on.value).toBe(off.value);
      expect(isFeasible(model, on.incumbent as Uint8Array)).toBe(true);
      expect(on.rootBound).toBeGreaterThanOrEqual(on.value);
    }
    expect(restarts).toBeGreaterThan(0);
  });
});

/** n projects; 4 resources, each used by about half of them, at 40% of their demand; budget 35%. */
function portfolio(n: number, seed: number): AllocationProblem {
  const r = rng(seed);
  const projects = Array.from({ length: n }, (_, j) => {
    const cost = 10 + Math.floor(r() * 90);
    return { id: `P${j}`, value: Math.round(cost * (0.5 + r()) * 10), cost, force: null };
  });
  const resources = Array.from({ length: 4 }, (_, k) => {
    const use: [number, number][] = [];
    for (let j = 0; j < n; j++) if (r() < 0.5) use.push([j, 1 + Math.floor(r() * 20)]);
    const total = use.reduce((s, [, a]) => s + a, 0);
    return {
      name: `R${k}`,
      subject: `R${k}`,
      unit: 'h',
      kind: 'capacity' as const,
      limit: Math.round(0.4 * total),
      use,
    };
  });
  const totalCost = projects.reduce((s, c) => s + c.cost, 0);
  return problem({
    projects,
    budget: Math.round(0.35 * totalCost),
    resources,
    dependencies: [],
    exclusions: [],
  });
}

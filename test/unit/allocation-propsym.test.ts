import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildModel,
  isFeasible,
  problem,
  solveAllocation,
  violations,
  type AllocationProblem,
  type Candidate,
} from '../../src/core/allocation';
import { branchAndBound } from '../../src/core/allocation/branch';
import { NodePropagator } from '../../src/core/allocation/node-propagate';
import { propagate } from '../../src/core/allocation/propagate';
import type { Model } from '../../src/core/allocation/rows';
import { rensProblem, rinsProblem } from '../../src/core/allocation/submip';
import { canonicalise, orderingRows, symmetryClasses } from '../../src/core/allocation/symmetry';
import { arbProblem, bruteForce, c } from './allocation-fixtures';
import { copiesInstance } from './allocation-copies';

/** Every 0/1 point within lo..hi that satisfies the rows (force ignored: lo/hi carry it). */
function pointsIn(model: Model, lo: ArrayLike<number>, hi: ArrayLike<number>): Uint8Array[] {
  const n = model.n;
  const out: Uint8Array[] = [];
  for (let mask = 0; mask < 2 ** n; mask++) {
    const x = Uint8Array.from({ length: n }, (_, j) => (mask >> j) & 1);
    let inBox = true;
    for (let j = 0; j < n; j++) if (x[j]! < lo[j]! || x[j]! > hi[j]!) inBox = false;
    if (inBox && violations(model, x).rows.length === 0) out.push(x);
  }
  return out;
}

const valueOf = (p: AllocationProblem, x: ArrayLike<number>): number =>
  p.projects.reduce((s, cand, j) => s + (x[j] ? cand.value : 0), 0);

/** A random box: each project free, fixed in or fixed out. */
const arbBoxes = (n: number, count: number): fc.Arbitrary<number[][]> =>
  fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }), {
    minLength: count,
    maxLength: count,
  });

/** Applies fixings (j·2 + value) to a box. */
function applied(lo: Uint8Array, hi: Uint8Array, fixes: number[]): [Uint8Array, Uint8Array] {
  const l = Uint8Array.from(lo);
  const h = Uint8Array.from(hi);
  for (const code of fixes) {
    l[code >> 1] = code & 1;
    h[code >> 1] = code & 1;
  }
  return [l, h];
}

describe('NodePropagator', () => {
  it('never removes a feasible point, and reaches the same bounds as a full propagation (one propagator reused across boxes)', () => {
    fc.assert(
      fc.property(
        arbProblem({ minProjects: 1, maxProjects: 9 }).chain((p) =>
          arbBoxes(p.projects.length, 4).map((boxes) => ({ p, boxes })),
        ),
        ({ p, boxes }) => {
          const model = buildModel(p);
          const prop = new NodePropagator(model, [], null);
          for (const box of boxes) {
            // 0 → fixed out, 1 → fixed in, else free.
            const lo = Uint8Array.from(box, (b) => (b === 1 ? 1 : 0));
            const hi = Uint8Array.from(box, (b) => (b === 0 ? 0 : 1));
            const feasible = pointsIn(model, lo, hi);
            const fixes = prop.propagate(lo, hi);
            const full = propagate(model, lo, hi);
            if (fixes === null) {
              expect(feasible).toEqual([]);
              expect(full.infeasible).toBe(true);
              continue;
            }
            expect(full.infeasible).toBe(false);
            const [l, h] = applied(lo, hi, fixes);
            expect(Array.from(l)).toEqual(Array.from(full.lo));
            expect(Array.from(h)).toEqual(Array.from(full.hi));
            expect(pointsIn(model, l, h)).toEqual(feasible);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('with the cutoff row keeps every point worth at least the cutoff, and prunes a box that cannot reach it', () => {
    fc.assert(
      fc.property(
        arbProblem({ minProjects: 1, maxProjects: 9 }).chain((p) =>
          fc
            .record({
              boxes: arbBoxes(p.projects.length, 3),
              frac: fc.double({ min: 0, max: 1, noNaN: true }),
            })
            .map((r) => ({ p, ...r })),
        ),
        ({ p, boxes, frac }) => {
          const model = buildModel(p);
          const values = Float64Array.from(p.projects, (cand) => cand.value);
          const total = values.reduce((s, v) => s + Math.max(0, v), 0);
          const cutoff = Math.round(frac * total);
          const prop = new NodePropagator(model, [], values);
          prop.setCutoff(cutoff);
          for (const box of boxes) {
            const lo = Uint8Array.from(box, (b) => (b === 1 ? 1 : 0));
            const hi = Uint8Array.from(box, (b) => (b === 0 ? 0 : 1));
            const good = pointsIn(model, lo, hi).filter((x) => valueOf(p, x) >= cutoff);
            const fixes = prop.propagate(lo, hi);
            if (fixes === null) {
              expect(good).toEqual([]);
              continue;
            }
            const [l, h] = applied(lo, hi, fixes);
            const kept = pointsIn(model, l, h).filter((x) => valueOf(p, x) >= cutoff);
            expect(kept).toEqual(good);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fixes in what the cutoff needs and prunes when nothing can reach it', () => {
    const p = problem({
      projects: [c('A', 10, 1), c('B', 5, 1), c('C', 1, 1)],
      budget: 3,
    });
    const model = buildModel(p);
    const prop = new NodePropagator(model, [], Float64Array.of(10, 5, 1));
    prop.setCutoff(12); // 16 at most: without A (6) or without B (11) it cannot reach 12.
    const lo = new Uint8Array(3);
    const hi = Uint8Array.of(1, 1, 1);
    expect(prop.propagate(lo, hi)?.sort()).toEqual([0 * 2 + 1, 1 * 2 + 1]);
    expect(prop.propagate(lo, Uint8Array.of(1, 0, 1))).toBeNull();
    prop.setCutoff(17);
    expect(prop.propagate(lo, hi)).toBeNull();
  });
});

describe('symmetry classes', () => {
  const twin = (id: string): Candidate => c(id, 7, 3);
  const p = problem({
    projects: [twin('A'), twin('B'), twin('C'), twin('D'), c('E', 7, 4), twin('F'), twin('G')],
    budget: 10,
    resources: [
      {
        name: 'SE',
        subject: 'SE',
        unit: 'FTE',
        kind: 'capacity',
        limit: 4,
        use: [
          [0, 2],
          [1, 2],
          [2, 2],
          [3, 2],
          [4, 2],
          [5, 1],
        ],
      },
    ],
    // A and B exclude each other: the row is symmetric in them, so they stay interchangeable.
    exclusions: [[0, 1]],
    // G needs C: C and G now differ from the other twins.
    dependencies: [{ project: 6, needs: 2 }],
  });
  const model = buildModel(p);

  it('groups columns with the same value, bounds and rows', () => {
    const all = symmetryClasses(model, new Uint8Array(7), new Uint8Array(7).fill(1));
    expect(all.map((k) => Array.from(k))).toEqual([[0, 1]]);
    // D alone with its twins' column once the exclusion is dropped: A, B, D interchangeable.
    const noExcl = buildModel({ ...p, exclusions: [] });
    expect(
      symmetryClasses(noExcl, new Uint8Array(7), new Uint8Array(7).fill(1)).map((k) =>
        Array.from(k),
      ),
    ).toEqual([[0, 1, 3]]);
    // A fixed project leaves its class.
    expect(
      symmetryClasses(noExcl, Uint8Array.of(1, 0, 0, 0, 0, 0, 0), new Uint8Array(7).fill(1)).map(
        (k) => Array.from(k),
      ),
    ).toEqual([[1, 3]]);
  });

  it('ordering rows say x_c0 ≥ x_c1 ≥ …', () => {
    const rows = orderingRows([Int32Array.of(1, 3, 5)]);
    expect(rows.map((r) => [Array.from(r.idx), Array.from(r.val), r.hi])).toEqual([
      [[1, 3], [-1, 1], 0],
      [[3, 5], [-1, 1], 0],
    ]);
  });

  it('canonicalising keeps the value and feasibility and puts the selected members first', () => {
    const noExcl = buildModel({ ...p, exclusions: [] });
    const classes = symmetryClasses(noExcl, new Uint8Array(7), new Uint8Array(7).fill(1));
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), (bits) => {
        const sel = Uint8Array.from(bits, (b) => (b ? 1 : 0));
        const canon = canonicalise(sel, classes);
        expect(valueOf(p, canon)).toBe(valueOf(p, sel));
        expect(isFeasible(noExcl, canon)).toBe(isFeasible(noExcl, sel));
        for (const k of classes)
          for (let t = 1; t < k.length; t++) expect(canon[k[t]!]! <= canon[k[t - 1]!]!).toBe(true);
      }),
    );
  });
});

/** The problem with `copies` extra copies of each of its first projects (same rows and rules). */
function withCopies(p: AllocationProblem, copies: number[]): AllocationProblem {
  const projects = [...p.projects];
  const copyOf: number[][] = p.projects.map(() => []);
  copies.forEach((k, j) => {
    for (let t = 0; t < k; t++) {
      copyOf[j]!.push(projects.length);
      const orig = p.projects[j]!;
      projects.push({ ...orig, id: `${orig.id}'${t}` });
    }
  });
  const expand = (js: readonly number[]): number[] => js.flatMap((j) => [j, ...copyOf[j]!]);
  return problem({
    projects,
    budget: p.budget,
    resources: p.resources.map((r) => ({
      ...r,
      use: r.use.flatMap(([j, a]) => [[j, a] as const, ...copyOf[j]!.map((q) => [q, a] as const)]),
    })),
    exclusions: p.exclusions.map(expand),
    dependencies: p.dependencies.flatMap((d) => [
      d,
      ...copyOf[d.project]!.map((q) => ({ project: q, needs: d.needs })),
    ]),
    balance: p.balance.map((b) => ({ ...b, members: expand(b.members) })),
  });
}

describe('solving with duplicated projects', () => {
  it('equals enumeration on random instances with copies of projects', () => {
    fc.assert(
      fc.property(
        arbProblem({ minProjects: 1, maxProjects: 7 }).chain((p) =>
          fc
            .array(fc.integer({ min: 0, max: 2 }), {
              minLength: p.projects.length,
              maxLength: p.projects.length,
            })
            .map((copies) => withCopies(p, copies)),
        ),
        (p) => {
          fc.pre(p.projects.length <= 14);
          const r = solveAllocation(p);
          const { best } = bruteForce(p);
          if (best === -Infinity) {
            expect(r.status).toBe('infeasible');
            return;
          }
          expect(r.status).toBe('optimal');
          expect(r.value).toBe(best);
          expect(isFeasible(buildModel(p), r.selected)).toBe(true);
          expect(r.reasons).toHaveLength(p.projects.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('proves optimality of k copies of m projects in few nodes, which it cannot do without the symmetry handling', () => {
    const p = copiesInstance(20, 5, 1);
    const model = buildModel(p);
    const b = propagate(model, new Uint8Array(100), new Uint8Array(100).fill(1));
    const run = (symmetry: boolean) =>
      branchAndBound(model, b.lo, b.hi, null, {
        deadline: () => false,
        nodeLimit: 5000,
        relGap: 0,
        symmetry,
      });
    const withSym = run(true);
    expect(withSym.status).toBe('optimal');
    expect(withSym.nodes).toBeLessThan(500);
    expect(isFeasible(model, withSym.incumbent!)).toBe(true);
    const without = run(false);
    expect(without.status).toBe('limit');
    expect(without.value).toBeLessThanOrEqual(withSym.value);
    // And the answer through the entry point is the same optimum.
    const r = solveAllocation(p, { reasons: false });
    expect(r.status).toBe('optimal');
    expect(r.value).toBe(withSym.value);
  });
});

describe('sub-MIP heuristics', () => {
  const p = copiesInstance(30, 1, 7, 6);
  const model = buildModel(p);
  const n = model.n;
  const lo = new Uint8Array(n);
  const hi = new Uint8Array(n).fill(1);
  const best = solveAllocation(p, { reasons: false });
  const opt = Uint8Array.from(best.selected, (s) => (s ? 1 : 0));
  const solveSub = (sub: { lo: Uint8Array; hi: Uint8Array } | null, cutoff?: number) => {
    expect(sub).not.toBeNull();
    return branchAndBound(model, sub!.lo, sub!.hi, null, {
      deadline: () => false,
      nodeLimit: 500,
      relGap: 0,
      subMip: false,
      cutoff,
    });
  };

  it('RINS finds the optimum when the LP point agrees with it, improving on a worse incumbent', () => {
    // A worse incumbent: the optimum without its most valuable project (still feasible).
    let top = -1;
    opt.forEach((v, j) => {
      if (v && (top < 0 || p.projects[j]!.value > p.projects[top]!.value)) top = j;
    });
    const worse = Uint8Array.from(opt);
    worse[top] = 0;
    expect(isFeasible(model, worse)).toBe(true);
    const sub = rinsProblem(model, lo, hi, Float64Array.from(opt), worse);
    expect(sub!.free).toBeGreaterThan(0);
    const out = solveSub(sub, valueOf(p, worse));
    expect(out.value).toBe(best.value);
  });

  it('RENS finds the optimum when the LP point rounds to it around a few fractional values', () => {
    const lpX = Float64Array.from(opt);
    for (let j = 0; j < n; j += 4) lpX[j] = 0.5;
    const sub = rensProblem(model, lo, hi, lpX);
    expect(sub!.free).toBeGreaterThan(0);
    expect(sub!.free).toBeLessThanOrEqual(Math.ceil(n / 4));
    const out = solveSub(sub);
    expect(out.value).toBe(best.value);
    // With the optimum as the cutoff there is nothing better to find.
    expect(solveSub(sub, best.value).incumbent).toBeNull();
  });
});

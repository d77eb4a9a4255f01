import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/core/allocation';
import { greedy, improve, ratioOrder, usageWeights } from '../../src/core/allocation/heuristics';
import { SelectionState } from '../../src/core/allocation/selection';
import { arbProblem } from './allocation-fixtures';

/** A problem, a starting selection and, per project, a move to try. */
const arbCase = arbProblem({ minProjects: 2, maxProjects: 12, fractional: true }).chain((p) =>
  fc.record({
    p: fc.constant(p),
    start: fc.array(fc.boolean(), {
      minLength: p.projects.length,
      maxLength: p.projects.length,
    }),
    adds: fc.array(fc.integer({ min: 0, max: p.projects.length - 1 }), {
      minLength: 1,
      maxLength: 6,
    }),
  }),
);

function stateOf(p: Parameters<typeof buildModel>[0]): SelectionState {
  const model = buildModel(p);
  const lo = Uint8Array.from(p.projects, (c) => (c.force === 'in' ? 1 : 0));
  const hi = Uint8Array.from(p.projects, (c) => (c.force === 'out' ? 0 : 1));
  return new SelectionState(model, lo, hi);
}

describe('SelectionState swaps (the local search)', () => {
  it('fitsSwap(r) answers exactly fits(c, r), and a failed single-row test means the swap does not fit', () => {
    fc.assert(
      fc.property(arbCase, ({ p, start, adds }) => {
        const state = stateOf(p);
        state.set(start);
        for (const j of adds) {
          if (state.sel[j]) continue;
          const c = state.addClosure(j);
          if (!c) continue;
          const over = state.beginSwap(c);
          for (let k = 0; k < p.projects.length; k++) {
            if (!state.sel[k]) continue;
            const r = state.removeClosure(k);
            if (!r) continue;
            const expected = state.fits(c, r);
            // fits() above must not disturb the swap begun before it.
            expect(state.fitsSwap(r)).toBe(expected);
            for (const i of over)
              if (r.length === 1 && !state.swapRowHoldsWithout(k, i))
                expect(state.fits(c, [k])).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('local search keeps a feasible selection feasible and never lowers its value', () => {
    fc.assert(
      fc.property(arbCase, ({ p }) => {
        const state = stateOf(p);
        const order = ratioOrder(state, usageWeights(state));
        greedy(state, order);
        if (!state.feasible()) return;
        const before = state.value;
        improve(state, order, () => false);
        expect(state.feasible()).toBe(true);
        expect(state.value).toBeGreaterThanOrEqual(before - 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});

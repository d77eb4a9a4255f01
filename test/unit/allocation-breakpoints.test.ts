import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BreakpointHeap } from '../../src/core/allocation/breakpoints';

/** The order a stable sort by key gives (ties keep their index order). */
function sortedOrder(keys: number[]): number[] {
  return keys.map((_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number));
}

describe('BreakpointHeap', () => {
  it('pops the candidates in the order of a stable sort by ratio, ties included', () => {
    fc.assert(
      fc.property(
        // Few distinct values, so that ties are common.
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 10 }),
        (ints, spare) => {
          const keys = ints.map((v) => v / 4);
          const heap = new BreakpointHeap(keys.length + spare);
          // Stale entries past `count` must be ignored.
          const buf = new Float64Array(keys.length + spare).fill(-1);
          buf.set(keys);
          heap.reset(buf, keys.length);
          const popped: number[] = [];
          while (!heap.empty) {
            const top = heap.peekKey();
            const c = heap.pop();
            expect(keys[c]).toBe(top);
            popped.push(c);
          }
          expect(popped).toEqual(sortedOrder(keys));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('can be reset and reused with a new, shorter set of keys', () => {
    const heap = new BreakpointHeap(5);
    heap.reset(Float64Array.from([3, 1, 2, 0, 4]), 5);
    expect(heap.pop()).toBe(3);
    heap.reset(Float64Array.from([2, 2, 1]), 3);
    const out: number[] = [];
    while (!heap.empty) out.push(heap.pop());
    expect(out).toEqual([2, 0, 1]);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../emulator/bundle';
import { findFunction, newRealm, scriptGlobalNames } from '../../emulator/vm-script';

/** A hot loop that reads globals on every pass, as the solver's inner loops do. */
const HOT = `function hot(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.floor(i * 0.5) + Math.max(0, i % 7) + (Number.isFinite(s) ? 1 : 0);
  return s;
}`;

function best(run: () => unknown): number {
  let ms = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    run();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

describe("the emulator's global, as Apps Script's V8 has it", () => {
  it('runs code that reads globals (Math, Number) at V8 speed, not through vm interceptors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-realm-'));
    const file = join(dir, 'Code.js');
    writeFileSync(file, HOT);
    const bundle = loadBundle({}, file);
    // The same function compiled in this (ordinary) realm: the reference.
    const here = new vm.Script(`(${HOT})`).runInThisContext() as (n: number) => number;
    const n = 2_000_000;
    expect(bundle.call('hot', n)).toBe(here(n));
    const ratio = best(() => bundle.call('hot', n)) / best(() => here(n));
    // A default (contextified) vm context made this loop 30 to 180 times slower; same realm
    // kind, same speed, within the noise of a shared machine.
    expect(ratio).toBeLessThan(4);
  });

  it("lists and finds only the script's own functions, never a built-in such as Object", () => {
    const context = newRealm({ SpreadsheetApp: {} });
    vm.runInContext('function onOpen() {} function object_() {} var total = 1;', context);
    expect(scriptGlobalNames(context).sort()).toEqual(
      ['SpreadsheetApp', 'object_', 'onOpen', 'total'].sort(),
    );
    expect(findFunction(context, 'ONOPEN', true)).toBe('onOpen');
    // A custom function =OBJECT() or =MATH() is not the language's own constructor.
    expect(findFunction(context, 'object', true)).toBeUndefined();
    expect(findFunction(context, 'Object', false)).toBeUndefined();
    expect(findFunction(context, 'parseInt', true)).toBeUndefined();
  });
});

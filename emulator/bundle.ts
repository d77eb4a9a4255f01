/**
 * Runs the built dist/Code.js in a fresh node:vm context, as Apps Script does: one global scope,
 * the JavaScript built-ins and the Apps Script services given — no require, process, module,
 * setTimeout or console.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { newRealm, scriptGlobalNames } from './vm-script';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_JS = join(ROOT, 'dist', 'Code.js');

/** A top-level function of Code.js, called as Apps Script calls it. */
export type EntryFunction = (...args: unknown[]) => unknown;

export interface LoadedBundle {
  readonly context: vm.Context;
  /** Calls a top-level function of Code.js by name. */
  call(name: string, ...args: unknown[]): unknown;
  /** The names of Code.js's top-level functions. */
  functionNames(): string[];
  /** Evaluates an expression inside the bundle's realm (e.g. to build a Date of that realm). */
  evaluate(expression: string): unknown;
}

let cached: { source: string; script: vm.Script } | undefined;

/** Compiles Code.js once per content: every test gets a fresh context, not a fresh parse. */
function script(path: string): vm.Script {
  const source = readFileSync(path, 'utf8');
  if (cached?.source !== source)
    cached = { source, script: new vm.Script(source, { filename: 'Code.js' }) };
  return cached.script;
}

/** Loads Code.js into a new context holding only `globals` (the Apps Script services). */
export function loadBundle(
  globals: Record<string, unknown> = {},
  path: string = CODE_JS,
): LoadedBundle {
  const context = newRealm(globals);
  script(path).runInContext(context);
  const fn = (name: string): EntryFunction => {
    const f: unknown = (context as Record<string, unknown>)[name];
    if (typeof f !== 'function') throw new Error(`Code.js has no top-level function ${name}`);
    return f as EntryFunction;
  };
  return {
    context,
    call: (name, ...args) => fn(name)(...args),
    functionNames: () =>
      scriptGlobalNames(context).filter(
        (k) => typeof (context as Record<string, unknown>)[k] === 'function',
      ),
    evaluate: (expression): unknown => vm.runInContext(expression, context) as unknown,
  };
}

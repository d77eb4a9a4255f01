/**
 * Loading Code.js into a fresh node:vm context and calling one of its top-level functions, with a
 * wall-time limit, as one Apps Script execution does. Shared by in-process executions and worker
 * executions (emulator/rpc/worker.ts).
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

/**
 * A fresh global for one execution, holding only the language's own globals plus `globals`.
 *
 * Made with vm.constants.DONT_CONTEXTIFY, so the context's global is an ordinary V8 global object,
 * as in Apps Script's V8. A default vm context ("contextified") routes every global lookup
 * (`Math`, `Float64Array`, `Infinity`, ...) through interceptors on the sandbox object, which made
 * hot loops in the bundle 30 to 180 times slower than in V8, so the emulator's timings measured
 * the emulator rather than the code. Node 20.18 and later have the flag.
 */
export function newRealm(globals: Record<string, unknown> = {}): vm.Context {
  const context = vm.createContext(vm.constants.DONT_CONTEXTIFY) as Record<string, unknown>;
  for (const [name, value] of Object.entries(globals)) context[name] = value;
  return context;
}

/** The names every fresh global already has (Object, Math, ...): never the script's own. */
const BUILT_IN_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(vm.createContext(vm.constants.DONT_CONTEXTIFY)),
);

/** The script's own global names: what its code declared, not the language's built-ins. */
export function scriptGlobalNames(context: vm.Context): string[] {
  return Object.getOwnPropertyNames(context).filter((n) => !BUILT_IN_NAMES.has(n));
}

const scripts = new Map<string, { source: string; script: vm.Script }>();

/** Code.js compiled once per path and content (every execution gets a fresh context). */
export function compiledScript(path: string): vm.Script {
  const source = readFileSync(path, 'utf8');
  const cached = scripts.get(path);
  if (cached?.source === source) return cached.script;
  const script = new vm.Script(source, { filename: 'Code.js' });
  scripts.set(path, { source, script });
  return script;
}

/** Thrown when the vm's watchdog stops a script that ran past its real-time budget. */
export function isVmTimeout(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
  );
}

/** Real milliseconds for vm's `timeout` option: at least 1, whole. */
function budget(realMs: number): number {
  return Math.max(1, Math.ceil(realMs));
}

/** Runs Code.js's global code in `context` (the bundle must touch no service while loading). */
export function loadInto(context: vm.Context, path: string, realMs: number): void {
  compiledScript(path).runInContext(context, { timeout: budget(realMs) });
}

/**
 * Finds a top-level function: exactly, or (custom functions: "capitalization doesn't matter")
 * ignoring case. Names ending in "_" are private and never found.
 */
export function findFunction(
  context: vm.Context,
  name: string,
  ignoreCase = false,
): string | undefined {
  if (name.endsWith('_')) return undefined;
  const has = (n: string): boolean =>
    typeof (context as Record<string, unknown>)[n] === 'function' &&
    !n.endsWith('_') &&
    !BUILT_IN_NAMES.has(n);
  if (has(name)) return name;
  if (!ignoreCase) return undefined;
  const lower = name.toLowerCase();
  return scriptGlobalNames(context).find((n) => n.toLowerCase() === lower && has(n));
}

const ENTRY = '__emulatorEntry__';

/** Calls `fn(...args)` inside the context under the vm watchdog. */
export function callInContext(
  context: vm.Context,
  fn: string,
  args: readonly unknown[],
  realMs: number,
): unknown {
  const g = context as Record<string, unknown>;
  Object.defineProperty(g, ENTRY, { value: { fn, args }, configurable: true, writable: true });
  try {
    return vm.runInContext(
      `(function (e) { return globalThis[e.fn].apply(undefined, e.args); })(${ENTRY})`,
      context,
      { timeout: budget(realMs) },
    ) as unknown;
  } finally {
    Reflect.deleteProperty(g, ENTRY);
  }
}

/**
 * Makes the script's clock the emulator's: `new Date()` and `Date.now()` inside the context read
 * `now()` (so tests can move an execution to another day with clock.advance); every other use of
 * Date is the real one. Apps Script's own Date is the server's real time.
 */
export function installClock(context: vm.Context, now: () => number): void {
  const install = vm.runInContext(
    `(function (now) {
      const RealDate = Date;
      function EmulatedDate(...args) {
        if (!new.target) return new RealDate(now()).toString();
        return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
      }
      EmulatedDate.prototype = RealDate.prototype;
      EmulatedDate.now = () => now();
      EmulatedDate.parse = RealDate.parse;
      EmulatedDate.UTC = RealDate.UTC;
      globalThis.Date = EmulatedDate;
    })`,
    context,
  ) as (now: () => number) => void;
  install(now);
}

/**
 * The boundary between the script's realm (a node:vm context) and the emulator's service objects
 * in an in-process execution. Every service object the script reaches is seen through a proxy
 * that
 *  - rethrows a service's error as an `Error` of the script's realm, so `e instanceof Error` holds
 *    in the script as it does in Apps Script;
 *  - hands the real object back when the script passes it to another service
 *    (`ui.showSidebar(html)`, `rule.setRanges([range])`);
 *  - wraps service objects the script gets back (also inside returned arrays: `getSheets()`).
 * Values (strings, numbers, Dates, arrays of values, plain objects) pass through unchanged.
 * Counting is not done here: the objects are already `instrument`ed.
 */
import { isBlocking } from './services/execution';

/** A realm-agnostic "plain data" test: arrays, Dates, and objects whose prototype is an Object.prototype. */
export function isServiceObject(v: unknown): v is object {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const tag = Object.prototype.toString.call(v);
  if (tag === '[object Date]' || tag === '[object RegExp]') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto === null) return false;
  return Object.getPrototypeOf(proto) !== null;
}

export type ErrorFactory = (message: string, name: string) => Error;

/** Message and name of anything thrown. */
export function describeError(e: unknown): { message: string; name: string } {
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const { message, name } = e as { message: unknown; name?: unknown };
    return { message: String(message), name: typeof name === 'string' ? name : 'Error' };
  }
  return { message: String(e), name: 'Error' };
}

export class Membrane {
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(private readonly makeError: ErrorFactory) {}

  /** The script's view of a service object (the same proxy each time). */
  wrap<T>(value: T): T {
    if (!isServiceObject(value)) return value;
    const known = this.proxies.get(value);
    if (known) return known as T;
    if (this.targets.has(value)) return value;
    const proxy = new Proxy(value, this.handler());
    this.proxies.set(value, proxy);
    this.targets.set(proxy, value);
    return proxy as T;
  }

  /** The real object behind a proxy the script passes back (one array level deep too). */
  unwrap(value: unknown): unknown {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((v: unknown, i) => {
        const u = typeof v === 'object' && v !== null ? this.targets.get(v) : undefined;
        if (u !== undefined) (copy ??= [...(value as unknown[])])[i] = u;
      });
      return copy ?? value;
    }
    if (typeof value === 'object' && value !== null) return this.targets.get(value) ?? value;
    return value;
  }

  private result(value: unknown): unknown {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((v: unknown, i) => {
        if (isServiceObject(v)) (copy ??= [...(value as unknown[])])[i] = this.wrap(v);
      });
      return copy ?? value;
    }
    return this.wrap(value);
  }

  private rethrow(e: unknown): never {
    const { message, name } = describeError(e);
    throw this.makeError(message, name);
  }

  private handler(): ProxyHandler<object> {
    return {
      get: (t, prop) => {
        const value: unknown = Reflect.get(t, prop);
        if (typeof value !== 'function') return typeof prop === 'symbol' ? value : this.wrap(value);
        if (typeof prop === 'symbol') return value;
        const fn = value as (...a: unknown[]) => unknown;
        return (...args: unknown[]): unknown => {
          let r: unknown;
          try {
            r = fn.apply(
              t,
              args.map((a) => this.unwrap(a)),
            );
          } catch (e) {
            this.rethrow(e);
          }
          if (isBlocking(r)) {
            // Only worker executions may block; a main-thread service never returns a promise.
            this.rethrow(new Error(`Emulator: ${prop} tried to wait on the main thread.`));
          }
          return this.result(r);
        };
      },
      set: (t, prop, v) => Reflect.set(t, prop, this.unwrap(v)),
    };
  }
}

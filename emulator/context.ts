/**
 * What every emulated service shares during one execution (a menu click, a custom-function call,
 * a google.script.run call): who runs it, in which authorization mode, and the call counter.
 */

export interface SimulatedUser {
  /** What Session.getActiveUser().getEmail() returns ('' when policy hides it). */
  readonly email: string;
  readonly locale: string;
}

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/** Counts every service call, keyed "Service.method" (e.g. "Range.getValues"). */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  count(service: string, method: string): void {
    const key = `${service}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Calls of one "Service.method", or of all methods of a service when given only "Service". */
  get(key: string): number {
    if (key.includes('.')) return this.counts.get(key) ?? 0;
    let n = 0;
    for (const [k, v] of this.counts) if (k.startsWith(`${key}.`)) n += v;
    return n;
  }

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}

/** Reads the service name of an instrumented object: `(obj as any)[SERVICE_NAME]` → "Range". */
export const SERVICE_NAME: unique symbol = Symbol.for('portfolio-pilot.emulator.serviceName');

/** The "<name>" an object was instrumented with, or undefined for a plain object. */
export function serviceNameOf(obj: unknown): string | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const name: unknown = (obj as Record<symbol, unknown>)[SERVICE_NAME];
  return typeof name === 'string' ? name : undefined;
}

/**
 * Wraps a service object so every method call is counted as "<name>.<method>". A method that
 * returns its own object (a chained builder or setter: `range.setValue(1).setNote('x')`) returns
 * the wrapper, so the chained calls are counted too. A method the emulator does not implement
 * throws a clear error rather than returning undefined. `obj[SERVICE_NAME]` gives the name.
 */
export function instrument<T extends object>(target: T, name: string, calls: CallCounter): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (prop === SERVICE_NAME) return name;
      const value: unknown = Reflect.get(t, prop, receiver);
      if (typeof prop === 'symbol' || typeof value !== 'function' || prop === 'constructor') {
        if (
          value === undefined &&
          typeof prop === 'string' &&
          !(prop in t) &&
          /^[a-z]/.test(prop) &&
          prop !== 'then' &&
          prop !== 'toJSON'
        ) {
          return () => {
            throw new Error(`Emulator: ${name}.${prop} is not implemented`);
          };
        }
        return value;
      }
      return (...args: unknown[]): unknown => {
        calls.count(name, prop);
        const result = (value as (...a: unknown[]) => unknown).apply(t, args);
        return result === t ? receiver : result;
      };
    },
  });
}

/**
 * One execution's view of the emulated Apps Script world, passed to every service factory.
 * The services emulator (emulator/services, emulator/runtime.ts) creates it; the spreadsheet
 * emulator (emulator/spreadsheet) reads it.
 */
export interface ExecutionContext {
  readonly user: SimulatedUser;
  readonly authMode: AuthModeName;
  readonly calls: CallCounter;
  /** What SpreadsheetApp.getUi() returns in this execution (throws where no UI is allowed). */
  ui(): GoogleAppsScript.Base.Ui;
}

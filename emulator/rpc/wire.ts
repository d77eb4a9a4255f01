/**
 * What crosses between a worker execution and the main thread. Values go by structured clone
 * (strings, numbers, booleans, null, undefined, Dates, arrays, plain objects); service objects
 * become handles, and an HtmlOutput built in the worker travels as its snapshot.
 *
 *   worker → main  { t: 'start' }                        the worker is up: the clock starts
 *                  { t: 'call', target, method, args }   a service method call
 *                  { t: 'get', target, prop }            an enum property (ButtonSet, AuthMode…)
 *                  { t: 'done', ok, value | error, counts }
 *   main → worker  Reply, on the execution's MessagePort, then Atomics.notify on the signal.
 */
import type { MessagePort } from 'node:worker_threads';
import type { HtmlSnapshot } from '../services/html';

/** The key marking an encoded handle, reference or HTML snapshot inside a value. */
export const MARK = '__portfolioPilotWire__';

export interface HandleWire {
  readonly [MARK]: 'handle';
  readonly id: number;
  /** The service name ("Range"), for toString() and errors. */
  readonly name: string;
}
export interface RefWire {
  readonly [MARK]: 'ref';
  readonly id: number;
}
export interface HtmlWire {
  readonly [MARK]: 'html';
  readonly snapshot: HtmlSnapshot;
}

export interface WireError {
  readonly message: string;
  readonly name: string;
}

export type Reply =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: WireError };

export type WorkerMessage =
  | {
      readonly t: 'call';
      readonly target: number;
      readonly method: string;
      readonly args: readonly unknown[];
    }
  | { readonly t: 'get'; readonly target: number; readonly prop: string }
  /** The worker is up and loads Code.js: the execution's time starts now. */
  | { readonly t: 'start' }
  | {
      readonly t: 'done';
      readonly ok: boolean;
      readonly value?: unknown;
      readonly error?: WireError;
      /** Calls counted in the worker (HtmlService and its objects). */
      readonly counts: Record<string, number>;
    };

export interface WorkerInit {
  readonly codePath: string;
  readonly htmlDir: string;
  readonly fn: string;
  readonly args: readonly unknown[];
  readonly ignoreCase: boolean;
  readonly authMode: string;
  /** Real ms before the vm watchdog stops the script. */
  readonly realBudget: number;
  /** The globals built on the main thread, by name → handle id. */
  readonly roots: readonly { readonly name: string; readonly id: number }[];
  /** Int32 [0]: 0 while the worker waits for a reply, 1 when the reply is on the port. */
  readonly signal: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** A realm-agnostic plain object: its prototype is some realm's Object.prototype, or null. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  if (Object.prototype.toString.call(v) !== '[object Object]') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

export function isMarked(v: unknown): v is { [MARK]: string } {
  return isPlainObject(v) && typeof v[MARK] === 'string';
}

/**
 * Rebuilds `value` with `leaf` applied to every value that is not an array or plain object
 * (and to marked objects); arrays and plain objects are copied only where something changed.
 */
export function mapValue(value: unknown, leaf: (v: unknown) => unknown, depth = 0): unknown {
  if (depth > 64) throw new Error('Emulator: a value nested more than 64 levels cannot be passed.');
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    const arr = value as unknown[];
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (typeof v !== 'object' || v === null) {
        if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') {
          (copy ??= arr.slice())[i] = leaf(v);
        }
        continue;
      }
      const m = mapValue(v, leaf, depth + 1);
      if (m !== v) (copy ??= arr.slice())[i] = m;
    }
    return copy ?? value;
  }
  if (isPlainObject(value) && !isMarked(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const k of Object.keys(value)) {
      const v = value[k];
      const m = typeof v === 'object' && v !== null ? mapValue(v, leaf, depth + 1) : leaf(v);
      if (m !== v) (copy ??= { ...value })[k] = m;
    }
    return copy ?? value;
  }
  return leaf(value);
}

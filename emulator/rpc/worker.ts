/**
 * The worker side of a concurrent execution: a node:vm context holding Code.js, whose service
 * globals are proxies that forward every call synchronously to the main thread (post the call,
 * Atomics.wait, read the reply with receiveMessageOnPort). Only HtmlService runs here, because
 * its templates run in the script's realm. Bundled by esbuild and started by ./host.ts.
 */
import vm from 'node:vm';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { CallCounter } from '../context';
import { HTML_SNAPSHOT, createHtmlService, isHtmlOutput } from '../services/html';
import type { AuthModeName } from '../context';
import { SCRIPT_FUNCTION_NOT_FOUND, toText } from '../services/messages';
import { callInContext, findFunction, isVmTimeout, loadInto, newRealm } from '../vm-script';
import {
  MARK,
  isMarked,
  mapValue,
  type HandleWire,
  type Reply,
  type WireError,
  type WorkerInit,
  type WorkerMessage,
} from './wire';

const init = workerData as WorkerInit;
const port = init.port;
const signal = new Int32Array(init.signal);
const parent = parentPort;
if (!parent) throw new Error('emulator/rpc/worker.ts must run in a worker thread');

function post(message: WorkerMessage): void {
  parent?.postMessage(message);
}

const context = newRealm();
const RealmError = vm.runInContext('Error', context) as ErrorConstructor;

function realmError(e: WireError): Error {
  const err = new RealmError(e.message);
  if (e.name !== 'Error') err.name = e.name;
  return err;
}

/** Sends one request and blocks until the main thread replies. */
function request(message: WorkerMessage): unknown {
  Atomics.store(signal, 0, 0);
  post(message);
  for (;;) {
    Atomics.wait(signal, 0, 0, 1000);
    const received = receiveMessageOnPort(port);
    if (received) {
      const reply = received.message as Reply;
      if (!reply.ok) throw realmError(reply.error);
      return decode(reply.value);
    }
  }
}

const handles = new Map<number, object>();
const handleIds = new WeakMap<object, number>();

/** The worker's stand-in for a main-thread service object. */
function handleProxy(wire: HandleWire): object {
  const known = handles.get(wire.id);
  if (known) return known;
  const methods = new Map<string, (...args: unknown[]) => unknown>();
  const values = new Map<string, unknown>();
  const proxy = new Proxy(
    {},
    {
      get(_t, prop) {
        if (typeof prop === 'symbol') return prop === Symbol.toStringTag ? wire.name : undefined;
        if (prop === 'then' || prop === 'toJSON' || prop === 'constructor') return undefined;
        if (prop === 'toString') return () => wire.name;
        if (/^[A-Z]/.test(prop)) {
          // Enums (ButtonSet, AuthMode, …): read once from the main thread.
          if (!values.has(prop)) values.set(prop, request({ t: 'get', target: wire.id, prop }));
          return values.get(prop);
        }
        let m = methods.get(prop);
        if (!m) {
          m = (...args: unknown[]) =>
            request({ t: 'call', target: wire.id, method: prop, args: encode(args) as unknown[] });
          methods.set(prop, m);
        }
        return m;
      },
    },
  );
  handles.set(wire.id, proxy);
  handleIds.set(proxy, wire.id);
  return proxy;
}

function decode(value: unknown): unknown {
  return mapValue(value, (v) => {
    if (isMarked(v) && v[MARK] === 'handle') return handleProxy(v as unknown as HandleWire);
    return v;
  });
}

function encode(value: unknown): unknown {
  return mapValue(value, (v) => {
    if (typeof v === 'object' && v !== null) {
      const id = handleIds.get(v);
      if (id !== undefined) return { [MARK]: 'ref', id };
      if (isHtmlOutput(v)) return { [MARK]: 'html', snapshot: v[HTML_SNAPSHOT]() };
    }
    if (typeof v === 'function') return undefined;
    return v;
  });
}

/** A function's result as it leaves the execution (handles print as their names). */
function encodeResult(value: unknown): unknown {
  return mapValue(value, (v) => {
    if (typeof v === 'object' && v !== null && handleIds.has(v)) return `[${toText(v)}]`;
    if (typeof v === 'function') return undefined;
    return v;
  });
}

const local = new CallCounter();
const g = context as Record<string, unknown>;
for (const root of init.roots) g[root.name] = handleProxy({ [MARK]: 'handle', ...root });
g.HtmlService = createHtmlService({
  calls: local,
  authMode: init.authMode as AuthModeName,
  htmlDir: init.htmlDir,
  compile: (source) => vm.runInContext(source, context) as unknown,
});

function finish(ok: boolean, value: unknown, error?: WireError): void {
  try {
    post({ t: 'done', ok, value, error, counts: local.snapshot() });
  } catch {
    // A result structured clone cannot copy (an object with methods): send its text.
    post({ t: 'done', ok, value: String(value), error, counts: local.snapshot() });
  }
}

try {
  post({ t: 'start' });
  const started = performance.now();
  loadInto(context, init.codePath, init.realBudget);
  const fn = findFunction(context, init.fn, init.ignoreCase);
  if (fn === undefined) throw new RealmError(SCRIPT_FUNCTION_NOT_FOUND(init.fn));
  const value = callInContext(
    context,
    fn,
    init.args,
    init.realBudget - (performance.now() - started),
  );
  finish(true, encodeResult(value));
} catch (e) {
  const timeout = isVmTimeout(e);
  const err = e as { message?: unknown; name?: unknown };
  finish(false, undefined, {
    message: timeout ? '' : String(err.message ?? e),
    name: timeout ? 'Timeout' : typeof err.name === 'string' ? err.name : 'Error',
  });
}

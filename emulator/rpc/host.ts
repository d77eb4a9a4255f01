/**
 * The main-thread side of a worker execution. The main thread owns the single world; each
 * concurrent execution runs Code.js in its own worker thread, whose service globals forward
 * every call here. Calls are served one at a time in arrival order, so two executions' reads and
 * writes interleave call by call as two Apps Script executions' do. A call that must wait
 * (`waitLock`, `tryLock(ms)`, `Utilities.sleep`) leaves its worker blocked until the wait ends,
 * while other executions go on.
 */
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { serviceNameOf } from '../context';
import { describeError, isServiceObject } from '../membrane';
import { outcomeError, type Invocation, type Outcome } from '../run-local';
import { isBlocking } from '../services/execution';
import { HtmlOutput, type HtmlSnapshot } from '../services/html';
import type { World } from '../world';
import type { Scheduler } from './schedule';
import {
  MARK,
  isMarked,
  mapValue,
  type HandleWire,
  type Reply,
  type WorkerInit,
  type WorkerMessage,
} from './wire';

let workerSource: string | undefined;

/** emulator/rpc/worker.ts bundled to one CommonJS script (built once per process). */
function source(): string {
  if (workerSource === undefined) {
    const entry = fileURLToPath(new URL('./worker.ts', import.meta.url));
    const out = buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    workerSource = out.outputFiles[0]?.text ?? '';
  }
  return workerSource;
}

/** Real milliseconds a worker gets past its limit to stop by itself before it is terminated. */
const GRACE_MS = 2000;

function nameOf(target: object): string {
  const name = serviceNameOf(target);
  if (name) return name;
  const ctor = (Object.getPrototypeOf(target) as { constructor?: { name?: string } } | null)
    ?.constructor?.name;
  return ctor ?? 'Object';
}

export interface WorkerRun extends Invocation {
  /** The execution's name for pauses (unique within one `concurrently`). */
  readonly name: string;
}

export function runInWorker(world: World, run: WorkerRun, scheduler?: Scheduler): Promise<Outcome> {
  const exec = world.begin({ ...run, canBlock: true });
  scheduler?.start(run.name);
  const handles = new Map<number, object>();
  const ids = new Map<object, number>();
  const handleOf = (obj: object): HandleWire => {
    let id = ids.get(obj);
    if (id === undefined) {
      id = handles.size + 1;
      handles.set(id, obj);
      ids.set(obj, id);
    }
    return { [MARK]: 'handle', id, name: nameOf(obj) };
  };
  const encode = (v: unknown): unknown =>
    mapValue(v, (x) =>
      isServiceObject(x) ? handleOf(x) : typeof x === 'function' ? undefined : x,
    );
  const htmlDeps = {
    calls: exec.calls,
    authMode: exec.authMode,
    htmlDir: run.htmlDir,
    compile: (): never => {
      throw new Error('Emulator: templates are evaluated in the worker');
    },
  };
  const decode = (v: unknown): unknown =>
    mapValue(v, (x) => {
      if (!isMarked(x)) return x;
      if (x[MARK] === 'html')
        return HtmlOutput.fromSnapshot(
          htmlDeps,
          (x as unknown as { snapshot: HtmlSnapshot }).snapshot,
        );
      const obj = handles.get((x as unknown as { id: number }).id);
      if (!obj) throw new Error('Emulator: a service object from another execution was passed.');
      return obj;
    });

  const roots = Object.entries(world.services(exec)).map(([name, service]) => ({
    name,
    id: handleOf(service).id,
  }));
  const channel = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const init: WorkerInit = {
    codePath: run.codePath,
    htmlDir: run.htmlDir,
    fn: run.fn,
    args: run.args,
    ignoreCase: run.ignoreCase === true,
    authMode: run.authMode,
    realBudget: exec.realBudget(),
    roots,
    signal,
    port: channel.port2,
  };

  return new Promise<Outcome>((resolve) => {
    const worker = new Worker(source(), {
      eval: true,
      workerData: init,
      transferList: [channel.port2],
    });
    let settled = false;
    /** Resolves when the execution is killed at its limit: waits in progress stop waiting. */
    let killed: () => void = () => undefined;
    const dead = new Promise<never>((_, reject) => {
      killed = () => {
        reject(new Error(exec.limitMessage));
      };
    });
    dead.catch(() => undefined);
    /** The reply owed for the call in progress (one at a time per worker). */
    let owed: ((r: Reply) => void) | undefined;

    const send = (r: Reply): void => {
      channel.port1.postMessage(r);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    };

    let killTimer: NodeJS.Timeout | undefined;
    let termTimer: NodeJS.Timeout | undefined;
    const settle = (outcome: Omit<Outcome, 'exec'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      clearTimeout(termTimer);
      world.end(exec);
      scheduler?.finish(run.name);
      void worker.terminate();
      channel.port1.close();
      resolve({ exec, ...outcome });
    };

    const startClock = (): void => {
      exec.restart();
      // At the limit: a call still waiting (a lock, a sleep) fails with the limit message.
      killTimer = setTimeout(
        () => {
          exec.killed = true;
          world.locks.forget(exec.id);
          owed?.({ ok: false, error: { message: exec.limitMessage, name: 'Error' } });
          killed();
        },
        Math.max(0, exec.realBudget()),
      );
      // Past the limit and a grace period: the worker is stopped.
      termTimer = setTimeout(
        () => {
          settle({ ok: false, error: new Error(exec.limitMessage) });
        },
        Math.max(0, exec.realBudget()) + GRACE_MS,
      );
    };

    const serve = async (msg: WorkerMessage): Promise<void> => {
      if (msg.t === 'start') {
        startClock();
        return;
      }
      if (msg.t === 'done') {
        exec.calls.merge(msg.counts);
        if (msg.ok && !exec.overLimit()) settle({ ok: true, value: msg.value });
        else
          settle({
            ok: false,
            error: outcomeError(
              exec,
              msg.error?.name === 'Timeout' ? { code: 'ERR_SCRIPT_EXECUTION_TIMEOUT' } : msg.error,
            ),
          });
        return;
      }
      let replied = false;
      const reply = (r: Reply): void => {
        if (replied || settled) return;
        replied = true;
        owed = undefined;
        send(r);
      };
      owed = reply;
      const target = handles.get(msg.target);
      if (!target) {
        reply({ ok: false, error: { message: 'Emulator: unknown service handle', name: 'Error' } });
        return;
      }
      if (msg.t === 'get') {
        const value: unknown = Reflect.get(target, msg.prop);
        reply({ ok: true, value: typeof value === 'function' ? undefined : encode(value) });
        return;
      }
      const key = `${nameOf(target)}.${msg.method}`;
      let nth = 0;
      try {
        if (scheduler) nth = await Promise.race([scheduler.before(run.name, key), dead]);
        const fn: unknown = Reflect.get(target, msg.method);
        if (typeof fn !== 'function') throw new TypeError(`${key} is not a function`);
        let result: unknown = (fn as (...a: unknown[]) => unknown).apply(
          target,
          decode(msg.args) as unknown[],
        );
        // A wait ends with its result, or when the execution is killed (already answered).
        if (isBlocking(result)) result = await Promise.race([result, dead]);
        reply({ ok: true, value: encode(result) });
      } catch (e) {
        reply({ ok: false, error: describeError(e) });
      } finally {
        scheduler?.after(run.name, key, nth);
      }
    };

    // Messages are served in order: a call waits for the previous one of the same worker.
    let chain = Promise.resolve();
    worker.on('message', (msg: WorkerMessage) => {
      chain = chain
        .then(() => serve(msg))
        .catch((e: unknown) => {
          settle({ ok: false, error: outcomeError(exec, e) });
        });
    });
    // 'error' and 'exit' can arrive in the same tick as the last messages: settle after them.
    worker.on('error', (e) => {
      chain = chain.then(() => {
        settle({ ok: false, error: outcomeError(exec, e) });
      });
    });
    worker.on('exit', () => {
      chain = chain.then(() => {
        settle({
          ok: false,
          error: new Error('Emulator: the execution stopped without a result.'),
        });
      });
    });
  });
}

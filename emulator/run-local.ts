/**
 * An execution on the main thread: a fresh node:vm context, the world's services seen through the
 * Membrane, Code.js loaded, one function called, the time limit enforced (on every service call
 * and by the vm watchdog for pure computation). Fast and synchronous; it cannot wait for another
 * execution (see emulator/rpc for executions that can).
 */
import vm from 'node:vm';
import { Membrane, describeError } from './membrane';
import { createHtmlService } from './services/html';
import { SCRIPT_FUNCTION_NOT_FOUND } from './services/messages';
import {
  callInContext,
  findFunction,
  installClock,
  isVmTimeout,
  loadInto,
  newRealm,
} from './vm-script';
import type { ExecutionRecord, ExecutionSpec, World } from './world';

export interface Invocation extends ExecutionSpec {
  readonly args: readonly unknown[];
  /** Code.js to load. */
  readonly codePath: string;
  /** Where createHtmlOutputFromFile reads. */
  readonly htmlDir: string;
  /** Custom functions: the name's case does not matter. */
  readonly ignoreCase?: boolean;
}

export interface Outcome {
  readonly exec: ExecutionRecord;
  readonly ok: boolean;
  readonly value?: unknown;
  /** The error as the user would see it (message only), in the emulator's realm. */
  readonly error?: Error;
}

/** The error an execution ends with: the limit message once killed, else what it threw. */
export function outcomeError(exec: ExecutionRecord, thrown: unknown): Error {
  if (exec.killed || isVmTimeout(thrown)) return new Error(exec.limitMessage);
  const { message, name } = describeError(thrown);
  const e = new Error(message);
  if (name !== 'Error') e.name = name;
  return e;
}

export function runInProcess(world: World, inv: Invocation): Outcome {
  const exec = world.begin(inv);
  try {
    const context = newRealm();
    installClock(context, () => world.clock.now());
    const RealmError = vm.runInContext('Error', context) as ErrorConstructor;
    const membrane = new Membrane((message, name) => {
      const e = new RealmError(message);
      if (name !== 'Error') e.name = name;
      return e;
    });
    const globals: Record<string, unknown> = {
      ...world.services(exec),
      HtmlService: createHtmlService({
        calls: exec.calls,
        authMode: exec.authMode,
        htmlDir: inv.htmlDir,
        compile: (source) => vm.runInContext(source, context) as unknown,
      }),
    };
    for (const [name, service] of Object.entries(globals))
      (context as Record<string, unknown>)[name] = membrane.wrap(service);
    loadInto(context, inv.codePath, exec.realBudget());
    const fn = findFunction(context, inv.fn, inv.ignoreCase);
    if (fn === undefined) throw new Error(SCRIPT_FUNCTION_NOT_FOUND(inv.fn));
    const value = callInContext(context, fn, inv.args, exec.realBudget());
    if (exec.overLimit()) exec.killed = true;
    if (exec.killed) throw new Error(exec.limitMessage);
    return { exec, ok: true, value };
  } catch (e) {
    if (isVmTimeout(e)) exec.killed = true;
    return { exec, ok: false, error: outcomeError(exec, e) };
  } finally {
    world.end(exec);
  }
}

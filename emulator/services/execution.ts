/**
 * What the services need of one execution beyond the shared ExecutionContext contract: its id
 * (lock ownership), whether it may block (a worker execution can wait for a lock; a main-thread
 * one cannot), and the clock.
 */
import type { Clock } from '../clock';
import type { ExecutionContext } from '../context';

export interface Execution extends ExecutionContext {
  /** Unique per execution in one Emulator. */
  readonly id: number;
  /**
   * True when the execution runs in a worker thread: a service method may then return a Promise
   * and the execution waits for it (a blocked `waitLock`, `Utilities.sleep`). False on the main
   * thread, which must never wait for another execution.
   */
  readonly canBlock: boolean;
  readonly clock: Clock;
  /**
   * The simulated person's email, whatever Session shows (`user.email` is '' where Apps Script
   * hides it: custom functions, simple triggers). Keys the user's properties, cache and lock.
   */
  readonly account: string;
  /** The email of the workbook's owner (user properties in custom functions are the owner's). */
  readonly owner: string;
}

/** A value, or a promise of it when the execution can block (see Execution.canBlock). */
export type MaybeBlocking<T> = T | Promise<T>;

/** True for a Promise/thenable returned by a blocking service method. */
export function isBlocking(v: unknown): v is PromiseLike<unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { then?: unknown }).then === 'function' &&
    Object.prototype.toString.call(v) === '[object Promise]'
  );
}

/** Bytes of a string in UTF-8 (how Apps Script sizes Properties and Cache values). */
export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

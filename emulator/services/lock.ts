/**
 * LockService: the document, script and user locks, owned by executions [R/lock/lock].
 *
 * - `getDocumentLock()` / `getScriptLock()` / `getUserLock()` return a Lock that is not acquired
 *   until `tryLock` / `waitLock`. Every Lock object of one execution for the same lock is the
 *   same ownership: acquiring it twice is a no-op, `hasLock()` is true in either.
 * - `tryLock(ms)` waits up to ms and returns whether it got the lock; `waitLock(ms)` throws
 *   `Lock timeout: another process was holding the lock for too long.` (community text) when it
 *   cannot get it in time; `releaseLock()` is a no-op when not held.
 * - Locks are released when the execution ends, and while a Ui alert/prompt is open (documented:
 *   "LockService locks don't persist across it").
 * - Waiting is real: a waiter blocks (in its worker thread) until the holder releases, first come
 *   first served, or its timeout passes on the emulator's clock. An execution on the main thread
 *   cannot wait for another one; it gets a clear emulator error instead of a deadlock.
 * - Modes: no LockService in NONE.
 */
import { instrument } from '../context';
import type { Execution, MaybeBlocking } from './execution';
import { LOCK_TIMEOUT, NOT_NONE, requireMode } from './messages';

interface Waiter {
  readonly exec: number;
  readonly grant: () => void;
}

/** Who holds which lock, and who waits, for one Emulator. Keys: 'document', 'script', 'user:…'. */
export class LockTable {
  private readonly holders = new Map<string, number>();
  private readonly waiters = new Map<string, Waiter[]>();

  holder(key: string): number | undefined {
    return this.holders.get(key);
  }

  /** Takes the lock if free (or already ours). */
  tryAcquire(key: string, exec: number): boolean {
    const h = this.holders.get(key);
    if (h === exec) return true;
    if (h !== undefined) return false;
    this.holders.set(key, exec);
    return true;
  }

  /**
   * Resolves true when `exec` holds the lock, false when `timeoutMs` (emulated) passes first.
   * `realTimeoutMs` is the same duration on the real clock.
   */
  acquire(key: string, exec: number, realTimeoutMs: number): Promise<boolean> {
    if (this.tryAcquire(key, exec)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const queue = this.waiters.get(key) ?? [];
      this.waiters.set(key, queue);
      const waiter: Waiter = {
        exec,
        grant: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(
        () => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          resolve(false);
        },
        Math.max(0, realTimeoutMs),
      );
      queue.push(waiter);
    });
  }

  release(key: string, exec: number): void {
    if (this.holders.get(key) !== exec) return;
    this.holders.delete(key);
    const next = this.waiters.get(key)?.shift();
    if (next) {
      this.holders.set(key, next.exec);
      next.grant();
    }
  }

  /** Releases every lock `exec` holds (the end of an execution, an alert). */
  releaseAll(exec: number): void {
    for (const [key, h] of [...this.holders]) if (h === exec) this.release(key, exec);
  }

  /** At the end of an execution: drops its waits (a killed waiter) and releases its locks. */
  forget(exec: number): void {
    for (const queue of this.waiters.values())
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.exec === exec) queue.splice(i, 1);
    this.releaseAll(exec);
  }

  /** Keys of the locks `exec` holds. */
  heldBy(exec: number): string[] {
    return [...this.holders].filter(([, h]) => h === exec).map(([k]) => k);
  }
}

function timeoutOf(ms: unknown, method: string): number {
  const n = Number(ms);
  if (ms === undefined || ms === null || !Number.isFinite(n) || n < 0)
    throw new Error(
      `Lock.${method}: timeoutInMillis must be a number of milliseconds ≥ 0, got ${String(ms)}.`,
    );
  return n;
}

/** One lock as an execution sees it. */
export class Lock {
  constructor(
    private readonly exec: Execution,
    private readonly table: LockTable,
    private readonly key: string,
  ) {}

  hasLock(): boolean {
    return this.table.holder(this.key) === this.exec.id;
  }

  releaseLock(): void {
    this.table.release(this.key, this.exec.id);
  }

  tryLock(timeoutInMillis: number): MaybeBlocking<boolean> {
    const ms = timeoutOf(timeoutInMillis, 'tryLock');
    if (this.table.tryAcquire(this.key, this.exec.id)) return true;
    if (ms === 0) return false;
    this.mustBlock('tryLock');
    return this.table.acquire(this.key, this.exec.id, this.exec.clock.toReal(ms));
  }

  waitLock(timeoutInMillis: number): MaybeBlocking<void> {
    const ms = timeoutOf(timeoutInMillis, 'waitLock');
    if (this.table.tryAcquire(this.key, this.exec.id)) return;
    if (ms === 0) throw new Error(LOCK_TIMEOUT);
    this.mustBlock('waitLock');
    return this.table.acquire(this.key, this.exec.id, this.exec.clock.toReal(ms)).then((got) => {
      if (!got) throw new Error(LOCK_TIMEOUT);
    });
  }

  private mustBlock(method: string): void {
    if (!this.exec.canBlock)
      throw new Error(
        `Emulator: Lock.${method} would wait for the ${this.key} lock held by execution ${String(this.table.holder(this.key))}, ` +
          'but this execution runs on the main thread and cannot wait. Run contending executions with emulator.concurrently() or runAsync().',
      );
  }
}

class LockServiceImpl {
  constructor(
    private readonly exec: Execution,
    private readonly table: LockTable,
  ) {}

  private lock(key: string, method: string): Lock {
    requireMode(this.exec.authMode, NOT_NONE, `LockService.${method}`);
    return instrument(new Lock(this.exec, this.table, key), 'Lock', this.exec.calls);
  }

  getDocumentLock(): Lock {
    return this.lock('document', 'getDocumentLock');
  }

  getScriptLock(): Lock {
    return this.lock('script', 'getScriptLock');
  }

  getUserLock(): Lock {
    return this.lock(`user:${this.exec.account}`, 'getUserLock');
  }
}

export function createLockService(
  exec: Execution,
  table: LockTable,
): GoogleAppsScript.Lock.LockService {
  return instrument(
    new LockServiceImpl(exec, table),
    'LockService',
    exec.calls,
  ) as unknown as GoogleAppsScript.Lock.LockService;
}

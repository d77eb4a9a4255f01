/**
 * Deterministic interleaving of concurrent executions. An execution can be paused right before
 * its nth call of a service method ("Properties.setProperty"; '*' counts every call) until another
 * execution reaches a point: starts its nth call of a method (`reached`), completes it (`after`), or ends
 * (`finished`). A pause whose point can no longer happen (the other execution ended without it)
 * fails the paused call with a clear emulator error rather than hanging; so does a pause when
 * every running execution is paused.
 */

/** Where an execution is: `{ exec: 'B', reached: 'Lock.waitLock' }`, `{ exec: 'B', finished: true }`. */
export type Point =
  | { readonly exec: string; readonly reached: string; readonly nth?: number }
  | { readonly exec: string; readonly after: string; readonly nth?: number }
  | { readonly exec: string; readonly finished: true };

/** In `Pause.before` and points: any call ("before its first call": `{ before: '*' }`). */
export const ANY = '*';

export interface Pause {
  /** The execution to pause (its `name`). */
  readonly exec: string;
  /** Pause right before this call, "Service.method" (e.g. "Properties.setProperty"), or '*'. */
  readonly before: string;
  /** Which call of that method (1 = the first, the default). */
  readonly nth?: number;
  /** Resume once this point is reached. */
  readonly until: Point;
}

/** What an `onCall` observer sees before each forwarded call. */
export interface CallEvent {
  readonly exec: string;
  readonly key: string;
  readonly nth: number;
}

interface Waiter {
  readonly point: Point;
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
}

function describe(p: Point): string {
  if ('finished' in p) return `${p.exec} to finish`;
  if ('reached' in p) return `${p.exec} to reach call ${String(p.nth ?? 1)} of ${p.reached}`;
  return `${p.exec} to complete call ${String(p.nth ?? 1)} of ${p.after}`;
}

export class Scheduler {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly reached = new Set<string>();
  private readonly completed = new Set<string>();
  private readonly finishedExecs = new Set<string>();
  private readonly waiters: Waiter[] = [];
  private readonly running = new Set<string>();

  constructor(
    private readonly pauses: readonly Pause[] = [],
    private readonly onCall?: (e: CallEvent) => void | Promise<void>,
  ) {}

  start(exec: string): void {
    this.running.add(exec);
  }

  private satisfied(p: Point): boolean {
    if ('finished' in p) return this.finishedExecs.has(p.exec);
    if ('reached' in p) return this.reached.has(`${p.exec}|${p.reached}|${String(p.nth ?? 1)}`);
    return this.completed.has(`${p.exec}|${p.after}|${String(p.nth ?? 1)}`);
  }

  private wake(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      if (w && this.satisfied(w.point)) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  private static failure(point: Point, why: string): Error {
    return new Error(`Emulator: a paused execution waited for ${describe(point)}, but ${why}.`);
  }

  private fail(w: Waiter, why: string): void {
    const i = this.waiters.indexOf(w);
    if (i >= 0) this.waiters.splice(i, 1);
    w.reject(Scheduler.failure(w.point, why));
  }

  /** Waits for a point. Every waiter is a paused execution (one pause at a time each). */
  private waitFor(point: Point): Promise<void> {
    if (this.satisfied(point)) return Promise.resolve();
    if (this.finishedExecs.has(point.exec))
      return Promise.reject(
        Scheduler.failure(point, `${point.exec} finished without getting there`),
      );
    const wait = new Promise<void>((resolve, reject) => {
      this.waiters.push({ point, resolve, reject });
    });
    this.checkDeadlock();
    return wait;
  }

  /** Before a call: counts it, marks it reached, then honours any pause for it. */
  async before(exec: string, key: string): Promise<number> {
    let byKey = this.counts.get(exec);
    if (!byKey) this.counts.set(exec, (byKey = new Map<string, number>()));
    const nth = (byKey.get(key) ?? 0) + 1;
    const nthAny = (byKey.get(ANY) ?? 0) + 1;
    byKey.set(key, nth);
    byKey.set(ANY, nthAny);
    this.reached.add(`${exec}|${key}|${String(nth)}`);
    this.reached.add(`${exec}|${ANY}|${String(nthAny)}`);
    this.wake();
    for (const p of this.pauses) {
      if (p.exec !== exec) continue;
      const n = p.before === ANY ? nthAny : p.before === key ? nth : 0;
      if (n === (p.nth ?? 1)) await this.waitFor(p.until);
    }
    await this.onCall?.({ exec, key, nth });
    return nth;
  }

  /** After a call completed (or failed). */
  after(exec: string, key: string, nth: number): void {
    this.completed.add(`${exec}|${key}|${String(nth)}`);
    this.wake();
  }

  /** The execution ended: points it never reached will not come. */
  finish(exec: string): void {
    this.running.delete(exec);
    this.finishedExecs.add(exec);
    this.wake();
    for (const w of [...this.waiters])
      if (w.point.exec === exec) this.fail(w, `${exec} finished without getting there`);
    this.checkDeadlock();
  }

  private checkDeadlock(): void {
    if (this.running.size > 0 && this.waiters.length >= this.running.size)
      for (const w of [...this.waiters]) this.fail(w, 'every running execution is paused');
  }
}

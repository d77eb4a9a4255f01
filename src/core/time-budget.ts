/**
 * Time budgets. Apps Script stops a menu action or a google.script.run call after 6 minutes and a
 * custom function after 30 s, whatever it is doing, and its V8 runs this code several times
 * slower than Node. So each execution gets one Deadline when it starts, and everything that can
 * run long (the solver, the Google solver, the frontier, the explanations) is handed a share of
 * it, never a time of its own on top: however the Settings are set, the time-boxed work ends by
 * the deadline, and the work that is not time-boxed (reading, writing) has the rest.
 */

/** The budgets, in milliseconds of the runtime's own clock (Date.now in Apps Script). */
export const TIME_BUDGET = {
  /** Apps Script's limit for a menu action or a google.script.run call. */
  actionLimitMs: 360_000,
  /**
   * What an action's time-boxed work may use, counted from the action's start: half the limit.
   * The other half is the margin for reading and writing the workbook, which are not
   * time-boxed, on a V8 up to several times slower than Node (see docs/limits.md).
   */
  actionMs: 180_000,
  /** Apps Script's limit for one custom function. */
  customFunctionLimitMs: 30_000,
  /**
   * What a custom function's time-boxed work may use, counted from its start: a third of the
   * limit, the rest being the margin for reading its arguments and a slower V8.
   */
  customFunctionMs: 10_000,
} as const;

/** A point in time by which some work must end, on a given clock. */
export class Deadline {
  private constructor(
    /** The clock's time (ms) at which the work must end. */
    readonly at: number,
    readonly now: () => number,
  ) {}

  /** `ms` from now. */
  static in(ms: number, now: () => number = Date.now): Deadline {
    return new Deadline(now() + Math.max(0, ms), now);
  }

  /** `ms` after `start` (e.g. the moment the action began). */
  static after(start: number, ms: number, now: () => number = Date.now): Deadline {
    return new Deadline(start + Math.max(0, ms), now);
  }

  /** Milliseconds left (0 once passed). */
  remainingMs(): number {
    return Math.max(0, this.at - this.now());
  }

  expired(): boolean {
    return this.now() >= this.at;
  }

  /** This deadline, or `ms` from now if that comes first. */
  within(ms: number): Deadline {
    return new Deadline(Math.min(this.at, this.now() + Math.max(0, ms)), this.now);
  }

  /** `fraction` (0–1) of the time left, from now. */
  share(fraction: number): Deadline {
    const f = Math.min(1, Math.max(0, fraction));
    return new Deadline(this.now() + this.remainingMs() * f, this.now);
  }
}

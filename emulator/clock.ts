/**
 * The emulator's clock: emulated time runs `scale` times faster than real time, so a test can
 * cross Apps Script's 30 s and 6 min limits, a cache expiry or a lock timeout in milliseconds.
 *
 *   now() = start + (realElapsed × scale) + advanced
 *
 * `advance(ms)` jumps emulated time forward at once (cache expiry tests); it does not shorten a
 * wait already in progress (a blocked `waitLock` or `Utilities.sleep` keeps its real deadline).
 * A frozen clock moves only by `advance`.
 */
export interface ClockOptions {
  /** Emulated milliseconds per real millisecond (default 1: real time). */
  readonly scale?: number;
  /** The emulated epoch ms at creation (default: the real time). */
  readonly start?: number;
  /** Emulated time moves only by advance() (deterministic tests); waits still take real time. */
  readonly frozen?: boolean;
}

export class Clock {
  readonly scale: number;
  private readonly start: number;
  private readonly realStart = performance.now();
  private advanced = 0;
  private readonly frozen: boolean;

  constructor(options: ClockOptions = {}) {
    const scale = options.scale ?? 1;
    if (!(scale > 0) || !Number.isFinite(scale))
      throw new Error(`Clock: scale must be a positive number, got ${String(scale)}`);
    this.scale = scale;
    this.start = options.start ?? Date.now();
    this.frozen = options.frozen === true;
  }

  /** Emulated epoch milliseconds. */
  now(): number {
    const real = this.frozen ? 0 : performance.now() - this.realStart;
    return this.start + real * this.scale + this.advanced;
  }

  /** Jumps emulated time forward by `ms`. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`Clock.advance: ms must be ≥ 0, got ${String(ms)}`);
    this.advanced += ms;
  }

  /** The real milliseconds an emulated duration takes. */
  toReal(emulatedMs: number): number {
    return emulatedMs / this.scale;
  }

  /** A promise resolved after `emulatedMs` of emulated time (real: emulatedMs / scale). */
  delay(emulatedMs: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, this.toReal(emulatedMs))));
  }
}

/** Blocks the calling thread for `realMs` (Atomics.wait works on Node's main thread too). */
export function blockFor(realMs: number): void {
  if (realMs <= 0) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, realMs);
}

import type { Clock } from "../../local/asl/clock";

interface Timer {
  at: number;
  resolve: () => void;
}

/**
 * A simulated clock for workflow tests.
 * - "jump": `sleepUntil` moves the time forward at once (one execution at a time).
 * - "manual": sleepers wait until the test calls `advanceTo` / `advanceBy`.
 */
export class TestClock implements Clock {
  private time: number;
  private readonly timers: Timer[] = [];

  constructor(
    start: Date | string,
    readonly mode: "jump" | "manual" = "jump",
  ) {
    this.time = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.time);
  }

  sleepUntil(date: Date, signal?: AbortSignal): Promise<void> {
    const at = date.getTime();
    if (this.mode === "jump") {
      this.time = Math.max(this.time, at);
      return Promise.resolve();
    }
    if (at <= this.time || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer: Timer = { at, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        "abort",
        () => {
          const index = this.timers.indexOf(timer);
          if (index >= 0) this.timers.splice(index, 1);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Timers armed and not yet fired or dropped. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Fires, in time order, every timer due by `date`, letting the woken code run in between. */
  async advanceTo(date: Date | string): Promise<void> {
    const target = new Date(date).getTime();
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
    this.time = Math.max(this.time, target);
    await settle();
  }

  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(new Date(this.time + ms));
  }
}

/** Lets pending promise reactions and immediates run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Polls until `check` returns a value (for state reached asynchronously). */
export async function eventually<T>(
  check: () => T | undefined,
  what = "condition",
  attempts = 200,
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

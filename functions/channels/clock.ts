/**
 * Time as a port: AWS runs on the system clock; the local runtime runs a simulated clock
 * (local/sim/clock.ts, which also drives the runtime's simulators) so a month-long campaign takes
 * minutes. Domain code never reads either: it is handed `now`.
 */
export interface Clock {
  now(): Date;
  /**
   * Resolves at `at` (immediately when it has passed). An aborted `signal` ends the sleep at once
   * and the clock drops its timer (the ASL runner cancels timeouts so).
   */
  sleepUntil(at: Date, signal?: AbortSignal): Promise<void>;
}

/** setTimeout's limit (2^31 - 1 ms, about 24.8 days); longer delays overflow to 1 ms in Node. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Wall-clock time, real waiting. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleepUntil(at: Date, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const arm = () => {
        const remaining = at.getTime() - Date.now();
        if (remaining <= 0) {
          signal?.removeEventListener("abort", onAbort);
          return resolve();
        }
        timer = setTimeout(arm, Math.min(remaining, MAX_TIMER_MS));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      arm();
    });
  },
};

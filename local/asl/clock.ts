/**
 * The clock the local Step Functions runtime waits on: Wait states, Retry backoff, and the
 * timeouts/heartbeats of callback (`.waitForTaskToken`) and `.sync` tasks all go through
 * `sleepUntil`, so a simulated clock makes them take no real time.
 *
 * `sleepUntil` must resolve once the clock's time has reached `date` (immediately when it already
 * has). The runtime passes a signal that is aborted when it no longer needs the wake-up (the task
 * finished first, the execution stopped); a clock should then drop the timer and may resolve or
 * reject — the runtime ignores the outcome.
 */
export interface Clock {
  now(): Date;
  sleepUntil(date: Date, signal?: AbortSignal): Promise<void>;
}

/** setTimeout's limit (2^31 - 1 ms, about 24.8 days); longer delays overflow to 1 ms in Node. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Wall-clock time, real waiting. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleepUntil(date: Date, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const arm = () => {
        const remaining = date.getTime() - Date.now();
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

/**
 * A discrete-event clock of actors (local/sim/clock.ts): `run(work)` marks an actor busy while
 * `work` runs, `sleepUntil` means "the calling actor idles until then", and time jumps to the
 * next timer only when no actor is busy.
 */
export interface ActorClock {
  now(): Date;
  sleepUntil(date: Date, signal?: AbortSignal): Promise<void>;
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The runner's view of an actor clock. The runner sleeps on many strands at once (Map
 * iterations, Parallel branches, executions) and arms timeout watchers beside running work, so
 * none of its sleeps may count as "the caller idles": each is wrapped as an actor of its own,
 * which keeps the busy count unchanged. What takes real time is the handlers' work, so register
 * handlers wrapped in `clock.run`, and never await an execution inside `clock.run` (time would
 * stand still until it ends). Waiting for a callback or a child execution then lets time advance
 * to whatever the simulation scheduled.
 */
export function runnerClock(clock: ActorClock): Clock {
  return {
    now: () => clock.now(),
    sleepUntil: (date, signal) => clock.run(() => clock.sleepUntil(date, signal)),
  };
}

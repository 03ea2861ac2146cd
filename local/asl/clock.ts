import type { Clock } from "../../functions/channels/clock";

/**
 * The local Step Functions runtime waits on the handlers' Clock port: Wait states, Retry backoff,
 * and the timeouts/heartbeats of callback and `.sync` tasks all go through `sleepOn` (with a
 * signal aborted when the wake-up is no longer needed), so a simulated clock makes them take no
 * real time.
 */
export { type Clock, MAX_TIMER_MS, systemClock } from "../../functions/channels/clock";

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

/**
 * Sleeps on `clock` until `until`, or until `signal` aborts, whichever comes first (the wake-up on
 * abort does not depend on the clock honouring the signal).
 */
export async function sleepOn(clock: Clock, until: Date, signal: AbortSignal): Promise<void> {
  if (signal.aborted || until.getTime() <= clock.now().getTime()) return;
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => resolve();
    signal.addEventListener("abort", onAbort, { once: true });
    clock
      .sleepUntil(until, signal)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}

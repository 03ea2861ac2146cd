import type { TaskToken } from "./callbacks";
import { type Clock, MAX_TIMER_MS, sleepOn } from "./clock";
import type { AslState } from "./definition";
import { TaskError, timeoutError } from "./task-errors";

/** A Task's TimeoutSeconds, when it has one. */
export function timeoutSecondsOf(state: AslState): number | undefined {
  return typeof state.TimeoutSeconds === "number" ? state.TimeoutSeconds : undefined;
}

/**
 * A Lambda task's TimeoutSeconds, in real time: the handler runs in real time, so its timeout
 * does too.
 */
export async function withRealTimeout<T>(
  work: Promise<T>,
  stateName: string,
  timeoutSeconds: number | undefined,
): Promise<T> {
  if (timeoutSeconds === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        void timeoutError("States.Timeout", `${stateName}: task timed out after ${timeoutSeconds}s`).then(
          reject,
        ),
      Math.min(timeoutSeconds * 1000, MAX_TIMER_MS),
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Never settles: what a watcher becomes once its wait is over. */
const never = (): Promise<never> => new Promise<never>(() => undefined);

/**
 * The waits of callback, `.sync` and integration tasks on the injected clock: TimeoutSeconds and
 * HeartbeatSeconds (restarted by SendTaskHeartbeat) raise the interpreter's own timeout errors.
 */
export class TaskTimeouts {
  constructor(private readonly clock: Clock) {}

  /**
   * Awaits `work`, failing after TimeoutSeconds or a missed HeartbeatSeconds, or when the
   * execution (its `execution` signal) ends.
   */
  async await<T>(
    execution: AbortSignal,
    stateName: string,
    state: AslState,
    work: Promise<T>,
    token?: TaskToken,
  ): Promise<T> {
    const timeoutSeconds = timeoutSecondsOf(state);
    const heartbeatSeconds = typeof state.HeartbeatSeconds === "number" ? state.HeartbeatSeconds : undefined;
    // Aborted when this wait is over (or the execution ends): drops the clock timers it armed.
    const stop = new AbortController();
    const forward = () => stop.abort();
    execution.addEventListener("abort", forward, { once: true });
    const started = this.clock.now().getTime();
    const watchers: Promise<never>[] = [executionEnded(execution, stop.signal)];
    if (timeoutSeconds !== undefined) {
      watchers.push(this.timeout(stateName, started + timeoutSeconds * 1000, timeoutSeconds, stop.signal));
    }
    if (heartbeatSeconds !== undefined) {
      watchers.push(this.heartbeat(stateName, started, heartbeatSeconds, stop.signal, token));
    }
    for (const watcher of watchers) watcher.catch(() => undefined);
    try {
      return await Promise.race([work, ...watchers]);
    } finally {
      execution.removeEventListener("abort", forward);
      stop.abort();
    }
  }

  private async timeout(stateName: string, at: number, seconds: number, stop: AbortSignal): Promise<never> {
    await sleepOn(this.clock, new Date(at), stop);
    if (stop.aborted) return never();
    throw await timeoutError("States.Timeout", `${stateName}: task timed out after ${seconds}s`);
  }

  private async heartbeat(
    stateName: string,
    started: number,
    seconds: number,
    stop: AbortSignal,
    token: TaskToken | undefined,
  ): Promise<never> {
    for (;;) {
      const last = token?.lastHeartbeat ?? started;
      await sleepOn(this.clock, new Date(last + seconds * 1000), stop);
      if (stop.aborted) return never();
      if ((token?.lastHeartbeat ?? started) === last) {
        throw await timeoutError("States.HeartbeatTimeout", `${stateName}: no heartbeat for ${seconds}s`);
      }
    }
  }
}

/** Rejects when the wait stops because the execution ended. */
function executionEnded(execution: AbortSignal, stop: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    stop.addEventListener(
      "abort",
      () => {
        if (execution.aborted) reject(new TaskError("States.Runtime", "execution ended", false, false));
      },
      { once: true },
    );
  });
}

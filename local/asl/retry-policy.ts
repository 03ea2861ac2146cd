import type { AslState } from "./definition";
import { isTimeout, type TaskError } from "./task-errors";

/** A retrier of a Task state's `Retry`, as written. */
interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: "FULL" | "NONE";
}

/** Whether a retrier's ErrorEquals names the error (States.TaskFailed excludes timeouts). */
function matchesErrorEquals(errorEquals: string[], error: Error): boolean {
  return errorEquals.some(
    (name) =>
      name === error.name ||
      name === "States.ALL" ||
      (name === "States.TaskFailed" && !isTimeout(error)) ||
      (name === "States.Timeout" && error.name === "States.HeartbeatTimeout"),
  );
}

/**
 * A Task state's `Retry` over one run of the state: the first retrier naming the error decides,
 * each retrier counts its own attempts, and its backoff grows by BackoffRate up to MaxDelaySeconds
 * (FULL jitter takes a random share of it).
 */
export class RetryPolicy {
  private readonly retriers: Retrier[];
  private readonly attempts: number[];

  constructor(
    state: AslState,
    private readonly random: () => number,
  ) {
    this.retriers = Array.isArray(state.Retry) ? (state.Retry as Retrier[]) : [];
    this.attempts = this.retriers.map(() => 0);
  }

  /** Seconds to wait before the next attempt after `error`, or undefined when it is not retried. */
  delayAfter(error: Error): number | undefined {
    const retryable = (error as Partial<TaskError>).isRetryable ?? true;
    const index = retryable ? this.retriers.findIndex((r) => matchesErrorEquals(r.ErrorEquals, error)) : -1;
    const retrier = this.retriers[index];
    const done = this.attempts[index] ?? 0;
    if (!retrier || done >= (retrier.MaxAttempts ?? 3)) return undefined;
    this.attempts[index] = done + 1;
    let delaySeconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** done;
    if (retrier.MaxDelaySeconds !== undefined) delaySeconds = Math.min(delaySeconds, retrier.MaxDelaySeconds);
    if (retrier.JitterStrategy === "FULL") delaySeconds *= this.random();
    return delaySeconds;
  }
}

import { type Clock, sleepOn } from "./clock";
import type { AslState, Json } from "./definition";
import type { ExecutionRecord } from "./execution";
import { toJson } from "./json";
import { RFC3339, readReferencePath } from "./paths";
import { configurationError, executionEndedError } from "./task-errors";

/**
 * Runs the Wait states of executions on the injected clock (the interpreter would compare with
 * the wall clock and sleep in real time): Seconds, SecondsPath, Timestamp or TimestampPath.
 */
export class WaitStates {
  constructor(private readonly clock: Clock) {}

  async run(execution: ExecutionRecord, stateName: string, input: unknown): Promise<Json> {
    if (execution.status !== "RUNNING") throw executionEndedError(execution.status);
    const state = execution.machine.wait(stateName);
    const read = (path: string) => {
      const value = readReferencePath(path, input, execution.trueContext());
      if (value === undefined)
        throw configurationError(`${stateName}: path ${path} does not point to a value`);
      return value;
    };
    const until = wakeUpTime(stateName, state, read, this.clock.now());
    execution.counters.countWait();
    await sleepOn(this.clock, until, execution.signal);
    return toJson(input);
  }
}

function wakeUpTime(stateName: string, state: AslState, read: (path: string) => unknown, now: Date): Date {
  if (typeof state.Seconds === "number") return new Date(now.getTime() + state.Seconds * 1000);
  if (typeof state.SecondsPath === "string") {
    const seconds = read(state.SecondsPath);
    if (!Number.isInteger(seconds) || (seconds as number) < 0) {
      throw configurationError(
        `${stateName}: SecondsPath ${state.SecondsPath} is ${JSON.stringify(seconds)}, not an integer >= 0`,
      );
    }
    return new Date(now.getTime() + (seconds as number) * 1000);
  }
  const timestamp = typeof state.Timestamp === "string" ? state.Timestamp : read(String(state.TimestampPath));
  if (typeof timestamp !== "string" || !RFC3339.test(timestamp)) {
    throw configurationError(`${stateName}: ${JSON.stringify(timestamp)} is not an RFC 3339 timestamp`);
  }
  return new Date(timestamp);
}

import { ExecutionError, StateMachine, type StateMachineDefinition } from "aws-local-stepfunctions";

/**
 * Errors the runner throws into the interpreter, which reads their `name`, `message`,
 * `isRetryable` and `isCatchable`.
 */
export class TaskError extends Error {
  constructor(
    name: string,
    message: string,
    readonly retryable = true,
    readonly catchable = true,
  ) {
    super(message);
    this.name = name;
  }
  get isRetryable(): boolean {
    return this.retryable;
  }
  get isCatchable(): boolean {
    return this.catchable;
  }
}

/** A failure of the local setup (unknown function...): never retried nor caught, so it shows. */
export function configurationError(message: string): TaskError {
  return new TaskError("States.Runtime", message, false, false);
}

/** What a state of an execution that already ended meets (never retried nor caught). */
export function executionEndedError(status: string): TaskError {
  return new TaskError("States.Runtime", `execution ${status}`, false, false);
}

/** Lambda's error shape: errorType is the error's name; Step Functions puts the JSON in Cause. */
export function lambdaFailure(error: unknown): Error {
  if (error instanceof TaskError) return error;
  const errorType = error instanceof Error ? error.name || "Error" : "Error";
  const errorMessage = error instanceof Error ? error.message : String(error);
  const trace = error instanceof Error && error.stack ? error.stack.split("\n") : [];
  return new TaskError(errorType, JSON.stringify({ errorType, errorMessage, trace }));
}

type TimeoutErrorClass = new () => Error;
let timeoutErrorClass: Promise<TimeoutErrorClass | undefined> | undefined;

/**
 * The interpreter's own States.Timeout class (not exported): its Catch matching of
 * "States.TaskFailed" excludes timeouts with `instanceof`, so timeouts the runner raises must be
 * instances of it. Obtained once by timing out a probe Task (with real timers: call it early).
 */
export function interpreterTimeoutClass(): Promise<TimeoutErrorClass | undefined> {
  timeoutErrorClass ??= (async () => {
    const probe = new StateMachine(
      {
        StartAt: "Probe",
        States: { Probe: { Type: "Task", Resource: "probe", TimeoutSeconds: 0.001, End: true } },
      } as unknown as StateMachineDefinition,
      { validationOptions: { noValidate: true } },
    );
    const slow = () => new Promise<null>((resolve) => setTimeout(() => resolve(null), 25));
    try {
      await probe.run(null, { overrides: { taskResourceLocalHandlers: { Probe: slow } } }).result;
    } catch (error) {
      const cause = error instanceof ExecutionError ? error.cause : undefined;
      if (cause instanceof Error && cause.name === "States.Timeout")
        return cause.constructor as TimeoutErrorClass;
    }
    return undefined;
  })();
  return timeoutErrorClass;
}

export async function timeoutError(
  name: "States.Timeout" | "States.HeartbeatTimeout",
  message: string,
): Promise<Error> {
  const TimeoutClass = await interpreterTimeoutClass();
  if (!TimeoutClass) return new TaskError(name, message);
  const error = new TimeoutClass();
  error.name = name;
  error.message = message;
  return error;
}

export function isTimeout(error: Error): boolean {
  return error.name === "States.Timeout" || error.name === "States.HeartbeatTimeout";
}

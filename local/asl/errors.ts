import type { ExecutionDescription } from "./execution-description";

/** The errors the local Step Functions API throws to its callers (not into the interpreter). */

export type StepFunctionsErrorName =
  | "ExecutionAlreadyExists"
  | "ExecutionDoesNotExist"
  | "StateMachineAlreadyExists"
  | "StateMachineDoesNotExist"
  | "InvalidDefinition"
  | "InvalidName"
  | "InvalidOutput"
  | "TaskDoesNotExist"
  | "TaskTimedOut";

/** The errors the Step Functions API would return, by the same names as the SDK's exceptions. */
export class StepFunctionsError extends Error {
  constructor(
    override readonly name: StepFunctionsErrorName,
    message: string,
  ) {
    super(message);
  }
}

/** Rejection of `LocalExecution.result()` when the execution did not succeed. */
export class ExecutionFailedError extends Error {
  override readonly name = "ExecutionFailedError";
  constructor(readonly description: ExecutionDescription) {
    super(
      `execution ${description.name} of ${description.stateMachineName} ${description.status}: ` +
        `${description.error ?? "(no error)"}: ${description.cause ?? "(no cause)"}`,
    );
  }
}

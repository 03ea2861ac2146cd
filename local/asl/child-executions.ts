import type { TaskTokens } from "./callbacks";
import type { Json } from "./definition";
import { StepFunctionsError } from "./errors";
import type { ExecutionRecord } from "./execution";
import type { ExecutionDescription } from "./execution-description";
import { configurationError, TaskError } from "./task-errors";
import type { ChildExecutionMode } from "./task-resources";
import type { ChildExecutionTasks, TaskAttempt } from "./task-routing";
import type { TaskTimeouts } from "./task-timeouts";

/** StartExecution with its API semantics (names, ExecutionAlreadyExists), giving the record. */
export type StartExecution = (
  stateMachine: string,
  name: string | undefined,
  input: unknown,
) => ExecutionRecord;

/**
 * `states:startExecution` tasks: the child runs as an execution of its own. Without a suffix the
 * task ends at once; `.sync` / `.sync:2` await the child's end (and stop it if the parent ends
 * first); `.waitForTaskToken` awaits the token the child is given.
 */
export class ChildExecutions implements ChildExecutionTasks {
  constructor(
    private readonly tokens: TaskTokens,
    private readonly timeouts: TaskTimeouts,
    private readonly startExecution: StartExecution,
  ) {}

  async start(task: TaskAttempt, mode: ChildExecutionMode, params: Record<string, unknown>): Promise<Json> {
    task.execution.counters.addHistory(mode === "async" ? 3 : 4);
    task.execution.counters.countChildExecution();
    const child = this.startChild(task.stateName, params);
    if (mode === "async") return { ExecutionArn: child.arn, StartDate: child.startDate.getTime() };
    if (mode === "callback") return this.awaitToken(task);
    return this.awaitEnd(task, child, mode);
  }

  private startChild(stateName: string, params: Record<string, unknown>): ExecutionRecord {
    const target = params.StateMachineArn;
    if (typeof target !== "string")
      throw configurationError(`${stateName}: startExecution needs StateMachineArn`);
    let input: unknown = params.Input ?? {};
    if (typeof input === "string") {
      try {
        input = JSON.parse(input);
      } catch {
        throw new TaskError(
          "StepFunctions.InvalidExecutionInputException",
          `${stateName}: Input is not JSON text`,
        );
      }
    }
    const name = typeof params.Name === "string" ? params.Name : undefined;
    try {
      return this.startExecution(target, name, input);
    } catch (error) {
      if (error instanceof StepFunctionsError) {
        throw new TaskError(`StepFunctions.${error.name}Exception`, error.message);
      }
      throw error;
    }
  }

  private async awaitToken(task: TaskAttempt): Promise<Json> {
    const { execution: parent, stateName, state } = task;
    const entry = this.tokens.claim(task.token, parent.arn, stateName);
    parent.counters.countCallback();
    try {
      return await this.timeouts.await(parent.signal, stateName, state, entry.settled.promise, entry);
    } finally {
      this.tokens.close(entry);
    }
  }

  private async awaitEnd(task: TaskAttempt, child: ExecutionRecord, mode: "sync" | "sync:2"): Promise<Json> {
    const { execution: parent, stateName, state } = task;
    parent.syncChildren.add(child);
    try {
      const description = await this.timeouts.await(parent.signal, stateName, state, child.finished.promise);
      return syncResult(description, mode === "sync:2");
    } finally {
      parent.syncChildren.delete(child);
    }
  }
}

/**
 * DescribeExecution's shape, as `.sync` returns it: Input and Output as JSON text, or as JSON
 * with `.sync:2`. A child that did not succeed fails the task with it as the Cause.
 */
function syncResult(description: ExecutionDescription, v2: boolean): Json {
  const shaped: Record<string, Json> = {
    ExecutionArn: description.executionArn,
    Input: v2 ? description.input : JSON.stringify(description.input),
    InputDetails: { Included: true },
    Name: description.name,
    RedriveCount: 0,
    StartDate: description.startDate.getTime(),
    StateMachineArn: description.stateMachineArn,
    Status: description.status,
    StopDate: description.stopDate?.getTime() ?? null,
  };
  if (description.status === "SUCCEEDED") {
    shaped.Output = v2 ? (description.output ?? null) : JSON.stringify(description.output ?? null);
    shaped.OutputDetails = { Included: true };
    return shaped;
  }
  if (description.error !== undefined) shaped.Error = description.error;
  if (description.cause !== undefined) shaped.Cause = description.cause;
  throw new TaskError("States.TaskFailed", JSON.stringify(shaped));
}

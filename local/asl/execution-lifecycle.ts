import {
  ExecutionError,
  type RunOptions,
  StateMachine,
  type StateMachineDefinition,
} from "aws-local-stepfunctions";
import type { TaskTokens } from "./callbacks";
import { type Clock, sleepOn, systemClock } from "./clock";
import type { Json } from "./definition";
import type { ExecutionRecord } from "./execution";
import type { ExecutionStatus } from "./execution-description";
import { DATA_LIMIT_BYTES, dataLimitCause, jsonBytes } from "./json";
import { executionRoleArn } from "./names";
import { CONTEXT_INPUT, CONTEXT_START_TIME } from "./prepare";
import { countInterpreterEvents } from "./statistics";
import { TaskError } from "./task-errors";
import type { TaskStates } from "./task-states";
import type { WaitStates } from "./wait-states";

type Overrides = NonNullable<RunOptions["overrides"]>;

export interface ExecutionResult {
  output?: Json;
  error?: string;
  cause?: string;
}

/**
 * One execution from start to end: the interpreter runs its prepared definition with every Task
 * and Wait handed to the runner, the execution's TimeoutSeconds is enforced on the clock, and it
 * ends once (SUCCEEDED, FAILED, TIMED_OUT or ABORTED), releasing what it still waits for.
 */
export class ExecutionLifecycle {
  constructor(
    private readonly clock: Clock,
    private readonly tokens: TaskTokens,
    private readonly taskStates: TaskStates,
    private readonly waitStates: WaitStates,
  ) {}

  start(record: ExecutionRecord): void {
    const overrides = this.overrides(record);
    const context = this.contextObject(record);
    record.counters.addHistory(1); // ExecutionStarted
    const interpreter = new StateMachine(
      record.machine.prepared.interpreted as unknown as StateMachineDefinition,
      {
        validationOptions: { noValidate: true },
      },
    );
    const handle = interpreter.run(record.input, { overrides, context });
    record.abortInterpreter = handle.abort;
    record.eventsDone = countInterpreterEvents(record.counters, handle.eventLogs, (stateName, output) =>
      this.checkOutputSize(record, stateName, output),
    );
    this.enforceTimeout(record);
    handle.result.then(
      (output) => this.end(record, "SUCCEEDED", { output: output as Json }),
      (error: unknown) => {
        if (record.status !== "RUNNING") return; // stopped, timed out, or failed by the runner
        const cause = error instanceof ExecutionError ? error.cause : error;
        if (cause instanceof Error) this.end(record, "FAILED", { error: cause.name, cause: cause.message });
        else this.end(record, "FAILED", { error: "States.Runtime", cause: String(cause) });
      },
    );
  }

  /**
   * Ends a running execution (no-op once ended). Otherwise than by success, it stops the
   * interpreter, retires its task tokens and aborts its `.sync` children.
   */
  end(record: ExecutionRecord, status: Exclude<ExecutionStatus, "RUNNING">, result: ExecutionResult): void {
    if (record.status !== "RUNNING") return;
    record.status = status;
    record.stopDate = this.clock.now();
    if (result.output !== undefined) record.output = result.output;
    if (result.error !== undefined) record.error = result.error;
    if (result.cause !== undefined) record.cause = result.cause;
    record.counters.addHistory(1); // ExecutionSucceeded / Failed / Aborted / TimedOut
    record.controller.abort();
    if (status !== "SUCCEEDED") {
      record.abortInterpreter();
      this.tokens.closeAllOf(record.arn, new TaskError("States.Runtime", `execution ${status}`));
      for (const child of record.syncChildren) {
        this.end(child, "ABORTED", {
          error: "States.Aborted",
          cause: `parent execution ${record.arn} ${status}`,
        });
      }
    }
    const description = record.describe();
    const resolve = () => record.finished.resolve(description);
    record.eventsDone.then(resolve, resolve);
  }

  /** Every Task and Wait state goes to the runner. */
  private overrides(record: ExecutionRecord): Overrides {
    const { prepared } = record.machine;
    const handlers: Record<string, (input: unknown) => Promise<Json>> = {};
    for (const stateName of prepared.tasks.keys()) {
      handlers[stateName] = (input) => this.taskStates.run(record, stateName, input);
    }
    for (const stateName of prepared.waits.keys()) {
      handlers[stateName] = (input) => this.waitStates.run(record, stateName, input);
    }
    const overrides: Overrides = {
      taskResourceLocalHandlers: handlers as NonNullable<Overrides["taskResourceLocalHandlers"]>,
    };
    if (this.clock !== systemClock && prepared.retryingContainers.length > 0) {
      // Map/Parallel backoff stays with the interpreter, which sleeps in real time: skip it.
      overrides.retryIntervalOverrides = Object.fromEntries(prepared.retryingContainers.map((n) => [n, 0]));
    }
    return overrides;
  }

  /** The Context Object the interpreter reads (`$$`), with the fields prepare.ts rewrote paths to. */
  private contextObject(record: ExecutionRecord): Record<string, unknown> {
    const issue = () => this.tokens.issue(record.arn);
    return {
      Execution: {
        Id: record.arn,
        Name: record.name,
        RoleArn: executionRoleArn(record.arn),
        RedriveCount: 0,
        [CONTEXT_START_TIME]: record.startDate.toISOString(),
        [CONTEXT_INPUT]: record.input,
      },
      StateMachine: { Id: record.machine.arn, Name: record.machine.name },
      Task: {
        // Read while the interpreter evaluates a Task's Parameters, synchronously followed by the
        // call of that Task's handler, which takes the token over.
        get Token(): string {
          record.currentToken ??= issue();
          return record.currentToken.token;
        },
      },
    };
  }

  private checkOutputSize(record: ExecutionRecord, stateName: string, output: unknown): void {
    const bytes = jsonBytes(output);
    if (bytes > DATA_LIMIT_BYTES && record.status === "RUNNING") {
      this.end(record, "FAILED", {
        error: "States.DataLimitExceeded",
        cause: dataLimitCause(stateName, bytes),
      });
    }
  }

  /** The definition's top-level TimeoutSeconds, on the clock. */
  private enforceTimeout(record: ExecutionRecord): void {
    const { timeoutSeconds } = record.machine.prepared;
    if (timeoutSeconds === undefined) return;
    const deadline = new Date(record.startDate.getTime() + timeoutSeconds * 1000);
    void sleepOn(this.clock, deadline, record.signal).then(() => {
      if (record.status === "RUNNING" && !record.signal.aborted) {
        this.end(record, "TIMED_OUT", {
          error: "States.Timeout",
          cause: `execution exceeded TimeoutSeconds=${timeoutSeconds}`,
        });
      }
    });
  }
}

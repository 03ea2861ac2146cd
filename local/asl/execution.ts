import type { TaskToken } from "./callbacks";
import type { Json } from "./definition";
import { ExecutionFailedError } from "./errors";
import type { ExecutionDescription, ExecutionStatus } from "./execution-description";
import { executionRoleArn } from "./names";
import { promiseWithResolvers } from "./polyfill";
import type { RegisteredStateMachine } from "./state-machine";
import { ExecutionCounters, type ExecutionStats } from "./statistics";

/** One execution as the runner keeps it: identity, status, result, counters, and its wiring. */
export class ExecutionRecord {
  status: ExecutionStatus = "RUNNING";
  output?: Json;
  error?: string;
  cause?: string;
  stopDate?: Date;
  /** Aborted when the execution ends: wakes and cancels everything it still waits for. */
  readonly controller = new AbortController();
  /** Resolved with the final description once the execution ended and its events are counted. */
  readonly finished = promiseWithResolvers<ExecutionDescription>();
  /** The `.sync` child executions it waits for: stopped when it ends otherwise than by success. */
  readonly syncChildren = new Set<ExecutionRecord>();
  /** The token `$$.Task.Token` handed out for the Task whose Parameters are being evaluated. */
  currentToken?: TaskToken;
  abortInterpreter: () => void = () => undefined;
  /** Settles when the interpreter's event log is fully counted. */
  eventsDone: Promise<void> = Promise.resolve();
  readonly counters = new ExecutionCounters();

  constructor(
    readonly machine: RegisteredStateMachine,
    readonly name: string,
    readonly arn: string,
    readonly input: Json,
    readonly startDate: Date,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The Context Object as AWS has it, for the paths the runner evaluates itself. */
  trueContext(): Record<string, unknown> {
    return {
      Execution: {
        Id: this.arn,
        Name: this.name,
        Input: this.input,
        StartTime: this.startDate.toISOString(),
        RoleArn: executionRoleArn(this.arn),
        RedriveCount: 0,
      },
      StateMachine: { Id: this.machine.arn, Name: this.machine.name },
    };
  }

  describe(): ExecutionDescription {
    return {
      executionArn: this.arn,
      stateMachineArn: this.machine.arn,
      stateMachineName: this.machine.name,
      name: this.name,
      status: this.status,
      input: this.input,
      ...(this.output !== undefined ? { output: this.output } : {}),
      ...(this.error !== undefined ? { error: this.error } : {}),
      ...(this.cause !== undefined ? { cause: this.cause } : {}),
      startDate: this.startDate,
      ...(this.stopDate ? { stopDate: this.stopDate } : {}),
    };
  }

  statsSnapshot(): ExecutionStats {
    return {
      executionArn: this.arn,
      stateMachineName: this.machine.name,
      name: this.name,
      status: this.status,
      ...this.counters.snapshot(),
    };
  }
}

/** A started execution: its identity, its state now, and promises of its end. */
export class LocalExecution {
  constructor(private readonly record: ExecutionRecord) {}
  get executionArn(): string {
    return this.record.arn;
  }
  get name(): string {
    return this.record.name;
  }
  get stateMachineName(): string {
    return this.record.machine.name;
  }
  get startDate(): Date {
    return this.record.startDate;
  }
  get status(): ExecutionStatus {
    return this.record.status;
  }
  describe(): ExecutionDescription {
    return this.record.describe();
  }
  stats(): ExecutionStats {
    return this.record.statsSnapshot();
  }
  /** Resolves when the execution ends, however it ends (never rejects). */
  get done(): Promise<ExecutionDescription> {
    return this.record.finished.promise;
  }
  /** The output, or an {@link ExecutionFailedError} when the execution did not succeed. */
  async result(): Promise<Json> {
    const description = await this.done;
    if (description.status !== "SUCCEEDED") throw new ExecutionFailedError(description);
    return description.output ?? null;
  }
}

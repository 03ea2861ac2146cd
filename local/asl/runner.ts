import { type PendingTask, TaskTokens } from "./callbacks";
import { ChildExecutions } from "./child-executions";
import { type Clock, systemClock } from "./clock";
import { type ExecutionRecord, LocalExecution } from "./execution";
import type { ExecutionDescription } from "./execution-description";
import { ExecutionLifecycle } from "./execution-lifecycle";
import { AccountArns } from "./names";
import { StateMachineRegistry } from "./registry";
import { type RunnerStats, runnerStats } from "./statistics";
import { interpreterTimeoutClass } from "./task-errors";
import { type LocalFunction, type LocalIntegration, TaskRouter } from "./task-routing";
import { TaskStates } from "./task-states";
import { TaskTimeouts } from "./task-timeouts";
import { WaitStates } from "./wait-states";

export type { PendingTask } from "./callbacks";
export type { ActorClock, Clock } from "./clock";
export { runnerClock, systemClock } from "./clock";
export type { Json } from "./definition";
export { ExecutionFailedError, StepFunctionsError, type StepFunctionsErrorName } from "./errors";
export { LocalExecution } from "./execution";
export type { ExecutionDescription, ExecutionStatus } from "./execution-description";
export { DATA_LIMIT_BYTES } from "./json";
export { lambdaFunctionName } from "./names";
export {
  type ExecutionStats,
  HISTORY_EVENT_LIMIT,
  PRICE_PER_STATE_TRANSITION_USD,
  type RunnerStats,
} from "./statistics";
export type { LocalFunction, LocalIntegration, TaskContext } from "./task-routing";

export interface LocalStateMachinesOptions {
  /** Defaults to the wall clock. */
  clock?: Clock;
  region?: string;
  accountId?: string;
  /** For Retry `JitterStrategy: "FULL"`; defaults to Math.random. */
  random?: () => number;
}

/**
 * The local Step Functions runtime: the same ASL files as in AWS, executed by
 * `aws-local-stepfunctions` 3.0.0, with every Task routed in-process (Lambda handlers, nested
 * `.sync` executions, callbacks resolved by `sendTaskSuccess`) and all waiting done on an
 * injected clock.
 *
 * This is its API, shaped like the Step Functions API; the work is done by the registry (state
 * machines and executions), each execution's lifecycle, the Task and Wait states, task routing,
 * child executions and task tokens, each in its own module here.
 */
export class LocalStateMachines {
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
  private readonly arns: AccountArns;
  private readonly tokens: TaskTokens;
  private readonly router: TaskRouter;
  private readonly lifecycle: ExecutionLifecycle;
  private readonly registry: StateMachineRegistry;

  constructor(options: LocalStateMachinesOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.region = options.region ?? "local";
    this.accountId = options.accountId ?? "000000000000";
    this.arns = new AccountArns(this.region, this.accountId);
    this.tokens = new TaskTokens(this.clock);
    const timeouts = new TaskTimeouts(this.clock);
    const children = new ChildExecutions(this.tokens, timeouts, (stateMachine, name, input) =>
      this.start(stateMachine, name, input),
    );
    this.router = new TaskRouter(this.tokens, timeouts, children);
    const taskStates = new TaskStates(this.clock, this.tokens, this.router, options.random ?? Math.random);
    this.lifecycle = new ExecutionLifecycle(this.clock, this.tokens, taskStates, new WaitStates(this.clock));
    this.registry = new StateMachineRegistry(this.arns, this.clock);
    // Obtained now, with real timers, so that raising a timeout later takes no macrotask.
    void interpreterTimeoutClass();
  }

  stateMachineArn(name: string): string {
    return this.arns.stateMachine(name);
  }

  functionArn(name: string): string {
    return this.arns.function(name);
  }

  // --- registration ---------------------------------------------------------------------------

  /**
   * Registers a state machine from its ASL text, substituting `${Name}` placeholders exactly as
   * CDK's `definitionSubstitutions` do (any unresolved placeholder is an error), then validating
   * it for both runtimes (validate.ts). Returns the state machine ARN.
   */
  register(name: string, definition: string | object, substitutions: Record<string, string> = {}): string {
    return this.registry.register(name, definition, substitutions);
  }

  /** Routes Lambda tasks naming this function (by name or ARN, any qualifier) to `handler`. */
  registerFunction<E = unknown>(arnOrName: string, handler: LocalFunction<E>): void {
    this.router.registerFunction(arnOrName, handler as LocalFunction);
  }

  /**
   * Implements another service integration locally, e.g. `arn:aws:states:::sns:publish`. The
   * handler gets the task's Parameters; for `<resource>.waitForTaskToken` the runner then awaits
   * the callback (the token is in the context and wherever the Parameters put it).
   */
  registerIntegration(resource: string, handler: LocalIntegration): void {
    this.router.registerIntegration(resource, handler);
  }

  // --- executions -----------------------------------------------------------------------------

  /**
   * StartExecution: names are unique per state machine. The same name with the same input while
   * the execution runs returns it (idempotent start); otherwise an existing name throws
   * `ExecutionAlreadyExists`, as in AWS.
   */
  startExecution(stateMachine: string, name?: string, input: unknown = {}): LocalExecution {
    return new LocalExecution(this.start(stateMachine, name, input));
  }

  /** Starts an execution and waits for its end. */
  run(stateMachine: string, input: unknown = {}, name?: string): Promise<ExecutionDescription> {
    return this.startExecution(stateMachine, name, input).done;
  }

  describeExecution(executionArn: string): ExecutionDescription {
    return this.registry.execution(executionArn).describe();
  }

  execution(executionArn: string): LocalExecution {
    return new LocalExecution(this.registry.execution(executionArn));
  }

  listExecutions(stateMachine?: string): ExecutionDescription[] {
    return this.registry.executions(stateMachine).map((r) => r.describe());
  }

  /** StopExecution: the execution ends ABORTED; its `.sync` children are stopped too. */
  async stopExecution(executionArn: string, error?: string, cause?: string): Promise<{ stopDate: Date }> {
    const record = this.registry.execution(executionArn);
    this.lifecycle.end(record, "ABORTED", {
      ...(error !== undefined ? { error } : {}),
      ...(cause !== undefined ? { cause } : {}),
    });
    return { stopDate: record.stopDate ?? this.clock.now() };
  }

  /** Resolves when no execution is running. */
  async settled(): Promise<void> {
    for (;;) {
      const running = this.registry.executions().filter((r) => r.status === "RUNNING");
      if (running.length === 0) return;
      await Promise.all(running.map((r) => r.finished.promise));
    }
  }

  // --- callbacks (the code path the AWS adapter maps to SendTask*) ------------------------------

  /** SendTaskSuccess. `output` is JSON text as in the API; a non-string value is taken as is. */
  async sendTaskSuccess(taskToken: string, output: unknown): Promise<void> {
    this.tokens.succeed(taskToken, output);
  }

  /** SendTaskFailure. */
  async sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void> {
    this.tokens.fail(taskToken, error, cause);
  }

  /** SendTaskHeartbeat: restarts the task's HeartbeatSeconds. */
  async sendTaskHeartbeat(taskToken: string): Promise<void> {
    this.tokens.heartbeat(taskToken);
  }

  /** The callback tasks waiting for SendTaskSuccess/Failure. */
  pendingTasks(): PendingTask[] {
    return this.tokens.pending();
  }

  // --- statistics -------------------------------------------------------------------------------

  stats(): RunnerStats {
    return runnerStats(this.registry.executions().map((r) => r.statsSnapshot()));
  }

  // --- internals --------------------------------------------------------------------------------

  private start(stateMachine: string, name: string | undefined, input: unknown): ExecutionRecord {
    const { record, created } = this.registry.recordStart(stateMachine, name, input);
    if (created) this.lifecycle.start(record);
    return record;
  }
}

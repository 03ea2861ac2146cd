import { randomUUID } from "node:crypto";
import type { TaskToken, TaskTokens } from "./callbacks";
import { type AslState, isPlainObject, type Json } from "./definition";
import type { ExecutionRecord } from "./execution";
import { toJson } from "./json";
import { lambdaFunctionName } from "./names";
import { configurationError, lambdaFailure } from "./task-errors";
import type { ChildExecutionMode, TaskKind } from "./task-resources";
import { type TaskTimeouts, timeoutSecondsOf, withRealTimeout } from "./task-timeouts";

/**
 * Task routing: every Task resource goes to something in-process. Lambda functions (by ARN or
 * through `lambda:invoke`) to the registered handlers, other service integrations to registered
 * implementations, `states:startExecution` to child executions; callback variants then await
 * their task token on the clock.
 */

export interface TaskContext {
  /** Function name (no qualifier) for Lambda tasks; the resource ARN for integrations. */
  functionName: string;
  stateName: string;
  executionArn: string;
  executionName: string;
  stateMachineName: string;
  /** 0 for the first attempt, then 1, 2... for retries. */
  attempt: number;
  /** The task token, for `.waitForTaskToken` tasks. */
  taskToken?: string;
}

/** An in-process stand-in for a Lambda function: receives the event, returns the result. */
export type LocalFunction<E = unknown> = (event: E, context: TaskContext) => unknown;

/** A local implementation of another service integration (e.g. `arn:aws:states:::sns:publish`). */
export type LocalIntegration = (parameters: Json, context: TaskContext) => unknown;

/** One attempt of a Task state. */
export interface TaskAttempt {
  readonly execution: ExecutionRecord;
  readonly stateName: string;
  /** The state as written (Retry, TimeoutSeconds, HeartbeatSeconds...). */
  readonly state: AslState;
  /** Its effective Parameters (or input). */
  readonly input: Json;
  /** 0 for the first attempt, then 1, 2... for retries. */
  readonly attempt: number;
  /** The token its Parameters got from `$$.Task.Token`, if they asked for one. */
  readonly token: TaskToken | undefined;
}

/** Runs `states:startExecution` tasks (child-executions.ts). */
export interface ChildExecutionTasks {
  start(task: TaskAttempt, mode: ChildExecutionMode, params: Record<string, unknown>): Promise<Json>;
}

export class TaskRouter {
  private readonly functions = new Map<string, LocalFunction>();
  private readonly integrations = new Map<string, LocalIntegration>();

  constructor(
    private readonly tokens: TaskTokens,
    private readonly timeouts: TaskTimeouts,
    private readonly children: ChildExecutionTasks,
  ) {}

  registerFunction(arnOrName: string, handler: LocalFunction): void {
    this.functions.set(lambdaFunctionName(arnOrName), handler);
  }

  registerIntegration(resource: string, handler: LocalIntegration): void {
    this.integrations.set(resource, handler);
  }

  /** Runs one attempt of a Task state where its resource says. */
  async attempt(task: TaskAttempt, kind: TaskKind): Promise<Json> {
    const params = isPlainObject(task.input) ? task.input : {};
    switch (kind.kind) {
      case "wait":
        throw configurationError(`${task.stateName}: internal error (wait routed as task)`);
      case "lambda":
        task.execution.counters.addHistory(3); // LambdaFunctionScheduled, Started, Succeeded|Failed
        return this.invoke(task, kind.functionName, task.input, undefined, timeoutSecondsOf(task.state));
      case "lambda:invoke":
        return kind.callback ? this.lambdaInvokeWithCallback(task, params) : this.lambdaInvoke(task, params);
      case "startExecution":
        return this.children.start(task, kind.mode, params);
      case "integration":
        return kind.callback
          ? this.integrationWithCallback(task, kind.resource)
          : this.integration(task, kind.resource);
    }
  }

  /** `lambda:invoke`: the full Lambda Invoke response, or 202 at once for InvocationType Event. */
  private async lambdaInvoke(task: TaskAttempt, params: Record<string, unknown>): Promise<Json> {
    const { functionName, payload } = invokeParameters(task.stateName, params);
    task.execution.counters.addHistory(3); // TaskScheduled, TaskStarted, TaskSucceeded|Failed
    if (params.InvocationType === "Event") {
      const { handler, name } = this.functionFor(functionName, task.stateName);
      task.execution.counters.countLambdaInvocation();
      const context = contextOf(task, name, undefined);
      void Promise.resolve()
        .then(() => handler(structuredClone(payload), context))
        .catch(() => undefined);
      return { Payload: "", StatusCode: 202, SdkHttpMetadata: { HttpStatusCode: 202 } };
    }
    const result = await this.invoke(task, functionName, payload, undefined, timeoutSecondsOf(task.state));
    return {
      ExecutedVersion: "$LATEST",
      Payload: result,
      SdkHttpMetadata: { HttpHeaders: {}, HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: randomUUID() },
      StatusCode: 200,
    };
  }

  /** `lambda:invoke.waitForTaskToken`: invokes, then awaits the token. */
  private async lambdaInvokeWithCallback(task: TaskAttempt, params: Record<string, unknown>): Promise<Json> {
    const { functionName, payload } = invokeParameters(task.stateName, params);
    return this.untilCallback(task, (entry) => this.invoke(task, functionName, payload, entry, undefined));
  }

  private async integration(task: TaskAttempt, resource: string): Promise<Json> {
    const handler = this.integrationFor(resource, task.stateName);
    const context = contextOf(task, resource, task.token);
    task.execution.counters.addHistory(3);
    const work = Promise.resolve().then(async () =>
      toJson(await handler(structuredClone(task.input), context)),
    );
    return this.timeouts.await(task.execution.signal, task.stateName, task.state, work);
  }

  private async integrationWithCallback(task: TaskAttempt, resource: string): Promise<Json> {
    const handler = this.integrationFor(resource, task.stateName);
    const context = contextOf(task, resource, task.token);
    return this.untilCallback(task, (entry) =>
      handler(structuredClone(task.input), { ...context, taskToken: entry.token }),
    );
  }

  /** A `.waitForTaskToken` Task: its token claimed, the work started, then the callback awaited. */
  private async untilCallback(task: TaskAttempt, start: (entry: TaskToken) => unknown): Promise<Json> {
    task.execution.counters.addHistory(4); // TaskScheduled, TaskStarted, TaskSubmitted, TaskSucceeded|Failed
    task.execution.counters.countCallback();
    const entry = this.tokens.claim(task.token, task.execution.arn, task.stateName);
    await start(entry);
    return this.timeouts.await(
      task.execution.signal,
      task.stateName,
      task.state,
      entry.settled.promise,
      entry,
    );
  }

  /** Calls a Lambda handler as Lambda would: a copy of the event, errors in Lambda's shape. */
  private async invoke(
    task: TaskAttempt,
    reference: string,
    event: unknown,
    token: TaskToken | undefined,
    timeoutSeconds: number | undefined,
  ): Promise<Json> {
    const { name, handler } = this.functionFor(reference, task.stateName);
    task.execution.counters.countLambdaInvocation();
    const context = contextOf(task, name, token);
    const invocation = (async () => {
      try {
        return toJson(await handler(structuredClone(event), context));
      } catch (error) {
        throw lambdaFailure(error);
      }
    })();
    return withRealTimeout(invocation, task.stateName, timeoutSeconds);
  }

  private functionFor(reference: string, stateName: string): { name: string; handler: LocalFunction } {
    const name = lambdaFunctionName(reference);
    const handler = this.functions.get(name);
    if (!handler) {
      throw configurationError(
        `${stateName}: no local handler registered for Lambda function "${name}" ` +
          `(registered: ${[...this.functions.keys()].join(", ") || "none"})`,
      );
    }
    return { name, handler };
  }

  private integrationFor(resource: string, stateName: string): LocalIntegration {
    const handler = this.integrations.get(resource);
    if (!handler) throw configurationError(`${stateName}: no local integration registered for "${resource}"`);
    return handler;
  }
}

function invokeParameters(
  stateName: string,
  params: Record<string, unknown>,
): { functionName: string; payload: unknown } {
  const functionName = params.FunctionName;
  if (typeof functionName !== "string")
    throw configurationError(`${stateName}: lambda:invoke needs FunctionName`);
  return { functionName, payload: params.Payload === undefined ? {} : params.Payload };
}

function contextOf(task: TaskAttempt, functionName: string, token: TaskToken | undefined): TaskContext {
  return {
    functionName,
    stateName: task.stateName,
    executionArn: task.execution.arn,
    executionName: task.execution.name,
    stateMachineName: task.execution.machine.name,
    attempt: task.attempt,
    ...(token ? { taskToken: token.token } : {}),
  };
}

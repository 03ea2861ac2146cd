import { randomBytes } from "node:crypto";
import type { Clock } from "./clock";
import type { Json } from "./definition";
import { StepFunctionsError } from "./errors";
import { DATA_LIMIT_BYTES, jsonBytes, toJson } from "./json";
import { type PromiseWithResolvers, promiseWithResolvers } from "./polyfill";
import { TaskError } from "./task-errors";

/**
 * Task tokens: handed out to callback tasks (`.waitForTaskToken`, `$$.Task.Token`) and settled
 * from outside by SendTaskSuccess / SendTaskFailure, kept alive by SendTaskHeartbeat. This is the
 * code path the AWS adapter maps to the SendTask* calls.
 */

export interface PendingTask {
  taskToken: string;
  executionArn: string;
  stateName: string;
}

export interface TaskToken {
  readonly token: string;
  readonly executionArn: string;
  /** The Task that took the token over (unset while its Parameters are being evaluated). */
  stateName?: string;
  /** False once settled or closed. */
  open: boolean;
  /** What SendTaskSuccess / SendTaskFailure settle. */
  readonly settled: PromiseWithResolvers<Json>;
  /** Clock time (ms) of the issue or of the last SendTaskHeartbeat. */
  lastHeartbeat: number;
}

export class TaskTokens {
  private readonly tokens = new Map<string, TaskToken>();
  private readonly byExecution = new Map<string, Set<TaskToken>>();
  /** Tokens of tasks that ended: SendTask* on them is TaskTimedOut, as in AWS. */
  private readonly closed = new Set<string>();

  constructor(private readonly clock: Clock) {}

  issue(executionArn: string): TaskToken {
    const entry: TaskToken = {
      token: `local-${randomBytes(48).toString("base64url")}`,
      executionArn,
      open: true,
      settled: promiseWithResolvers<Json>(),
      lastHeartbeat: this.clock.now().getTime(),
    };
    entry.settled.promise.catch(() => undefined);
    this.tokens.set(entry.token, entry);
    const ofExecution = this.byExecution.get(executionArn) ?? new Set<TaskToken>();
    ofExecution.add(entry);
    this.byExecution.set(executionArn, ofExecution);
    return entry;
  }

  /** The token a callback task awaits: the one its Parameters got, or a new one; now the task's. */
  claim(token: TaskToken | undefined, executionArn: string, stateName: string): TaskToken {
    const entry = token ?? this.issue(executionArn);
    entry.stateName = stateName;
    return entry;
  }

  /** Retires a token; `reason` rejects whoever still awaits it. */
  close(entry: TaskToken, reason?: Error): void {
    if (entry.open && reason) entry.settled.reject(reason);
    entry.open = false;
    const ofExecution = this.byExecution.get(entry.executionArn);
    ofExecution?.delete(entry);
    if (ofExecution?.size === 0) this.byExecution.delete(entry.executionArn);
    this.tokens.delete(entry.token);
    this.closed.add(entry.token);
  }

  /** Retires every token of an execution that ended. */
  closeAllOf(executionArn: string, reason: Error): void {
    for (const entry of [...(this.byExecution.get(executionArn) ?? [])]) this.close(entry, reason);
  }

  /** SendTaskSuccess. `output` is JSON text as in the API; a non-string value is taken as is. */
  succeed(taskToken: string, output: unknown): void {
    const entry = this.openEntry(taskToken);
    let value: Json;
    if (typeof output === "string") {
      try {
        value = JSON.parse(output) as Json;
      } catch {
        throw new StepFunctionsError("InvalidOutput", `output is not JSON text: ${output.slice(0, 80)}`);
      }
    } else {
      value = toJson(output);
    }
    if (jsonBytes(value) > DATA_LIMIT_BYTES) {
      throw new StepFunctionsError("InvalidOutput", `output exceeds ${DATA_LIMIT_BYTES} bytes`);
    }
    entry.open = false;
    entry.settled.resolve(value);
  }

  /** SendTaskFailure. */
  fail(taskToken: string, error?: string, cause?: string): void {
    const entry = this.openEntry(taskToken);
    entry.open = false;
    entry.settled.reject(new TaskError(error ?? "", cause ?? ""));
  }

  /** SendTaskHeartbeat: restarts the task's HeartbeatSeconds. */
  heartbeat(taskToken: string): void {
    this.openEntry(taskToken).lastHeartbeat = this.clock.now().getTime();
  }

  /** The callback tasks waiting for SendTaskSuccess/Failure. */
  pending(): PendingTask[] {
    return [...this.tokens.values()]
      .filter((t) => t.open && t.stateName !== undefined)
      .map((t) => ({ taskToken: t.token, executionArn: t.executionArn, stateName: t.stateName ?? "" }));
  }

  private openEntry(taskToken: string): TaskToken {
    const entry = this.tokens.get(taskToken);
    if (!entry?.open) {
      if (entry || this.closed.has(taskToken)) {
        throw new StepFunctionsError(
          "TaskTimedOut",
          "Task Timed Out: 'Provided task does not exist anymore'",
        );
      }
      throw new StepFunctionsError("TaskDoesNotExist", "Task does not exist: unknown task token");
    }
    return entry;
  }
}

import type { TaskToken, TaskTokens } from "./callbacks";
import { type Clock, sleepOn } from "./clock";
import type { Json } from "./definition";
import type { ExecutionRecord } from "./execution";
import { DATA_LIMIT_BYTES, dataLimitCause, jsonBytes, replaceString, toJson } from "./json";
import { RetryPolicy } from "./retry-policy";
import { executionEndedError, lambdaFailure, TaskError } from "./task-errors";
import type { TaskKind } from "./task-resources";
import type { TaskAttempt, TaskRouter } from "./task-routing";

/**
 * Runs the Task states of executions (the interpreter hands them over): each attempt routed by
 * the router, retried per the state's Retry with backoff on the clock, a fresh task token for each
 * retry, and a result over the data limit failing the state.
 */
export class TaskStates {
  constructor(
    private readonly clock: Clock,
    private readonly tokens: TaskTokens,
    private readonly router: TaskRouter,
    private readonly random: () => number,
  ) {}

  async run(execution: ExecutionRecord, stateName: string, rawInput: unknown): Promise<Json> {
    let token = this.takeToken(execution);
    const { state, kind } = execution.machine.task(stateName);
    const retry = new RetryPolicy(state, this.random);
    let input = toJson(rawInput);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0 && token) ({ token, input } = this.renewToken(execution, token, input));
      if (token) token.stateName = stateName;
      try {
        return await this.attemptOnce({ execution, stateName, state, input, attempt, token }, kind);
      } catch (thrown) {
        const error = thrown instanceof Error ? thrown : lambdaFailure(thrown);
        if (execution.signal.aborted) throw error;
        const delaySeconds = retry.delayAfter(error);
        if (delaySeconds === undefined) throw error;
        execution.counters.countRetry(stateName);
        await sleepOn(
          this.clock,
          new Date(this.clock.now().getTime() + delaySeconds * 1000),
          execution.signal,
        );
        if (execution.signal.aborted) throw error;
      } finally {
        if (token) this.tokens.close(token);
      }
    }
  }

  /**
   * The token the state's Parameters got from `$$.Task.Token`, if any: the interpreter calls the
   * Task's handler synchronously after evaluating them, so the token handed out last is this one.
   */
  private takeToken(execution: ExecutionRecord): TaskToken | undefined {
    const token = execution.currentToken;
    execution.currentToken = undefined;
    if (execution.status !== "RUNNING") {
      // A queued Map iteration starting after the execution ended: run nothing.
      if (token) this.tokens.close(token);
      throw executionEndedError(execution.status);
    }
    return token;
  }

  /** AWS evaluates Parameters again for a retry, with a new token. */
  private renewToken(
    execution: ExecutionRecord,
    token: TaskToken,
    input: Json,
  ): { token: TaskToken; input: Json } {
    const fresh = this.tokens.issue(execution.arn);
    const renewed = replaceString(input, token.token, fresh.token);
    this.tokens.close(token);
    return { token: fresh, input: renewed };
  }

  private async attemptOnce(task: TaskAttempt, kind: TaskKind): Promise<Json> {
    const result = await this.router.attempt(task, kind);
    const bytes = jsonBytes(result);
    if (bytes > DATA_LIMIT_BYTES) {
      throw new TaskError("States.DataLimitExceeded", dataLimitCause(task.stateName, bytes), false, false);
    }
    return result;
  }
}

import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "../../local/asl/clock";
import { placeholderNames, SubstitutionError, substitutePlaceholders } from "../../local/asl/definition";
import { installPromiseWithResolvers } from "../../local/asl/polyfill";
import {
  DATA_LIMIT_BYTES,
  ExecutionFailedError,
  LocalStateMachines,
  PRICE_PER_STATE_TRANSITION_USD,
  StepFunctionsError,
} from "../../local/asl/runner";
import { AslValidationError, findDefinitionProblems, validateDefinition } from "../../local/asl/validate";
import { eventually, settle, TestClock } from "./test-clock";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/asl/${name}.asl.json`, import.meta.url), "utf8");

const START = "2025-03-03T01:00:00.000Z";

function setup(mode: "jump" | "manual" = "jump") {
  const clock = new TestClock(START, mode);
  const sfn = new LocalStateMachines({ clock });
  return { clock, sfn };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

class TransientError extends Error {
  override name = "TransientError";
}
class PermanentError extends Error {
  override name = "PermanentError";
}

const LAMBDA = "arn:aws:lambda:local:000000000000:function:noop";

describe("polyfill", () => {
  it("installs Promise.withResolvers when missing, and only then", async () => {
    const promiseCtor = Promise as unknown as {
      withResolvers?: <T>() => { promise: Promise<T>; resolve(v: T): void };
    };
    const original = Object.getOwnPropertyDescriptor(Promise, "withResolvers");
    try {
      delete promiseCtor.withResolvers;
      expect(installPromiseWithResolvers()).toBe(true);
      const { promise, resolve } = (
        Promise as unknown as { withResolvers<T>(): { promise: Promise<T>; resolve(v: T): void } }
      ).withResolvers<number>();
      resolve(42);
      await expect(promise).resolves.toBe(42);
      expect(installPromiseWithResolvers()).toBe(false);
    } finally {
      if (original) Object.defineProperty(Promise, "withResolvers", original);
    }
  });
});

describe("paged loop (Choice on a cursor)", () => {
  it("loops until the cursor is null and counts transitions and history", async () => {
    const { sfn } = setup();
    const calls: unknown[] = [];
    sfn.registerFunction("fetch-page", async (event: { cursor: string; total: number }) => {
      calls.push(event);
      const page = Number(event.cursor);
      return { cursor: page + 1 < 3 ? String(page + 1) : null, total: event.total + 10 };
    });
    sfn.register("paged", fixture("paged-loop"), { FetchPageFunctionArn: sfn.functionArn("fetch-page") });

    const done = await sfn.run("paged", { cursor: "0", total: 0 }, "march");

    expect(done.status).toBe("SUCCEEDED");
    // ResultPath "$" replaces the input (the interpreter alone would add a key named "$").
    expect(done.output).toEqual({ cursor: null, total: 30 });
    expect(calls).toEqual([
      { cursor: "0", total: 0 },
      { cursor: "1", total: 10 },
      { cursor: "2", total: 20 },
    ]);
    const [stats] = sfn.stats().executions;
    expect(stats).toMatchObject({
      name: "march",
      status: "SUCCEEDED",
      stateTransitions: 7,
      states: { FetchPage: 3, HasMorePages: 3, Done: 1 },
      lambdaInvocations: 3,
      retries: 0,
      // started + 7 entered + 7 exited + 3 × (scheduled, started, succeeded) + succeeded
      historyEvents: 1 + 7 + 7 + 9 + 1,
      historyLimitExceeded: false,
    });
    expect(sfn.stats().totals.estimatedCostUsd).toBeCloseTo(7 * PRICE_PER_STATE_TRANSITION_USD, 12);
  });
});

describe("Retry", () => {
  it("retries a custom error with backoff on the simulated clock, then succeeds", async () => {
    const { clock, sfn } = setup();
    let calls = 0;
    sfn.registerFunction("flaky", async (_event: unknown, context) => {
      calls += 1;
      expect(context.attempt).toBe(calls - 1);
      if (calls < 3) throw new TransientError("dialer busy");
      return { ok: true, calls };
    });
    sfn.register("flaky", fixture("retry-flaky"), { FlakyFunctionArn: sfn.functionArn("flaky") });

    const done = await sfn.run("flaky", { id: 1 });

    expect(done).toMatchObject({ status: "SUCCEEDED", output: { id: 1, result: { ok: true, calls: 3 } } });
    // IntervalSeconds 2, BackoffRate 3: waits of 2 s and 6 s, on the simulated clock (which moves
    // only when the runner sleeps on it).
    expect(clock.now().getTime() - new Date(START).getTime()).toBe(8_000);
    expect(sfn.stats().executions[0]).toMatchObject({
      retries: 2,
      stateTransitions: 3,
      states: { CallFlaky: 3 },
    });
  });

  it("gives up after MaxAttempts with the Lambda error name and its JSON cause", async () => {
    const { clock, sfn } = setup();
    let calls = 0;
    sfn.registerFunction("flaky", () => {
      calls += 1;
      throw new TransientError("still busy");
    });
    sfn.register("flaky", fixture("retry-flaky"), { FlakyFunctionArn: sfn.functionArn("flaky") });

    const done = await sfn.run("flaky", {});

    expect(calls).toBe(4);
    expect(clock.now().getTime() - new Date(START).getTime()).toBe((2 + 6 + 18) * 1000);
    expect(done.status).toBe("FAILED");
    expect(done.error).toBe("TransientError");
    expect(JSON.parse(done.cause ?? "")).toMatchObject({
      errorType: "TransientError",
      errorMessage: "still busy",
    });
  });

  it("does not retry errors whose retrier has MaxAttempts 0", async () => {
    const { sfn } = setup();
    let calls = 0;
    sfn.registerFunction("flaky", () => {
      calls += 1;
      throw new RangeError("bad input");
    });
    sfn.register("flaky", fixture("retry-flaky"), { FlakyFunctionArn: sfn.functionArn("flaky") });
    const done = await sfn.run("flaky", {});
    expect(calls).toBe(1);
    expect(done).toMatchObject({ status: "FAILED", error: "RangeError" });
  });
});

describe("Catch", () => {
  it("routes a caught error to a Fail state with Error and Cause", async () => {
    const { sfn } = setup();
    sfn.registerFunction("charge", () => {
      throw new PermanentError("card blocked");
    });
    sfn.register("charge", fixture("catch-fail"), { ChargeFunctionArn: sfn.functionArn("charge") });

    const execution = sfn.startExecution("charge", "charge-1", { amount: 5 });
    const done = await execution.done;

    expect(done).toMatchObject({
      status: "FAILED",
      error: "ChargeFailed",
      cause: "charge rejected: PermanentError",
    });
    expect(execution.stats().states).toEqual({ Charge: 1, Explain: 1, ChargeFailed: 1 });
    await expect(execution.result()).rejects.toBeInstanceOf(ExecutionFailedError);
  });

  it("gives the catcher {Error, Cause} with Lambda's JSON cause, as AWS does", async () => {
    const { sfn } = setup();
    sfn.registerFunction("noop", () => {
      throw new PermanentError("nope");
    });
    sfn.register("caught", {
      StartAt: "T",
      States: {
        T: {
          Type: "Task",
          Resource: LAMBDA,
          Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "E" }],
          End: true,
        },
        E: { Type: "Pass", End: true },
      },
    });
    const done = await sfn.run("caught", { a: 1 });
    const output = done.output as { a: number; error: { Error: string; Cause: string } };
    expect(output.a).toBe(1);
    expect(output.error.Error).toBe("PermanentError");
    expect(JSON.parse(output.error.Cause)).toMatchObject({
      errorType: "PermanentError",
      errorMessage: "nope",
    });
  });

  it("never hides a missing local handler behind a catch-all", async () => {
    const { sfn } = setup();
    sfn.register("unrouted", {
      StartAt: "T",
      States: {
        T: { Type: "Task", Resource: LAMBDA, Catch: [{ ErrorEquals: ["States.ALL"], Next: "E" }], End: true },
        E: { Type: "Pass", End: true },
      },
    });
    const done = await sfn.run("unrouted", {});
    expect(done.status).toBe("FAILED");
    expect(done.error).toBe("States.Runtime");
    expect(done.cause).toContain('no local handler registered for Lambda function "noop"');
  });
});

describe("startExecution.sync child executions", () => {
  function machines() {
    const { sfn } = setup();
    sfn.register("child", fixture("child"));
    sfn.register("parent", fixture("parent-sync"), { ChildStateMachineArn: sfn.stateMachineArn("child") });
    return sfn;
  }

  it(".sync:2 runs the child as a nested execution and returns its output as JSON", async () => {
    const sfn = machines();
    const parent = sfn.startExecution("parent", "p1", { n: 21 });
    const done = await parent.done;

    expect(done.status).toBe("SUCCEEDED");
    expect(done.output).toEqual({
      n: 21,
      run: {
        status: "SUCCEEDED",
        child: { doubled: 42, executionName: "p1-child", startedBy: parent.executionArn },
      },
    });
    const child = sfn.listExecutions("child");
    expect(child).toHaveLength(1);
    expect(child[0]).toMatchObject({ name: "p1-child", status: "SUCCEEDED" });
    expect(parent.stats().childExecutions).toBe(1);
  });

  it("fails the task with States.TaskFailed and the child's description as Cause", async () => {
    const sfn = machines();
    const done = await sfn.run("parent", { n: -1 }, "p2");

    expect(done.status).toBe("SUCCEEDED");
    const { childError } = done.output as { childError: { Error: string; Cause: string } };
    expect(childError.Error).toBe("States.TaskFailed");
    expect(JSON.parse(childError.Cause)).toMatchObject({
      Name: "p2-child",
      Status: "FAILED",
      Error: "NegativeInput",
      Cause: "n must not be negative",
    });
  });

  it("fails with StepFunctions.ExecutionAlreadyExistsException when the child name is taken", async () => {
    const sfn = machines();
    await sfn.run("child", { n: 1, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: "x" }, "p3-child");
    const done = await sfn.run("parent", { n: 1 }, "p3");
    const { childError } = done.output as { childError: { Error: string } };
    expect(childError.Error).toBe("StepFunctions.ExecutionAlreadyExistsException");
  });

  it(".sync (v1) returns Input and Output as JSON text", async () => {
    const { sfn } = setup();
    sfn.register("child", fixture("child"));
    sfn.register("parent-v1", {
      StartAt: "Run",
      States: {
        Run: {
          Type: "Task",
          Resource: "arn:aws:states:::states:startExecution.sync",
          Parameters: {
            StateMachineArn: sfn.stateMachineArn("child"),
            Input: { n: 2, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: "x" },
          },
          End: true,
        },
      },
    });
    const done = await sfn.run("parent-v1", {});
    const output = done.output as Record<string, unknown>;
    expect(typeof output.Output).toBe("string");
    expect(JSON.parse(output.Output as string)).toMatchObject({ doubled: 4 });
    expect(typeof output.Input).toBe("string");
    expect(output).toMatchObject({ Status: "SUCCEEDED", OutputDetails: { Included: true } });
  });
});

describe(".waitForTaskToken callbacks", () => {
  function callbackMachine() {
    const { clock, sfn } = setup("manual");
    const tokens: string[] = [];
    sfn.registerFunction("dialer", (event: { taskToken: string; caseId: string }, context) => {
      expect(context.taskToken).toBe(event.taskToken);
      tokens.push(event.taskToken);
      return { queued: true };
    });
    sfn.register("call", fixture("callback"), { DialerFunctionArn: sfn.functionArn("dialer") });
    return { clock, sfn, tokens };
  }

  it("pauses until sendTaskSuccess is called from outside with the real token", async () => {
    const { sfn, tokens } = callbackMachine();
    const execution = sfn.startExecution("call", "case-1", { caseId: "c1" });
    const token = await eventually(() => tokens[0], "the dialer call");

    expect(token.length).toBeGreaterThan(40);
    expect(sfn.pendingTasks()).toEqual([
      { taskToken: token, executionArn: execution.executionArn, stateName: "CallParticipant" },
    ]);
    expect(execution.status).toBe("RUNNING");

    await sfn.sendTaskSuccess(token, JSON.stringify({ outcome: "PROMISE_TO_PAY" }));
    const done = await execution.done;

    expect(done.output).toEqual({
      caseId: "c1",
      disposition: { outcome: "PROMISE_TO_PAY" },
      outcome: "answered",
    });
    expect(sfn.pendingTasks()).toEqual([]);
    expect(execution.stats()).toMatchObject({ callbacks: 1, lambdaInvocations: 1 });
    await expect(sfn.sendTaskSuccess(token, "{}")).rejects.toMatchObject({ name: "TaskTimedOut" });
    await expect(sfn.sendTaskSuccess("not-a-token", "{}")).rejects.toMatchObject({
      name: "TaskDoesNotExist",
    });
  });

  it("fails the task on sendTaskFailure (caught as States.TaskFailed)", async () => {
    const { sfn, tokens } = callbackMachine();
    const execution = sfn.startExecution("call", "case-2", { caseId: "c2" });
    const token = await eventually(() => tokens[0], "the dialer call");
    await expect(sfn.sendTaskSuccess(token, "not json")).rejects.toMatchObject({ name: "InvalidOutput" });

    await sfn.sendTaskFailure(token, "Dialer.LineBusy", "all lines busy");
    const done = await execution.done;

    expect(done.output).toMatchObject({
      outcome: "failed",
      failure: { Error: "Dialer.LineBusy", Cause: "all lines busy" },
    });
  });

  it("times out on the simulated clock as States.Timeout, which States.TaskFailed does not catch", async () => {
    const { clock, sfn, tokens } = callbackMachine();
    const execution = sfn.startExecution("call", "case-3", { caseId: "c3" });
    const token = await eventually(() => tokens[0], "the dialer call");

    await clock.advanceBy(3_599_000);
    expect(execution.status).toBe("RUNNING");
    await clock.advanceBy(1_000);
    const done = await execution.done;

    expect(done.output).toMatchObject({ outcome: "no-answer", failure: { Error: "States.Timeout" } });
    expect(clock.pendingTimers).toBe(0);
    await expect(sfn.sendTaskSuccess(token, "{}")).rejects.toMatchObject({ name: "TaskTimedOut" });
  });

  it("enforces HeartbeatSeconds, restarted by sendTaskHeartbeat", async () => {
    const { clock, sfn } = setup("manual");
    const tokens: string[] = [];
    sfn.registerFunction("noop", (event: { token: string }) => {
      tokens.push(event.token);
      return null;
    });
    sfn.register("beat", {
      StartAt: "T",
      States: {
        T: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Parameters: { FunctionName: "noop", Payload: { "token.$": "$$.Task.Token" } },
          HeartbeatSeconds: 60,
          End: true,
        },
      },
    });
    const execution = sfn.startExecution("beat", "b1", {});
    const token = await eventually(() => tokens[0], "the call");
    await clock.advanceBy(50_000);
    await sfn.sendTaskHeartbeat(token);
    await clock.advanceBy(50_000);
    expect(execution.status).toBe("RUNNING");
    await clock.advanceBy(10_000);
    const done = await execution.done;
    expect(done).toMatchObject({ status: "FAILED", error: "States.HeartbeatTimeout" });
  });

  it("stopExecution aborts a waiting execution and retires its token", async () => {
    const { sfn, tokens } = callbackMachine();
    const execution = sfn.startExecution("call", "case-4", { caseId: "c4" });
    const token = await eventually(() => tokens[0], "the dialer call");
    await sfn.stopExecution(execution.executionArn, "Operator.Cancelled", "campaign cancelled");
    const done = await execution.done;
    expect(done).toMatchObject({
      status: "ABORTED",
      error: "Operator.Cancelled",
      cause: "campaign cancelled",
    });
    await expect(sfn.sendTaskSuccess(token, "{}")).rejects.toMatchObject({ name: "TaskTimedOut" });
  });
});

describe("Wait states on the simulated clock", () => {
  it("completes far-future waits instantly and moves the clock there", async () => {
    const { clock, sfn } = setup("jump");
    sfn.register("waits", fixture("waits"));

    // Slept in real time, these waits would outlast the test's timeout.
    const done = await sfn.run("waits", { until: "2030-06-01T00:00:00Z", pauseSeconds: 3600 });

    expect(done.status).toBe("SUCCEEDED");
    // $$.Execution.StartTime is the simulated start, not the wall clock.
    expect(done.output).toEqual({ startedAt: START, until: "2030-06-01T00:00:00Z" });
    // TimestampPath, then SecondsPath (1 h) and Seconds (60 s) on top.
    expect(clock.now().toISOString()).toBe("2030-06-01T01:01:00.000Z");
    expect(done.stopDate?.toISOString()).toBe("2030-06-01T01:01:00.000Z");
    expect(sfn.stats().executions[0]).toMatchObject({ waits: 4, stateTransitions: 5 });
  });

  it("resolves a TimestampPath wait only when the clock gets there", async () => {
    const { clock, sfn } = setup("manual");
    sfn.register("until", {
      StartAt: "W",
      States: { W: { Type: "Wait", TimestampPath: "$.at", End: true } },
    });
    const execution = sfn.startExecution("until", "u1", { at: "2025-03-03T05:00:00Z" });
    await eventually(() => (clock.pendingTimers === 1 ? true : undefined), "the wait");
    await clock.advanceTo("2025-03-03T04:59:59Z");
    expect(execution.status).toBe("RUNNING");
    await clock.advanceTo("2025-03-03T05:00:00Z");
    expect((await execution.done).status).toBe("SUCCEEDED");
  });

  it("enforces the execution's TimeoutSeconds on the simulated clock", async () => {
    const { clock, sfn } = setup("manual");
    sfn.register("slow", {
      TimeoutSeconds: 60,
      StartAt: "W",
      States: { W: { Type: "Wait", Seconds: 3600, End: true } },
    });
    const execution = sfn.startExecution("slow", "s1", {});
    await clock.advanceBy(60_000);
    const done = await execution.done;
    expect(done).toMatchObject({ status: "TIMED_OUT", error: "States.Timeout" });
    expect(clock.pendingTimers).toBe(0);
  });
});

describe("execution names", () => {
  function waitingMachine() {
    const { sfn } = setup("manual");
    const tokens: string[] = [];
    sfn.registerFunction("dialer", (event: { taskToken: string }) => {
      tokens.push(event.taskToken);
      return null;
    });
    sfn.register("call", fixture("callback"), { DialerFunctionArn: sfn.functionArn("dialer") });
    return { sfn, tokens };
  }

  it("returns the running execution for the same name and input (idempotent start)", async () => {
    const { sfn, tokens } = waitingMachine();
    const first = sfn.startExecution("call", "case-7", { caseId: "c7" });
    const again = sfn.startExecution("call", "case-7", { caseId: "c7" });

    expect(again.executionArn).toBe(first.executionArn);
    expect(sfn.listExecutions("call")).toHaveLength(1);
    const token = await eventually(() => tokens[0], "the dialer call");
    expect(tokens).toHaveLength(1);

    const differentInput = thrown(() => sfn.startExecution("call", "case-7", { caseId: "other" }));
    expect(differentInput).toBeInstanceOf(StepFunctionsError);
    expect(differentInput.name).toBe("ExecutionAlreadyExists");

    await sfn.sendTaskSuccess(token, "{}");
    await first.done;
  });

  it("throws ExecutionAlreadyExists for a name that already ended", async () => {
    const { sfn, tokens } = waitingMachine();
    const first = sfn.startExecution("call", "case-8", { caseId: "c8" });
    await sfn.sendTaskSuccess(await eventually(() => tokens[0], "the call"), "{}");
    await first.done;

    const error = thrown(() => sfn.startExecution("call", "case-8", { caseId: "c8" }));
    expect(error.name).toBe("ExecutionAlreadyExists");
    expect(error.message).toContain(first.executionArn);
  });

  it("rejects names Step Functions rejects", () => {
    const { sfn } = waitingMachine();
    expect(thrown(() => sfn.startExecution("call", "2025-03-01T00:00:00Z", {})).name).toBe("InvalidName");
    expect(thrown(() => sfn.startExecution("call", "x".repeat(81), {})).name).toBe("InvalidName");
    expect(thrown(() => sfn.startExecution("nope", "ok", {})).name).toBe("StateMachineDoesNotExist");
  });
});

describe("Map, lambda:invoke and the context object", () => {
  it("runs an inline Map through lambda:invoke with the real output shape", async () => {
    const { sfn } = setup();
    sfn.registerFunction("score", async (event: { case: { id: string; balance: number } }) => ({
      score: event.case.balance * 2,
    }));
    sfn.register("fanout", fixture("map-fanout"), { ScoreFunctionArn: sfn.functionArn("score") });
    const input = {
      campaignId: "2025-03-JKT",
      cases: [
        { id: "a", balance: 1 },
        { id: "b", balance: 2 },
        { id: "c", balance: 3 },
      ],
    };

    const done = await sfn.run("fanout", input);

    expect(done.status).toBe("SUCCEEDED");
    // $$.Execution.Input inside an iteration is the execution's input (the interpreter alone
    // would give the iteration's input).
    expect((done.output as { results: unknown }).results).toEqual([
      { caseId: "a", index: 0, score: 2, statusCode: 200, campaignId: "2025-03-JKT" },
      { caseId: "b", index: 1, score: 4, statusCode: 200, campaignId: "2025-03-JKT" },
      { caseId: "c", index: 2, score: 6, statusCode: 200, campaignId: "2025-03-JKT" },
    ]);
    expect(sfn.stats().executions[0]).toMatchObject({
      mapIterations: 3,
      lambdaInvocations: 3,
      stateTransitions: 1 + 3 * 2,
      states: { ForEachCase: 1, Score: 3, Annotate: 3 },
    });
  });

  it("returns lambda:invoke's full response without a ResultSelector", async () => {
    const { sfn } = setup();
    sfn.registerFunction("noop", (event: { x: number }) => ({ y: event.x + 1 }));
    sfn.register("invoke", {
      StartAt: "T",
      States: {
        T: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: `${LAMBDA}:$LATEST`, "Payload.$": "$" },
          End: true,
        },
      },
    });
    const done = await sfn.run("invoke", { x: 1 });
    expect(done.output).toMatchObject({ Payload: { y: 2 }, StatusCode: 200, ExecutedVersion: "$LATEST" });
  });

  it("fixes what the interpreter alone mis-runs: falsy Pass Result, ResultPath $", async () => {
    const { sfn } = setup();
    sfn.register("fixes", {
      StartAt: "Zero",
      States: {
        Zero: { Type: "Pass", Result: 0, ResultPath: "$.zero", Next: "False" },
        False: { Type: "Pass", Result: false, ResultPath: "$.no", Next: "Replace" },
        Replace: {
          Type: "Pass",
          Parameters: { "kept.$": "$.zero", "no.$": "$.no" },
          ResultPath: "$",
          End: true,
        },
      },
    });
    const done = await sfn.run("fixes", { a: 1 });
    expect(done.output).toEqual({ kept: 0, no: false });
  });

  it("fails with States.DataLimitExceeded on a result over 256 KiB", async () => {
    const { sfn } = setup();
    sfn.registerFunction("noop", () => ({ blob: "x".repeat(DATA_LIMIT_BYTES) }));
    sfn.register("big", { StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA, End: true } } });
    const done = await sfn.run("big", {});
    expect(done).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
  });
});

describe("registration", () => {
  it("fails on an unresolved substitution placeholder", () => {
    const { sfn } = setup();
    const error = thrown(() => sfn.register("paged", fixture("paged-loop"), { OtherArn: "x" }));
    expect(error).toBeInstanceOf(SubstitutionError);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the ASL placeholder syntax
    expect(error.message).toContain("${FetchPageFunctionArn}");
    expect((error as SubstitutionError).unresolved).toEqual(["FetchPageFunctionArn"]);
  });

  it("substitutes like CloudFormation DefinitionSubstitutions", () => {
    const $ = "$";
    expect(placeholderNames(`{"a":"${$}{A}","b":"${$}{B}","c":"${$}{A}","d":"${$}{!Lit}"}`)).toEqual([
      "A",
      "B",
    ]);
    expect(substitutePlaceholders(`"${$}{A}-${$}{!Lit}"`, { A: "x" })).toBe(`"x-${$}{Lit}"`);
    expect(() => substitutePlaceholders('"${A"', { A: "x" })).toThrow(/unterminated/);
  });

  it("validates on register", () => {
    const { sfn } = setup();
    const error = thrown(() =>
      sfn.register("bad", { StartAt: "A", States: { A: { Type: "Pass", Assign: { x: 1 }, End: true } } }),
    );
    expect(error).toBeInstanceOf(AslValidationError);
    expect(error.message).toContain("/States/A/Assign");
  });
});

describe("validateDefinition", () => {
  const pass = { Type: "Pass", End: true };
  const map = (extra: Record<string, unknown>, processor: Record<string, unknown> = {}) => ({
    StartAt: "M",
    States: {
      M: {
        Type: "Map",
        ItemProcessor: { StartAt: "Inner", States: { Inner: pass }, ...processor },
        End: true,
        ...extra,
      },
    },
  });

  const rejected: [string, Record<string, unknown>, string][] = [
    ["JSONata at the top", { QueryLanguage: "JSONata", StartAt: "A", States: { A: pass } }, "/QueryLanguage"],
    [
      "JSONata on a state",
      { StartAt: "A", States: { A: { ...pass, QueryLanguage: "JSONata" } } },
      "/States/A/QueryLanguage",
    ],
    ["Assign", { StartAt: "A", States: { A: { ...pass, Assign: { x: 1 } } } }, "/States/A/Assign"],
    ["Output", { StartAt: "A", States: { A: { ...pass, Output: { x: 1 } } } }, "/States/A/Output"],
    [
      "Arguments",
      { StartAt: "A", States: { A: { Type: "Task", Resource: LAMBDA, Arguments: { x: 1 }, End: true } } },
      "/States/A/Arguments",
    ],
    [
      "a Distributed Map",
      map({}, { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" } }),
      "/States/M/ItemProcessor/ProcessorConfig/Mode",
    ],
    [
      "ItemReader",
      map({
        ItemReader: { Resource: "arn:aws:states:::s3:getObject", Parameters: { Bucket: "b", Key: "k" } },
      }),
      "/States/M/ItemReader",
    ],
    ["ItemBatcher", map({ ItemBatcher: { MaxItemsPerBatch: 10 } }), "/States/M/ItemBatcher"],
    [
      "ResultWriter",
      map({
        ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "b", Prefix: "p" } },
      }),
      "/States/M/ResultWriter",
    ],
    [
      "Assign inside a Parallel branch",
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [
              { StartAt: "B0", States: { B0: pass } },
              { StartAt: "B1", States: { B1: { ...pass, Assign: { y: 2 } } } },
            ],
            End: true,
          },
        },
      },
      "/States/P/Branches/1/States/B1/Assign",
    ],
    [
      "Output inside a Map processor",
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemProcessor: { StartAt: "I", States: { I: { ...pass, Output: 1 } } },
            End: true,
          },
        },
      },
      "/States/M/ItemProcessor/States/I/Output",
    ],
    [
      "Assign in a Choice rule",
      {
        StartAt: "C",
        States: {
          C: {
            Type: "Choice",
            Choices: [{ Variable: "$.x", IsPresent: true, Next: "D", Assign: { a: 1 } }],
            Default: "D",
          },
          D: pass,
        },
      },
      "/States/C/Choices/0/Assign",
    ],
    [
      "Assign in a catcher",
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: LAMBDA,
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "D", Assign: { a: 1 } }],
            End: true,
          },
          D: pass,
        },
      },
      "/States/T/Catch/0/Assign",
    ],
    [
      "a callback task that does not pass its token",
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
            Parameters: { FunctionName: "f", Payload: {} },
            End: true,
          },
        },
      },
      "/States/T/Parameters",
    ],
  ];

  it.each(rejected)("rejects %s, naming the state path", (_what, definition, path) => {
    const error = thrown(() => validateDefinition(definition, "bad-machine"));
    expect(error).toBeInstanceOf(AslValidationError);
    expect(error.message).toContain('State machine "bad-machine"');
    expect(error.message).toContain(`${path}:`);
  });

  it("reports asl-validator's findings too, without mutating the definition", () => {
    const definition = { StartAt: "A", States: { A: { Type: "Pass", Next: "Nowhere" } } };
    const before = structuredClone(definition);
    const problems = findDefinitionProblems(definition);
    expect(problems.some((p) => p.includes("MISSING_TRANSITION_TARGET"))).toBe(true);
    expect(definition).toEqual(before);
  });

  it("accepts every fixture", () => {
    for (const name of [
      "paged-loop",
      "retry-flaky",
      "catch-fail",
      "child",
      "parent-sync",
      "callback",
      "waits",
      "map-fanout",
    ]) {
      const text = fixture(name);
      const dummy = Object.fromEntries(placeholderNames(text).map((p) => [p, `${LAMBDA}-${p}`]));
      expect(findDefinitionProblems(JSON.parse(substitutePlaceholders(text, dummy))), name).toEqual([]);
    }
  });
});

describe("Choice type tests", () => {
  it.each([
    ["IsNull", { v: 1 }, { v: null }],
    ["IsPresent", { w: 1 }, { v: 1 }],
    ["IsNumeric", { v: "1" }, { v: 1 }],
    ["IsString", { v: 1 }, { v: "1" }],
    ["IsBoolean", { v: 1 }, { v: true }],
    ["IsTimestamp", { v: "soon" }, { v: "2025-01-01T00:00:00Z" }],
  ])(
    "%s: false matches when the test fails (and only then), also nested",
    async (test, whenFalse, whenTrue) => {
      const { sfn } = setup();
      sfn.register("choice", {
        StartAt: "C",
        States: {
          C: {
            Type: "Choice",
            Choices: [
              { Variable: "$.v", [test]: false, Next: "No" },
              {
                And: [{ Variable: "$.v", [test]: true }, { Not: { Variable: "$.v", [test]: false } }],
                Next: "Yes",
              },
            ],
            Default: "Neither",
          },
          No: { Type: "Pass", Result: "no", End: true },
          Yes: { Type: "Pass", Result: "yes", End: true },
          Neither: { Type: "Pass", Result: "neither", End: true },
        },
      });
      expect((await sfn.run("choice", whenFalse)).output).toBe("no");
      expect((await sfn.run("choice", whenTrue)).output).toBe("yes");
    },
  );
});

describe("concurrency and nesting", () => {
  it("gives each Map iteration its own task token, whatever order the callbacks come in", async () => {
    const { sfn } = setup("manual");
    const waiting = new Map<string, string>();
    sfn.registerFunction("dialer", async (event: { taskToken: string; caseId: string }) => {
      // One participant answers at once, from inside the invocation.
      if (event.caseId === "c2") await sfn.sendTaskSuccess(event.taskToken, { answeredBy: event.caseId });
      else waiting.set(event.caseId, event.taskToken);
      return null;
    });
    sfn.register("calls", {
      StartAt: "EachCase",
      States: {
        EachCase: {
          Type: "Map",
          ItemsPath: "$.cases",
          ItemProcessor: {
            StartAt: "Call",
            States: {
              Call: {
                Type: "Task",
                Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
                Parameters: {
                  FunctionName: "dialer",
                  Payload: { "taskToken.$": "$$.Task.Token", "caseId.$": "$" },
                },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    });
    const cases = ["c0", "c1", "c2", "c3", "c4"];
    const execution = sfn.startExecution("calls", "batch", { cases });
    await eventually(() => (waiting.size === 4 ? true : undefined), "four waiting calls");
    expect(new Set(waiting.values()).size).toBe(4);
    for (const caseId of ["c4", "c0", "c3", "c1"]) {
      await sfn.sendTaskSuccess(waiting.get(caseId) ?? "", JSON.stringify({ answeredBy: caseId }));
    }
    expect(await execution.result()).toEqual(cases.map((c) => ({ answeredBy: c })));
    expect(execution.stats()).toMatchObject({ callbacks: 5, mapIterations: 5 });
  });

  it("retries a callback task with a fresh token", async () => {
    const { sfn } = setup();
    const tokens: string[] = [];
    sfn.registerFunction("dialer", async (event: { token: string }) => {
      tokens.push(event.token);
      if (tokens.length === 1) await sfn.sendTaskFailure(event.token, "Dialer.LineBusy", "busy");
      else await sfn.sendTaskSuccess(event.token, '"connected"');
      return null;
    });
    sfn.register("redial", {
      StartAt: "Call",
      States: {
        Call: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Parameters: { FunctionName: "dialer", Payload: { "token.$": "$$.Task.Token" } },
          Retry: [{ ErrorEquals: ["Dialer.LineBusy"], IntervalSeconds: 30 }],
          End: true,
        },
      },
    });
    const done = await sfn.run("redial", {});
    expect(done).toMatchObject({ status: "SUCCEEDED", output: "connected" });
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it("runs Parallel branches through the same routing, and many executions at once", async () => {
    const { sfn } = setup();
    sfn.registerFunction("sms", (event: { to: string }) => ({ sent: event.to }));
    sfn.registerFunction("email", (event: { to: string }) => ({ mailed: event.to }));
    sfn.register("notify", {
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "Sms",
              States: { Sms: { Type: "Task", Resource: sfn.functionArn("sms"), End: true } },
            },
            {
              StartAt: "Email",
              States: { Email: { Type: "Task", Resource: sfn.functionArn("email"), End: true } },
            },
          ],
          End: true,
        },
      },
    });
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => sfn.run("notify", { to: `p${i}` })));
    runs.forEach((done, i) => {
      expect(done.output).toEqual([{ sent: `p${i}` }, { mailed: `p${i}` }]);
    });
    expect(sfn.stats().totals).toMatchObject({ executions: 20, stateTransitions: 60, lambdaInvocations: 40 });
  });
});

describe("systemClock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("wakes when the wall clock reaches the time, and at once on abort, dropping its timer", async () => {
    vi.useFakeTimers({ now: new Date(START), toFake: ["setTimeout", "clearTimeout", "Date"] });
    let woke = false;
    void systemClock.sleepUntil(new Date(Date.now() + 30)).then(() => {
      woke = true;
    });
    await vi.advanceTimersByTimeAsync(29);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(woke).toBe(true);

    const controller = new AbortController();
    let aborted = false;
    void systemClock.sleepUntil(new Date(Date.now() + 60_000), controller.signal).then(() => {
      aborted = true;
    });
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await settle();
    expect(aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("stopping", () => {
  it("invokes nothing more after a stop, not even queued Map iterations", async () => {
    const { sfn } = setup("manual");
    const invoked: string[] = [];
    sfn.registerFunction("dialer", (event: { caseId: string }) => {
      invoked.push(event.caseId);
      return null;
    });
    sfn.register("serial", {
      StartAt: "EachCase",
      States: {
        EachCase: {
          Type: "Map",
          ItemsPath: "$.cases",
          MaxConcurrency: 1,
          ItemProcessor: {
            StartAt: "Call",
            States: {
              Call: {
                Type: "Task",
                Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
                Parameters: {
                  FunctionName: "dialer",
                  Payload: { "token.$": "$$.Task.Token", "caseId.$": "$" },
                },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    });
    const execution = sfn.startExecution("serial", "s", { cases: ["a", "b", "c"] });
    await eventually(() => (invoked.length === 1 ? true : undefined), "the first call");
    await sfn.stopExecution(execution.executionArn);
    expect((await execution.done).status).toBe("ABORTED");
    // Event-loop turns, not milliseconds: enough for the next queued iteration to start.
    await settle();
    expect(invoked).toEqual(["a"]);
    expect(sfn.pendingTasks()).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { DATA_LIMIT_BYTES, ExecutionFailedError } from "../../local/asl/runner";
import { fixture, LAMBDA, PermanentError, START, setup, TransientError } from "./runner-support";

/** Task states: routed to Lambda handlers, lambda:invoke and Parallel branches, retried and caught as in AWS. */

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

describe("Map, lambda:invoke and Parallel", () => {
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

  it("fails with States.DataLimitExceeded on a result over 256 KiB", async () => {
    const { sfn } = setup();
    sfn.registerFunction("noop", () => ({ blob: "x".repeat(DATA_LIMIT_BYTES) }));
    sfn.register("big", { StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA, End: true } } });
    const done = await sfn.run("big", {});
    expect(done).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
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

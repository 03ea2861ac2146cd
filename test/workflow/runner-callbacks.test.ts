import { describe, expect, it } from "vitest";
import { fixture, setup } from "./runner-support";
import { eventually } from "./test-clock";

/** Callback tasks: task tokens handed out, settled by SendTask*, timed out on the clock. */

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

describe("task tokens under concurrency and retries", () => {
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
});

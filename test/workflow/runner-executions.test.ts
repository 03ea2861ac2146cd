import { describe, expect, it } from "vitest";
import { StepFunctionsError } from "../../local/asl/runner";
import { fixture, setup, thrown } from "./runner-support";
import { eventually, settle } from "./test-clock";

/** Executions: their names (unique per state machine), how they end when stopped or timed out. */

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

describe("stopping and timing out", () => {
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

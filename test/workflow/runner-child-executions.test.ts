import { describe, expect, it } from "vitest";
import { fixture, setup } from "./runner-support";

/** `states:startExecution.sync` tasks: the child as an execution of its own. */

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

import { SendTaskSuccessCommand, SFNClient, TaskTimedOut } from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { StepFunctionsCallbacks } from "../../../functions/channels/callbacks";

const sfn = mockClient(SFNClient);
beforeEach(() => sfn.reset());

describe("Step Functions task callbacks", () => {
  const callbacks = new StepFunctionsCallbacks(new SFNClient({}));

  it("resumes the waiting dialing day with SendTaskSuccess and its output", async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});
    await callbacks.succeed("token-123", { woke: "AGENT_FREED" });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({
      taskToken: "token-123",
      output: '{"woke":"AGENT_FREED"}',
    });
  });

  it("ignores a token whose wait already ended by its timeout", async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: "Task Timed Out", $metadata: {} }));
    await expect(callbacks.succeed("stale", {})).resolves.toBeUndefined();
  });

  it("surfaces any other failure", async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new Error("AccessDenied"));
    await expect(callbacks.succeed("token", {})).rejects.toThrow("AccessDenied");
  });
});

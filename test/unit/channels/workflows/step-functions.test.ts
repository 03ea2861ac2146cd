import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { StepFunctionsCampaignExecutions } from "../../../../functions/channels/workflows/step-functions";

const MACHINE = "arn:aws:states:ap-southeast-1:123456789012:stateMachine:TelecollectCampaign";
const EXECUTION =
  "arn:aws:states:ap-southeast-1:123456789012:execution:TelecollectCampaign:campaign-SEMARANG-2026-11";
const sfn = mockClient(SFNClient);

beforeEach(() => sfn.reset());

describe("Step Functions campaign executions", () => {
  const executions = new StepFunctionsCampaignExecutions(new SFNClient({}), MACHINE);

  it("starts the execution under the campaign's name with its input", async () => {
    sfn
      .on(StartExecutionCommand)
      .resolves({ executionArn: EXECUTION, startDate: new Date("2026-11-11T01:00:00Z") });
    const result = await executions.start("campaign-SEMARANG-2026-11", {
      branchCode: "SEMARANG",
      period: "2026-11",
    });
    expect(result.started).toBe(true);
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: MACHINE,
      name: "campaign-SEMARANG-2026-11",
      input: '{"branchCode":"SEMARANG","period":"2026-11"}',
    });
  });

  it("reports an existing execution of that name instead of failing", async () => {
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: "Execution Already Exists", $metadata: {} }));
    sfn.on(DescribeExecutionCommand).resolves({
      status: "FAILED",
      startDate: new Date("2026-11-11T01:00:00Z"),
      stopDate: new Date("2026-11-12T01:00:00Z"),
      error: "CampaignFailed",
      cause: "Rate exceeded",
    });
    const result = await executions.start("campaign-SEMARANG-2026-11", {});
    expect(result).toMatchObject({ started: false, execution: { status: "FAILED", cause: "Rate exceeded" } });
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]?.args[0].input).toEqual({ executionArn: EXECUTION });
  });

  it("stops an execution with who and why", async () => {
    sfn.on(StopExecutionCommand).resolves({});
    await executions.stop("campaign-SEMARANG-2026-11", "StoppedBySupervisor", "budi: branch holiday");
    expect(sfn.commandCalls(StopExecutionCommand)[0]?.args[0].input).toEqual({
      executionArn: EXECUTION,
      error: "StoppedBySupervisor",
      cause: "budi: branch holiday",
    });
  });
});

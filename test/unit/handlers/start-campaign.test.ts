import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prefixedTableNames, tableEnvironment } from "../../../functions/contracts";
import { stepFunctionsExecutions } from "../../../functions/handlers/shared/aws/campaign-executions";
import { installPorts } from "../../../functions/handlers/shared/composition-root";
import { handler } from "../../../functions/handlers/start-campaign";
import { invokeLocally } from "../../../local/lambda";
import { SimulatedClock } from "../../../local/sim/clock";
import { installHandlerPorts } from "../../support/handler-ports";

/** The monthly schedule's target in AWS, on a mocked Step Functions: the same rule as the CLI. */
const MACHINE = "arn:aws:states:ap-southeast-1:123456789012:stateMachine:TelecollectCampaign";
const sfn = mockClient(SFNClient);
/** The function's environment in AWS: its tables and the state machine it starts. */
const VARIABLES = { ...tableEnvironment(prefixedTableNames("unit-")), CAMPAIGN_STATE_MACHINE_ARN: MACHINE };

afterAll(() => installPorts(undefined));

beforeEach(() => {
  sfn.reset();
  sfn
    .on(DescribeExecutionCommand)
    .rejects(new ExecutionDoesNotExist({ message: "Execution Does Not Exist", $metadata: {} }));
  sfn.on(StartExecutionCommand).resolves({ executionArn: `${MACHINE}:x`, startDate: new Date() });
});

const invokeAt = (
  now: string,
  event: Record<string, unknown>,
  variables: Record<string, string> = VARIABLES,
) => {
  installHandlerPorts(
    variables,
    { clock: new SimulatedClock(new Date(now)) },
    { campaignExecutions: stepFunctionsExecutions },
  );
  return invokeLocally(handler as Parameters<typeof invokeLocally>[0], event, {
    functionName: "start-campaign",
  });
};

describe("the scheduled start-campaign Lambda", () => {
  it("starts the current month in the branch's zone", async () => {
    const result = await invokeAt("2026-11-11T00:00:00Z", { branchCode: "GORONTALO" });
    expect(result).toEqual({
      outcome: "STARTED",
      period: "2026-11",
      executionName: "campaign-GORONTALO-2026-11",
    });
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toMatchObject({
      stateMachineArn: MACHINE,
      name: "campaign-GORONTALO-2026-11",
    });
  });

  it("starts with the deployment's strategy (CAMPAIGN_STRATEGY), the defaults where it says nothing", async () => {
    await invokeAt("2026-11-11T00:00:00Z", { branchCode: "GORONTALO" });
    expect(
      JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? "").strategy,
    ).toBeNull();
    sfn.resetHistory();
    const strategy = '{"messaging":{"sms":{"length":"ONE_SEGMENT"}},"graceDays":3}';
    await invokeAt(
      "2026-11-11T00:00:00Z",
      { branchCode: "GORONTALO" },
      { ...VARIABLES, CAMPAIGN_STRATEGY: strategy },
    );
    const input = JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? "");
    expect(input.strategy.messaging.sms.length).toBe("ONE_SEGMENT");
    expect(input.strategy.graceDays).toBe(3);
    expect(input.strategy.buckets.map((b: { id: string }) => b.id)).toContain("M24_PLUS");
  });

  it("counts the deployment's grace days when it checks that a calling day is left", async () => {
    // Friday 27 November, 09:00 WITA: 2 grace days leave Monday the 30th; 4 leave none.
    await invokeAt("2026-11-27T01:00:00Z", { branchCode: "GORONTALO" });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
    await expect(
      invokeAt(
        "2026-11-27T01:00:00Z",
        { branchCode: "GORONTALO" },
        { ...VARIABLES, CAMPAIGN_STRATEGY: '{"graceDays":4}' },
      ),
    ).rejects.toMatchObject({ name: "CampaignStartRefusedError" });
  });

  it("fails with the refusal, starting nothing, when the month has no calling day left", async () => {
    await expect(invokeAt("2026-11-29T01:00:00Z", { branchCode: "GORONTALO" })).rejects.toMatchObject({
      name: "CampaignStartRefusedError",
      message: expect.stringContaining("campaign GORONTALO 2026-11: no calling day left"),
    });
    await expect(
      invokeAt("2026-12-06T01:00:00Z", { branchCode: "GORONTALO", period: "2026-11" }),
    ).rejects.toMatchObject({ name: "CampaignStartRefusedError", reason: "PERIOD_OVER" });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});

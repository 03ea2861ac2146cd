import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { OUTPUTS } from "../../functions/contracts";
import { runInProcess, STACK_OUTPUTS, STATE_MACHINE_ARN } from "./aws-stack";
import { tempHome } from "./helpers";

// The AWS target in-process, CloudFormation and Step Functions mocked: no network, no account.
const cfn = mockClient(CloudFormationClient);
const sfn = mockClient(SFNClient);
const ddb = mockClient(DynamoDBDocumentClient);
let home: { home: string; remove(): Promise<void> };

const telecollect = (args: string[], env: Record<string, string> = {}) => runInProcess(home.home, args, env);

const START = ["campaign", "start", "--branch", "GORONTALO", "--period", "2026-11"];

beforeAll(async () => {
  home = await tempHome();
  vi.stubEnv("AWS_REGION", "ap-southeast-1");
});
afterAll(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  cfn.restore();
  sfn.restore();
  ddb.restore();
  await home.remove();
});
beforeEach(() => {
  cfn.reset();
  sfn.reset();
  ddb.reset();
  vi.useRealTimers();
});

/** In AWS the CLI's "today" is the real date: set it, and only it (the SDK keeps its timers). */
const today = (iso: string) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
};

const deployedStack = () => {
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: "Telecollect",
        CreationTime: new Date(),
        StackStatus: "UPDATE_COMPLETE",
        Outputs: STACK_OUTPUTS,
      },
    ],
  });
  ddb.on(GetCommand).resolves({});
  sfn
    .on(DescribeExecutionCommand)
    .rejects(new ExecutionDoesNotExist({ message: "Execution Does Not Exist", $metadata: {} }));
};

describe("telecollect against a deployed stack", () => {
  it("names every stack output that is missing", async () => {
    cfn.on(DescribeStacksCommand, { StackName: "Telecollect" }).resolves({
      Stacks: [
        {
          StackName: "Telecollect",
          CreationTime: new Date(),
          StackStatus: "CREATE_COMPLETE",
          Outputs: STACK_OUTPUTS.filter(
            (o) => o.OutputKey !== OUTPUTS.campaignStateMachineArn && o.OutputKey !== "CasesTableName",
          ),
        },
      ],
    });
    const r = await telecollect(START);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "telecollect: stack Telecollect lacks output(s) CampaignStateMachineArn, CasesTableName: deploy the current version (npx cdk deploy) or pass --stack NAME",
    );
  });

  it("says when the stack does not exist", async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(Object.assign(new Error("Stack with id Other does not exist"), { name: "ValidationError" }));
    const r = await telecollect([...START, "--stack", "Other"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("stack Other not found in ap-southeast-1");
  });

  it("says when there are no AWS credentials", async () => {
    cfn.on(DescribeStacksCommand).rejects(
      Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      }),
    );
    const r = await telecollect(START);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^telecollect: AWS credentials not found .*--local$/);
  });

  it("starts the execution campaign-<branch>-<period> on the stack's state machine", async () => {
    today("2026-11-11T01:00:00Z");
    deployedStack();
    sfn.on(StartExecutionCommand).resolves({
      executionArn: `${STATE_MACHINE_ARN.replace(":stateMachine:", ":execution:")}:campaign-GORONTALO-2026-11`,
      startDate: new Date("2026-11-11T01:00:00Z"),
    });
    const r = await telecollect(START);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Started campaign GORONTALO 2026-11: execution campaign-GORONTALO-2026-11");
    expect(r.stdout).toContain("stack Telecollect in ap-southeast-1");
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toMatchObject({
      stateMachineArn: STATE_MACHINE_ARN,
      name: "campaign-GORONTALO-2026-11",
    });
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input.TableName).toBe("Telecollect-campaigns");
  });

  it("refuses, on the real date, a campaign whose month is over", async () => {
    today("2026-12-06T01:00:00Z");
    deployedStack();
    const r = await telecollect(START);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "telecollect: campaign GORONTALO 2026-11: the period is over (today is 2026-12-06 in Asia/Makassar); its reminders and calls would be about a month already past: nothing started (--force starts it anyway)",
    );
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});

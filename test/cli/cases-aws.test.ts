import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { deployedTable, runInProcess, STACK_OUTPUTS } from "./aws-stack";
import { tempHome } from "./helpers";

// `telecollect cases --format csv` against a deployed stack in-process: AWS mocked.
const cfn = mockClient(CloudFormationClient);
const sfn = mockClient(SFNClient);
const ddb = mockClient(DynamoDBDocumentClient);
let home: { home: string; remove(): Promise<void> };

const CAMPAIGN = "GORONTALO#2026-11";
const CASES_CSV_HEADER =
  "campaign_id,participant_id,name,phone,branch_code,bucket,status,close_reason,amount_due,amount_paid,sms_sent,call_attempts,last_outcome,promise_date,promise_status";

const aCase = (participantId: string, fields: Record<string, unknown>) => ({
  campaignId: CAMPAIGN,
  participantId,
  caseId: `${CAMPAIGN}#${participantId}`,
  branchCode: "GORONTALO",
  period: "2026-11",
  bucketId: "M04_06",
  amountDue: 210_000,
  amountPaid: 0,
  priority: 50,
  status: "OPEN",
  smsSent: 1,
  callAttempts: 0,
  ...fields,
});
const CASES = [
  aCase("0001000000017", {
    name: "Rahmat Katili",
    phone: "+6281234567890",
    status: "CLOSED",
    closeReason: "CONTACTED_NO_PAYMENT",
    callAttempts: 3,
    lastOutcome: "PROMISE_TO_PAY",
    promise: { date: "2026-11-20", status: "BROKEN" },
  }),
  aCase("0001000000025", { name: "Katili, Sitti", priority: 10 }),
];

const telecollect = (args: string[], env: Record<string, string> = {}) => runInProcess(home.home, args, env);

beforeAll(async () => {
  home = await tempHome();
  vi.stubEnv("AWS_REGION", "ap-southeast-1");
});
afterAll(async () => {
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
  sfn
    .on(DescribeExecutionCommand)
    .rejects(new ExecutionDoesNotExist({ message: "Execution Does Not Exist", $metadata: {} }));
  ddb.on(GetCommand, { TableName: deployedTable("campaigns") }).resolves({ Item: { campaignId: CAMPAIGN } });
  ddb.on(QueryCommand, { TableName: deployedTable("cases") }).resolves({ Items: CASES });
});

const G = ["cases", "--branch", "GORONTALO", "--period", "2026-11", "--format", "csv"];

describe("telecollect cases --format csv", () => {
  it("writes the one cases column set, npm start's cases.csv's too, personal data masked", async () => {
    const r = await telecollect(G);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")).toEqual([
      CASES_CSV_HEADER,
      "GORONTALO#2026-11,*********0017,R***** K*****,+62812****7890,GORONTALO,M04_06,CLOSED,CONTACTED_NO_PAYMENT,210000,0,1,3,PROMISE_TO_PAY,2026-11-20,BROKEN",
      "GORONTALO#2026-11,*********0025,K****** S****,,GORONTALO,M04_06,OPEN,,210000,0,1,0,,,",
    ]);
  });

  it("shows card numbers, names and phones only with --unmasked where allowed", async () => {
    const r = await telecollect([...G, "--unmasked"], { TELECOLLECT_ALLOW_UNMASKED: "1" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n").slice(1)).toEqual([
      "GORONTALO#2026-11,0001000000017,Rahmat Katili,+6281234567890,GORONTALO,M04_06,CLOSED,CONTACTED_NO_PAYMENT,210000,0,1,3,PROMISE_TO_PAY,2026-11-20,BROKEN",
      'GORONTALO#2026-11,0001000000025,"Katili, Sitti",,GORONTALO,M04_06,OPEN,,210000,0,1,0,,,',
    ]);
  });

  it("prints the same rows as a table, masked, with their count", async () => {
    const r = await telecollect(["cases", "--branch", "GORONTALO", "--period", "2026-11"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^participant\s+name\s+phone\s+category\s+status\s+due\s+paid\s+SMS\s+calls/);
    expect(lines[2]).toMatch(
      /^\*{9}0017\s+R\*{5} K\*{5}\s+\+62812\*{4}7890\s+M04_06\s+CLOSED:CONTACTED_NO_PAYMENT\s+Rp210\.000\s+Rp0\s+1\s+3\s+PROMISE_TO_PAY\s+2026-11-20 BROKEN$/,
    );
    expect(lines.at(-1)).toBe("2 case(s)");
  });
});

import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_PAID_PER_CASE } from "../../functions/domain/money";
import { deployedTable, runInProcess, STACK_OUTPUTS } from "./aws-stack";
import { tempHome } from "./helpers";

// `telecollect payments` against a deployed stack in-process: CloudFormation and DynamoDB mocked.
const cfn = mockClient(CloudFormationClient);
const ddb = mockClient(DynamoDBDocumentClient);
let home: { home: string; remove(): Promise<void> };

const NOW = "2026-11-16T03:00:00.000Z";
const SENT = "9999999990001";
const P = "0008000000001";
const CAMPAIGN = "GORONTALO#2026-11";
const CASE_ID = `${CAMPAIGN}#${P}`;
const PAID_AT = "2026-11-15T02:00:00.000Z";

const parked = {
  paymentId: "bank-001",
  participantId: SENT,
  amount: 175_000,
  paidAt: PAID_AT,
  paidAtAsSent: "2026-11-15T10:00:00+08:00",
  channel: "BANK",
  receivedAt: "2026-11-15T02:01:00.000Z",
  status: "UNMATCHED",
  unmatched: "UNMATCHED",
  unmatchedReason: "UNKNOWN_PARTICIPANT",
};

const telecollect = (args: string[], env: Record<string, string> = {}) => runInProcess(home.home, args, env);

beforeAll(async () => {
  home = await tempHome();
  vi.stubEnv("AWS_REGION", "ap-southeast-1");
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(NOW));
});
afterAll(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  cfn.restore();
  ddb.restore();
  await home.remove();
});
beforeEach(() => {
  cfn.reset();
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
});

describe("telecollect payments against a deployed stack", () => {
  it("lists the unmatched index, card numbers masked, with the branch of card numbers now known", async () => {
    ddb
      .on(QueryCommand, { TableName: deployedTable("payments") })
      .resolves({ Items: [parked, { ...parked, paymentId: "bank-002", participantId: P, amount: 40_000 }] });
    ddb.on(GetCommand, { TableName: deployedTable("participants"), Key: { participantId: P } }).resolves({
      Item: { participantId: P, branchCode: "GORONTALO" },
    });
    ddb
      .on(GetCommand, { TableName: deployedTable("participants"), Key: { participantId: SENT } })
      .resolves({});
    const r = await telecollect(["payments", "unmatched", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        paymentId: "bank-001",
        participant: "*********0001",
        branch: null,
        amount: 175_000,
        channel: "BANK",
        paidAt: "2026-11-15T10:00:00+08:00",
        receivedAt: "2026-11-15T02:01:00.000Z",
        reason: "UNKNOWN_PARTICIPANT",
      },
      expect.objectContaining({ paymentId: "bank-002", participant: "*********0001", branch: "GORONTALO" }),
    ]);
    expect(r.stdout).not.toContain(SENT);
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: deployedTable("payments"),
      IndexName: "unmatched",
      KeyConditionExpression: "unmatched = :u",
      ExpressionAttributeValues: { ":u": "UNMATCHED" },
      ExclusiveStartKey: undefined,
      Limit: 100,
    });
    const gorontalo = await telecollect(["payments", "unmatched", "--branch", "GORONTALO", "--json"]);
    expect(JSON.parse(gorontalo.stdout).map((p: { paymentId: string }) => p.paymentId)).toEqual(["bank-002"]);
  });

  it("assigns a parked payment in one transaction with who, when and why, then settles the case", async () => {
    ddb.on(GetCommand, { TableName: deployedTable("payments") }).resolves({ Item: parked });
    ddb.on(QueryCommand, { TableName: deployedTable("cases") }).resolves({
      Items: [
        {
          campaignId: CAMPAIGN,
          participantId: P,
          status: "OPEN",
          amountDue: 175_000,
          amountPaid: 0,
          branchCode: "GORONTALO",
          period: "2026-11",
        },
      ],
    });
    ddb.on(GetCommand, { TableName: deployedTable("cases") }).resolves({
      Item: {
        campaignId: CAMPAIGN,
        participantId: P,
        caseId: CASE_ID,
        branchCode: "GORONTALO",
        status: "OPEN",
        amountDue: 175_000,
        amountPaid: 175_000,
        promise: {
          amount: 175_000,
          date: "2026-11-20",
          status: "PENDING",
          agentId: "a-1",
          recordedAt: PAID_AT,
        },
      },
    });
    ddb.on(TransactWriteCommand).resolves({});
    const r = await telecollect([
      "payments",
      "assign",
      "bank-001",
      "--participant",
      P,
      "--reason",
      "card number typo",
      "--by",
      "kabid",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      "Assigned payment bank-001 (Rp175.000, BANK) to participant *********0001 by kabid",
    );
    expect(r.stdout).toContain("credited, now PAID, promise KEPT");
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: deployedTable("payments"),
      Key: { paymentId: "bank-001" },
      ConsistentRead: true,
    });
    const [apply, settle] = ddb.commandCalls(TransactWriteCommand).map((c) => c.args[0].input);
    const assigned = { by: "kabid", at: NOW, reason: "card number typo" };
    expect(apply).toEqual({
      TransactItems: [
        {
          Update: {
            TableName: deployedTable("payments"),
            Key: { paymentId: "bank-001" },
            UpdateExpression:
              "SET #status = :applied, participantIdAsSent = participantId, participantId = :p, assigned = :assigned, campaignId = :c, caseId = :k REMOVE unmatched, unmatchedReason",
            ConditionExpression:
              "#status = :unmatched AND attribute_exists(unmatched) AND attribute_not_exists(assigned)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: {
              ":applied": "APPLIED",
              ":unmatched": "UNMATCHED",
              ":p": P,
              ":assigned": assigned,
              ":c": CAMPAIGN,
              ":k": CASE_ID,
            },
          },
        },
        {
          Update: {
            TableName: deployedTable("participants"),
            Key: { participantId: P },
            UpdateExpression: "SET arrearsAmount = arrearsAmount - :a",
            ConditionExpression: "attribute_exists(participantId) AND arrearsAmount >= :a",
            ExpressionAttributeValues: { ":a": 175_000 },
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          },
        },
        {
          Update: {
            TableName: deployedTable("cases"),
            Key: { campaignId: CAMPAIGN, participantId: P },
            UpdateExpression: "ADD amountPaid :a SET updatedAt = :now",
            ConditionExpression:
              "attribute_exists(caseId) AND #status IN (:open, :paid) AND (attribute_not_exists(amountPaid) OR amountPaid <= :maxBefore)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: {
              ":a": 175_000,
              ":now": NOW,
              ":open": "OPEN",
              ":paid": "PAID",
              ":maxBefore": MAX_PAID_PER_CASE - 175_000,
            },
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          },
        },
        {
          Put: {
            TableName: deployedTable("interactions"),
            Item: {
              caseId: CASE_ID,
              campaignId: CAMPAIGN,
              participantId: P,
              branchCode: "GORONTALO",
              kind: "PAYMENT_APPLIED",
              at: PAID_AT,
              amount: 175_000,
              detail: {
                paymentId: "bank-001",
                channel: "BANK",
                assignedBy: "kabid",
                assignedAt: NOW,
                reason: "card number typo",
              },
              interactionKey: `${PAID_AT}#PAYMENT_APPLIED#bank-001`,
              expiresAt: Date.parse(PAID_AT) / 1000 + 1825 * 86_400,
            },
            ConditionExpression: "attribute_not_exists(interactionKey)",
          },
        },
      ],
    });
    expect(settle?.TransactItems?.[0]?.Update).toMatchObject({
      TableName: deployedTable("cases"),
      Key: { campaignId: CAMPAIGN, participantId: P },
      ConditionExpression:
        "#status = :open AND amountPaid >= amountDue AND promise.#pstatus = :pending AND promise.#pdate >= :paidDate",
    });
    expect(settle?.TransactItems?.[1]?.Put?.Item).toMatchObject({ kind: "PROMISE_KEPT", caseId: CASE_ID });
  });

  it("refuses a payment that was applied when it arrived, writing nothing", async () => {
    ddb.on(GetCommand, { TableName: deployedTable("payments") }).resolves({
      Item: {
        ...parked,
        participantId: P,
        status: "APPLIED",
        unmatched: undefined,
        unmatchedReason: undefined,
      },
    });
    const r = await telecollect(["payments", "assign", "bank-001", "--participant", P, "--reason", "x"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "telecollect: payment bank-001 is not unmatched: it was applied to *********0001 when it arrived (2026-11-15T02:01:00.000Z)",
    );
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { pseudonymOf } from "../../cli/participant-data/erasure";
import { pseudonymSecretName } from "../../cli/pseudonym-keys";
import { deployedTable, runInProcess, STACK_OUTPUTS } from "./aws-stack";
import { tempHome } from "./helpers";

// `telecollect participant export|erase` against a deployed stack in-process: CloudFormation,
// DynamoDB and Secrets Manager mocked; the exact requests the erasure sends are asserted.
const cfn = mockClient(CloudFormationClient);
const ddb = mockClient(DynamoDBDocumentClient);
const sm = mockClient(SecretsManagerClient);
let home: { home: string; remove(): Promise<void> };

const NOW = "2026-12-06T02:00:00.000Z";
const P = "0008000000001";
const CAMPAIGN = "GORONTALO#2026-11";
const KEY_HEX = "ab".repeat(32);
const PSEUDONYM = pseudonymOf(Buffer.from(KEY_HEX, "hex"), P);
const SECRET = pseudonymSecretName("Telecollect");
const notFound = () => new ResourceNotFoundException({ message: "not found", $metadata: {} });

const participant = {
  participantId: P,
  name: "Budi Santoso",
  phone: "+6281234567890",
  phoneRaw: "081234567890",
};
const theCase = {
  campaignId: CAMPAIGN,
  participantId: P,
  caseId: `${CAMPAIGN}#${P}`,
  name: "Budi Santoso",
  phone: "+6281234567890",
  virtualAccount: "8888808000000001",
  amountDue: 175_000,
  amountPaid: 0,
  status: "OPEN",
  dialQueue: CAMPAIGN,
  dialRank: `109950#${P}`,
  expiresAt: 1_900_000_000,
};
const interaction = {
  caseId: `${CAMPAIGN}#${P}`,
  interactionKey: "2026-11-16T02:00:00.000Z#DISPOSITION#c-1#REFUSES",
  campaignId: CAMPAIGN,
  participantId: P,
  kind: "DISPOSITION",
  outcome: "REFUSES",
  detail: { notes: "Pak Budi marah", rightPartyContact: true },
  expiresAt: 1_900_000_000,
};

const telecollect = (args: string[]) => runInProcess(home.home, args);

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
  sm.restore();
  await home.remove();
});
beforeEach(() => {
  cfn.reset();
  ddb.reset();
  sm.reset();
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
  ddb.onAnyCommand().resolves({});
  ddb.on(GetCommand, { TableName: deployedTable("participants") }).resolves({ Item: participant });
  ddb
    .on(QueryCommand, { TableName: deployedTable("cases"), ExpressionAttributeValues: { ":p": P } })
    .resolves({ Items: [{ campaignId: CAMPAIGN, participantId: P }] });
  ddb.on(GetCommand, { TableName: deployedTable("cases") }).resolves({ Item: theCase });
  ddb.on(QueryCommand, { TableName: deployedTable("interactions") }).resolves({ Items: [interaction] });
});

describe("telecollect participant erase against a deployed stack", () => {
  it("makes the stack's pseudonym key once, then moves and strips each item with the exact requests", async () => {
    sm.on(GetSecretValueCommand)
      .rejectsOnce(notFound())
      .rejectsOnce(notFound())
      .resolves({ SecretString: KEY_HEX });
    sm.on(CreateSecretCommand).resolves({});
    // No record when planning; the finished one when the erasure reads it back.
    ddb
      .on(GetCommand, { TableName: deployedTable("audit") })
      .resolvesOnce({})
      .resolves({
        Item: {
          scope: `ERASURE#${PSEUDONYM}`,
          recordKey: "ERASURE",
          pseudonym: PSEUDONYM,
          status: "DONE",
          kept: {},
        },
      });
    const r = await telecollect([
      "participant",
      "erase",
      P,
      "--reason",
      "request 17/PDP",
      "--by",
      "dpo",
      "--yes",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`pseudonym: ${PSEUDONYM}`);
    expect(r.stdout).not.toContain(P);

    const created = sm.commandCalls(CreateSecretCommand)[0]?.args[0].input;
    expect(created).toMatchObject({ Name: SECRET });
    expect(created?.SecretString).toMatch(/^[0-9a-f]{64}$/);
    expect(sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: SECRET },
      { SecretId: SECRET },
      { SecretId: SECRET },
    ]);

    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: deployedTable("audit"),
        Item: {
          scope: `ERASURE#${PSEUDONYM}`,
          recordKey: "ERASURE",
          pseudonym: PSEUDONYM,
          status: "IN_PROGRESS",
          by: "dpo",
          reason: "request 17/PDP",
          startedAt: NOW,
          found: { participants: 1, cases: 1, interactions: 1 },
          runs: [],
          expiresAt: Math.floor(Date.parse(NOW) / 1000) + 1825 * 86_400,
        },
        ConditionExpression: "attribute_not_exists(#scope)",
        ExpressionAttributeNames: { "#scope": "scope" },
      },
    ]);
    const movedCase = `${CAMPAIGN}#${PSEUDONYM}`;
    expect(ddb.commandCalls(TransactWriteCommand).map((c) => c.args[0].input)).toEqual([
      {
        TransactItems: [
          {
            Put: {
              TableName: deployedTable("interactions"),
              Item: {
                ...interaction,
                caseId: movedCase,
                participantId: PSEUDONYM,
                detail: { rightPartyContact: true },
                erasedAt: NOW,
              },
            },
          },
          {
            Delete: {
              TableName: deployedTable("interactions"),
              Key: { caseId: interaction.caseId, interactionKey: interaction.interactionKey },
              ConditionExpression: "attribute_exists(#pk)",
              ExpressionAttributeNames: { "#pk": "caseId" },
            },
          },
        ],
      },
      {
        TransactItems: [
          {
            Put: {
              TableName: deployedTable("cases"),
              Item: {
                campaignId: CAMPAIGN,
                participantId: PSEUDONYM,
                caseId: movedCase,
                name: "[erased]",
                virtualAccount: "[erased]",
                amountDue: 175_000,
                amountPaid: 0,
                status: "OPEN",
                contactable: false,
                expiresAt: 1_900_000_000,
                erasedAt: NOW,
              },
            },
          },
          {
            Delete: {
              TableName: deployedTable("cases"),
              Key: { campaignId: CAMPAIGN, participantId: P },
              // The case as planned: a payment or a call landing meanwhile cancels the move.
              ConditionExpression: "attribute_exists(#pk) AND #status = :status",
              ExpressionAttributeNames: { "#pk": "campaignId", "#status": "status" },
              ExpressionAttributeValues: { ":status": "OPEN" },
            },
          },
        ],
      },
    ]);
    expect(ddb.commandCalls(DeleteCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: deployedTable("participants"),
        Key: { participantId: P },
        ConditionExpression: "attribute_exists(#pk)",
        ExpressionAttributeNames: { "#pk": "participantId" },
      },
    ]);
    expect(ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: deployedTable("audit"),
        Key: { scope: `ERASURE#${PSEUDONYM}`, recordKey: "ERASURE" },
        UpdateExpression:
          "SET #status = :done, finishedAt = :at, kept = :kept, runs = list_append(runs, :run)",
        ConditionExpression: "attribute_exists(runs)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":done": "DONE",
          ":at": NOW,
          ":kept": { cases: 0, interactions: 0, payments: 0 },
          ":run": [
            {
              by: "dpo",
              at: NOW,
              reason: "request 17/PDP",
              changed: { interactions: 1, cases: 1, participants: 1 },
            },
          ],
        },
      },
    ]);
    expect(
      ddb
        .commandCalls(ScanCommand)
        .map((c) => c.args[0].input.TableName)
        .sort(),
    ).toEqual([
      deployedTable("audit"),
      deployedTable("campaigns"),
      deployedTable("campaigns"),
      // Kader visit results about the person, a filtered scan of the RESULT# scopes.
      deployedTable("kader"),
      deployedTable("messages"),
      deployedTable("payments"),
      deployedTable("payments"),
    ]);
  });

  it("finds payments sent for the card number but assigned to another with a filtered scan", async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: KEY_HEX });
    const r = await telecollect(["participant", "export", P, "--reason", "permintaan peserta", "--stdout"]);
    expect(r.code, r.stderr).toBe(0);
    expect(ddb.commandCalls(ScanCommand, { TableName: deployedTable("payments") })[0]?.args[0].input).toEqual(
      {
        TableName: deployedTable("payments"),
        FilterExpression: "participantIdAsSent = :p AND participantId <> :p",
        ExpressionAttributeValues: { ":p": P },
        ConsistentRead: true,
        ExclusiveStartKey: undefined,
      },
    );
  });

  it("without --yes makes no key and writes nothing", async () => {
    sm.on(GetSecretValueCommand).rejects(notFound());
    const r = await telecollect(["participant", "erase", P, "--reason", "request"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Would erase participant *********0001:`);
    expect(r.stdout).not.toContain("ERASED-");
    expect(sm.commandCalls(CreateSecretCommand)).toEqual([]);
    expect(ddb.commandCalls(PutCommand)).toEqual([]);
    expect(ddb.commandCalls(UpdateCommand)).toEqual([]);
    expect(ddb.commandCalls(DeleteCommand)).toEqual([]);
    expect(ddb.commandCalls(TransactWriteCommand)).toEqual([]);
  });

  it("export reads the key but never makes one", async () => {
    sm.on(GetSecretValueCommand).rejects(notFound());
    const r = await telecollect(["participant", "export", P, "--reason", "permintaan peserta", "--stdout"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ participant, erasure: null, cases: [theCase] });
    expect(sm.commandCalls(CreateSecretCommand)).toEqual([]);
  });
});

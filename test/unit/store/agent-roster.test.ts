import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import type { Clock } from "../../../functions/channels/clock";
import { DynamoAgentRoster } from "../../../functions/store/dynamo-agent-roster";

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "ap-southeast-1", maxAttempts: 1 }));
const dynamo = mockClient(doc);
const NOW = new Date("2026-11-16T03:00:00.000Z");
const clock: Clock = { now: () => NOW, sleepUntil: async () => {} };
const roster = new DynamoAgentRoster(doc, "limits", clock, 35);
/** The roster item's TTL: 35 days after the write. */
const EXPIRES = Date.parse("2026-12-21T03:00:00.000Z") / 1000;
const CAMPAIGN = "SEMARANG#2026-11";
const KEY = { limitId: `calls#${CAMPAIGN}` };
const conditionFailed = Object.assign(new Error("The conditional request failed"), {
  name: "ConditionalCheckFailedException",
});

beforeEach(() => dynamo.reset());

describe("the agent roster on DynamoDB", () => {
  it("reads the campaign's busy agents from its one item, consistently", async () => {
    dynamo.on(GetCommand).resolves({
      Item: { ...KEY, calls: { "0001000000001": { attempt: 2, startedAt: "t", phase: "WRAP_UP" } } },
    });
    expect(await roster.entries(CAMPAIGN)).toEqual([
      { participantId: "0001000000001", attempt: 2, startedAt: "t", phase: "WRAP_UP" },
    ]);
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: "limits",
      Key: KEY,
      ConsistentRead: true,
    });
  });

  it("creates the roster once per campaign", async () => {
    dynamo.on(UpdateCommand).resolves({});
    await roster.ensure("GORONTALO#2026-11");
    await roster.ensure("GORONTALO#2026-11");
    expect(dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: "limits",
        Key: { limitId: "calls#GORONTALO#2026-11" },
        UpdateExpression: "SET calls = if_not_exists(calls, :empty), expiresAt = :expires",
        ExpressionAttributeValues: { ":empty": {}, ":expires": EXPIRES },
      },
    ]);
  });

  it("reserves a seat only while an agent is free and the participant is not on it yet", async () => {
    dynamo.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed);
    const entry = { participantId: "0001000000001", attempt: 1, startedAt: "2026-11-16T03:00:00.000Z" };
    expect(await roster.reserve(CAMPAIGN, entry, 2)).toBe(true);
    expect(await roster.reserve(CAMPAIGN, entry, 2)).toBe(false);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: "limits",
      Key: KEY,
      UpdateExpression: "SET calls.#p = :entry, expiresAt = :expires",
      ConditionExpression:
        "attribute_exists(calls) AND attribute_not_exists(calls.#p) AND size(calls) < :agents",
      ExpressionAttributeNames: { "#p": "0001000000001" },
      ExpressionAttributeValues: {
        ":entry": { attempt: 1, startedAt: "2026-11-16T03:00:00.000Z", phase: "CALL" },
        ":expires": EXPIRES,
        ":agents": 2,
      },
    });
  });

  it("moves an answered call's agent to after-contact work, for that attempt only", async () => {
    dynamo.on(UpdateCommand).resolves({});
    expect(await roster.toWrapUp(CAMPAIGN, "0001000000001", 3, "2026-11-16T03:05:00.000Z")).toBe(true);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: "limits",
      Key: KEY,
      UpdateExpression: "SET calls.#p.#phase = :wrap, calls.#p.endedAt = :ended",
      ConditionExpression: "calls.#p.attempt = :a AND calls.#p.#phase = :call",
      ExpressionAttributeNames: { "#p": "0001000000001", "#phase": "phase" },
      ExpressionAttributeValues: {
        ":wrap": "WRAP_UP",
        ":ended": "2026-11-16T03:05:00.000Z",
        ":a": 3,
        ":call": "CALL",
      },
    });
  });

  it("notes on the entry a start whose case write failed", async () => {
    dynamo.on(UpdateCommand).resolves({});
    const started = { contactId: "contact-1", at: "2026-11-16T03:00:01.000Z" };
    expect(await roster.noteStarted(CAMPAIGN, "0001000000001", 1, started)).toBe(true);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: "limits",
      Key: KEY,
      UpdateExpression: "SET calls.#p.started = :started",
      ConditionExpression: "calls.#p.attempt = :a",
      ExpressionAttributeNames: { "#p": "0001000000001" },
      ExpressionAttributeValues: { ":started": started, ":a": 1 },
    });
  });

  it("releases a seat with the phase it was in, or undefined when another writer released it first", async () => {
    dynamo
      .on(UpdateCommand)
      .resolvesOnce({ Attributes: { calls: { "0001000000001": { attempt: 1, phase: "WRAP_UP" } } } })
      .rejectsOnce(conditionFailed);
    const match = { attempt: 1, phase: "WRAP_UP" as const };
    expect(await roster.release(CAMPAIGN, "0001000000001", match)).toBe("WRAP_UP");
    expect(await roster.release(CAMPAIGN, "0001000000001", match)).toBeUndefined();
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: "limits",
      Key: KEY,
      UpdateExpression: "REMOVE calls.#p",
      ConditionExpression:
        "attribute_exists(calls.#p) AND calls.#p.attempt = :a AND calls.#p.#phase = :phase",
      ExpressionAttributeNames: { "#p": "0001000000001", "#phase": "phase" },
      ExpressionAttributeValues: { ":a": 1, ":phase": "WRAP_UP" },
      ReturnValues: "UPDATED_OLD",
    });
  });
});

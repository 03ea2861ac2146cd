import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { prefixedTableNames } from "../../../functions/contracts";
import { DynamoAccessRecorder } from "../../../local/dynamo-access";
import { invokeLocally } from "../../../local/lambda";

const tables = prefixedTableNames("telecollect-test-");

/** A document client that answers every request empty, without a network. */
function offlineClient(): DynamoDBDocumentClient {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: "local", credentials: { accessKeyId: "x", secretAccessKey: "x" } }),
  );
  doc.middlewareStack.add(() => async () => ({ output: { $metadata: {} }, response: {} }), {
    step: "build",
    name: "answerEmpty",
  });
  return doc;
}

const invoked = (functionName: string, work: () => Promise<unknown>) =>
  invokeLocally(async (_event: unknown, _context: Context) => work(), {}, { functionName });

describe("DynamoAccessRecorder", () => {
  it("records each request as IAM checks it, under the function being invoked", async () => {
    const doc = offlineClient();
    const recorder = new DynamoAccessRecorder().attach(doc);
    await invoked("payment-webhook", async () => {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tables.payments, Item: { paymentId: "p" } } },
            {
              Update: {
                TableName: tables.cases,
                Key: { campaignId: "c", participantId: "1" },
                UpdateExpression: "SET a = :a",
                ExpressionAttributeValues: { ":a": 1 },
              },
            },
            {
              ConditionCheck: {
                TableName: tables.participants,
                Key: { participantId: "1" },
                ConditionExpression: "attribute_exists(participantId)",
              },
            },
          ],
        }),
      );
      await doc.send(
        new QueryCommand({
          TableName: tables.cases,
          IndexName: "byParticipant",
          KeyConditionExpression: "participantId = :p",
          ExpressionAttributeValues: { ":p": "1" },
        }),
      );
    });
    await invoked("map-arrears", () =>
      doc.send(
        new BatchGetCommand({
          RequestItems: { [tables.cases]: { Keys: [{ campaignId: "c", participantId: "1" }] } },
        }),
      ),
    );
    expect(recorder.byFunction()).toEqual({
      "payment-webhook": [
        { table: "cases", action: "Query", index: "byParticipant" },
        { table: "cases", action: "UpdateItem" },
        { table: "participants", action: "ConditionCheckItem" },
        { table: "payments", action: "PutItem" },
      ],
      "map-arrears": [{ table: "cases", action: "BatchGetItem" }],
    });
  });

  it("leaves out requests made outside an invocation, and refuses a table that is none of telecollect's", async () => {
    const doc = offlineClient();
    const recorder = new DynamoAccessRecorder().attach(doc);
    await doc.send(new GetCommand({ TableName: tables.cases, Key: { campaignId: "c", participantId: "1" } }));
    expect(recorder.byFunction()).toEqual({});
    await expect(
      invoked("dial-tick", () => doc.send(new GetCommand({ TableName: "someone-elses", Key: { id: "1" } }))),
    ).rejects.toThrow("someone-elses, which is none of telecollect's tables");
  });
});

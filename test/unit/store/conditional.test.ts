import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import {
  cancellationCodes,
  conditionalPut,
  conditionalTransact,
  conditionalUpdate,
  isConditionFailure,
} from "../../../functions/store/conditional";

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "ap-southeast-1", maxAttempts: 1 }));
const dynamo = mockClient(doc);

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: "The conditional request failed", $metadata: {} });
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: "Transaction cancelled",
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe("one way to tell a failed condition", () => {
  beforeEach(() => dynamo.reset());

  it("answers false for a failed condition on an update, a put and a transaction", async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    dynamo.on(PutCommand).rejects(conditionFailed());
    dynamo.on(TransactWriteCommand).rejects(cancelled("None", "ConditionalCheckFailed"));
    expect(
      await conditionalUpdate(doc, { TableName: "t", Key: { k: 1 }, UpdateExpression: "SET a = :a" }),
    ).toBe(false);
    expect(await conditionalPut(doc, { TableName: "t", Item: { k: 1 } })).toBe(false);
    expect(await conditionalTransact(doc, { TransactItems: [] })).toBe(false);
  });

  it("throws every other error, a transaction cancelled by a conflict included", async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled("TransactionConflict", "None"));
    await expect(conditionalTransact(doc, { TransactItems: [] })).rejects.toThrow("Transaction cancelled");
    dynamo.on(UpdateCommand).rejects(new Error("throttled"));
    await expect(
      conditionalUpdate(doc, { TableName: "t", Key: { k: 1 }, UpdateExpression: "SET a = :a" }),
    ).rejects.toThrow("throttled");
  });

  it("recognises a failed condition by its name, whichever copy of the SDK raised it", () => {
    const foreign = Object.assign(new Error("The conditional request failed"), {
      name: "ConditionalCheckFailedException",
    });
    expect(isConditionFailure(foreign)).toBe(true);
    expect(isConditionFailure(new Error("other"))).toBe(false);
    expect(isConditionFailure(undefined)).toBe(false);
    expect(cancellationCodes(cancelled("None", "ConditionalCheckFailed"))).toEqual([
      "None",
      "ConditionalCheckFailed",
    ]);
    expect(cancellationCodes(conditionFailed())).toEqual([]);
  });
});

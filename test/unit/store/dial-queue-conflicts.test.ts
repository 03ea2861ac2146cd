import { DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { RetryableError } from "../../../functions/errors";
import { ConcurrentUpdateError } from "../../../functions/store/concurrent-update";
import type { DialCase } from "../../../functions/store/dial-queue";
import { DynamoDialQueue } from "../../../functions/store/dynamo-dial-queue";

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "ap-southeast-1", maxAttempts: 1 }));
const dynamo = mockClient(doc);
const store = new DynamoDialQueue(doc, { cases: "cases", interactions: "interactions" }, 30);

const c = {
  caseId: "SEMARANG#2026-11#0001000000001",
  campaignId: "SEMARANG#2026-11",
  participantId: "0001000000001",
  branchCode: "SEMARANG",
  inFlight: { contactId: "contact-1", attempt: 1, startedAt: "2026-11-16T01:00:00.000Z" },
  activeContactId: "contact-1",
} as DialCase;

const ending = () =>
  store.endAttempt(
    c,
    { attempt: 1, contactId: "contact-1" },
    { queue: { next: "REMOVE" }, lastOutcome: "NO_ANSWER" },
    { ...c, kind: "CALL_ENDED", at: "2026-11-16T01:01:00.000Z", dedupeKey: "contact-1" },
  );

const cancelled = (code: string) =>
  new TransactionCanceledException({
    message: "Transaction cancelled",
    $metadata: {},
    CancellationReasons: [{ Code: code }, { Code: "None" }],
  });

beforeEach(() => dynamo.reset());

describe("the dial store under write conflicts", () => {
  it("turns a conflict that outlasts its retries into the contract's ConcurrentUpdateError", async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled("TransactionConflict"));
    const error = await ending().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrentUpdateError);
    expect((error as Error).name).toBe(RetryableError.ConcurrentUpdate);
    expect((error as Error).cause).toBeInstanceOf(TransactionCanceledException);
    expect(dynamo.commandCalls(TransactWriteCommand).length).toBeGreaterThan(1);
  });

  it("still succeeds when the conflict clears before the last try", async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled("TransactionConflict")).resolves({ $metadata: {} });
    await expect(ending()).resolves.toBe(true);
  });

  it("answers false, without retrying, when the case changed under its condition", async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled("ConditionalCheckFailed"));
    await expect(ending()).resolves.toBe(false);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});

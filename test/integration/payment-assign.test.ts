import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { assignPayment, PaymentNotAssignableError } from "../../functions/services/apply-payment";
import { once } from "../support/steps";
import {
  CAMPAIGN,
  DUE,
  NOW,
  notice,
  startWebhookFixture,
  TestClock,
  type WebhookFixture,
} from "./webhook-fixture";

const SECRET = "assign-test-secret-0123456789";
const NOBODY = "9999999999901";
let f: WebhookFixture;

beforeAll(async () => {
  f = await startWebhookFixture({ secret: SECRET, count: 6 });
});
afterAll(async () => {
  await f?.server.close();
});

// The supervisor assigns an hour after the webhook parked the payment.
const assignClock = new TestClock(new Date(NOW.getTime() + 3_600_000));
const assign = (paymentId: string, participantId: string, reason = "typo in the card number") =>
  assignPayment(
    { payments: f.payments, branches: new Map(SAMPLE_BRANCHES.map((b) => [b.code, b])), clock: assignClock },
    { paymentId, participantId, by: "kabid", reason },
  );
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentNotAssignableError);
  return (error as Error).message;
};
const park = async (paymentId: string, amount: number, participantId = NOBODY) => {
  const answer = await f.post(notice(f, 1, { paymentId, participantId, amount }));
  expect(answer.body).toEqual({ status: "unmatched" });
};

/** parked-1 assigned to participant 1, whose case has a pending promise, whichever test asks first. */
const firstAssigned = once(async () => {
  await f.doc.send(
    new UpdateCommand({
      TableName: f.tables.cases,
      Key: { campaignId: CAMPAIGN, participantId: f.id(1) },
      UpdateExpression: "SET promise = :p",
      ExpressionAttributeValues: {
        ":p": {
          amount: DUE,
          date: "2026-11-20",
          status: "PENDING",
          agentId: "a-1",
          recordedAt: NOW.toISOString(),
        },
      },
    }),
  );
  await park("parked-1", DUE);
  return assign("parked-1", f.id(1));
});

describe("assigning a parked payment", () => {
  it("applies it as a matched delivery would: arrears, case PAID, promise KEPT, audited", async () => {
    const result = await firstAssigned();
    expect(result).toMatchObject({ casePaid: true, promiseKept: true });
    expect(await f.arrearsOf(1)).toBe(0);
    expect(await f.caseOf(1)).toMatchObject({ status: "PAID", amountPaid: DUE, promise: { status: "KEPT" } });
    const stored = await f.payments.get("parked-1");
    expect(stored).toMatchObject({
      status: "APPLIED",
      participantId: f.id(1),
      participantIdAsSent: NOBODY,
      campaignId: CAMPAIGN,
      assigned: { by: "kabid", at: assignClock.now().toISOString(), reason: "typo in the card number" },
    });
    expect(stored).not.toHaveProperty("unmatched");
    expect(stored).not.toHaveProperty("unmatchedReason");
    expect((await f.payments.unmatched()).payments.map((p) => p.paymentId)).not.toContain("parked-1");
    expect((await f.payments.byParticipant(f.id(1))).map((p) => p.paymentId)).toEqual(["parked-1"]);
    const trail = await f.doc.send(
      new QueryCommand({
        TableName: f.tables.interactions,
        KeyConditionExpression: "caseId = :c",
        ExpressionAttributeValues: { ":c": (await f.caseOf(1)).caseId },
      }),
    );
    expect(trail.Items?.map((i) => i.kind).sort()).toEqual(["PAYMENT_APPLIED", "PROMISE_KEPT"]);
    expect(trail.Items?.find((i) => i.kind === "PAYMENT_APPLIED")).toMatchObject({
      amount: DUE,
      detail: { paymentId: "parked-1", assignedBy: "kabid", reason: "typo in the card number" },
    });
  });

  it("takes the channel's redelivery of the original notice as a duplicate, not a conflict", async () => {
    await firstAssigned();
    const redelivery = await f.post(
      notice(f, 1, { paymentId: "parked-1", participantId: NOBODY, amount: DUE }),
    );
    expect(redelivery).toEqual({ status: 200, body: { status: "duplicate" } });
    expect((await f.caseOf(1)).amountPaid).toBe(DUE);
  });

  it("lowers arrears only, when the participant has no open case", async () => {
    await f.doc.send(
      new UpdateCommand({
        TableName: f.tables.cases,
        Key: { campaignId: CAMPAIGN, participantId: f.id(2) },
        UpdateExpression: "SET #s = :closed",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":closed": "CLOSED" },
      }),
    );
    await park("parked-2", 50_000);
    const result = await assign("parked-2", f.id(2));
    expect(result.caseId).toBeUndefined();
    expect(await f.arrearsOf(2)).toBe(DUE - 50_000);
    expect(await f.caseOf(2)).toMatchObject({ status: "CLOSED", amountPaid: 0 });
  });

  it("refuses an unknown payment, one already assigned, one that was never parked, and an unknown participant", async () => {
    await firstAssigned();
    expect(await refusal(assign("no-such-payment", f.id(3)))).toBe("payment no-such-payment not found");
    expect(await refusal(assign("parked-1", f.id(3)))).toBe(
      `payment parked-1 was already assigned to *********0001 by kabid at ${assignClock.now().toISOString()}: typo in the card number`,
    );
    expect((await f.post(notice(f, 3, { paymentId: "matched-3" }))).body).toEqual({ status: "applied" });
    expect(await refusal(assign("matched-3", f.id(4)))).toBe(
      "payment matched-3 is not unmatched: it was applied to *********0003 when it arrived (2026-11-15T03:00:00.000Z)",
    );
    await park("parked-4", 10_000);
    expect(await refusal(assign("parked-4", "9999999999902"))).toBe(
      "participant *********9902 not found: check the card number (13 digits) or import the participant first",
    );
    expect(await f.payments.get("parked-4")).toMatchObject({ status: "UNMATCHED", unmatched: "UNMATCHED" });
    expect(await f.arrearsOf(4)).toBe(DUE);
  });

  it("assigns a payment once when two supervisors assign it at the same time", async () => {
    await park("parked-5", 20_000);
    const outcomes = await Promise.allSettled([assign("parked-5", f.id(5)), assign("parked-5", f.id(6))]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(PaymentNotAssignableError);
    expect(String(refused.reason.message)).toMatch(
      /^payment parked-5 was already assigned to \*{9}000[56] by kabid/,
    );
    const credited = [(await f.caseOf(5)).amountPaid, (await f.caseOf(6)).amountPaid].sort();
    expect(credited).toEqual([0, 20_000]);
  });
});

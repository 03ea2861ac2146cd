import { GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseIdOf } from "../../functions/domain/case";
import { SimulatedClock } from "../../local/sim/clock";
import { SimulatedPayers } from "../../local/sim/payers";
import { participant } from "../fixtures/participants";
import { once } from "../support/steps";
import { CAMPAIGN, DUE, NOW, notice, startWebhookFixture, type WebhookFixture } from "./webhook-fixture";

const SECRET = "integration-test-secret-0123456789";

let f: WebhookFixture;
let server: WebhookFixture["server"];
let doc: WebhookFixture["doc"];
let tables: WebhookFixture["tables"];
let payments: WebhookFixture["payments"];
let participants: WebhookFixture["participants"];
let clock: WebhookFixture["clock"];
let id: WebhookFixture["id"];
let post: WebhookFixture["post"];
let caseOf: WebhookFixture["caseOf"];
let arrearsOf: WebhookFixture["arrearsOf"];

const body = (overrides: Record<string, unknown> = {}) => ({
  ...notice(f, 1, { paymentId: "pay-1" }),
  ...overrides,
});

beforeAll(async () => {
  f = await startWebhookFixture({ secret: SECRET, count: 9 });
  ({ server, doc, tables, payments, participants, clock, id, post, caseOf, arrearsOf } = f);
});

afterAll(async () => {
  await server?.close();
});

/** pay-1's first delivery, whichever test asks first. */
const firstDelivery = once(() => post(body()));

describe("POST /payments", () => {
  it("applies a signed payment to the participant and their open case", async () => {
    expect(await firstDelivery()).toEqual({ status: 200, body: { status: "applied" } });
    const c = await caseOf(1);
    expect(c).toMatchObject({ status: "OPEN", amountDue: DUE, amountPaid: 100_000 });
    expect(await arrearsOf(1)).toBe(DUE - 100_000);
    expect(await payments.get("pay-1")).toMatchObject({
      participantId: id(1),
      amount: 100_000,
      paidAt: "2026-11-15T02:45:00.000Z",
      channel: "MINIMARKET",
      status: "APPLIED",
      caseId: c.caseId,
    });
    const trail = await doc.send(
      new QueryCommand({
        TableName: tables.interactions,
        KeyConditionExpression: "caseId = :c",
        ExpressionAttributeValues: { ":c": c.caseId },
      }),
    );
    expect(trail.Items).toEqual([
      expect.objectContaining({ kind: "PAYMENT_APPLIED", amount: 100_000, at: "2026-11-15T02:45:00.000Z" }),
    ]);
  });

  it("answers duplicate for a redelivery and applies nothing twice", async () => {
    await firstDelivery();
    clock.set(new Date(NOW.getTime() + 60_000));
    expect(await post(body())).toEqual({ status: 200, body: { status: "duplicate" } });
    clock.set(NOW);
    expect((await caseOf(1)).amountPaid).toBe(100_000);
    expect(await arrearsOf(1)).toBe(DUE - 100_000);
  });

  it("applies one of 20 concurrent deliveries of the same payment", async () => {
    const delivery = body({ paymentId: "pay-concurrent", participantId: id(2), amount: 50_000 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(delivery)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const statuses = answers.map((a) => a.body.status);
    expect(statuses.filter((s) => s === "applied")).toHaveLength(1);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(19);
    expect((await caseOf(2)).amountPaid).toBe(50_000);
    expect(await arrearsOf(2)).toBe(DUE - 50_000);
    expect(await payments.byParticipant(id(2))).toHaveLength(1);
  });

  it("refuses a bad signature with 401 and stores nothing", async () => {
    const answer = await post(body({ paymentId: "pay-forged" }), { secret: "not-the-secret-at-all" });
    expect(answer).toEqual({ status: 401, body: { error: "unauthorized" } });
    const unsigned = await post(body({ paymentId: "pay-forged" }), {
      headers: { "X-Telecollect-Signature": "" },
    });
    expect(unsigned.status).toBe(401);
    expect(await payments.get("pay-forged")).toBeUndefined();
  });

  it("refuses a timestamp more than 5 minutes off the clock with 401", async () => {
    const nowSeconds = Math.floor(NOW.getTime() / 1000);
    const stale = await post(body({ paymentId: "pay-stale" }), { timestamp: nowSeconds - 301 });
    expect(stale).toEqual({ status: 401, body: { error: "unauthorized" } });
    const future = await post(body({ paymentId: "pay-stale" }), { timestamp: nowSeconds + 301 });
    expect(future).toEqual({ status: 401, body: { error: "unauthorized" } });
    expect((await post(body({ paymentId: "pay-edge" }), { timestamp: nowSeconds - 300 })).status).toBe(200);
    expect(await payments.get("pay-stale")).toBeUndefined();
  });

  it("refuses malformed JSON with 400 and stores nothing", async () => {
    const answer = await post('{"paymentId": "pay-broken", ');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: "invalid body",
      fields: [{ field: "(body)", message: "malformed JSON" }],
    });
    expect(await payments.get("pay-broken")).toBeUndefined();
  });

  it("refuses wrong types with 400 naming every field", async () => {
    const answer = await post({
      paymentId: 42,
      participantId: 7000000000001,
      amount: "100000",
      paidAt: "2026-11-15 10:45",
      channel: "CASH",
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("invalid body");
    expect((answer.body.fields as { field: string }[]).map((f) => f.field)).toEqual([
      "paymentId",
      "participantId",
      "amount",
      "paidAt",
      "channel",
    ]);
  });

  it("parks a payment for an unknown participant for reconciliation", async () => {
    const answer = await post(body({ paymentId: "pay-nobody", participantId: "9999999999999" }));
    expect(answer).toEqual({ status: 200, body: { status: "unmatched" } });
    const { payments: parked } = await payments.unmatched();
    expect(parked).toEqual([
      expect.objectContaining({ paymentId: "pay-nobody", participantId: "9999999999999", amount: 100_000 }),
    ]);
    expect(await post(body({ paymentId: "pay-nobody", participantId: "9999999999999" }))).toEqual({
      status: 200,
      body: { status: "duplicate" },
    });
  });

  it("keeps a partly paid case open and closes it PAID, out of the dial queue, when paid in full", async () => {
    expect((await caseOf(3)).dialQueue).toBe(CAMPAIGN);
    await post(body({ paymentId: "pay-3a", participantId: id(3), amount: 75_000 }));
    expect(await caseOf(3)).toMatchObject({ status: "OPEN", amountPaid: 75_000, dialQueue: CAMPAIGN });
    await post(body({ paymentId: "pay-3b", participantId: id(3), amount: 100_000, channel: "MOBILE_JKN" }));
    const paid = await caseOf(3);
    expect(paid).toMatchObject({ status: "PAID", amountPaid: DUE, amountDue: DUE });
    expect(paid).not.toHaveProperty("dialQueue");
    expect(paid).not.toHaveProperty("dialRank");
    expect(await arrearsOf(3)).toBe(0);
  });

  it("never lowers arrears below zero on an overpayment", async () => {
    await post(body({ paymentId: "pay-4", participantId: id(4), amount: DUE + 50_000 }));
    expect(await arrearsOf(4)).toBe(0);
    expect(await caseOf(4)).toMatchObject({ status: "PAID", amountPaid: DUE + 50_000 });
  });

  describe("promises to pay", () => {
    const promise = (n: number, amount: number, date: string) =>
      doc.send(
        new UpdateCommand({
          TableName: tables.cases,
          Key: { campaignId: CAMPAIGN, participantId: id(n) },
          UpdateExpression: "SET promise = :p",
          ExpressionAttributeValues: {
            ":p": { amount, date, status: "PENDING", agentId: "agent-1", recordedAt: NOW.toISOString() },
          },
        }),
      );

    it("marks a promise KEPT when the promised amount is paid by its date", async () => {
      await promise(5, 100_000, "2026-11-15");
      await post(body({ paymentId: "pay-5", participantId: id(5), amount: 100_000 }));
      expect(await caseOf(5)).toMatchObject({ status: "OPEN", promise: { status: "KEPT" } });
    });

    it("leaves it PENDING when the payment comes after the promised date (local time)", async () => {
      await promise(6, DUE, "2026-11-14");
      // 00:30 on 15 November in Gorontalo, still 14 November in UTC.
      await post(
        body({ paymentId: "pay-6", participantId: id(6), amount: DUE, paidAt: "2026-11-14T16:30:00Z" }),
      );
      expect(await caseOf(6)).toMatchObject({ status: "PAID", promise: { status: "PENDING" } });
    });

    it("leaves it PENDING while the promised amount is not covered", async () => {
      await promise(7, 150_000, "2026-11-20");
      await post(body({ paymentId: "pay-7", participantId: id(7), amount: 100_000 }));
      expect(await caseOf(7)).toMatchObject({ status: "OPEN", promise: { status: "PENDING" } });
    });
  });

  it("settles a case on redelivery when the first delivery stopped after storing", async () => {
    // Step one only, as if the Lambda died before the settle step.
    const openCase = await payments.openCase(id(8));
    if (!openCase) throw new Error("fixture missing");
    await payments.storeApplied({
      payment: {
        paymentId: "pay-8",
        participantId: id(8),
        amount: DUE,
        paidAt: "2026-11-15T02:45:00.000Z",
        paidAtAsSent: "2026-11-15T10:45:00+08:00",
        channel: "BANK",
        receivedAt: NOW.toISOString(),
        status: "APPLIED",
        campaignId: openCase.campaignId,
        caseId: openCase.caseId,
      },
      form: "SUBTRACT",
      openCase,
      now: NOW,
    });
    expect(await caseOf(8)).toMatchObject({ status: "OPEN", amountPaid: DUE });
    const answer = await post(
      body({ paymentId: "pay-8", participantId: id(8), amount: DUE, channel: "BANK" }),
    );
    expect(answer.body).toEqual({ status: "duplicate" });
    expect(await caseOf(8)).toMatchObject({ status: "PAID", amountPaid: DUE });
  });

  it("applies to the participant alone when they have no open case", async () => {
    await participants.putMany([participant({ participantId: id(10), monthsInArrears: 1 })]);
    const before = (await arrearsOf(10)) as number;
    expect((await post(body({ paymentId: "pay-10", participantId: id(10), amount: 10_000 }))).body).toEqual({
      status: "applied",
    });
    expect(await arrearsOf(10)).toBe(before - 10_000);
    const stored = await doc.send(
      new GetCommand({ TableName: tables.payments, Key: { paymentId: "pay-10" } }),
    );
    expect(stored.Item).not.toHaveProperty("caseId");
  });

  it("answers 404 for another path and 405 for another method", async () => {
    expect((await post(body(), { path: "/payment" })).status).toBe(404);
    const wrongMethod = await fetch(`${server.url}/payments`, { method: "GET" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
  });

  it("takes a simulated payer's signed webhook at its simulated time, a double delivery once", async () => {
    const sim = new SimulatedClock(NOW);
    f.installPorts({ clock: sim });
    try {
      const payers = new SimulatedPayers({
        clock: sim,
        seed: 20261115,
        webhookUrl: `${server.url}/payments`,
        secret: SECRET,
        probabilities: { paidAlready: 1, duplicateDelivery: 1 },
      });
      const caseId = caseIdOf(CAMPAIGN, id(9));
      const planned = payers.afterDisposition({
        caseId,
        participantId: id(9),
        code: "PAID_ALREADY",
        amountDue: DUE,
        at: NOW,
      });
      expect(planned).toMatchObject({ amount: DUE, plannedDeliveries: 2, trigger: "PAID_ALREADY" });
      await sim.run(() => sim.sleepUntil(new Date(NOW.getTime() + 2 * 86_400_000)));
      const [payment] = payers.payments();
      expect(payment?.deliveries.map((d) => d.result).sort()).toEqual(["applied", "duplicate"]);
      expect(payers.errors()).toEqual([]);
      expect(await caseOf(9)).toMatchObject({ status: "PAID", amountPaid: DUE });
      expect((await payments.get(payment?.paymentId ?? ""))?.paidAtAsSent).toBe(payment?.paidAt);
    } finally {
      f.installPorts();
    }
  });
});

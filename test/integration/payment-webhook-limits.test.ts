import { ResourceNotFoundException } from "@aws-sdk/client-secrets-manager";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SecretsManagerSecretSource } from "../../functions/channels/secrets/secrets-manager";
import { MAX_PAID_PER_CASE } from "../../functions/domain/money";
import { signWebhook } from "../../functions/domain/webhook-signature";
import { handler } from "../../functions/handlers/payment-webhook";
import { logger, metrics } from "../../functions/handlers/shared/powertools";
import { loadLocalSecretsConfig, StaticSecretSource } from "../../local/adapters/webhook-secrets";
import { invokeLocally } from "../../local/lambda";
import { CAMPAIGN, DUE, NOW, notice, startWebhookFixture, type WebhookFixture } from "./webhook-fixture";

const SECRET = "limits-test-secret-0123456789";
let f: WebhookFixture;

beforeAll(async () => {
  f = await startWebhookFixture({ secret: SECRET, count: 20 });
});
afterAll(async () => {
  await f?.server.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const setCase = (n: number, values: Record<string, unknown>) =>
  f.doc.send(
    new UpdateCommand({
      TableName: f.tables.cases,
      Key: { campaignId: CAMPAIGN, participantId: f.id(n) },
      UpdateExpression: `SET ${Object.keys(values)
        .map((k, i) => `${k} = :v${i}`)
        .join(", ")}`,
      ExpressionAttributeValues: Object.fromEntries(Object.values(values).map((v, i) => [`:v${i}`, v])),
    }),
  );

/** Raw POST: the body and headers exactly as given, signed unless the headers say otherwise. */
async function rawPost(raw: string, headers: Record<string, string>) {
  const timestamp = Math.floor(f.clock.now().getTime() / 1000);
  const response = await fetch(`${f.server.url}/payments`, {
    method: "POST",
    headers: {
      "x-telecollect-timestamp": String(timestamp),
      "x-telecollect-signature": signWebhook(SECRET, timestamp, raw),
      ...headers,
    },
    body: raw,
  });
  return { status: response.status, text: await response.text() };
}

describe("amounts and stored sums", () => {
  it("refuses one payment above the maximum per payment with 400 naming amount, changing nothing", async () => {
    const answer = await f.post(notice(f, 1, { amount: 9_007_199_254_740_991 }));
    expect(answer).toEqual({
      status: 400,
      body: {
        error: "invalid body",
        fields: [{ field: "amount", message: "must be at most Rp100.000.000 (one payment)" }],
      },
    });
    expect(await f.payments.get("pay-1")).toBeUndefined();
    expect(await f.caseOf(1)).toMatchObject({ amountPaid: 0 });
    expect(await f.arrearsOf(1)).toBe(DUE);
    expect((await f.post(notice(f, 1, { amount: 100_000_000 }))).body).toEqual({ status: "applied" });
    expect(await f.caseOf(1)).toMatchObject({ status: "PAID", amountPaid: 100_000_000 });
  });

  it("parks a payment that would take a case past its ceiling; the case keeps reading as a number", async () => {
    // What the reported delivery left: amountPaid near Number.MAX_SAFE_INTEGER.
    const near = Number.MAX_SAFE_INTEGER - 50_000;
    await setCase(2, { amountPaid: near });
    expect((await f.post(notice(f, 2, { amount: 100_000 }))).body).toEqual({ status: "unmatched" });
    const c = await f.caseOf(2);
    expect(typeof c.amountPaid).toBe("number");
    expect(c.amountPaid).toBe(near);
    expect(await f.arrearsOf(2)).toBe(DUE);
    expect(await f.payments.get("pay-2")).toMatchObject({
      status: "UNMATCHED",
      unmatched: "UNMATCHED",
      unmatchedReason: "CASE_PAID_LIMIT",
    });
    // Up to the ceiling exactly is still credited.
    await setCase(3, { amountPaid: MAX_PAID_PER_CASE - 100_000 });
    expect((await f.post(notice(f, 3, { amount: 100_000 }))).body).toEqual({ status: "applied" });
    expect((await f.caseOf(3)).amountPaid).toBe(MAX_PAID_PER_CASE);
  });
});

describe("paidAt", () => {
  it("refuses a paidAt older than 400 days or in the future with 400 naming paidAt; a promise stays PENDING", async () => {
    const promise = {
      amount: DUE,
      date: "2026-11-20",
      status: "PENDING",
      agentId: "a-1",
      recordedAt: NOW.toISOString(),
    };
    await setCase(4, { promise });
    for (const paidAt of ["1900-01-01T00:00:00+07:00", "0001-01-01T00:00:00Z"]) {
      const answer = await f.post(notice(f, 4, { amount: DUE, paidAt }));
      expect(answer).toEqual({
        status: 400,
        body: {
          error: "invalid body",
          fields: [{ field: "paidAt", message: "must be within the last 400 days" }],
        },
      });
    }
    const ahead = await f.post(notice(f, 4, { amount: DUE, paidAt: "2026-11-15T03:10:00Z" }));
    expect(ahead.body).toEqual({
      error: "invalid body",
      fields: [{ field: "paidAt", message: "must not be in the future" }],
    });
    expect(await f.caseOf(4)).toMatchObject({
      status: "OPEN",
      amountPaid: 0,
      promise: { status: "PENDING" },
    });
  });
});

describe("limits and answers", () => {
  it("answers 413 to a body over 16 KB, from the handler itself", async () => {
    const padded = (bytes: number) => {
      const base = JSON.stringify({ ...notice(f, 5), pad: "" });
      return JSON.stringify({ ...notice(f, 5), pad: "x".repeat(bytes - base.length) });
    };
    const tooLarge = await rawPost(padded(16 * 1024 + 1), { "content-type": "application/json" });
    expect(tooLarge).toEqual({ status: 413, text: '{"error":"payload too large"}' });
    expect(await f.payments.get("pay-5")).toBeUndefined();
    const event = {
      version: "2.0",
      routeKey: "POST /payments",
      rawPath: "/payments",
      rawQueryString: "",
      headers: { "content-type": "application/json" },
      body: padded(20_000),
      isBase64Encoded: false,
      requestContext: { http: { method: "POST", path: "/payments" } },
    } as unknown as APIGatewayProxyEventV2;
    const direct = await invokeLocally(handler, event, { functionName: "payment-webhook" });
    expect(direct).toMatchObject({ statusCode: 413, body: '{"error":"payload too large"}' });
    const atLimit = await rawPost(padded(16 * 1024), { "content-type": "application/json" });
    expect(atLimit).toEqual({ status: 200, text: '{"status":"applied"}' });
  });

  it("answers 415 to a content type other than application/json", async () => {
    const raw = JSON.stringify(notice(f, 6));
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonx"]) {
      expect(await rawPost(raw, { "content-type": type })).toEqual({
        status: 415,
        text: '{"error":"unsupported media type: send application/json"}',
      });
    }
    expect((await rawPost(raw, {})).status).toBe(415);
    expect(await f.payments.get("pay-6")).toBeUndefined();
    expect(await rawPost(raw, { "content-type": "Application/JSON; charset=utf-8" })).toEqual({
      status: 200,
      text: '{"status":"applied"}',
    });
  });

  it("answers 401 with no reason; the reason goes to the log and a metric", async () => {
    const warn = vi.spyOn(logger, "warn");
    const single = { addDimension: vi.fn(), addMetric: vi.fn() };
    single.addDimension.mockReturnValue(single);
    vi.spyOn(metrics, "singleMetric").mockReturnValue(
      single as unknown as ReturnType<typeof metrics.singleMetric>,
    );
    const raw = JSON.stringify(notice(f, 7));
    const forged = await rawPost(raw, {
      "content-type": "application/json",
      "x-telecollect-signature": signWebhook("someone-elses-secret", Math.floor(NOW.getTime() / 1000), raw),
    });
    expect(forged).toEqual({ status: 401, text: '{"error":"unauthorized"}' });
    const stale = await rawPost(raw, { "content-type": "application/json", "x-telecollect-timestamp": "1" });
    expect(stale).toEqual({ status: 401, text: '{"error":"unauthorized"}' });
    expect(warn).toHaveBeenCalledWith("payment webhook refused", { reason: "BAD_SIGNATURE" });
    expect(warn).toHaveBeenCalledWith("payment webhook refused", { reason: "STALE_TIMESTAMP" });
    expect(single.addDimension.mock.calls).toEqual([
      ["reason", "BAD_SIGNATURE"],
      ["reason", "STALE_TIMESTAMP"],
    ]);
    expect(single.addMetric).toHaveBeenCalledWith("PaymentWebhookUnauthorizedByReason", "Count", 1);
  });

  it("answers 400 naming the fields and never echoing the body", async () => {
    const marker = "Qx7markerQx7";
    const wrong = await f.post({
      paymentId: `${marker}!`,
      participantId: marker,
      amount: marker,
      paidAt: marker,
      channel: marker,
    });
    expect(wrong.status).toBe(400);
    expect((wrong.body.fields as { field: string }[]).map((x) => x.field)).toEqual([
      "paymentId",
      "participantId",
      "amount",
      "paidAt",
      "channel",
    ]);
    expect(JSON.stringify(wrong.body)).not.toContain(marker);
    const broken = await f.post(`{"paymentId": "${marker}", "amount": ${marker}`);
    expect(broken).toEqual({
      status: 400,
      body: { error: "invalid body", fields: [{ field: "(body)", message: "malformed JSON" }] },
    });
  });
});

describe("the same paymentId with other facts", () => {
  it("answers 409 conflict, keeps the first payment and counts the conflict", async () => {
    const addMetric = vi.spyOn(metrics, "addMetric");
    expect((await f.post(notice(f, 9))).body).toEqual({ status: "applied" });
    const otherAmount = await f.post(notice(f, 9, { amount: 150_000 }));
    expect(otherAmount).toEqual({ status: 409, body: { status: "conflict" } });
    const otherParticipant = await f.post(notice(f, 9, { participantId: f.id(10) }));
    expect(otherParticipant).toEqual({ status: 409, body: { status: "conflict" } });
    expect(await f.payments.get("pay-9")).toMatchObject({ participantId: f.id(9), amount: 100_000 });
    expect(await f.caseOf(9)).toMatchObject({ amountPaid: 100_000 });
    expect(await f.caseOf(10)).toMatchObject({ amountPaid: 0 });
    expect(await f.arrearsOf(10)).toBe(DUE);
    // The same facts, even with paidAt in another offset, are a plain duplicate.
    const same = await f.post(notice(f, 9, { paidAt: "2026-11-15T02:45:00Z" }));
    expect(same).toEqual({ status: 200, body: { status: "duplicate" } });
    const counted = addMetric.mock.calls.filter(([name]) => name === "PaymentsConflicting");
    expect(counted).toHaveLength(2);
  });
});

describe("secret rotation", () => {
  afterAll(() => f.installPorts());

  it("accepts the current and the previous local secret, and nothing else", async () => {
    const local = loadLocalSecretsConfig({
      TELECOLLECT_WEBHOOK_SECRET: SECRET,
      TELECOLLECT_WEBHOOK_SECRET_PREVIOUS: "previous-local-secret-0123456789",
    });
    f.installPorts({ webhookSecrets: new StaticSecretSource(local.secret, local.previous) });
    expect((await f.post(notice(f, 11))).body).toEqual({ status: "applied" });
    const previous = await f.post(notice(f, 12), { secret: "previous-local-secret-0123456789" });
    expect(previous.body).toEqual({ status: "applied" });
    expect((await f.post(notice(f, 13), { secret: "retired-local-secret-0123456789" })).status).toBe(401);
  });

  it("has no window of 401s when AWSCURRENT moves to a new key while the old one is cached", async () => {
    let ms = 0;
    let stages: Record<string, string> = { AWSCURRENT: "old-key-0123456789abcdef" };
    const client = {
      send: vi.fn(async (command: { input: { VersionStage?: string } }) => {
        const value = stages[command.input.VersionStage ?? "AWSCURRENT"];
        if (!value) throw new ResourceNotFoundException({ message: "no such stage", $metadata: {} });
        return { SecretString: value };
      }),
    };
    f.installPorts({
      webhookSecrets: new SecretsManagerSecretSource({
        secretId: "telecollect/payment-webhook",
        client,
        nowMs: () => ms,
      }),
    });
    expect((await f.post(notice(f, 14), { secret: "old-key-0123456789abcdef" })).status).toBe(200);
    // The rotation, one minute later: the new key is current, the old one previous.
    ms = 60_000;
    stages = { AWSCURRENT: "new-key-0123456789abcdef", AWSPREVIOUS: "old-key-0123456789abcdef" };
    expect((await f.post(notice(f, 15), { secret: "new-key-0123456789abcdef" })).body).toEqual({
      status: "applied",
    });
    expect((await f.post(notice(f, 16), { secret: "old-key-0123456789abcdef" })).body).toEqual({
      status: "applied",
    });
  });
});

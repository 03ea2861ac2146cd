import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  MAX_CLOCK_SKEW_SECONDS,
  signWebhook,
  verifyWebhookSignature,
} from "../../../functions/domain/webhook-signature";

const SECRET = "local-dev-secret-change-me";
const NOW = new Date("2026-11-15T03:00:00Z");
const TS = String(NOW.getTime() / 1000);
const BODY =
  '{"paymentId":"pay-1","participantId":"0001234567890","amount":175000,"paidAt":"2026-11-15T10:45:00+08:00","channel":"BANK"}';

const delivery = (overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) => ({
  secrets: [SECRET],
  timestamp: TS,
  signature: signWebhook(SECRET, TS, BODY),
  rawBody: BODY,
  now: NOW,
  ...overrides,
});

describe("signWebhook", () => {
  it("is sha256= and the hex HMAC-SHA256 of timestamp.body, as a channel computes it", () => {
    const expected = createHmac("sha256", SECRET).update(`${TS}.${BODY}`).digest("hex");
    expect(signWebhook(SECRET, TS, BODY)).toBe(`sha256=${expected}`);
    expect(signWebhook(SECRET, Number(TS), Buffer.from(BODY))).toBe(`sha256=${expected}`);
  });
});

describe("verifyWebhookSignature", () => {
  it("accepts a delivery signed with the shared secret", () => {
    expect(verifyWebhookSignature(delivery())).toEqual({ ok: true, secretIndex: 0 });
  });

  it("accepts upper-case hex and the raw bytes of the body", () => {
    const signature = `sha256=${signWebhook(SECRET, TS, BODY).slice(7).toUpperCase()}`;
    expect(verifyWebhookSignature(delivery({ signature, rawBody: Buffer.from(BODY) }))).toEqual({
      ok: true,
      secretIndex: 0,
    });
  });

  it("accepts the previous secret during a rotation, and says which one signed", () => {
    const previous = "previous-secret-0123456789";
    const signedWith = (secret: string) =>
      verifyWebhookSignature(
        delivery({ secrets: [SECRET, previous], signature: signWebhook(secret, TS, BODY) }),
      );
    expect(signedWith(SECRET)).toEqual({ ok: true, secretIndex: 0 });
    expect(signedWith(previous)).toEqual({ ok: true, secretIndex: 1 });
    expect(signedWith("retired-secret-0123456789")).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
  });

  it("refuses a signature made with another secret", () => {
    const signature = signWebhook("someone-elses-secret", TS, BODY);
    expect(verifyWebhookSignature(delivery({ signature }))).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
  });

  it("refuses a body changed after signing, even by one character or whitespace", () => {
    expect(verifyWebhookSignature(delivery({ rawBody: BODY.replace("175000", "975000") }))).toEqual({
      ok: false,
      reason: "BAD_SIGNATURE",
    });
    expect(verifyWebhookSignature(delivery({ rawBody: `${BODY}\n` })).ok).toBe(false);
  });

  it("refuses a signature bound to another timestamp (a replay with a fresh header)", () => {
    const later = String(Number(TS) + 60);
    expect(verifyWebhookSignature(delivery({ timestamp: later }))).toEqual({
      ok: false,
      reason: "BAD_SIGNATURE",
    });
  });

  it("refuses timestamps more than 5 minutes in the past or the future, and accepts the edges", () => {
    const at = (offset: number) => {
      const timestamp = String(Number(TS) + offset);
      return verifyWebhookSignature(delivery({ timestamp, signature: signWebhook(SECRET, timestamp, BODY) }));
    };
    expect(at(-MAX_CLOCK_SKEW_SECONDS)).toEqual({ ok: true, secretIndex: 0 });
    expect(at(MAX_CLOCK_SKEW_SECONDS)).toEqual({ ok: true, secretIndex: 0 });
    expect(at(-MAX_CLOCK_SKEW_SECONDS - 1)).toEqual({ ok: false, reason: "STALE_TIMESTAMP" });
    expect(at(MAX_CLOCK_SKEW_SECONDS + 1)).toEqual({ ok: false, reason: "FUTURE_TIMESTAMP" });
  });

  it("refuses a missing timestamp or signature header", () => {
    expect(verifyWebhookSignature(delivery({ timestamp: undefined }))).toEqual({
      ok: false,
      reason: "MISSING_TIMESTAMP",
    });
    expect(verifyWebhookSignature(delivery({ signature: undefined }))).toEqual({
      ok: false,
      reason: "MISSING_SIGNATURE",
    });
    expect(verifyWebhookSignature(delivery({ signature: "" })).ok).toBe(false);
  });

  it("refuses a timestamp that is not unix seconds", () => {
    for (const timestamp of ["2026-11-15T03:00:00Z", "1.8e9", "-1", `${TS}000`]) {
      expect(verifyWebhookSignature(delivery({ timestamp })).ok).toBe(false);
    }
    expect(verifyWebhookSignature(delivery({ timestamp: "soon" }))).toEqual({
      ok: false,
      reason: "MALFORMED_TIMESTAMP",
    });
  });

  it("refuses a signature that is not sha256= and 64 hex digits", () => {
    const hex = signWebhook(SECRET, TS, BODY).slice(7);
    for (const signature of [hex, `sha1=${hex}`, `sha256=${hex.slice(2)}`, `sha256=${"z".repeat(64)}`]) {
      expect(verifyWebhookSignature(delivery({ signature }))).toEqual({
        ok: false,
        reason: "MALFORMED_SIGNATURE",
      });
    }
  });
});

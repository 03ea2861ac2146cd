import { describe, expect, it } from "vitest";
import { classifyParticipant } from "../../../functions/domain/arrears-mapping";
import { type Case, openCase, type SmsWaveState } from "../../../functions/domain/case";
import { SMS_MAX_ATTEMPTS } from "../../../functions/domain/sms-wave";
import { DEFAULT_STRATEGY, parseStrategy } from "../../../functions/domain/strategy";
import {
  decodeWaveCursor,
  encodeWaveCursor,
  planPage,
  type WavePlanning,
} from "../../../functions/services/sms-wave-plan";
import { whatsappMessageOf } from "../../../functions/services/whatsapp-message";
import { InvalidCursorError } from "../../../functions/store/cursor";
import { participant } from "../../fixtures/participants";

const strategy = parseStrategy(DEFAULT_STRATEGY);
const NOW = new Date("2026-11-11T02:00:00Z");
const planning: WavePlanning = {
  waveKey: "1",
  channelOf: () => "SMS",
  whatsappReminder: (c, messageId) => whatsappMessageOf(c, { purpose: "REMINDER" }, messageId),
  buckets: new Map(strategy.buckets.map((b) => [b.id, b])),
  smsLength: "TWO_SEGMENTS",
  now: NOW.getTime(),
  staleClaimMs: 15 * 60_000,
};

function waveCase(n: number, wave?: SmsWaveState, fields: Partial<Case> = {}): Case {
  const p = participant({ participantId: `000100000000${n}`, monthsInArrears: 5 });
  const classification = classifyParticipant(p, strategy);
  if (!classification.eligible) throw new Error("the fixture participant must be eligible");
  const c = openCase(p, classification, { branchCode: "GORONTALO", period: "2026-11" }, NOW);
  return { ...c, ...(wave ? { sms: { "1": wave } } : {}), ...fields };
}

const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

describe("planning an SMS wave's page", () => {
  it("sends a new reminder to a case the wave has not reached, keyed by case and wave", () => {
    const plan = planPage([waveCase(1)], planning);
    expect(plan.sends).toHaveLength(1);
    const [send] = plan.sends;
    expect(send?.before).toBe(0);
    expect(send?.message.messageKey).toBe(`${send?.c.caseId}#wave1`);
    expect(send?.message.phone).toBe("+6281234567890");
    expect(send?.segments).toBeGreaterThanOrEqual(1);
    expect(plan).toMatchObject({ skips: [], abandoned: [], alreadyDone: 0 });
  });

  it("skips a paid case with its reason, and never sends it", () => {
    const plan = planPage([waveCase(1, undefined, { status: "PAID" })], planning);
    expect(plan.skips.map((s) => s.reason)).toEqual(["CASE_PAID"]);
    expect(plan.sends).toEqual([]);
  });

  it("retries a failure SNS called retryable, counting the publishes made before", () => {
    const failed: SmsWaveState = { status: "FAILED", at: minutesAgo(10), attempts: 2, retryable: true };
    expect(planPage([waveCase(1, failed)], planning).sends.map((s) => s.before)).toEqual([2]);
    const exhausted = { ...failed, attempts: SMS_MAX_ATTEMPTS };
    expect(planPage([waveCase(1, exhausted)], planning)).toMatchObject({ sends: [], alreadyDone: 1 });
    const final = { ...failed, retryable: false };
    expect(planPage([waveCase(1, final)], planning)).toMatchObject({ sends: [], alreadyDone: 1 });
  });

  it("notes a claim older than the stale limit as abandoned, and leaves a fresh one to its invocation", () => {
    const stale: SmsWaveState = { status: "CLAIMED", at: minutesAgo(15), attempts: 0 };
    const fresh: SmsWaveState = { status: "CLAIMED", at: minutesAgo(14), attempts: 0 };
    const plan = planPage([waveCase(1, stale), waveCase(2, fresh)], planning);
    expect(plan.abandoned.map((a) => a.c.participantId)).toEqual(["0001000000001"]);
    expect(plan).toMatchObject({ sends: [], alreadyDone: 1 });
  });

  it("refuses to plan a reminder for a case whose bucket the campaign's strategy does not have", () => {
    expect(() => planPage([waveCase(1, undefined, { bucketId: "M99" })], planning)).toThrow(
      /not in the campaign's strategy/,
    );
  });

  it("names a case it refuses by its masked case id, never the card number", () => {
    const refuse = () => planPage([waveCase(1, undefined, { bucketId: "M99" })], planning);
    expect(refuse).toThrow("case GORONTALO#2026-11#*********0001 is in bucket M99");
    expect(refuse).not.toThrow(/0001000000001/);
  });
});

describe("the wave cursor", () => {
  it("round-trips the page and the retry flag, and is absent when there is neither", () => {
    expect(encodeWaveCursor({})).toBeUndefined();
    const cursor = encodeWaveCursor({ page: "abc", retry: true });
    expect(decodeWaveCursor(cursor)).toEqual({ page: "abc", retry: true });
  });

  it("rejects a cursor this service did not return", () => {
    expect(() => decodeWaveCursor("not-base64-json")).toThrow(InvalidCursorError);
    const forged = Buffer.from(JSON.stringify({ page: 7 })).toString("base64url");
    expect(() => decodeWaveCursor(forged)).toThrow(InvalidCursorError);
  });
});

describe("choosing each reminder's channel", () => {
  const byWhatsApp: WavePlanning = { ...planning, channelOf: () => "WHATSAPP" };

  it("sends WhatsApp where the channel rule says so, with the SMS ready in case WhatsApp refuses it", () => {
    const [send] = planPage([waveCase(1)], byWhatsApp).sends;
    expect(send?.channel).toBe("WHATSAPP");
    expect(send?.whatsapp?.messageId).toMatch(/^m-[0-9a-f]{24}$/);
    expect(send?.whatsapp?.phone).toBe(send?.c.phone);
    expect(send?.message.text).toContain("BPJS");
  });

  it("gives the same reminder the same message id on every plan, another wave another one", () => {
    const once = planPage([waveCase(1)], byWhatsApp).sends[0]?.whatsapp?.messageId;
    const again = planPage([waveCase(1)], byWhatsApp).sends[0]?.whatsapp?.messageId;
    const wave2 = planPage([waveCase(1)], { ...byWhatsApp, waveKey: "2" }).sends[0]?.whatsapp?.messageId;
    expect(again).toBe(once);
    expect(wave2).not.toBe(once);
  });
});

describe("planning the SMS fallback pass", () => {
  const fallback: WavePlanning = { ...planning, waveKey: "1F", fallbackOf: "1", channelOf: () => "WHATSAPP" };
  const viaWhatsApp = (delivery?: SmsWaveState["delivery"]): SmsWaveState => ({
    status: "SENT",
    at: minutesAgo(400),
    attempts: 1,
    channel: "WHATSAPP",
    ...(delivery ? { delivery } : {}),
  });

  it("sends an SMS to a case whose WhatsApp reminder was never delivered, or failed after it went", () => {
    const plan = planPage(
      [waveCase(1, viaWhatsApp()), waveCase(2, viaWhatsApp("FAILED")), waveCase(3, viaWhatsApp("SENT"))],
      fallback,
    );
    expect(plan.sends.map((s) => [s.channel, s.message.messageKey])).toEqual([
      ["SMS", `${plan.sends[0]?.c.caseId}#wave1F`],
      ["SMS", `${plan.sends[1]?.c.caseId}#wave1F`],
      ["SMS", `${plan.sends[2]?.c.caseId}#wave1F`],
    ]);
  });

  it("leaves alone, writing nothing, a delivered or read WhatsApp, an SMS reminder, a skipped case and a paid one", () => {
    const sms: SmsWaveState = { status: "SENT", at: minutesAgo(400), attempts: 1 };
    const plan = planPage(
      [
        waveCase(1, viaWhatsApp("DELIVERED")),
        waveCase(2, viaWhatsApp("READ")),
        waveCase(3, sms),
        waveCase(4, { status: "SKIPPED", at: minutesAgo(400), attempts: 0, reason: "NO_SMS_TREATMENT" }),
        waveCase(5, viaWhatsApp(), { status: "PAID" }),
      ],
      fallback,
    );
    expect(plan).toEqual({ skips: [], abandoned: [], sends: [], alreadyDone: 0 });
  });

  it("never sends the fallback twice: a case with its fallback state is done", () => {
    const c = waveCase(1, viaWhatsApp());
    const done = {
      ...c,
      sms: { ...c.sms, "1F": { status: "SENT", at: minutesAgo(10), attempts: 1 } },
    } as Case;
    expect(planPage([done], fallback)).toMatchObject({ sends: [], alreadyDone: 1 });
  });
});

describe("a reminder wave and lasting statuses (issue 16)", () => {
  it("skips a case on hold with the status's reason, and sends the others", () => {
    const held = waveCase(1, undefined, { hold: { kind: "DO_NOT_CONTACT", until: "2026-12-31" } });
    const plan = planPage([held, waveCase(2)], {
      ...planning,
      statusSkip: (c) => (c.hold ? "DO_NOT_CONTACT" : undefined),
    });
    expect(plan.skips.map((s) => s.reason)).toEqual(["DO_NOT_CONTACT"]);
    expect(plan.sends).toHaveLength(1);
  });
});

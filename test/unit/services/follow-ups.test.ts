import { describe, expect, it } from "vitest";
import type { Clock } from "../../../functions/channels/clock";
import { type SmsMessage, SmsSendError, type SmsSender } from "../../../functions/channels/sms";
import {
  WhatsAppSendError,
  type WhatsAppSender,
  type WhatsAppTemplateMessage,
} from "../../../functions/channels/whatsapp";
import { branchIndex } from "../../../functions/domain/branches";
import type { Case, PromiseToPay } from "../../../functions/domain/case";
import { followUpTaken } from "../../../functions/domain/follow-ups";
import type { NewInteraction } from "../../../functions/domain/interaction";
import { type ChannelProfile, messageIdOf, numberDigest } from "../../../functions/domain/messaging";
import { type CampaignStrategyInput, parseStrategy } from "../../../functions/domain/strategy";
import {
  type FollowUpSweepDeps,
  sendCallInfo,
  sendFollowUps,
  sendMissedCallFollowUp,
} from "../../../functions/services/follow-ups";
import { SMS_RATE_LIMIT_ID, WHATSAPP_RATE_LIMIT_ID } from "../../../functions/services/sms-wave-send";
import type { Campaign } from "../../../functions/store/campaigns";
import type { CaseFollowUpStore, FollowUpRequirement } from "../../../functions/store/case-follow-ups";
import type { SentMessage } from "../../../functions/store/messages";
import { caseOf, WIB } from "../../fixtures/dialing";

// Thursday 2026-11-19, 10:00 WIB: the eve of a Friday promise.
const NOW = new Date("2026-11-19T03:00:00Z");
const CAMPAIGN = "SEMARANG#2026-11";

const promise = (date: string): PromiseToPay => ({
  amount: 280_000,
  date,
  status: "PENDING",
  agentId: "agent-1",
  recordedAt: "2026-11-12T03:00:00Z",
});
const pid = (n: number) => `000100000004${n}`;
const caseNo = (n: number, overrides: Partial<Case> = {}): Case => {
  const c = caseOf(WIB, overrides);
  return {
    ...c,
    participantId: pid(n),
    caseId: `${CAMPAIGN}#${pid(n)}`,
    phone: `+62812345678${n}0`,
    ...overrides,
  };
};

/** The cases table in memory: the claim and the marks as the conditional writes do them. */
class Cases implements CaseFollowUpStore {
  readonly items = new Map<string, Case>();
  pages = 0;
  failMarkSent = false;

  constructor(cases: Case[]) {
    for (const c of cases) this.items.set(c.participantId, structuredClone(c));
  }

  async page(_campaignId: string, cursor?: string, limit = 500) {
    this.pages++;
    const all = [...this.items.values()];
    const from = Number(cursor ?? 0);
    const next = from + limit < all.length ? String(from + limit) : undefined;
    return { cases: structuredClone(all.slice(from, from + limit)), ...(next ? { cursor: next } : {}) };
  }

  private item(participantId: string): Case {
    const c = this.items.get(participantId);
    if (!c) throw new Error("no such case");
    return c;
  }

  async claim(c: Pick<Case, "participantId">, key: string, requires: FollowUpRequirement, now: Date) {
    const item = this.item(c.participantId);
    const promiseHolds =
      !requires.pendingPromiseDate ||
      (item.promise?.status === "PENDING" && item.promise.date === requires.pendingPromiseDate);
    if (item.status !== requires.status || !promiseHolds || followUpTaken(item.followUps?.[key]))
      return "ALREADY";
    item.followUps = { ...item.followUps, [key]: { status: "CLAIMED", at: now.toISOString() } };
    return "CLAIMED";
  }

  async markSent(
    c: Pick<Case, "participantId">,
    key: string,
    now: Date,
    sent: { channel: "SMS" | "WHATSAPP"; messageId: string },
  ) {
    if (this.failMarkSent) throw new Error("ProvisionedThroughputExceededException");
    const item = this.item(c.participantId);
    item.followUps = { ...item.followUps, [key]: { status: "SENT", at: now.toISOString(), ...sent } };
    item.messageTimes = [...(item.messageTimes ?? []), now.toISOString()];
  }

  async markFailed(
    c: Pick<Case, "participantId">,
    key: string,
    now: Date,
    failure: { reason: string; retryable: boolean },
  ) {
    const item = this.item(c.participantId);
    item.followUps = { ...item.followUps, [key]: { status: "FAILED", at: now.toISOString(), ...failure } };
  }
}

class Sms implements SmsSender {
  readonly sent: SmsMessage[] = [];
  failures: SmsSendError[] = [];
  async send(message: SmsMessage) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(message);
    return { messageId: `sns-${this.sent.length}` };
  }
}

class WhatsApp implements WhatsAppSender {
  readonly sent: WhatsAppTemplateMessage[] = [];
  failures: WhatsAppSendError[] = [];
  async sendTemplate(message: WhatsAppTemplateMessage) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(message);
    return { providerMessageId: `wamid-${this.sent.length}` };
  }
  async sendText(): Promise<{ providerMessageId: string }> {
    throw new Error("not in follow-ups");
  }
}

function world(
  cases: Case[],
  options: { whatsapp?: boolean; strategy?: CampaignStrategyInput; now?: Date } = {},
) {
  let now = (options.now ?? NOW).getTime();
  const clock: Clock = {
    now: () => new Date(now),
    sleepUntil: async (at) => {
      now = Math.max(now, at.getTime());
    },
  };
  const store = new Cases(cases);
  const sms = new Sms();
  const whatsapp = new WhatsApp();
  const permits: string[] = [];
  const interactions: NewInteraction[] = [];
  const messages: SentMessage[] = [];
  const profiles = new Map<string, ChannelProfile>();
  const campaign = { campaignId: CAMPAIGN, strategy: parseStrategy(options.strategy ?? {}) } as Campaign;
  const deps: FollowUpSweepDeps = {
    clock,
    branches: branchIndex([WIB]),
    campaigns: { get: async (id) => (id === CAMPAIGN ? campaign : undefined) },
    cases: store,
    followUps: store,
    interactions: {
      record: async (i) => {
        interactions.push(i);
        return true;
      },
    },
    messages: { recordSent: async (m) => void messages.push(m) },
    profiles: {
      get: async (id) => profiles.get(id),
      getMany: async (ids) =>
        new Map(ids.flatMap((id) => (profiles.has(id) ? [[id, profiles.get(id) as ChannelProfile]] : []))),
    },
    rateLimiter: {
      acquire: async (id) => {
        permits.push(id);
        return 1;
      },
    },
    sms,
    smsPerSecond: 20,
    ...(options.whatsapp === false ? {} : { whatsapp }),
    whatsappPerSecond: 80,
    retryBaseMs: 10,
  };
  return { deps, store, sms, whatsapp, permits, interactions, messages, profiles };
}

const sweep = (deps: FollowUpSweepDeps) => sendFollowUps(deps, { branchCode: "SEMARANG", period: "2026-11" });
const kinds = (interactions: NewInteraction[]) => interactions.map((i) => `${i.kind} ${i.detail?.followUp}`);

describe("the daily follow-up sweep", () => {
  it("sends the promise eve and the thank-you by WhatsApp, once, and counts them in the cap", async () => {
    const eve = caseNo(1, { promise: promise("2026-11-20") });
    const paid = caseNo(2, { status: "PAID", amountPaid: 280_000 });
    const later = caseNo(3, { promise: promise("2026-11-24") });
    const w = world([eve, paid, later]);

    expect(await sweep(w.deps)).toMatchObject({ sent: 2, whatsapp: 2, failed: 0 });
    expect(w.whatsapp.sent.map((m) => [m.template, m.phone])).toEqual([
      ["telecollect_janji_bayar", eve.phone],
      ["telecollect_terima_kasih", paid.phone],
    ]);
    expect(w.whatsapp.sent[0]?.messageId).toBe(messageIdOf(`${eve.caseId}#PROMISE_EVE#2026-11-20`));
    expect(w.whatsapp.sent[1]?.parameters).toEqual(["Bapak/Ibu Siti", "Rp280.000"]);
    expect(w.messages.map((m) => [m.purpose, m.channel, m.status])).toEqual([
      ["PROMISE_EVE", "WHATSAPP", "SENT"],
      ["THANK_YOU", "WHATSAPP", "SENT"],
    ]);
    expect(kinds(w.interactions)).toEqual(["WHATSAPP_SENT PROMISE_EVE", "WHATSAPP_SENT THANK_YOU"]);
    expect(JSON.stringify(w.interactions)).not.toContain(eve.phone);
    expect(w.permits).toEqual([WHATSAPP_RATE_LIMIT_ID, WHATSAPP_RATE_LIMIT_ID]);
    expect(w.store.items.get(eve.participantId)?.messageTimes).toEqual([NOW.toISOString()]);

    expect(await sweep(w.deps)).toMatchObject({ sent: 0, skipped: { ALREADY: 2 } });
    expect(w.whatsapp.sent).toHaveLength(2);
  });

  it("sends one at a time in the cases' order, whatever a store write's latency", async () => {
    const paid = [1, 2, 3].map((n) => caseNo(n, { status: "PAID", amountPaid: 280_000 }));
    const w = world(paid);
    const claim = w.store.claim.bind(w.store);
    let inFlight = 0;
    let most = 0;
    w.store.claim = async (c, key, requires, now) => {
      most = Math.max(most, ++inFlight);
      // The first case's write is slow: sent concurrently, the others would go before it.
      await new Promise((resolve) => setTimeout(resolve, c.participantId === pid(1) ? 30 : 1));
      inFlight--;
      return claim(c, key, requires, now);
    };

    expect(await sweep(w.deps)).toMatchObject({ sent: 3 });
    expect(w.whatsapp.sent.map((m) => m.phone)).toEqual(paid.map((c) => c.phone));
    expect(most).toBe(1);
  });

  it("sends by SMS where the deployment has no WhatsApp, with the Indonesian text", async () => {
    const w = world([caseNo(1, { status: "PAID", amountPaid: 280_000 })], { whatsapp: false });
    expect(await sweep(w.deps)).toMatchObject({ sent: 1, whatsapp: 0 });
    expect(w.sms.sent[0]?.text).toMatch(
      /^Yth\. Bpk\/Ibu Siti, terima kasih, pembayaran iuran JKN Anda sebesar Rp280\.000/,
    );
    expect(w.sms.sent[0]?.text).toContain("daftarkan autodebet");
    expect(w.permits).toEqual([SMS_RATE_LIMIT_ID]);
    expect(kinds(w.interactions)).toEqual(["SMS_SENT THANK_YOU"]);
    expect(w.messages).toEqual([]);
  });

  it("sends by SMS to a number known to be off WhatsApp", async () => {
    const c = caseNo(1, { status: "PAID", amountPaid: 280_000 });
    const w = world([c]);
    w.profiles.set(c.participantId, {
      participantId: c.participantId,
      numberDigest: numberDigest(c.phone ?? ""),
      whatsapp: "UNREACHABLE",
      whatsappFailures: 2,
      updatedAt: "2026-11-01T00:00:00Z",
    });
    await sweep(w.deps);
    expect([w.whatsapp.sent.length, w.sms.sent.length]).toEqual([0, 1]);
  });

  it("sends by SMS what WhatsApp refused for good", async () => {
    const w = world([caseNo(1, { promise: promise("2026-11-20") })]);
    w.whatsapp.failures.push(new WhatsAppSendError("not a WhatsApp user", false, "131026"));
    expect(await sweep(w.deps)).toMatchObject({ sent: 1, whatsapp: 0 });
    expect(kinds(w.interactions)).toEqual(["WHATSAPP_FAILED PROMISE_EVE", "SMS_SENT PROMISE_EVE"]);
    expect(w.sms.sent[0]?.text).toContain(
      "Anda bersedia membayar iuran JKN sebesar Rp280.000 pada 20 November 2026",
    );
  });

  it("retries a throttled send, and records a failure for good without a message time", async () => {
    const w = world([caseNo(1, { promise: promise("2026-11-20") })], { whatsapp: false });
    w.sms.failures.push(
      new SmsSendError("throttled", true, "Throttling"),
      new SmsSendError("opted out", false, "OptedOut"),
    );
    expect(await sweep(w.deps)).toMatchObject({ sent: 0, failed: 1 });
    expect(w.permits).toEqual([SMS_RATE_LIMIT_ID, SMS_RATE_LIMIT_ID]);
    const item = w.store.items.get(pid(1));
    expect(item?.followUps?.["PROMISE_EVE#2026-11-20"]).toMatchObject({
      status: "FAILED",
      reason: "OptedOut",
    });
    expect(item?.messageTimes).toBeUndefined();
    expect(kinds(w.interactions)).toEqual(["SMS_FAILED PROMISE_EVE"]);
  });

  it("sends nothing once the cap is reached, nor when the strategy disables it", async () => {
    const capped = caseNo(1, {
      promise: promise("2026-11-20"),
      messageTimes: ["2026-11-16T03:00:00Z", "2026-11-18T03:00:00Z"],
    });
    const w = world([capped, caseNo(2, { status: "PAID", amountPaid: 1 })], {
      strategy: { messaging: { followUps: { thankYou: { enabled: false } } } },
    });
    expect(await sweep(w.deps)).toMatchObject({ sent: 0, skipped: { CAP_REACHED: 1, DISABLED: 1 } });
    expect(w.whatsapp.sent).toEqual([]);
  });

  it("reads no case outside the window: on a holiday, at night", async () => {
    const holiday = world([caseNo(1, { status: "PAID" })], { now: new Date("2026-11-17T03:00:00Z") });
    expect(await sweep(holiday.deps)).toMatchObject({ sent: 0 });
    const night = world([caseNo(1, { status: "PAID" })], { now: new Date("2026-11-19T14:00:00Z") });
    await sweep(night.deps);
    expect([holiday.store.pages, night.store.pages]).toEqual([0, 0]);
  });

  it("releases the claim when a store write fails after the claim but before the send went", async () => {
    const w = world([caseNo(1, { status: "PAID", amountPaid: 5 })]);
    w.deps.rateLimiter = {
      acquire: async () => Promise.reject(new Error("ProvisionedThroughputExceededException")),
    };
    await expect(sweep(w.deps)).rejects.toThrow("ProvisionedThroughputExceededException");
    expect(w.store.items.get(pid(1))?.followUps?.["THANK_YOU#PAID"]).toMatchObject({
      status: "FAILED",
      retryable: true,
    });
    w.deps.rateLimiter = { acquire: async () => 1 };
    expect(await sweep(w.deps)).toMatchObject({ sent: 1 });
  });

  it("never resends a message that went when the write after it failed", async () => {
    const w = world([caseNo(1, { status: "PAID", amountPaid: 5 })]);
    w.store.failMarkSent = true;
    await expect(sweep(w.deps)).rejects.toThrow();
    w.store.failMarkSent = false;
    await sweep(w.deps);
    expect(w.whatsapp.sent).toHaveLength(1);
  });
});

describe("the missed-call follow-up", () => {
  const endedAt = new Date("2026-11-19T02:55:00Z");

  it("names Care Center 165, once per calling day", async () => {
    const c = caseNo(1);
    const w = world([c], { whatsapp: false });
    expect(await sendMissedCallFollowUp(w.deps, c, { endedAt })).toMatchObject({ sent: 1 });
    expect(w.sms.sent[0]?.text).toContain("silakan hubungi Care Center 165");
    const again = w.store.items.get(c.participantId) as Case;
    expect(await sendMissedCallFollowUp(w.deps, again, { endedAt })).toMatchObject({
      sent: 0,
      skipped: { ALREADY: 1 },
    });
    // A concurrent outcome with a stale read loses the claim.
    expect(await sendMissedCallFollowUp(w.deps, c, { endedAt })).toMatchObject({ sent: 0, alreadyDone: 1 });
    expect(w.sms.sent).toHaveLength(1);
  });

  it("goes by WhatsApp with the call's date, under the cap and the strategy's switch", async () => {
    const c = caseNo(1);
    const w = world([c]);
    await sendMissedCallFollowUp(w.deps, c, { endedAt });
    expect(w.whatsapp.sent[0]).toMatchObject({
      template: "telecollect_panggilan_tak_terjawab",
      parameters: ["Bapak/Ibu Siti", "19 November 2026"],
    });
    const off = world([c], { strategy: { messaging: { followUps: { missedCall: { enabled: false } } } } });
    expect(await sendMissedCallFollowUp(off.deps, c, { endedAt })).toMatchObject({
      skipped: { DISABLED: 1 },
    });
  });
});

describe("a participant who prefers a call (issue 16)", () => {
  const prefersCall = { hold: { kind: "PREFERS_CALL" } } as const;

  it("gets no promise eve nor missed-call message, counted PREFERS_CALL; the thanks still go", async () => {
    const eve = caseNo(1, { promise: promise("2026-11-20"), ...prefersCall });
    const paid = caseNo(2, { status: "PAID", amountPaid: 280_000, ...prefersCall });
    const w = world([eve, paid]);
    expect(await sweep(w.deps)).toMatchObject({ sent: 1, skipped: { PREFERS_CALL: 1 } });
    expect(w.whatsapp.sent.map((m) => m.template)).toEqual(["telecollect_terima_kasih"]);
    const endedAt = new Date("2026-11-19T02:55:00Z");
    expect(await sendMissedCallFollowUp(w.deps, eve, { endedAt })).toMatchObject({
      sent: 0,
      skipped: { PREFERS_CALL: 1 },
    });
    expect(w.whatsapp.sent).toHaveLength(1);
  });

  it("still gets the details asked for in a call", async () => {
    const c = caseNo(1, prefersCall);
    const w = world([c], { whatsapp: false });
    expect(await sendCallInfo(w.deps, c, { info: "PAYMENT", callKey: "call-1" })).toEqual({
      outcome: "SENT",
      channel: "SMS",
    });
    expect(w.sms.sent).toHaveLength(1);
  });
});

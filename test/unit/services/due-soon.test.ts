import { describe, expect, it } from "vitest";
import type { Clock } from "../../../functions/channels/clock";
import type { SmsMessage, SmsSender } from "../../../functions/channels/sms";
import type { WhatsAppSender, WhatsAppTemplateMessage } from "../../../functions/channels/whatsapp";
import { branchIndex } from "../../../functions/domain/branches";
import { type DueSoonNotice, noticeOf } from "../../../functions/domain/due-soon";
import { followUpTaken } from "../../../functions/domain/follow-ups";
import type { NewInteraction } from "../../../functions/domain/interaction";
import { type ChannelProfile, messageIdOf } from "../../../functions/domain/messaging";
import type { Participant } from "../../../functions/domain/participant";
import { type CampaignStrategyInput, parseStrategy } from "../../../functions/domain/strategy";
import { noteDueSoon } from "../../../functions/services/due-soon";
import { type FollowUpSweepDeps, sendFollowUps } from "../../../functions/services/follow-ups";
import type { Campaign } from "../../../functions/store/campaigns";
import type { DueSoonStore } from "../../../functions/store/due-soon";
import type { SentMessage } from "../../../functions/store/messages";
import { WIB } from "../../fixtures/dialing";
import { participant } from "../../fixtures/participants";

const CAMPAIGN = "SEMARANG#2026-12";
// Friday 2026-12-11 08:00 WIB: mapping; Monday 2026-12-14 08:00 WIB: the first calling day's sweep.
const MAPPED = new Date("2026-12-11T01:00:00Z");
const FIRST_DAY = new Date("2026-12-14T01:00:00Z");

const pid = (n: number) => `000100000005${n}`;
const behind = (n: number, months = 1, overrides: Partial<Participant> = {}) =>
  participant({
    participantId: pid(n),
    branchCode: "SEMARANG",
    monthsInArrears: months,
    phone: `+62812345678${n}0`,
    ...overrides,
  });

/** The notices in memory, claimed and marked as the conditional writes do. */
class Notices implements DueSoonStore {
  readonly items = new Map<string, DueSoonNotice>();
  constructor(readonly participants: Participant[] = []) {}

  async participantsWithMonths(_branch: string, months: number) {
    return { participants: this.participants.filter((p) => p.monthsInArrears === months) };
  }
  async findExisting(_campaignId: string, ids: readonly string[]) {
    return new Set(ids.filter((id) => this.items.has(id)));
  }
  async putNew(notices: readonly DueSoonNotice[]) {
    for (const n of notices) this.items.set(n.participantId, structuredClone({ ...n, followUps: {} }));
  }
  async page() {
    return { notices: structuredClone([...this.items.values()]) };
  }
  async get(_campaignId: string, participantId: string) {
    const n = this.items.get(participantId);
    return n && structuredClone(n);
  }
  private item(id: string) {
    const n = this.items.get(id);
    if (!n) throw new Error("no such notice");
    return n;
  }
  async claim(n: { participantId: string }, key: string, _requires: unknown, now: Date) {
    const item = this.item(n.participantId);
    if (followUpTaken(item.followUps?.[key])) return "ALREADY" as const;
    item.followUps = { ...item.followUps, [key]: { status: "CLAIMED", at: now.toISOString() } };
    return "CLAIMED" as const;
  }
  async markSent(
    n: { participantId: string },
    key: string,
    now: Date,
    sent: { channel: "SMS" | "WHATSAPP"; messageId: string },
  ) {
    const item = this.item(n.participantId);
    item.followUps = { ...item.followUps, [key]: { status: "SENT", at: now.toISOString(), ...sent } };
    item.messageTimes = [...(item.messageTimes ?? []), now.toISOString()];
  }
  async markFailed(
    n: { participantId: string },
    key: string,
    now: Date,
    failure: { reason: string; retryable: boolean },
  ) {
    const item = this.item(n.participantId);
    item.followUps = { ...item.followUps, [key]: { status: "FAILED", at: now.toISOString(), ...failure } };
  }
}

/** Senders that note how many sends were in flight at once. */
class Senders implements SmsSender, WhatsAppSender {
  readonly sms: SmsMessage[] = [];
  readonly whatsapp: WhatsAppTemplateMessage[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private async hold<T>(f: () => T): Promise<T> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 1));
    this.inFlight--;
    return f();
  }
  send(m: SmsMessage) {
    return this.hold(() => ({ messageId: `sns-${this.sms.push(m)}` }));
  }
  sendTemplate(m: WhatsAppTemplateMessage) {
    return this.hold(() => ({ providerMessageId: `wamid-${this.whatsapp.push(m)}` }));
  }
  async sendText(): Promise<{ providerMessageId: string }> {
    throw new Error("not in due-soon");
  }
}

function world(options: { whatsapp?: boolean; strategy?: CampaignStrategyInput; now?: Date } = {}) {
  let now = (options.now ?? FIRST_DAY).getTime();
  const clock: Clock = {
    now: () => new Date(now),
    sleepUntil: async (at) => {
      now = Math.max(now, at.getTime());
    },
  };
  const notices = new Notices();
  const senders = new Senders();
  const interactions: NewInteraction[] = [];
  const messages: SentMessage[] = [];
  const profiles = new Map<string, ChannelProfile>();
  const strategy = parseStrategy(options.strategy ?? {});
  const campaign = { campaignId: CAMPAIGN, strategy } as Campaign;
  const deps: FollowUpSweepDeps = {
    clock,
    branches: branchIndex([WIB]),
    campaigns: { get: async (id) => (id === CAMPAIGN ? campaign : undefined) },
    cases: { page: async () => ({ cases: [] }) },
    followUps: {
      claim: async () => {
        throw new Error("a notice is not a case");
      },
      markSent: async () => undefined,
      markFailed: async () => undefined,
    },
    dueSoon: notices,
    interactions: { record: async (i) => Boolean(interactions.push(i)) },
    messages: { recordSent: async (m) => void messages.push(m) },
    profiles: {
      get: async (id) => profiles.get(id),
      getMany: async (ids) =>
        new Map(ids.flatMap((id) => (profiles.has(id) ? [[id, profiles.get(id) as ChannelProfile]] : []))),
    },
    rateLimiter: { acquire: async () => 1 },
    sms: senders,
    smsPerSecond: 20,
    ...(options.whatsapp === false ? {} : { whatsapp: senders }),
    whatsappPerSecond: 80,
  };
  const note = (participants: Participant[]) => {
    for (const p of participants) {
      const n = noticeOf(p, { campaignId: CAMPAIGN, branchCode: "SEMARANG", period: "2026-12" }, strategy, {
        now: MAPPED,
        timeZone: WIB.timeZone,
      });
      if (n) notices.items.set(n.participantId, { ...n, followUps: {} });
    }
  };
  return { deps, notices, senders, interactions, messages, profiles, note };
}

const sweep = (deps: FollowUpSweepDeps) => sendFollowUps(deps, { branchCode: "SEMARANG", period: "2026-12" });

describe("the due-soon reminder in the daily sweep", () => {
  it("goes by the WhatsApp template telecollect_jatuh_tempo, recorded for the report and the supervisor", async () => {
    const w = world();
    w.note([behind(1)]);
    expect(await sweep(w.deps)).toMatchObject({ sent: 1, whatsapp: 1, failed: 0 });
    const caseId = `${CAMPAIGN}#DUE_SOON#${pid(1)}`;
    const messageId = messageIdOf(`${caseId}#DUE_SOON#2027-01-10`);
    expect(w.senders.whatsapp).toEqual([
      expect.objectContaining({
        phone: "+628123456781" + "0",
        template: "telecollect_jatuh_tempo",
        parameters: [
          "Bapak/Ibu Siti",
          "Rp35.000",
          "10 Januari 2027",
          w.notices.items.get(pid(1))?.virtualAccount,
        ],
        messageId,
      }),
    ]);
    expect(w.messages).toEqual([
      expect.objectContaining({
        messageId,
        purpose: "DUE_SOON",
        campaignId: CAMPAIGN,
        caseId,
        status: "SENT",
      }),
    ]);
    expect(w.interactions).toEqual([
      expect.objectContaining({
        kind: "WHATSAPP_SENT",
        campaignId: CAMPAIGN,
        caseId,
        detail: expect.objectContaining({ followUp: "DUE_SOON", occasion: "2027-01-10" }),
      }),
    ]);
    expect(w.notices.items.get(pid(1))?.messageTimes).toEqual([FIRST_DAY.toISOString()]);
  });

  it("goes once per period: the next day's sweep sends nothing", async () => {
    const w = world();
    w.note([behind(1), behind(2)]);
    await sweep(w.deps);
    const again = await sweep({
      ...w.deps,
      clock: { ...w.deps.clock, now: () => new Date("2026-12-15T01:00:00Z") },
    });
    expect(again).toMatchObject({ sent: 0 });
    expect(again.skipped).toEqual({ ALREADY: 2 });
    expect(w.senders.whatsapp).toHaveLength(2);
  });

  it("goes by SMS where the number opted out of WhatsApp, or the deployment has no WhatsApp", async () => {
    const w = world();
    w.note([behind(1), behind(2)]);
    w.profiles.set(pid(2), {
      participantId: pid(2),
      whatsapp: "OPTED_OUT",
      whatsappFailures: 0,
      optedOutAt: "2026-11-20T03:00:00Z",
      updatedAt: "2026-11-20T03:00:00Z",
    });
    expect(await sweep(w.deps)).toMatchObject({ sent: 2, whatsapp: 1 });
    expect(w.senders.sms.map((m) => m.phone)).toEqual(["+6281234567820"]);
    expect(w.senders.sms[0]?.text).toContain("Mohon dibayar paling lambat tanggal 10 Januari 2027.");
    expect(w.messages.map((m) => m.participantId)).toEqual([pid(1)]);

    const smsOnly = world({ whatsapp: false });
    smsOnly.note([behind(1)]);
    expect(await sweep(smsOnly.deps)).toMatchObject({ sent: 1, whatsapp: 0 });
    expect(smsOnly.interactions.map((i) => `${i.kind} ${i.detail?.followUp}`)).toEqual(["SMS_SENT DUE_SOON"]);
  });

  it("sends nothing on a holiday or when switched off, and sends one at a time", async () => {
    const holiday = world({ now: new Date("2026-12-25T03:00:00Z") });
    holiday.note([behind(1)]);
    expect(await sweep(holiday.deps)).toMatchObject({ sent: 0 });

    const off = world({ strategy: { messaging: { followUps: { dueSoon: { enabled: false } } } } });
    off.note([behind(1)]);
    off.notices.items.set(pid(1), { ...(await noticeFor(behind(1))), followUps: {} });
    expect(await sweep(off.deps)).toMatchObject({ sent: 0, skipped: {} });

    const many = world();
    many.note([1, 2, 3, 4, 5].map((n) => behind(n)));
    expect(await sweep(many.deps)).toMatchObject({ sent: 5 });
    expect(many.senders.maxInFlight).toBe(1);
  });

  it("stops at the cap across channels", async () => {
    const w = world({ strategy: { messaging: { cap: { perWeek: 1, perCampaign: 6 } } } });
    w.note([behind(1)]);
    const n = w.notices.items.get(pid(1)) as DueSoonNotice;
    n.messageTimes = ["2026-12-12T03:00:00Z"];
    expect(await sweep(w.deps)).toMatchObject({ sent: 0, skipped: { CAP_REACHED: 1 } });
  });
});

async function noticeFor(p: Participant): Promise<DueSoonNotice> {
  const n = noticeOf(
    p,
    { campaignId: CAMPAIGN, branchCode: "SEMARANG", period: "2026-12" },
    parseStrategy({}),
    {
      now: MAPPED,
      timeZone: WIB.timeZone,
    },
  );
  if (!n) throw new Error("fixture must be noted");
  return n;
}

describe("noting at mapping", () => {
  it("notes those exactly one month behind once, due the 10th of the next month", async () => {
    const notices = new Notices([behind(1), behind(2, 2), behind(3, 0), behind(4)]);
    const input = { branchCode: "SEMARANG", period: "2026-12", strategy: parseStrategy({}), now: MAPPED };
    const deps = { dueSoon: notices, branches: branchIndex([WIB]) };
    expect(await noteDueSoon(deps, { ...input, firstEver: true })).toBe(2);
    expect([...notices.items.values()].map((n) => [n.participantId, n.dueDate])).toEqual([
      [pid(1), "2027-01-10"],
      [pid(4), "2027-01-10"],
    ]);
    await notices.claim({ participantId: pid(1) }, "DUE_SOON#2027-01-10", undefined, FIRST_DAY);
    expect(await noteDueSoon(deps, { ...input, firstEver: false })).toBe(0);
    expect(notices.items.get(pid(1))?.followUps).toHaveProperty(["DUE_SOON#2027-01-10"]);
  });
});

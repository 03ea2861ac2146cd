import { beforeAll, describe, expect, it } from "vitest";
import {
  WhatsAppSendError,
  type WhatsAppSender,
  type WhatsAppTemplateMessage,
} from "../../functions/channels/whatsapp";
import { branchIndex, SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { campaignIdOf } from "../../functions/domain/case";
import type { Interaction } from "../../functions/domain/interaction";
import { profileAfterStatus, reminderMessageId } from "../../functions/domain/messaging";
import { DEFAULT_STRATEGY, parseStrategy } from "../../functions/domain/strategy";
import { planCallingDay } from "../../functions/services/campaign-phases";
import { sendFailedReminderBySms } from "../../functions/services/failed-whatsapp";
import { mapArrears } from "../../functions/services/map-arrears";
import { type SendSmsDeps, type SendSmsResult, sendSms } from "../../functions/services/send-sms";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseSmsStore } from "../../functions/store/case-sms";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import { DynamoDialQueue } from "../../functions/store/dynamo-dial-queue";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoMessageStore, type SentMessage } from "../../functions/store/messages";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { DynamoRateLimiter } from "../../functions/store/rate-limits";
import { SmsOutbox } from "../../local/adapters/sms-outbox";
import { SimulatedClock } from "../../local/sim/clock";
import { participant } from "../fixtures/participants";
import { freshTables } from "./tables";

/**
 * The reminder wave with WhatsApp, on DynamoDB Local: WhatsApp first, SMS where WhatsApp is known
 * to fail or refuses the message, the SMS of a reminder that failed after it went, and the fallback
 * pass's SMS for reminders not delivered in time.
 */
type Tables = Awaited<ReturnType<typeof freshTables>>;
let db: Tables;
const PERIOD = "2026-11";
const CAMPAIGN = campaignIdOf("SEMARANG", PERIOD);
/** Wednesday 2026-11-11, 09:00 in Semarang (WIB). */
const NINE_AM = new Date("2026-11-11T02:00:00Z");
const id = (n: number) => `00050000000${String(n).padStart(2, "0")}`;
const phone = (n: number) => `+62812000000${String(n).padStart(2, "0")}`;

/** WhatsApp as the wave sees it: takes every template, refuses one number for good. */
class Templates implements WhatsAppSender {
  readonly sent: WhatsAppTemplateMessage[] = [];
  constructor(private readonly refused: string) {}
  async sendTemplate(message: WhatsAppTemplateMessage) {
    if (message.phone === this.refused) throw new WhatsAppSendError("refused", false, "ValidationException");
    this.sent.push(message);
    return { providerMessageId: `wamid.${this.sent.length}` };
  }
  async sendText(): Promise<never> {
    throw new Error("the wave sends templates only");
  }
}

let clock: SimulatedClock;
let outbox: SmsOutbox;
let whatsapp: Templates;
let deps: SendSmsDeps;
let mainPass: SendSmsResult;

const stored = async () =>
  new Map(
    (await allCases(new DynamoCaseStore(db.doc, db.tables.cases), CAMPAIGN)).map((c) => [c.participantId, c]),
  );
const caseSms = () => new DynamoCaseSmsStore(db.doc, db.tables.cases);
const trail = async (): Promise<Interaction[]> =>
  new DynamoInteractionStore(db.doc, db.tables.interactions, 30).allByCampaign(CAMPAIGN);
const run = (fallback: boolean) =>
  clock.run(async () => {
    let result: SendSmsResult;
    let cursor: string | undefined;
    do {
      result = await sendSms(
        deps,
        { branchCode: "SEMARANG", period: PERIOD, wave: 1, fallback, ...(cursor ? { cursor } : {}) },
        { timeBudgetMs: 600_000 },
      );
      if (result.nextAt) await clock.sleepUntil(new Date(result.nextAt));
      cursor = result.cursor;
    } while (!result.done);
    return result;
  });

beforeAll(async () => {
  db = await freshTables();
  const people = [1, 2, 3, 4, 5].map((n) =>
    participant({ participantId: id(n), branchCode: "SEMARANG", monthsInArrears: 3 + n, phone: phone(n) }),
  );
  await new DynamoParticipantStore(db.doc, db.tables.participants).putMany(people);
  const cases = new DynamoCaseStore(db.doc, db.tables.cases);
  const campaigns = new DynamoCampaignStore(db.doc, db.tables.campaigns);
  await mapArrears(
    { participants: new DynamoParticipantStore(db.doc, db.tables.participants), cases, campaigns },
    { branchCode: "SEMARANG", period: PERIOD },
    { now: new Date("2026-11-10T00:00:00Z"), timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
  );
  // Participant 2's number failed on WhatsApp twice in an earlier campaign: known off WhatsApp.
  const profiles = new DynamoProfileStore(db.doc, db.tables.profiles);
  for (const at of ["2026-10-12T03:00:00.000Z", "2026-10-13T03:00:00.000Z"])
    await profiles.update(id(2), (p) =>
      profileAfterStatus(
        p,
        { participantId: id(2), phone: phone(2), status: "FAILED", at },
        DEFAULT_STRATEGY.messaging.whatsapp,
      ),
    );
  clock = new SimulatedClock(NINE_AM);
  outbox = new SmsOutbox({ clock });
  whatsapp = new Templates(phone(3));
  deps = {
    clock,
    branches: branchIndex(SAMPLE_BRANCHES),
    campaigns,
    cases,
    caseSms: new DynamoCaseSmsStore(db.doc, db.tables.cases),
    interactions: new DynamoInteractionStore(db.doc, db.tables.interactions, 30),
    rateLimiter: new DynamoRateLimiter(db.doc, db.tables.limits, clock),
    sms: outbox,
    smsPerSecond: 20,
    whatsapp,
    whatsappPerSecond: 20,
    messages: new DynamoMessageStore(db.doc, db.tables.messages),
    profiles,
  };
  mainPass = await run(false);
});

describe("the reminder wave with WhatsApp", () => {
  it("sends WhatsApp first, SMS to a number known off WhatsApp, and SMS instead of a WhatsApp refused for good", async () => {
    expect(whatsapp.sent.map((m) => m.phone).sort()).toEqual([phone(1), phone(4), phone(5)]);
    expect(
      outbox
        .messages()
        .map((m) => m.phone)
        .sort(),
    ).toEqual([phone(2), phone(3)]);
    expect(mainPass).toMatchObject({ sent: 5, whatsapp: 3, whatsappRefused: 1, done: true });
    const cases = await stored();
    expect(cases.get(id(1))?.sms["1"]).toMatchObject({ status: "SENT", channel: "WHATSAPP" });
    expect(cases.get(id(2))?.sms["1"]?.channel).toBeUndefined();
    expect(cases.get(id(1))).toMatchObject({ whatsappSent: 1, smsSent: 0 });
    expect(cases.get(id(3))).toMatchObject({ smsSent: 1 });
    const kinds = (await trail()).filter((i) => i.participantId === id(3)).map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(["WHATSAPP_FAILED", "SMS_SENT"]));
  });

  it("records each WhatsApp message under our id, in its template, with the case's figures", async () => {
    const [first] = whatsapp.sent;
    const recorded = await new DynamoMessageStore(db.doc, db.tables.messages).get(first?.messageId ?? "");
    expect(recorded).toMatchObject({ channel: "WHATSAPP", purpose: "REMINDER", wave: "1", status: "SENT" });
    expect(first?.template).toMatch(/^telecollect_pengingat/);
    expect(first?.parameters.join(" ")).not.toMatch(/https?:|www\./);
    expect(first?.buttons.map((b) => (b.kind === "QUICK_REPLY" ? b.reply : b.window))).toContain("PAID");
  });

  it("counts every reminder once in the case's message times, for the cap across channels", async () => {
    for (const c of (await stored()).values()) expect(c.messageTimes).toHaveLength(1);
  });

  it("asks for the fallback pass the strategy's 6 hours after the WhatsApp reminders", () => {
    expect(mainPass.fallbackAt).toBe(new Date(clock.now().getTime() + 360 * 60_000).toISOString());
  });

  it("sends a reminder that failed after it went by SMS when the failure is reported, not hours later, at the strategy's length", async () => {
    await caseSms().markDelivery(CAMPAIGN, id(4), "1", "FAILED", NINE_AM.toISOString());
    const reminder = (await new DynamoMessageStore(db.doc, db.tables.messages).get(
      reminderMessageId((await stored()).get(id(4))?.caseId ?? "", "1"),
    )) as SentMessage;
    const campaign = await deps.campaigns.get(CAMPAIGN);
    if (!campaign) throw new Error("the campaign was mapped above");
    const { messaging } = campaign.strategy;
    const oneSegment = parseStrategy({
      ...campaign.strategy,
      messaging: { ...messaging, sms: { length: "ONE_SEGMENT" } },
    });
    const smsNow = () =>
      clock.run(() =>
        sendFailedReminderBySms(
          { ...deps, cases: new DynamoCaseStore(db.doc, db.tables.cases) },
          { ...reminder, wave: "1" },
          undefined,
          oneSegment,
        ),
      );
    const smsBefore = outbox.messages().length;
    expect(await smsNow()).toBe("SENT");
    const [sms] = outbox.messages().slice(smsBefore);
    expect(sms).toMatchObject({ phone: phone(4), messageKey: expect.stringMatching(/#wave1F$/) });
    expect(sms?.text).toMatch(/^Yth\. Peserta JKN, iuran Anda tertunggak/);
    expect(sms?.segments).toBe(1);
    expect((await stored()).get(id(4))?.sms["1F"]).toMatchObject({ status: "SENT" });
    expect(await smsNow()).toBe("NOT_NEEDED");
    expect(outbox.messages()).toHaveLength(smsBefore + 1);
  });

  it("sends the fallback SMS only where WhatsApp was not delivered, once, and not as a new message", async () => {
    await caseSms().markDelivery(CAMPAIGN, id(1), "1", "READ", NINE_AM.toISOString());
    // id(4): failed, and sent by SMS above; id(5): never delivered.
    await clock.run(() => clock.sleepUntil(new Date(mainPass.fallbackAt ?? "")));
    const smsBefore = outbox.messages().length;
    const fallback = await run(true);
    const again = await run(true);
    const fallbackSms = outbox.messages().slice(smsBefore);
    expect(fallbackSms.map((m) => m.phone)).toEqual([phone(5)]);
    expect(fallbackSms.every((m) => m.messageKey.endsWith("#wave1F"))).toBe(true);
    expect(fallback).toMatchObject({ sent: 1, whatsapp: 0, alreadyDone: 1 });
    expect(fallback.fallbackAt).toBeUndefined();
    expect(again).toMatchObject({ sent: 0, alreadyDone: 2 });
    const cases = await stored();
    expect(cases.get(id(4))?.messageTimes).toHaveLength(1);
    expect(cases.get(id(5))?.messageTimes).toHaveLength(1);
    const fallbackTrail = (await trail()).filter((i) => i.kind === "SMS_SENT" && i.detail?.fallback === true);
    expect(fallbackTrail.map((i) => i.participantId).sort()).toEqual([id(4), id(5)]);
  });

  it("counts the grace days before the first call from the reminders, not from a fallback pass the next morning", async () => {
    const remindedAt = (await deps.campaigns.get(CAMPAIGN))?.remindedAt ?? "";
    // The wave's own pass ended on Wednesday morning; the fallback pass above did not move it.
    expect(remindedAt.slice(0, 10)).toBe("2026-11-11");
    // A later fallback (12 hours, past the window's close) lets the campaign go on Thursday 09:00 WIB.
    await clock.run(() => clock.sleepUntil(new Date("2026-11-12T02:00:00Z")));
    const plan = await clock.run(() =>
      planCallingDay(
        {
          clock,
          branches: deps.branches,
          campaigns: new DynamoCampaignStore(db.doc, db.tables.campaigns),
          cases: new DynamoCaseStore(db.doc, db.tables.cases),
          interactions: new DynamoInteractionStore(db.doc, db.tables.interactions, 30),
          dialQueue: new DynamoDialQueue(db.doc, db.tables, 30),
        },
        { branchCode: "SEMARANG", period: PERIOD },
      ),
    );
    // Two grace days from Wednesday: Friday, as when the fallback pass ran the same afternoon.
    expect(plan).toMatchObject({ done: false, day: "2026-11-13" });
  });
});

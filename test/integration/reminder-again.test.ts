import { beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSendError, type WhatsAppTemplateMessage } from "../../functions/channels/whatsapp";
import { campaignIdOf } from "../../functions/domain/case";
import type { Interaction } from "../../functions/domain/interaction";
import { addDays } from "../../functions/domain/local-time";
import { type FollowUpTally, sendFollowUps } from "../../functions/services/follow-ups";
import { mapArrears } from "../../functions/services/map-arrears";
import { sendSms } from "../../functions/services/send-sms";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseSmsStore } from "../../functions/store/case-sms";
import { DynamoCaseStore } from "../../functions/store/cases";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoMessageStore } from "../../functions/store/messages";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { SimulatedClock } from "../../local/sim/clock";
import { participant } from "../fixtures/participants";
import { once } from "../support/steps";
import { type SweepOutbox, sweepDepsAt, waveDepsAt } from "./follow-up-sweep-fixture";
import { freshTables } from "./tables";

/*
 * The November campaign on DynamoDB Local with WhatsApp: the wave's reminders go by WhatsApp on
 * the first morning; a week later the daily sweep sends the reminder once more, by WhatsApp only,
 * to the participant who received it and did not read it, and to nobody else.
 */

const CAMPAIGN = campaignIdOf("SEMARANG", "2026-11");
const pid = (n: number) => `000600000000${n}`;
const UNREAD = pid(1);
const READ = pid(2);
const STOPPED = pid(3);
const REFUSED = pid(4);
const NEVER_DELIVERED = pid(5);
const ALL = [UNREAD, READ, STOPPED, REFUSED, NEVER_DELIVERED];

type Tables = Awaited<ReturnType<typeof freshTables>>;
let db: Tables;
let cases: DynamoCaseStore;
let campaigns: DynamoCampaignStore;
let interactions: DynamoInteractionStore;
let profiles: DynamoProfileStore;
let messages: DynamoMessageStore;
const waveWhatsApp: WhatsAppTemplateMessage[] = [];
/** WhatsApp refuses the follow-ups to one number for good (a paused template, say). */
const outbox: SweepOutbox = {
  sms: [],
  whatsapp: [],
  refuse: (m) =>
    m.phone === refusedPhone ? new WhatsAppSendError("template paused", false, "132015") : undefined,
};
const followUpWhatsApp = outbox.whatsapp;
const followUpSms = outbox.sms;
const tallies: FollowUpTally[] = [];
let refusedPhone = "";

beforeAll(async () => {
  db = await freshTables();
  cases = new DynamoCaseStore(db.doc, db.tables.cases);
  campaigns = new DynamoCampaignStore(db.doc, db.tables.campaigns);
  interactions = new DynamoInteractionStore(db.doc, db.tables.interactions, 400);
  profiles = new DynamoProfileStore(db.doc, db.tables.profiles);
  messages = new DynamoMessageStore(db.doc, db.tables.messages);
  const participants = new DynamoParticipantStore(db.doc, db.tables.participants);
  await participants.putMany(
    ALL.map((participantId, i) =>
      participant({
        participantId,
        branchCode: "SEMARANG",
        monthsInArrears: 6,
        phone: `+62812000000${i}`,
        phoneRaw: `0812000000${i}`,
      }),
    ),
  );
  await mapArrears(
    { participants, cases, campaigns, profiles },
    { branchCode: "SEMARANG", period: "2026-11" },
    {
      now: new Date("2026-11-11T01:00:00Z"),
      timeBudgetMs: 600_000,
      deadline: Date.now() + 600_000,
    },
  );
});

/** The wave on Wednesday 11 November, 09:00 WIB, by WhatsApp; then what the statuses told us. */
const wave = once(async () => {
  const clock = new SimulatedClock(new Date("2026-11-11T02:00:00Z"));
  const deps = waveDepsAt(db, clock, {
    sendTemplate: async (m: WhatsAppTemplateMessage) => {
      waveWhatsApp.push(m);
      return { providerMessageId: `wamid-wave-${waveWhatsApp.length}` };
    },
    sendText: async () => ({ providerMessageId: "unused" }),
  });
  await clock.run(() =>
    sendSms(deps, { branchCode: "SEMARANG", period: "2026-11", wave: 1 }, { timeBudgetMs: 600_000 }),
  );
  // The statuses as the events handler writes them on the case (what the sweep reads).
  const caseSms = new DynamoCaseSmsStore(db.doc, db.tables.cases);
  for (const id of [UNREAD, READ, STOPPED, REFUSED])
    await caseSms.markDelivery(CAMPAIGN, id, "1", "DELIVERED", "2026-11-11T02:05:00Z");
  await caseSms.markDelivery(CAMPAIGN, READ, "1", "READ", "2026-11-11T04:00:00Z");
  // "Berhenti" pressed on another message: SMS only from now on.
  await profiles.update(STOPPED, (current) => ({
    participantId: STOPPED,
    whatsapp: "REACHABLE",
    whatsappFailures: 0,
    ...current,
    optedOutAt: "2026-11-12T03:00:00Z",
    updatedAt: "2026-11-12T03:00:00Z",
  }));
});

/** The daily sweep at 10:00 WIB through the first three weeks. */
const weeks = once(async () => {
  await wave();
  refusedPhone = (await cases.get(CAMPAIGN, REFUSED))?.phone ?? "";
  for (let day = "2026-11-11"; day < "2026-12-02"; day = addDays(day, 1))
    tallies.push(
      await sendFollowUps(sweepDepsAt(db, new Date(`${day}T03:00:00Z`), outbox), {
        branchCode: "SEMARANG",
        period: "2026-11",
      }),
    );
  const all: Interaction[] = await interactions.allByCampaign(CAMPAIGN);
  return all.filter((i) => i.detail?.followUp === "REMINDER_AGAIN");
});

describe("the reminder sent again when unread", () => {
  it("goes once, a week after delivery, by WhatsApp with the reminder's own template", async () => {
    const again = await weeks();
    const sent = again.filter((i) => i.kind === "WHATSAPP_SENT");
    expect(sent.map((i) => [i.participantId, i.at])).toEqual([[UNREAD, "2026-11-18T03:00:00.000Z"]]);
    const first = waveWhatsApp.find((m) => m.phone === followUpWhatsApp[0]?.phone);
    expect(followUpWhatsApp).toHaveLength(1);
    expect(followUpWhatsApp[0]?.template).toBe(first?.template);
    expect(followUpWhatsApp[0]?.parameters).toEqual(first?.parameters);
    expect(followUpWhatsApp[0]?.messageId).not.toBe(first?.messageId);
    const c = await cases.get(CAMPAIGN, UNREAD);
    expect(c?.followUps?.["REMINDER_AGAIN#1"]).toMatchObject({ status: "SENT", channel: "WHATSAPP" });
    expect(c?.messageTimes).toHaveLength(2);
    // Its record carries its purpose: a read or a reply to it is the reminder's.
    const message = await messages.get(followUpWhatsApp[0]?.messageId ?? "");
    expect(message).toMatchObject({ purpose: "REMINDER_AGAIN", caseId: c?.caseId, channel: "WHATSAPP" });
  });

  it("goes to nobody who read it, nor to a reminder never delivered", async () => {
    const again = await weeks();
    expect(again.filter((i) => i.participantId === READ || i.participantId === NEVER_DELIVERED)).toEqual([]);
  });

  it("never goes by SMS: not to a participant who pressed Berhenti, nor when WhatsApp refuses it", async () => {
    const again = await weeks();
    expect(followUpSms).toEqual([]);
    expect(again.filter((i) => i.participantId === STOPPED)).toEqual([]);
    expect(tallies.reduce((n, t) => n + (t.skipped.NO_WHATSAPP ?? 0), 0)).toBeGreaterThan(0);
    expect(again.filter((i) => i.participantId === REFUSED).map((i) => [i.kind, i.detail?.reason])).toEqual([
      ["WHATSAPP_FAILED", "132015"],
    ]);
    expect((await cases.get(CAMPAIGN, REFUSED))?.followUps?.["REMINDER_AGAIN#1"]).toMatchObject({
      status: "FAILED",
    });
  });
});

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../functions/channels/clock";
import type { WhatsAppSender, WhatsAppTextMessage } from "../../functions/channels/whatsapp";
import { type Case, campaignIdOf, caseIdOf, dialRank } from "../../functions/domain/case";
import { type DueSoonNotice, dueSoonPartitionOf } from "../../functions/domain/due-soon";
import type { Interaction } from "../../functions/domain/interaction";
import { type ButtonChoice, buttonPayload, messageIdOf } from "../../functions/domain/messaging";
import { DEFAULT_STRATEGY } from "../../functions/domain/strategy";
import { handler } from "../../functions/handlers/messaging-events";
import type { CampaignStatus } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { DynamoDueSoonStore } from "../../functions/store/due-soon";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoMessageStore, type SentMessage } from "../../functions/store/messages";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { SmsOutbox } from "../../local/adapters/sms-outbox";
import { invokeLocally, type LambdaHandler } from "../../local/lambda";
import { caseOf, WIB } from "../fixtures/dialing";
import { installHandlerPorts } from "../support/handler-ports";
import {
  buttonReplyValue,
  buttonValue,
  snsMessage,
  statusValue,
  textValue,
} from "../support/social-messaging";
import { freshTables, handlerVariables } from "./tables";

/** Monday 2026-11-16, 10:00 in Semarang (WIB). */
const NOW = new Date("2026-11-16T03:00:00.000Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
const clock: Clock = { now: () => NOW, sleepUntil: async () => undefined };

let db: Awaited<ReturnType<typeof freshTables>>;
let cases: DynamoCaseStore;
let messages: DynamoMessageStore;
let profiles: DynamoProfileStore;
let interactions: DynamoInteractionStore;
const sent: WhatsAppTextMessage[] = [];
const whatsapp: WhatsAppSender = {
  sendTemplate: async () => ({ providerMessageId: "wamid.template" }),
  sendText: async (message) => {
    sent.push(message);
    return { providerMessageId: `wamid.answer${sent.length}` };
  },
};

const outbox = new SmsOutbox({ clock });

const base = caseOf(WIB);
const phoneOf = (n: number) => `+62811000${String(n).padStart(4, "0")}`;

/** Case n of the campaign, queued, its wave-1 reminder sent on WhatsApp (our message, recorded). */
async function reminded(
  n: number,
  overrides: Partial<Case> = {},
): Promise<{ c: Case; reminder: SentMessage }> {
  const participantId = `00010000001${String(n).padStart(2, "0")}`;
  const c: Case = {
    ...base,
    participantId,
    caseId: caseIdOf(base.campaignId, participantId),
    phone: phoneOf(n),
    dialQueue: base.campaignId,
    dialRank: dialRank(base.priority, participantId),
    sms: { "1": { status: "SENT", at: minutesAgo(120), attempts: 1 } },
    ...overrides,
  };
  await db.doc.send(new PutCommand({ TableName: db.tables.cases, Item: c }));
  const reminder: SentMessage = {
    messageId: messageIdOf(`${c.caseId}#REMINDER#1`),
    channel: "WHATSAPP",
    purpose: "REMINDER",
    campaignId: c.campaignId,
    participantId,
    caseId: c.caseId,
    branchCode: c.branchCode,
    phone: phoneOf(n),
    wave: "1",
    sentAt: minutesAgo(120),
    status: "SENT",
    statusAt: minutesAgo(120),
  };
  await messages.recordSent(reminder);
  return { c, reminder };
}

const deliver = (...values: Record<string, unknown>[]) =>
  invokeLocally(
    handler as unknown as LambdaHandler<unknown, unknown>,
    {
      Records: values.map((v) => ({
        EventSource: "aws:sns",
        Sns: { Type: "Notification", Message: snsMessage(v) },
      })),
    },
    { functionName: "messaging-events" },
  );

const trailOf = async (c: Case): Promise<Interaction[]> =>
  (await interactions.allByCampaign(c.campaignId)).filter((i) => i.caseId === c.caseId);

/** Another campaign of the branch, in the given phase; returns its id. */
async function campaignIn(period: string, status: CampaignStatus): Promise<string> {
  const campaignId = campaignIdOf(base.branchCode, period);
  await db.doc.send(
    new PutCommand({
      TableName: db.tables.campaigns,
      Item: {
        campaignId,
        branchCode: base.branchCode,
        period,
        status,
        strategy: DEFAULT_STRATEGY,
        createdAt: minutesAgo(10_000),
        updatedAt: minutesAgo(5),
        mappingEpoch: 1,
        mappedCases: 1,
      },
    }),
  );
  return campaignId;
}

const press = (n: number, wamid: string, messageId: string, choice: ButtonChoice, words: string) =>
  buttonValue({
    wamid,
    from: phoneOf(n),
    at: minutesAgo(1),
    payload: buttonPayload(messageId, choice),
    text: words,
  });

const sentTo = (n: number) => sent.filter((m) => m.phone === phoneOf(n));

beforeAll(async () => {
  db = await freshTables();
  cases = new DynamoCaseStore(db.doc, db.tables.cases);
  messages = new DynamoMessageStore(db.doc, db.tables.messages);
  profiles = new DynamoProfileStore(db.doc, db.tables.profiles);
  interactions = new DynamoInteractionStore(db.doc, db.tables.interactions, 1825);
  await db.doc.send(
    new PutCommand({
      TableName: db.tables.campaigns,
      Item: {
        campaignId: base.campaignId,
        branchCode: base.branchCode,
        period: base.period,
        status: "DIALING",
        strategy: DEFAULT_STRATEGY,
        createdAt: minutesAgo(10_000),
        updatedAt: minutesAgo(10_000),
        mappingEpoch: 1,
        mappedCases: 20,
      },
    }),
  );
  installHandlerPorts(handlerVariables(db), { clock, whatsapp, sms: outbox });
});

describe("WhatsApp statuses", () => {
  it("records delivered and read once each, on the case's wave and the lasting profile", async () => {
    const { c, reminder } = await reminded(1);
    const status = (s: "sent" | "delivered" | "read", m: number) =>
      statusValue({
        wamid: "wamid.1",
        status: s,
        at: minutesAgo(m),
        to: phoneOf(1),
        messageId: reminder.messageId,
      });
    await deliver(status("sent", 110));
    await deliver(status("delivered", 100), status("read", 90));
    await deliver(status("delivered", 100));
    const trail = await trailOf(c);
    // SENT is what the send recorded (and its WHATSAPP_SENT): Meta's own "sent" changes nothing.
    expect(trail.map((i) => i.kind)).toEqual(["WHATSAPP_DELIVERED", "WHATSAPP_READ"]);
    expect(trail[1]?.detail).toEqual({ channel: "WHATSAPP", purpose: "REMINDER", phone: "+6281****0001" });
    expect((await cases.get(c.campaignId, c.participantId))?.sms["1"]).toMatchObject({
      status: "SENT",
      delivery: "READ",
      deliveryAt: minutesAgo(90),
    });
    expect(await profiles.get(c.participantId)).toMatchObject({
      whatsapp: "REACHABLE",
      whatsappFailures: 0,
      lastReadAt: minutesAgo(90),
    });
  });

  it("counts failures on the profile until the number counts as not on WhatsApp", async () => {
    const { c, reminder } = await reminded(2);
    const fail = (wamid: string, messageId: string, m: number) =>
      statusValue({ wamid, status: "failed", at: minutesAgo(m), to: phoneOf(2), messageId });
    await deliver(fail("wamid.2a", reminder.messageId, 100));
    expect(await profiles.get(c.participantId)).toMatchObject({ whatsapp: "UNKNOWN", whatsappFailures: 1 });
    const [failed] = await trailOf(c);
    expect(failed).toMatchObject({ kind: "WHATSAPP_FAILED", detail: { errorCode: 131026 } });
    const second = { ...reminder, messageId: messageIdOf(`${c.caseId}#MISSED_CALL#1`), wave: undefined };
    await messages.recordSent(second);
    await deliver(fail("wamid.2b", second.messageId, 50));
    expect(await profiles.get(c.participantId)).toMatchObject({
      whatsapp: "UNREACHABLE",
      whatsappFailures: 2,
    });
  });

  it("asks for a retry when a status overtakes its message's record, and drops an old one", async () => {
    const messageId = messageIdOf("not yet recorded");
    const early = statusValue({
      wamid: "wamid.3",
      status: "sent",
      at: minutesAgo(1),
      to: phoneOf(3),
      messageId,
    });
    await expect(deliver(early)).rejects.toMatchObject({ name: "MessageNotRecordedError" });
    const old = statusValue({
      wamid: "wamid.3",
      status: "sent",
      at: minutesAgo(90),
      to: phoneOf(3),
      messageId,
    });
    await expect(deliver(old)).resolves.toEqual({ events: 1 });
    expect(await messages.get(messageId)).toBeUndefined();
  });
});

describe("a WhatsApp reminder that fails after it went", () => {
  const sentByWhatsApp = { status: "SENT", at: minutesAgo(2), attempts: 1, channel: "WHATSAPP" } as const;
  const failure = (n: number, messageId: string) =>
    statusValue({ wamid: `wamid.f${n}`, status: "failed", at: minutesAgo(1), to: phoneOf(n), messageId });

  it("goes by SMS when the failure is reported, inside the window, once however often it is reported", async () => {
    const { c, reminder } = await reminded(21, { sms: { "1": sentByWhatsApp } });
    await deliver(failure(21, reminder.messageId));
    await deliver(failure(21, reminder.messageId));
    const sms = outbox.messages().filter((m) => m.phone === phoneOf(21));
    expect(sms).toHaveLength(1);
    expect(sms[0]?.text).toContain(c.virtualAccount);
    expect((await cases.get(c.campaignId, c.participantId))?.sms["1F"]).toMatchObject({ status: "SENT" });
    const kinds = (await trailOf(c)).map((i) => [i.kind, i.detail?.fallback]);
    expect(kinds).toEqual([
      ["WHATSAPP_FAILED", undefined],
      ["SMS_SENT", true],
    ]);
  });

  it("waits for the fallback pass when the participant's contact window is closed", async () => {
    const { c, reminder } = await reminded(22, { sms: { "1": sentByWhatsApp } });
    // 21:00 in Semarang.
    const late: Clock = {
      now: () => new Date("2026-11-16T14:00:00.000Z"),
      sleepUntil: async () => undefined,
    };
    installHandlerPorts(handlerVariables(db), { clock: late, whatsapp, sms: outbox });
    try {
      await deliver(failure(22, reminder.messageId));
    } finally {
      installHandlerPorts(handlerVariables(db), { clock, whatsapp, sms: outbox });
    }
    expect(outbox.messages().filter((m) => m.phone === phoneOf(22))).toEqual([]);
    expect((await cases.get(c.campaignId, c.participantId))?.sms["1F"]).toBeUndefined();
  });

  /** Participant n's reminder in a campaign of its own, in the given phase. */
  async function remindedIn(n: number, period: string, status: CampaignStatus) {
    const campaignId = await campaignIn(period, status);
    return reminded(n, {
      campaignId,
      period,
      caseId: caseIdOf(campaignId, `00010000001${n}`),
      sms: { "1": sentByWhatsApp },
    });
  }

  it("goes by SMS while the campaign's reminder wave is still sending", async () => {
    const { reminder } = await remindedIn(28, "2026-09", "SMS");
    await deliver(failure(28, reminder.messageId));
    expect(outbox.messages().filter((m) => m.phone === phoneOf(28))).toHaveLength(1);
  });

  it("sends nothing once the campaign is stopped", async () => {
    const { reminder } = await remindedIn(26, "2026-10", "STOPPED");
    await deliver(failure(26, reminder.messageId));
    expect(outbox.messages().filter((m) => m.phone === phoneOf(26))).toEqual([]);
  });

  it("sends nothing for a case paid in the meantime", async () => {
    const { c, reminder } = await reminded(23, {
      status: "PAID",
      sms: { "1": sentByWhatsApp },
    });
    await deliver(failure(23, reminder.messageId));
    expect(outbox.messages().filter((m) => m.phone === phoneOf(23))).toEqual([]);
    expect((await trailOf(c)).map((i) => i.kind)).toEqual(["WHATSAPP_FAILED"]);
  });
});

describe("a WhatsApp follow-up that fails after it went", () => {
  /** Case n's follow-up `purpose#occasion`, sent on WhatsApp a minute ago (recorded, as the send does). */
  async function followedUp(
    n: number,
    purpose: "THANK_YOU" | "REMINDER_AGAIN",
    occasion: string,
    c: Partial<Case>,
  ) {
    const { c: sent, reminder } = await reminded(n, {
      ...c,
      followUps: { [`${purpose}#${occasion}`]: { status: "SENT", at: minutesAgo(1), channel: "WHATSAPP" } },
      messageTimes: [minutesAgo(120), minutesAgo(1)],
    });
    const message: SentMessage = {
      ...reminder,
      messageId: messageIdOf(`${sent.caseId}#${purpose}#${occasion}`),
      purpose,
      wave: undefined,
      occasion,
    };
    await messages.recordSent(message);
    return { c: sent, message };
  }
  const failure = (n: number, messageId: string) =>
    statusValue({ wamid: `wamid.g${n}`, status: "failed", at: minutesAgo(0), to: phoneOf(n), messageId });

  it("a thank-you goes by SMS at once, once, and the cap does not count it again", async () => {
    const { c, message } = await followedUp(24, "THANK_YOU", "PAID", {
      status: "PAID",
      amountPaid: 175_000,
    });
    await deliver(failure(24, message.messageId));
    await deliver(failure(24, message.messageId));
    const sms = outbox.messages().filter((m) => m.phone === phoneOf(24));
    expect(sms.map((m) => m.messageKey)).toEqual([`${c.caseId}#THANK_YOU#PAID#F`]);
    expect(sms[0]?.text).toContain("Rp175.000 telah kami terima");
    const after = await cases.get(c.campaignId, c.participantId);
    expect(after?.followUps?.["THANK_YOU#PAID#F"]).toMatchObject({
      status: "SENT",
      channel: "SMS",
      uncapped: true,
    });
    expect(after?.messageTimes).toHaveLength(2);
    const sent = (await trailOf(c)).filter((i) => i.kind === "SMS_SENT");
    expect(sent.map((i) => i.detail)).toEqual([
      expect.objectContaining({ followUp: "THANK_YOU", fallback: true }),
    ]);
  });

  it("a thank-you still goes by SMS when its campaign closed in the meantime: it confirms a payment", async () => {
    const campaignId = await campaignIn("2026-08", "CLOSED");
    const { c, message } = await followedUp(29, "THANK_YOU", "PAID", {
      campaignId,
      period: "2026-08",
      caseId: caseIdOf(campaignId, "0001000000129"),
      status: "PAID",
      amountPaid: 70_000,
    });
    await deliver(failure(29, message.messageId));
    const sms = outbox.messages().filter((m) => m.phone === phoneOf(29));
    expect(sms.map((m) => m.messageKey)).toEqual([`${c.caseId}#THANK_YOU#PAID#F`]);
  });

  it("a due-soon reminder goes by SMS too, claimed on its notice", async () => {
    const notices = new DynamoDueSoonStore(db.doc, db.tables, cases);
    const participantId = "0001000000127";
    const notice: DueSoonNotice = {
      campaignId: base.campaignId,
      participantId,
      caseId: caseIdOf(dueSoonPartitionOf(base.campaignId), participantId),
      branchCode: base.branchCode,
      period: base.period,
      dueDate: "2026-12-10",
      monthsInArrears: 1,
      amountDue: 42_000,
      contactable: true,
      phone: phoneOf(27),
      phoneType: "MOBILE",
      name: "Siti Rahma",
      autodebet: false,
      virtualAccount: "8888801234567890",
      followUps: { "DUE_SOON#2026-12-10": { status: "SENT", at: minutesAgo(1), channel: "WHATSAPP" } },
      messageTimes: [minutesAgo(1)],
      createdAt: minutesAgo(10_000),
    };
    await notices.putNew([notice]);
    const message: SentMessage = {
      messageId: messageIdOf(`${notice.caseId}#DUE_SOON#2026-12-10`),
      channel: "WHATSAPP",
      purpose: "DUE_SOON",
      campaignId: notice.campaignId,
      participantId,
      caseId: notice.caseId,
      branchCode: notice.branchCode,
      phone: phoneOf(27),
      occasion: "2026-12-10",
      sentAt: minutesAgo(1),
      status: "SENT",
      statusAt: minutesAgo(1),
    };
    await messages.recordSent(message);
    await deliver(failure(27, message.messageId));
    const sms = outbox.messages().filter((m) => m.phone === phoneOf(27));
    expect(sms.map((m) => m.messageKey)).toEqual([`${notice.caseId}#DUE_SOON#2026-12-10#F`]);
    expect(sms[0]?.text).toContain("10 Desember 2026");
    expect(
      (await notices.get(notice.campaignId, participantId))?.followUps?.["DUE_SOON#2026-12-10#F"],
    ).toMatchObject({
      status: "SENT",
      uncapped: true,
    });
  });

  it("the reminder sent again when unread gets no SMS: WhatsApp or nothing", async () => {
    const { message } = await followedUp(25, "REMINDER_AGAIN", "1", {});
    await deliver(failure(25, message.messageId));
    expect(outbox.messages().filter((m) => m.phone === phoneOf(25))).toEqual([]);
  });
});

describe("quick replies", () => {
  it("'Sudah bayar' with no payment: the case stays open, its call waits, the payment will be checked", async () => {
    const { c, reminder } = await reminded(4);
    await deliver(
      press(4, "wamid.4", reminder.messageId, { kind: "QUICK_REPLY", reply: "PAID" }, "Sudah bayar"),
    );
    const after = await cases.get(c.campaignId, c.participantId);
    expect(after?.status).toBe("OPEN");
    expect(after?.nextAttemptAt).toBe(new Date(Date.parse(minutesAgo(1)) + 48 * 3_600_000).toISOString());
    expect(sentTo(4).map((m) => m.text)).toEqual([expect.stringContaining("akan kami periksa")]);
    const [reply] = await trailOf(c);
    expect(reply).toMatchObject({ kind: "WHATSAPP_REPLY", detail: { reply: "PAID" } });
  });

  it("'Sudah bayar' after a payment: thanked, the call left as planned", async () => {
    const { c, reminder } = await reminded(5, { amountPaid: 35_000 });
    await deliver(
      press(5, "wamid.5", reminder.messageId, { kind: "QUICK_REPLY", reply: "PAID" }, "Sudah bayar"),
    );
    expect((await cases.get(c.campaignId, c.participantId))?.nextAttemptAt).toBe(c.nextAttemptAt);
    expect(sentTo(5).map((m) => m.text)).toEqual([expect.stringContaining("sudah kami terima")]);
  });

  it("'Minta ditelepon': the case first in the queue, a window asked, and the one chosen honoured", async () => {
    const { c, reminder } = await reminded(6);
    await deliver(
      press(6, "wamid.6", reminder.messageId, { kind: "QUICK_REPLY", reply: "CALL_ME" }, "Minta ditelepon"),
    );
    expect((await cases.get(c.campaignId, c.participantId))?.dialRank).toBe(
      dialRank(c.priority, c.participantId, true),
    );
    const [ask] = sentTo(6);
    expect(ask?.buttons?.map((b) => (b.kind === "CALLBACK_WINDOW" ? b.window : ""))).toEqual([
      "MORNING",
      "AFTERNOON",
      "EVENING",
    ]);
    const id = buttonPayload(ask?.messageId ?? "", { kind: "CALLBACK_WINDOW", window: "EVENING" });
    await deliver(
      buttonReplyValue({
        wamid: "wamid.6b",
        from: phoneOf(6),
        at: minutesAgo(1),
        id,
        title: "Sore 16.00-20.00",
      }),
    );
    const after = await cases.get(c.campaignId, c.participantId);
    expect(after?.callback).toEqual({ fromMinute: 960, toMinute: 1200, requestedAt: minutesAgo(1) });
    // 16:00 WIB the same day.
    expect(after?.nextAttemptAt).toBe("2026-11-16T09:00:00.000Z");
    expect(sentTo(6)[1]?.text).toContain("sore hari pukul 16.00-20.00");
    expect((await trailOf(c)).map((i) => i.detail?.reply)).toEqual(["CALL_ME", "WINDOW_EVENING"]);
  });

  it("'Info REHAB': the steps with the participant's instalments", async () => {
    const { reminder } = await reminded(7);
    await deliver(
      press(7, "wamid.7", reminder.messageId, { kind: "QUICK_REPLY", reply: "REHAB_INFO" }, "Info REHAB"),
    );
    const [steps] = sentTo(7);
    expect(steps?.text).toContain("Program REHAB");
    expect(steps?.text).toContain(`paling banyak ${base.rehabMaxInstalments} kali cicilan`);
    expect(steps?.messageId).toBe(messageIdOf("reply#wamid.7"));
    expect(await messages.get(messageIdOf("reply#wamid.7"))).toMatchObject({
      purpose: "REPLY",
      phone: phoneOf(7),
    });
  });

  it("'Berhenti': SMS only from now on, confirmed once", async () => {
    const { c, reminder } = await reminded(8);
    await deliver(
      press(8, "wamid.8", reminder.messageId, { kind: "QUICK_REPLY", reply: "STOP" }, "Berhenti"),
    );
    expect(await profiles.get(c.participantId)).toMatchObject({
      whatsapp: "OPTED_OUT",
      optedOutAt: minutesAgo(1),
    });
    await deliver(textValue({ wamid: "wamid.8b", from: phoneOf(8), at: minutesAgo(0), body: "  berhenti " }));
    expect(sentTo(8).map((m) => m.text)).toEqual([expect.stringContaining("melalui SMS")]);
    expect((await trailOf(c)).map((i) => i.detail?.reply)).toEqual(["STOP", "STOP"]);
  });
});

describe("other replies", () => {
  it("keeps free text for the supervisors, numbers masked, and answers nothing", async () => {
    const { c } = await reminded(9);
    const body = "Saya sudah transfer ke 081234567890 kemarin";
    await deliver(textValue({ wamid: "wamid.9", from: phoneOf(9), at: minutesAgo(1), body }));
    const [reply] = await trailOf(c);
    expect(reply).toMatchObject({
      kind: "WHATSAPP_REPLY",
      detail: { reply: "TEXT", text: "Saya sudah transfer ke ********7890 kemarin", phone: "+6281****0009" },
    });
    expect(sentTo(9)).toEqual([]);
    expect((await messages.lastTo(phoneOf(9)))?.lastInboundAt).toBe(minutesAgo(1));
  });

  it("changes nothing twice when a reply is delivered again", async () => {
    const { c, reminder } = await reminded(10);
    const event = press(
      10,
      "wamid.10",
      reminder.messageId,
      { kind: "QUICK_REPLY", reply: "PAID" },
      "Sudah bayar",
    );
    await deliver(event);
    const before = await cases.get(c.campaignId, c.participantId);
    await deliver(event);
    expect(await cases.get(c.campaignId, c.participantId)).toEqual(before);
    expect(await trailOf(c)).toHaveLength(1);
    expect(sentTo(10)).toHaveLength(1);
  });

  it("drops a message from a number we never wrote to", async () => {
    const stranger = "+6281999999999";
    await expect(
      deliver(textValue({ wamid: "wamid.11", from: stranger, at: minutesAgo(1), body: "Info REHAB" })),
    ).resolves.toEqual({ events: 1 });
    expect(sent.filter((m) => m.phone === stranger)).toEqual([]);
    expect(await messages.lastTo(stranger)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { WhatsAppSendError, type WhatsAppTemplateMessage } from "../../../../functions/channels/whatsapp";
import { messageIdOf } from "../../../../functions/domain/messaging";
import {
  FREE_TEXTS,
  WhatsAppSimulator,
  type WhatsAppSimulatorOptions,
} from "../../../../local/adapters/whatsapp-simulator";
import { SimulatedClock } from "../../../../local/sim/clock";

const START = new Date("2026-12-07T02:00:00Z");

interface Envelope {
  context: {
    MetaWabaIds: { wabaId: string; arn: string }[];
    MetaPhoneNumberIds: { metaPhoneNumberId: string; arn: string }[];
  };
  whatsAppWebhookEntry: string;
  aws_account_id: string;
  message_timestamp: string;
  messageId: string;
}

// biome-ignore lint/suspicious/noExplicitAny: Meta's webhook entry, read as a participant's phone would write it.
type Entry = any;

const phone = (i: number) => `+62812${String(10_000_000 + i).padStart(8, "0")}`;

const reminder = (i: number): WhatsAppTemplateMessage => ({
  phone: phone(i),
  template: "telecollect_pengingat",
  parameters: ["Bapak/Ibu Siti", "8 bulan", "Rp280.000", "8888801000000005"],
  messageId: messageIdOf(`C#2026-12#${i}#REMINDER`),
  buttons: [
    { kind: "QUICK_REPLY", reply: "PAID" },
    { kind: "QUICK_REPLY", reply: "CALL_ME" },
    { kind: "QUICK_REPLY", reply: "STOP" },
  ],
});

/** Sends `count` reminders at the start and runs the clock until every event went out. */
async function run(count: number, options: Partial<WhatsAppSimulatorOptions> = {}) {
  const clock = new SimulatedClock(START);
  const simulator = new WhatsAppSimulator({ clock, seed: 7, ...options });
  const events: { at: string; envelope: Envelope; entry: Entry }[] = [];
  const reads: string[] = [];
  simulator.onEvent(async (sns) => {
    const envelope = JSON.parse(sns) as Envelope;
    events.push({
      at: clock.now().toISOString(),
      envelope,
      entry: JSON.parse(envelope.whatsAppWebhookEntry),
    });
  });
  simulator.onRead(({ messageId }) => reads.push(messageId));
  await clock.run(async () => {
    for (let i = 0; i < count; i++) await simulator.sendTemplate(reminder(i));
  });
  await clock.settle();
  return { simulator, events, reads };
}

const changeValue = (e: { entry: Entry }) => e.entry.changes[0].value;

describe("the WhatsApp simulator", () => {
  it("gives the same events for the same seed", async () => {
    const a = await run(50);
    const b = await run(50);
    expect(a.events.length).toBeGreaterThan(50);
    expect(a.events).toEqual(b.events);
    const other = await run(50, { seed: 8 });
    expect(other.events).not.toEqual(a.events);
  });

  it("puts about 85% of numbers on WhatsApp, the same answer for a number every time", () => {
    const simulator = new WhatsAppSimulator({ clock: new SimulatedClock(START), seed: 7 });
    const share =
      Array.from({ length: 4000 }, (_, i) => simulator.hasWhatsApp(phone(i))).filter(Boolean).length / 4000;
    expect(share).toBeGreaterThan(0.83);
    expect(share).toBeLessThan(0.87);
    expect(simulator.hasWhatsApp(phone(1))).toBe(simulator.hasWhatsApp(phone(1)));
    const none = new WhatsAppSimulator({
      clock: new SimulatedClock(START),
      seed: 7,
      rates: { onWhatsApp: 0 },
    });
    expect(none.hasWhatsApp(phone(1))).toBe(false);
  });

  it("fails a number not on WhatsApp after a few seconds with 131026, and never delivers it", async () => {
    const { events, simulator, reads } = await run(3, { rates: { onWhatsApp: 0 } });
    expect(events).toHaveLength(3);
    for (const e of events) {
      const [status] = changeValue(e).statuses;
      expect(status).toMatchObject({ status: "failed", errors: [{ code: 131026 }] });
      const seconds = (Date.parse(e.at) - START.getTime()) / 1000;
      expect(seconds).toBeGreaterThanOrEqual(2);
      expect(seconds).toBeLessThanOrEqual(8);
    }
    expect(simulator.messages().map((m) => m.statuses.map((s) => s.status))).toEqual([
      ["FAILED"],
      ["FAILED"],
      ["FAILED"],
    ]);
    expect(reads).toEqual([]);
  });

  it("reports each message's statuses in order, sent before delivered before read, naming our message id", async () => {
    const { events, simulator } = await run(200, { rates: { onWhatsApp: 1 } });
    for (const m of simulator.messages()) {
      const order = m.statuses.map((s) => s.status);
      expect(["SENT,DELIVERED", "SENT,DELIVERED,READ"]).toContain(order.join(","));
      const times = m.statuses.map((s) => Date.parse(s.at));
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(new Set(times).size).toBe(times.length);
    }
    const statuses = events.flatMap((e) => changeValue(e).statuses ?? []);
    expect(statuses.every((s: Entry) => /^m-[0-9a-f]{24}$/.test(s.biz_opaque_callback_data))).toBe(true);
    // Most phones get it within minutes; some are offline and get it hours later.
    const delays = simulator
      .messages()
      .map((m) => (Date.parse(m.statuses[1]?.at ?? "") - START.getTime()) / 60_000);
    expect(delays.filter((d) => d <= 10).length).toBeGreaterThan(150);
    expect(delays.some((d) => d >= 60)).toBe(true);
    const readShare =
      simulator.messages().filter((m) => m.statuses.some((s) => s.status === "READ")).length / 200;
    expect(readShare).toBeGreaterThan(0.6);
    expect(readShare).toBeLessThan(0.8);
  });

  it("leaves every message to a number whose owner never reads unread: a second one is read less often than a first", async () => {
    const clock = new SimulatedClock(START);
    const simulator = new WhatsAppSimulator({ clock, seed: 7, rates: { onWhatsApp: 1 } });
    const again = (i: number) => ({
      ...reminder(i),
      messageId: messageIdOf(`C#2026-12#${i}#REMINDER_AGAIN#1`),
    });
    await clock.run(async () => {
      for (let i = 0; i < 1000; i++) await simulator.sendTemplate(reminder(i));
      for (let i = 0; i < 1000; i++) await simulator.sendTemplate(again(i));
    });
    await clock.settle();
    const read = new Set(
      simulator
        .messages()
        .filter((m) => m.statuses.some((s) => s.status === "READ"))
        .map((m) => m.messageId),
    );
    const firstRead = (i: number) => read.has(reminder(i).messageId);
    const secondRead = (i: number) => read.has(again(i).messageId);
    const all = [...Array(1000).keys()];
    // About 70% of messages are read, first or second alike.
    for (const wasRead of [firstRead, secondRead]) {
      const share = all.filter(wasRead).length / 1000;
      expect(share).toBeGreaterThan(0.65);
      expect(share).toBeLessThan(0.75);
    }
    // Of those who left the first unread, about half read the second (never-readers among them), not 70%.
    const unread = all.filter((i) => !firstRead(i));
    const thenRead = unread.filter(secondRead).length / unread.length;
    expect(thenRead).toBeGreaterThan(0.4);
    expect(thenRead).toBeLessThan(0.62);
    const neither = all.filter((i) => !firstRead(i) && !secondRead(i)).length / 1000;
    expect(neither).toBeGreaterThan(0.11);
  });

  it("tells readers' listeners, and answers with the message's buttons or a few words after reading", async () => {
    const { events, reads, simulator } = await run(300, {
      rates: {
        onWhatsApp: 1,
        neverReads: 0,
        read: 1,
        replies: { PAID: 0.3, CALL_ME: 0.3, REHAB_INFO: 0.3, STOP: 0.1 },
        freeText: 0.1,
      },
    });
    expect(reads).toHaveLength(300);
    const inbound = events.flatMap((e) => changeValue(e).messages ?? []);
    const buttons = inbound.filter((m: Entry) => m.type === "button");
    // REHAB is not offered on this template, so its share is never tapped.
    expect(new Set(buttons.map((m: Entry) => m.button.text))).toEqual(
      new Set(["Sudah bayar", "Minta ditelepon", "Berhenti"]),
    );
    for (const m of buttons) {
      const sent = simulator.messages().find((s) => s.providerMessageId === m.context.id);
      expect(m.button.payload).toMatch(new RegExp(`^${sent?.messageId}:(PAID|CALL_ME|STOP)$`));
      expect(`+${m.from}`).toBe(sent?.phone);
    }
    const texts = inbound.filter((m: Entry) => m.type === "text");
    expect(texts.length).toBeGreaterThan(0);
    for (const m of texts) expect(FREE_TEXTS).toContain(m.text.body);
    // Every reply comes after its message was read.
    for (const m of simulator.messages().filter((s) => s.reply)) {
      expect(Date.parse(m.reply?.at ?? "")).toBeGreaterThan(Date.parse(m.statuses.at(-1)?.at ?? ""));
    }
  });

  it("answers a callback-window question with a window, as an interactive reply", async () => {
    const clock = new SimulatedClock(START);
    const simulator = new WhatsAppSimulator({
      clock,
      seed: 7,
      rates: { onWhatsApp: 1, neverReads: 0, read: 1, windowAnswer: 1 },
    });
    const inbound: Entry[] = [];
    simulator.onEvent(async (sns) => {
      inbound.push(...(JSON.parse(JSON.parse(sns).whatsAppWebhookEntry).changes[0].value.messages ?? []));
    });
    const messageId = messageIdOf("C#2026-12#1#REPLY#window");
    await clock.run(() =>
      simulator.sendText({
        phone: phone(1),
        text: "Kapan kami dapat menelepon Anda?",
        messageId,
        buttons: [
          { kind: "CALLBACK_WINDOW", window: "MORNING" },
          { kind: "CALLBACK_WINDOW", window: "EVENING" },
        ],
      }),
    );
    await clock.settle();
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ type: "interactive", interactive: { type: "button_reply" } });
    expect(inbound[0].interactive.button_reply.id).toMatch(
      new RegExp(`^${messageId}:WINDOW_(MORNING|EVENING)$`),
    );
  });

  it("wraps every event as End User Messaging Social's SNS message", async () => {
    const { events } = await run(1, { rates: { onWhatsApp: 1 } });
    const [first] = events;
    expect(first?.envelope).toEqual({
      context: {
        MetaWabaIds: [
          {
            wabaId: "100000000000001",
            arn: expect.stringMatching(/^arn:aws:social-messaging:ap-southeast-1:000000000000:waba\//),
          },
        ],
        MetaPhoneNumberIds: [
          {
            metaPhoneNumberId: "100000000000002",
            arn: expect.stringMatching(/:phone-number-id\/[0-9a-f]{32}$/),
          },
        ],
      },
      whatsAppWebhookEntry: expect.any(String),
      aws_account_id: "000000000000",
      message_timestamp: first?.at,
      messageId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/),
    });
    expect(first?.entry).toEqual({
      id: "100000000000001",
      changes: [
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: "62211500400", phone_number_id: "100000000000002" },
            statuses: [
              {
                id: expect.stringMatching(/^wamid\./),
                status: "sent",
                timestamp: String(START.getTime() / 1000 + 1),
                recipient_id: phone(0).slice(1),
                biz_opaque_callback_data: reminder(0).messageId,
                pricing: { billable: true, pricing_model: "PMP", category: "utility" },
              },
            ],
          },
        },
      ],
    });
  });

  it("injects send faults per attempt and refuses a number that is not E.164", async () => {
    const clock = new SimulatedClock(START);
    const simulator = new WhatsAppSimulator({
      clock,
      seed: 7,
      fault: (m, attempt) =>
        m.messageId === reminder(1).messageId && attempt === 1
          ? new WhatsAppSendError("throttled", true, "ThrottledRequestException")
          : undefined,
    });
    await expect(simulator.sendTemplate(reminder(1))).rejects.toMatchObject({ retryable: true });
    await expect(simulator.sendTemplate(reminder(1))).resolves.toMatchObject({
      providerMessageId: expect.stringMatching(/^wamid\./),
    });
    await expect(simulator.sendTemplate({ ...reminder(2), phone: "0812345678" })).rejects.toMatchObject({
      retryable: false,
    });
    expect(simulator.messages()).toHaveLength(1);
    await clock.settle();
  });
});

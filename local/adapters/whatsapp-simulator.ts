import { createHash } from "node:crypto";
import {
  WhatsAppSendError,
  type WhatsAppSender,
  type WhatsAppTemplateMessage,
  type WhatsAppTextMessage,
} from "../../functions/channels/whatsapp";
import {
  type ButtonChoice,
  buttonPayload,
  CALLBACK_WINDOWS,
  type CallbackWindowCode,
  QUICK_REPLIES,
  type QuickReply,
  type WhatsAppStatus,
} from "../../functions/domain/messaging";
import type { SimulatedClock } from "../sim/clock";
import { between, chance, uniform, weighted } from "../sim/random";
import {
  type MetaInbound,
  type MetaStatus,
  SIMULATED_WABA,
  snsMessageOf,
  UNDELIVERABLE,
  unixSeconds,
  webhookEntry,
} from "./whatsapp-envelope";

/** The simulator's assumptions (docs/messaging.md, "Simulator assumptions"). */
export interface WhatsAppRates {
  /** Share of numbers on WhatsApp, decided once per number. */
  onWhatsApp: number;
  /** Seconds from the send to "failed" for a number not on WhatsApp. */
  failSeconds: [number, number];
  /** Seconds from the send to "delivered" for a phone online. */
  deliverSeconds: [number, number];
  /** Share of messages whose phone is offline (off, no data) and gets them hours late. */
  offline: number;
  offlineMinutes: [number, number];
  /**
   * Share of numbers on WhatsApp whose owner never opens a business message, decided once per
   * number: what a reminder sent again cannot change.
   */
  neverReads: number;
  /** Share of delivered messages the others read, and minutes from delivery to reading. */
  read: number;
  readMinutes: [number, number];
  /** Per quick reply offered, the share of readers who tap it (each at most one reply). */
  replies: Record<QuickReply, number>;
  /** Share of readers who type a few words instead. */
  freeText: number;
  /** Share of readers of a callback-window question who choose a window. */
  windowAnswer: number;
  /** Minutes from reading to replying. */
  replyMinutes: [number, number];
}

export const DEFAULT_WHATSAPP_RATES: WhatsAppRates = {
  onWhatsApp: 0.85,
  failSeconds: [2, 8],
  deliverSeconds: [2, 300],
  offline: 0.1,
  offlineMinutes: [60, 720],
  // 90% of numbers read 78% of messages: 70% of delivered messages read, as before the split.
  neverReads: 0.1,
  read: 0.78,
  readMinutes: [1, 240],
  replies: { PAID: 0.04, CALL_ME: 0.05, REHAB_INFO: 0.03, STOP: 0.01 },
  freeText: 0.02,
  windowAnswer: 0.8,
  replyMinutes: [1, 30],
};

const WINDOW_WEIGHTS: Record<CallbackWindowCode, number> = { MORNING: 4, AFTERNOON: 3, EVENING: 3 };

/** What participants type when they do not tap a button. */
export const FREE_TEXTS = [
  "Baik, terima kasih informasinya.",
  "Saya sudah bayar minggu lalu.",
  "Nanti saya bayar setelah gajian.",
  "Apakah ini benar dari BPJS Kesehatan?",
  "Mohon maaf, saat ini saya belum ada dana.",
] as const;

/** One message as the simulator took it; the full number is kept (mask it for files people read). */
export interface SimulatedWhatsAppMessage {
  /** ISO UTC, on the simulated clock. */
  at: string;
  phone: string;
  messageId: string;
  providerMessageId: string;
  template?: string;
  parameters?: readonly string[];
  text?: string;
  /** The statuses reported so far, in the order they went out. */
  statuses: { status: WhatsAppStatus; at: string }[];
  /** What the participant answered, once it went out. */
  reply?: { at: string; button?: string; text?: string };
}

export type WhatsAppFaultInjector = (
  message: WhatsAppTemplateMessage | WhatsAppTextMessage,
  attempt: number,
) => WhatsAppSendError | undefined;

/** A participant read a message (the payers simulation reacts); `at` is ready for the clock. */
export type WhatsAppReadListener = (read: {
  messageId: string;
  phone: string;
  template?: string;
  at: Date;
}) => void;

export interface WhatsAppSimulatorOptions {
  clock: SimulatedClock;
  seed: number;
  rates?: Partial<WhatsAppRates>;
  fault?: WhatsAppFaultInjector;
  /** Where a listener's failure goes besides errors(). */
  onError?: (error: unknown) => void;
}

type Step =
  | { at: Date; kind: "STATUS"; status: MetaStatus }
  | { at: Date; kind: "REPLY"; inbound: MetaInbound; record: NonNullable<SimulatedWhatsAppMessage["reply"]> };

const E164 = /^\+[1-9]\d{7,14}$/;
const STATUS_OF: Record<MetaStatus["status"], WhatsAppStatus> = {
  sent: "SENT",
  delivered: "DELIVERED",
  read: "READ",
  failed: "FAILED",
};

const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);

/**
 * The local adapter of the WhatsApp port: a seeded population of phones. Which numbers have
 * WhatsApp, when a message is delivered and read, and what the participant answers are keyed by
 * number and message, so the same seed gives the same events whatever order messages go in. Each
 * status and reply reaches the listeners at its simulated time as the SNS message End User
 * Messaging Social publishes.
 */
export class WhatsAppSimulator implements WhatsAppSender {
  private readonly rates: WhatsAppRates;
  private readonly sent: SimulatedWhatsAppMessage[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly eventListeners = new Set<(snsMessage: string) => Promise<void>>();
  private readonly readListeners = new Set<WhatsAppReadListener>();
  private readonly failures: unknown[] = [];

  constructor(private readonly options: WhatsAppSimulatorOptions) {
    this.rates = { ...DEFAULT_WHATSAPP_RATES, ...options.rates };
  }

  async sendTemplate(message: WhatsAppTemplateMessage): Promise<{ providerMessageId: string }> {
    return this.accept(message, { template: message.template, parameters: message.parameters });
  }

  async sendText(message: WhatsAppTextMessage): Promise<{ providerMessageId: string }> {
    return this.accept(message, { text: message.text });
  }

  /** Whether this number is on WhatsApp: the same answer for the whole run. */
  hasWhatsApp(phone: string): boolean {
    return chance(this.rates.onWhatsApp, this.options.seed, "on-whatsapp", phone);
  }

  /** Whether the owner of this number ever opens a business message. */
  private reads(phone: string): boolean {
    return !chance(this.rates.neverReads, this.options.seed, "never-reads", phone);
  }

  /** Every message taken so far, in order. */
  messages(): readonly SimulatedWhatsAppMessage[] {
    return this.sent;
  }

  /** Failures of listeners (a handler that threw). */
  errors(): unknown[] {
    return [...this.failures];
  }

  /** Each status and reply, as the SNS message string; returns the unsubscribe function. */
  onEvent(listener: (snsMessage: string) => Promise<void>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onRead(listener: WhatsAppReadListener): () => void {
    this.readListeners.add(listener);
    return () => this.readListeners.delete(listener);
  }

  // -------------------------------------------------------------------------------------------

  private accept(
    message: WhatsAppTemplateMessage | WhatsAppTextMessage,
    content: Pick<SimulatedWhatsAppMessage, "template" | "parameters" | "text">,
  ): { providerMessageId: string } {
    const attempt = (this.attempts.get(message.messageId) ?? 0) + 1;
    this.attempts.set(message.messageId, attempt);
    const fault = this.options.fault?.(message, attempt);
    if (fault) throw fault;
    if (!E164.test(message.phone))
      throw new WhatsAppSendError(
        "SendWhatsAppMessage: InvalidParametersException",
        false,
        "InvalidParametersException",
      );
    // A message sent again under the same id is another message, with its own fate.
    const key = `${message.messageId}#${this.sent.filter((m) => m.messageId === message.messageId).length}`;
    const providerMessageId = `wamid.${createHash("sha256").update(`${this.options.seed}|${key}`).digest("base64url").slice(0, 40)}`;
    const now = this.options.clock.now();
    const record: SimulatedWhatsAppMessage = {
      at: now.toISOString(),
      phone: message.phone,
      messageId: message.messageId,
      providerMessageId,
      ...content,
      statuses: [],
    };
    this.sent.push(record);
    for (const step of this.steps(message, record, key, now)) this.schedule(step, record);
    return { providerMessageId };
  }

  /** What happens to one message: its statuses, then perhaps a reply, each at its time. */
  private steps(
    message: WhatsAppTemplateMessage | WhatsAppTextMessage,
    record: SimulatedWhatsAppMessage,
    key: string,
    now: Date,
  ): Step[] {
    const { seed } = this.options;
    const r = this.rates;
    const status = (s: MetaStatus["status"], at: Date, extra: Partial<MetaStatus> = {}): Step => ({
      at,
      kind: "STATUS",
      status: {
        id: record.providerMessageId,
        status: s,
        timestamp: unixSeconds(at),
        recipient_id: message.phone.slice(1),
        biz_opaque_callback_data: message.messageId,
        ...extra,
      },
    });
    if (!this.hasWhatsApp(message.phone)) {
      const at = plus(now, between(...r.failSeconds, seed, key, "fail") * 1000);
      return [status("failed", at, { errors: [UNDELIVERABLE] })];
    }
    const pricing = {
      billable: true,
      pricing_model: "PMP",
      category: "template" in message ? "utility" : "service",
    } as const;
    const sentAt = plus(now, 1000);
    const late = chance(r.offline, seed, key, "offline");
    const delay = late
      ? between(...r.offlineMinutes, seed, key, "offline-minutes") * 60_000
      : between(...r.deliverSeconds, seed, key, "deliver") * 1000;
    const deliveredAt = plus(sentAt, Math.max(1000, delay));
    const steps = [status("sent", sentAt, { pricing }), status("delivered", deliveredAt, { pricing })];
    if (!this.reads(message.phone) || !chance(r.read, seed, key, "read")) return steps;
    const readAt = plus(deliveredAt, between(...r.readMinutes, seed, key, "read-minutes") * 60_000);
    steps.push(status("read", readAt));
    const reply = this.replyOf(
      message,
      record,
      key,
      plus(readAt, between(...r.replyMinutes, seed, key, "reply-minutes") * 60_000),
    );
    return reply ? [...steps, reply] : steps;
  }

  /** A reader's answer: a window to a callback question, a quick reply, a few words, or nothing. */
  private replyOf(
    message: WhatsAppTemplateMessage | WhatsAppTextMessage,
    record: SimulatedWhatsAppMessage,
    key: string,
    at: Date,
  ): Step | undefined {
    const { seed } = this.options;
    const buttons = message.buttons ?? [];
    const base = {
      from: message.phone.slice(1),
      id: `wamid.in.${createHash("sha256").update(`${seed}|${key}|reply`).digest("base64url").slice(0, 32)}`,
      timestamp: unixSeconds(at),
      context: { from: SIMULATED_WABA.displayPhoneNumber, id: record.providerMessageId },
    };
    let choice: ButtonChoice | undefined;
    const windows = buttons.filter((b) => b.kind === "CALLBACK_WINDOW");
    const u = uniform(seed, key, "reply");
    if (windows.length > 0) {
      if (u < this.rates.windowAnswer) {
        const offered = Object.fromEntries(windows.map((w) => [w.window, WINDOW_WEIGHTS[w.window]]));
        choice = {
          kind: "CALLBACK_WINDOW",
          window: weighted(offered, seed, key, "window") as CallbackWindowCode,
        };
      }
    } else {
      let acc = 0;
      for (const b of buttons) {
        if (b.kind !== "QUICK_REPLY") continue;
        acc += this.rates.replies[b.reply];
        if (u < acc) {
          choice = b;
          break;
        }
      }
      if (!choice && u < acc + this.rates.freeText) {
        const body = FREE_TEXTS[between(0, FREE_TEXTS.length - 1, seed, key, "text")] as string;
        return {
          at,
          kind: "REPLY",
          inbound: { ...base, type: "text", text: { body } },
          record: { at: at.toISOString(), text: body },
        };
      }
    }
    if (!choice) return undefined;
    const payload = buttonPayload(message.messageId, choice);
    const title =
      choice.kind === "QUICK_REPLY" ? QUICK_REPLIES[choice.reply] : CALLBACK_WINDOWS[choice.window].label;
    const inbound: MetaInbound =
      "template" in message
        ? { ...base, type: "button", button: { payload, text: title } }
        : {
            ...base,
            type: "interactive",
            interactive: { type: "button_reply", button_reply: { id: payload, title } },
          };
    return { at, kind: "REPLY", inbound, record: { at: at.toISOString(), button: title } };
  }

  private schedule(step: Step, record: SimulatedWhatsAppMessage): void {
    const { clock } = this.options;
    clock.schedule(
      step.at,
      async () => {
        if (step.kind === "STATUS") {
          record.statuses.push({ status: STATUS_OF[step.status.status], at: step.at.toISOString() });
          if (step.status.status === "read") this.told(record, step.at);
        } else {
          record.reply = step.record;
        }
        const entry =
          step.kind === "STATUS"
            ? webhookEntry({ statuses: [step.status] })
            : webhookEntry({ messages: [step.inbound] });
        const key = `${this.options.seed}|${step.kind === "STATUS" ? `${step.status.id}|${step.status.status}` : step.inbound.id}`;
        const sns = snsMessageOf(entry, step.at, key);
        for (const listener of this.eventListeners) await listener(sns).catch((e: unknown) => this.failed(e));
      },
      (error) => this.failed(error),
    );
  }

  private told(record: SimulatedWhatsAppMessage, at: Date): void {
    for (const listener of this.readListeners) {
      try {
        listener({
          messageId: record.messageId,
          phone: record.phone,
          ...(record.template ? { template: record.template } : {}),
          at,
        });
      } catch (error) {
        this.failed(error);
      }
    }
  }

  private failed(error: unknown): void {
    this.failures.push(error);
    this.options.onError?.(error);
  }
}

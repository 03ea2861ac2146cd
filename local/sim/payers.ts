import { createHash } from "node:crypto";
import type { DispositionCode } from "../../functions/domain/case";
import { localInstant, zonedIsoString } from "../../functions/domain/local-time";
import type { PaymentChannel } from "../../functions/domain/payment";
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "../../functions/domain/webhook-signature";
import type { SimulatedClock } from "./clock";
import { between, chance, uniform, weighted } from "./random";

export interface PayerProbabilities {
  /**
   * Share of numbers whose owner reads SMS, decided once per number (1: every SMS read, the
   * default); the others read none. A read SMS, like a read WhatsApp reminder, gives the
   * participant the chance to pay below.
   */
  smsRead: number;
  /** Chance to pay within `smsPayWithinDays` of the SMS, by bucket: lower for more months. */
  afterSmsByBucket: Record<string, number>;
  /** For a bucket not listed. */
  afterSmsDefault: number;
  smsPayWithinDays: number;
  /** Chance a promise is paid by its date. */
  promiseKeptByDate: number;
  /** Of those paying by the date, the share who pay only part of the promised amount. */
  promisePartial: number;
  /** Of those not paying by the date, the share who pay within a week after it. */
  promisePaidLate: number;
  /** "I already paid": the payment arrives within a day. */
  paidAlready: number;
  /** A channel delivering the same notice twice. */
  duplicateDelivery: number;
  channelWeights: Record<PaymentChannel, number>;
}

export const DEFAULT_PAYER_PROBABILITIES: PayerProbabilities = {
  smsRead: 1,
  afterSmsByBucket: { M02_03: 0.25, M04_06: 0.18, M07_12: 0.12, M13_23: 0.08, M24_PLUS: 0.05 },
  afterSmsDefault: 0.1,
  smsPayWithinDays: 5,
  promiseKeptByDate: 0.7,
  promisePartial: 0.2,
  promisePaidLate: 0.3,
  paidAlready: 0.9,
  duplicateDelivery: 0.03,
  // Banks (teller, ATM, mobile) and minimarkets carry most; autodebet participants rarely fall behind.
  channelWeights: {
    BANK: 30,
    ATM: 15,
    MINIMARKET: 25,
    POS: 5,
    MOBILE_JKN: 10,
    AUTODEBET: 3,
    ECOMMERCE: 10,
    OTHER: 2,
  },
};

export type PaymentTrigger = "SMS" | "PROMISE" | "PROMISE_LATE" | "PAID_ALREADY";

export interface Delivery {
  /** Simulated time of the POST. */
  at: string;
  /** HTTP status, or 0 when the request failed. */
  status: number;
  /** applied / duplicate / unmatched, or the error. */
  result: string;
}

export interface SimulatedPayment {
  paymentId: string;
  caseId: string;
  participantId: string;
  amount: number;
  /** With the +07:00 offset, as a channel in WIB would send it; also when it is delivered. */
  paidAt: string;
  channel: PaymentChannel;
  trigger: PaymentTrigger;
  partial: boolean;
  /** 2 when the channel delivers it twice. */
  plannedDeliveries: number;
  deliveries: Delivery[];
}

export interface SimulatedPayersOptions {
  clock: SimulatedClock;
  seed: number;
  /** The local server's `POST /payments` URL. */
  webhookUrl: string;
  secret: string;
  probabilities?: Partial<PayerProbabilities>;
  /** A delivery still failing after its retries; they are also kept in errors(). */
  onError?: (error: unknown) => void;
}

export interface SmsReceived {
  caseId: string;
  participantId: string;
  amountDue: number;
  bucketId: string;
  /** When the SMS was sent (a Date or ISO 8601). */
  at: Date | string;
}

export interface DispositionRecorded {
  caseId: string;
  participantId: string;
  code: DispositionCode;
  /** YYYY-MM-DD, local. */
  promiseDate?: string;
  promiseAmount?: number;
  amountDue: number;
  /** When the agent recorded it (a Date or ISO 8601). */
  at: Date | string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** A channel retries a failed delivery this often, a minute apart. */
const DELIVERY_ATTEMPTS = 5;

/** The latest instant still on `date` in every Indonesian zone: 20:00 WIT is 18:00 WIB. */
function endOfPromiseDate(date: string): Date {
  return localInstant(date, 20 * 60, "Asia/Jayapura");
}

const wholeSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
const msOf = (at: Date | string) => (typeof at === "string" ? Date.parse(at) : at.getTime());

/**
 * A seeded population of payers: after an SMS or an agent's call, decides whether, when and how
 * much each participant pays, and at that simulated time posts a signed webhook to the local
 * server, as a bank or minimarket would. Decisions are keyed by participant and case, so they do
 * not depend on the order events arrive in.
 */
export class SimulatedPayers {
  private readonly p: PayerProbabilities;
  private readonly planned: SimulatedPayment[] = [];
  private readonly plannedAmount = new Map<string, number>();
  private readonly failures: unknown[] = [];

  constructor(private readonly options: SimulatedPayersOptions) {
    this.p = { ...DEFAULT_PAYER_PROBABILITIES, ...options.probabilities };
  }

  /** Whether the SMS sent to `phone` are read (smsRead, one draw per number). */
  readsSms(phone: string): boolean {
    return chance(this.p.smsRead, this.options.seed, "sms-read", phone);
  }

  /** After a reminder SMS: pays in full within a few days, more likely for fewer months. */
  afterSms(sms: SmsReceived): SimulatedPayment | undefined {
    const { seed } = this.options;
    const probability = this.p.afterSmsByBucket[sms.bucketId] ?? this.p.afterSmsDefault;
    if (!chance(probability, seed, "sms", sms.participantId, sms.caseId)) return undefined;
    const delay =
      uniform(seed, "sms-delay", sms.participantId, sms.caseId) * this.p.smsPayWithinDays * DAY_MS;
    return this.plan(sms, "SMS", sms.amountDue, msOf(sms.at) + delay, false);
  }

  /** After the agent's disposition: promises are mostly kept, "already paid" shows up within a day. */
  afterDisposition(d: DispositionRecorded): SimulatedPayment | undefined {
    const { seed } = this.options;
    const keys = [d.participantId, d.caseId, d.code] as const;
    const atMs = msOf(d.at);
    if (d.code === "PAID_ALREADY") {
      if (!chance(this.p.paidAlready, seed, "paid-already", ...keys)) return undefined;
      const delay = uniform(seed, "paid-already-delay", ...keys) * DAY_MS;
      return this.plan(d, "PAID_ALREADY", d.amountDue, atMs + delay, false);
    }
    if (d.code !== "PROMISE_TO_PAY" || !d.promiseDate) return undefined;
    const promised = d.promiseAmount ?? d.amountDue;
    const deadline = Math.max(endOfPromiseDate(d.promiseDate).getTime(), atMs + 10 * MINUTE_MS);
    if (chance(this.p.promiseKeptByDate, seed, "promise", ...keys, d.promiseDate)) {
      const at = atMs + uniform(seed, "promise-at", ...keys, d.promiseDate) * (deadline - atMs);
      if (chance(this.p.promisePartial, seed, "promise-partial", ...keys, d.promiseDate)) {
        const share = between(30, 80, seed, "promise-share", ...keys, d.promiseDate) / 100;
        const amount = Math.max(1_000, Math.floor((promised * share) / 1_000) * 1_000);
        return this.plan(d, "PROMISE", amount, at, true);
      }
      return this.plan(d, "PROMISE", promised, at, false);
    }
    if (!chance(this.p.promisePaidLate, seed, "promise-late", ...keys, d.promiseDate)) return undefined;
    const at = deadline + between(1, 7, seed, "promise-late-days", ...keys, d.promiseDate) * DAY_MS;
    return this.plan(d, "PROMISE_LATE", promised, at, false);
  }

  /** Every payment decided so far, with its deliveries. */
  payments(): readonly SimulatedPayment[] {
    return this.planned;
  }

  /** Deliveries that failed every attempt. */
  errors(): readonly unknown[] {
    return this.failures;
  }

  private plan(
    event: { caseId: string; participantId: string; amountDue: number },
    trigger: PaymentTrigger,
    wanted: number,
    atMs: number,
    partial: boolean,
  ): SimulatedPayment | undefined {
    const { seed, clock } = this.options;
    // Nobody pays a case twice over: a later decision pays at most what is still owed.
    const already = this.plannedAmount.get(event.caseId) ?? 0;
    const amount = Math.min(wanted, event.amountDue - already);
    if (amount <= 0) return undefined;
    const n = this.planned.filter((p) => p.caseId === event.caseId).length;
    const digest = createHash("sha256").update(`${seed}|${event.caseId}|${trigger}|${n}`).digest("hex");
    const at = wholeSeconds(Math.max(atMs, clock.now().getTime()));
    const payment: SimulatedPayment = {
      paymentId: `SIM-${digest.slice(0, 24)}`,
      caseId: event.caseId,
      participantId: event.participantId,
      amount,
      paidAt: zonedIsoString(at, "Asia/Jakarta"),
      channel: weighted(this.p.channelWeights, seed, "channel", event.participantId, event.caseId, n),
      trigger,
      partial: partial || amount < wanted,
      plannedDeliveries: chance(this.p.duplicateDelivery, seed, "duplicate", event.participantId, digest)
        ? 2
        : 1,
      deliveries: [],
    };
    this.planned.push(payment);
    this.plannedAmount.set(event.caseId, already + amount);
    this.deliverAt(payment, at, 1);
    if (payment.plannedDeliveries === 2) {
      const later = between(0, 120, seed, "duplicate-delay", digest) * 1000;
      this.deliverAt(payment, new Date(at.getTime() + later), 1);
    }
    return payment;
  }

  private deliverAt(payment: SimulatedPayment, at: Date, attempt: number) {
    const report = (error: unknown) => {
      this.failures.push(error);
      this.options.onError?.(error);
    };
    this.options.clock.schedule(
      at,
      async () => {
        const outcome = await this.deliver(payment);
        if (outcome === "accepted") return;
        const last = payment.deliveries.at(-1);
        if (outcome === "refused") {
          report(new Error(`payment ${payment.paymentId} refused: ${last?.status} ${last?.result}`));
        } else if (attempt < DELIVERY_ATTEMPTS) {
          this.deliverAt(payment, new Date(this.options.clock.now().getTime() + MINUTE_MS), attempt + 1);
        } else {
          report(
            new Error(`payment ${payment.paymentId} not accepted after ${attempt} attempts: ${last?.result}`),
          );
        }
      },
      report,
    );
  }

  /** One signed POST at the current simulated time. A 4xx is final; a 5xx or no answer is retried. */
  private async deliver(payment: SimulatedPayment): Promise<"accepted" | "refused" | "retry"> {
    const now = this.options.clock.now();
    const body = JSON.stringify({
      paymentId: payment.paymentId,
      participantId: payment.participantId,
      amount: payment.amount,
      paidAt: payment.paidAt,
      channel: payment.channel,
    });
    const timestamp = Math.floor(now.getTime() / 1000);
    try {
      const response = await fetch(this.options.webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(this.options.secret, timestamp, body),
        },
        body,
      });
      const answer = (await response.json()) as { status?: string; error?: string };
      payment.deliveries.push({
        at: now.toISOString(),
        status: response.status,
        result: answer.status ?? answer.error ?? "",
      });
      if (response.ok) return "accepted";
      return response.status < 500 ? "refused" : "retry";
    } catch (error) {
      payment.deliveries.push({ at: now.toISOString(), status: 0, result: (error as Error).message });
      return "retry";
    }
  }
}

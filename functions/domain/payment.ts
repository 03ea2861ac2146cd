import { z } from "zod";
import type { PromiseToPay } from "./case";
import { DEFAULT_MAX_PAYMENT, formatRupiah } from "./money";
import { type FieldIssue, fieldIssues } from "./validation";
import { MAX_CLOCK_SKEW_SECONDS } from "./webhook-signature";

/** Where a participant paid: the official channels (bank, ATM, minimarket, post office, ...). */
export const PAYMENT_CHANNELS = [
  "BANK",
  "ATM",
  "MINIMARKET",
  "POS",
  "MOBILE_JKN",
  "AUTODEBET",
  "ECOMMERCE",
  "OTHER",
] as const;

export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/** A notice is a few hundred bytes; anything over this is refused (413) before it is read. */
export const MAX_NOTICE_BYTES = 16 * 1024;

/** The one media type a notice may be sent as (parameters such as charset aside). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/** What a payment notice may carry, from the runtime config (functions/config.ts). */
export interface PaymentLimits {
  /** The largest amount of one payment, in rupiah. */
  maxAmount: number;
  /** How many days back a paidAt may lie. */
  paidAtWindowDays: number;
}

export const DEFAULT_PAYMENT_LIMITS: PaymentLimits = {
  maxAmount: DEFAULT_MAX_PAYMENT,
  paidAtWindowDays: 400,
};

/** "required" for a missing field, the field's own wording for anything else. */
const says =
  (wrong: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? "required" : wrong;

const DAY_MS = 86_400_000;

/**
 * The JSON body a payment channel posts to `POST /payments`, checked against the limits at `now`.
 * Messages name what is expected and never repeat the value received (bodies stay out of answers).
 */
export function paymentNoticeSchema(limits: PaymentLimits, now: Date) {
  const oldest = now.getTime() - limits.paidAtWindowDays * DAY_MS;
  // A paidAt ahead of our clock would fake an on-time promise; the signature's skew is the slack.
  const latest = now.getTime() + MAX_CLOCK_SKEW_SECONDS * 1000;
  return z.object(
    {
      paymentId: z
        .string({ error: says("must be a string") })
        .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "must be 1-64 characters of A-Z, a-z, 0-9, _ or -" }),
      participantId: z
        .string({ error: says("must be a string of 13 digits (the JKN card number)") })
        .regex(/^\d{13}$/, { error: "must be 13 digits (the JKN card number)" }),
      amount: z
        .number({ error: says("must be a number") })
        .refine(Number.isSafeInteger, { error: "must be a whole number of rupiah", abort: true })
        .refine((n) => n > 0, { error: "must be more than 0", abort: true })
        .refine((n) => n <= limits.maxAmount, {
          error: `must be at most ${formatRupiah(limits.maxAmount)} (one payment)`,
        }),
      paidAt: z
        .string({ error: says("must be a string") })
        .pipe(
          z.iso.datetime({
            offset: true,
            error: "must be ISO 8601 with an offset, e.g. 2026-11-11T08:30:00+07:00",
            abort: true,
          }),
        )
        .refine((s) => Date.parse(s) >= oldest, {
          error: `must be within the last ${limits.paidAtWindowDays} days`,
          abort: true,
        })
        .refine((s) => Date.parse(s) <= latest, { error: "must not be in the future" }),
      channel: z.enum(PAYMENT_CHANNELS, {
        error: says(`must be one of ${PAYMENT_CHANNELS.join(", ")}`),
      }),
    },
    { error: "must be a JSON object" },
  );
}

export type PaymentNotice = z.output<ReturnType<typeof paymentNoticeSchema>>;

export type ParsedNotice = { ok: true; notice: PaymentNotice } | { ok: false; fields: FieldIssue[] };

/** The whole body, when the problem is not one field (malformed JSON, not an object). */
export const BODY_FIELD = "(body)";

/**
 * Parses a raw webhook body: every field at fault is named, so the channel can fix its
 * request in one go.
 */
export function parsePaymentNotice(
  rawBody: string,
  now: Date,
  limits: PaymentLimits = DEFAULT_PAYMENT_LIMITS,
): ParsedNotice {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    // JSON.parse's own message quotes the body: never answered back.
    return { ok: false, fields: [{ field: BODY_FIELD, message: "malformed JSON" }] };
  }
  const parsed = paymentNoticeSchema(limits, now).safeParse(json);
  if (!parsed.success) {
    return { ok: false, fields: fieldIssues(parsed.error.issues, { whole: BODY_FIELD }) };
  }
  return { ok: true, notice: parsed.data };
}

/** What a redelivery of a payment must repeat; paidAt in UTC, so an offset change is no conflict. */
export interface PaymentFacts {
  participantId: string;
  amount: number;
  paidAt: string;
  channel: PaymentChannel;
}

/** The facts a redelivery changed: none is a duplicate, any is a conflict (the first one stands). */
export function conflictingFacts(stored: PaymentFacts, received: PaymentFacts): (keyof PaymentFacts)[] {
  return (["participantId", "amount", "paidAt", "channel"] as const).filter((k) => stored[k] !== received[k]);
}

/** paidAt as sent carries the channel's offset; stored in UTC so the byParticipant index sorts by time. */
export function paidAtUtc(paidAt: string): string {
  return new Date(paidAt).toISOString();
}

/**
 * How a payment lowers a participant's arrears: by the amount while they cover it, else to zero,
 * never below (an overpayment stays on the payment, not as credit). Two forms because a
 * DynamoDB update expression cannot clamp; each is guarded by its own condition.
 */
export type ArrearsForm = "SUBTRACT" | "CLEAR";

export function arrearsForm(arrearsAmount: number, amount: number): ArrearsForm {
  return arrearsAmount >= amount ? "SUBTRACT" : "CLEAR";
}

/** What the settle step reads of a case after the payment was added to it. */
export interface SettlementView {
  status: "OPEN" | "PAID" | "CLOSED";
  amountDue: number;
  amountPaid: number;
  promise?: Pick<PromiseToPay, "amount" | "date" | "status">;
}

export interface Settlement {
  /** OPEN -> PAID: paid in full; leaves the dial queue. */
  markPaid: boolean;
  /** PENDING -> KEPT. */
  keepPromise: boolean;
}

/**
 * What a payment settles on its case. `paidLocalDate` is the payment's date in the participant's
 * zone (promise dates are local). A promise is kept when, by its date, the case is fully paid or
 * the amount paid covers the promised amount.
 */
export function decideSettlement(c: SettlementView, paidLocalDate: string): Settlement {
  const fullyPaid = c.amountPaid >= c.amountDue;
  const promise = c.promise;
  const keepPromise =
    promise?.status === "PENDING" &&
    paidLocalDate <= promise.date &&
    (fullyPaid || c.amountPaid >= promise.amount);
  return { markPaid: c.status === "OPEN" && fullyPaid, keepPromise };
}

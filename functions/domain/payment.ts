import { z } from "zod";
import type { PromiseToPay } from "./case";

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

/** A paidAt this far ahead of our clock is refused: it would fake an on-time promise. */
export const MAX_PAID_AT_AHEAD_MS = 5 * 60_000;

/** "required" for a missing field, the field's own wording for anything else. */
const says =
  (wrong: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? "required" : wrong;

/** The JSON body a payment channel posts to `POST /payments`. */
export const paymentNoticeSchema = z.object(
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
      .refine((n) => n > 0, { error: "must be more than 0" }),
    paidAt: z.string({ error: says("must be a string") }).pipe(
      z.iso.datetime({
        offset: true,
        error: "must be ISO 8601 with an offset, e.g. 2026-11-11T08:30:00+07:00",
      }),
    ),
    channel: z.enum(PAYMENT_CHANNELS, {
      error: says(`must be one of ${PAYMENT_CHANNELS.join(", ")}`),
    }),
  },
  { error: "must be a JSON object" },
);

export type PaymentNotice = z.output<typeof paymentNoticeSchema>;

export interface FieldError {
  field: string;
  message: string;
}

export type ParsedNotice = { ok: true; notice: PaymentNotice } | { ok: false; fields: FieldError[] };

/** The whole body, when the problem is not one field (malformed JSON, not an object). */
export const BODY_FIELD = "(body)";

/**
 * Parses a raw webhook body: every field at fault is named, so the channel can fix its
 * request in one go. A paidAt in the future (beyond clock skew) is refused as well.
 */
export function parsePaymentNotice(rawBody: string, now: Date): ParsedNotice {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (error) {
    return {
      ok: false,
      fields: [{ field: BODY_FIELD, message: `malformed JSON: ${(error as Error).message}` }],
    };
  }
  const parsed = paymentNoticeSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      fields: parsed.error.issues.map((issue) => ({
        field: issue.path.length > 0 ? issue.path.map(String).join(".") : BODY_FIELD,
        message: issue.message,
      })),
    };
  }
  if (Date.parse(parsed.data.paidAt) > now.getTime() + MAX_PAID_AT_AHEAD_MS) {
    return { ok: false, fields: [{ field: "paidAt", message: "must not be in the future" }] };
  }
  return { ok: true, notice: parsed.data };
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

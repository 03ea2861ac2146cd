import type { Clock } from "../channels/clock";
import type { Branch } from "../domain/branches";
import { localDateTime } from "../domain/calling-window";
import {
  type ArrearsForm,
  arrearsForm,
  decideSettlement,
  type PaymentNotice,
  paidAtUtc,
} from "../domain/payment";
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy, sleep } from "../store/batch";
import {
  PaymentConflictError,
  PaymentPreconditionError,
  type PaymentRecord,
  type PaymentStore,
} from "../store/payments";

export type ApplyPaymentStatus = "applied" | "duplicate" | "unmatched";

export interface ApplyPaymentResult {
  status: ApplyPaymentStatus;
  /** A duplicate whose amount or participant differs from the stored payment: for reconciliation. */
  conflicting?: boolean;
  /** The case the payment counts toward, and whether it is now PAID / its promise KEPT. */
  caseId?: string;
  casePaid?: boolean;
  promiseKept?: boolean;
}

export interface ApplyPaymentDeps {
  payments: PaymentStore;
  branches: Map<string, Branch>;
  clock: Clock;
}

/** Still failing after every retry: answer 5xx so the channel redelivers; nothing was half-applied. */
export class PaymentNotAppliedError extends Error {
  override name = "PaymentNotAppliedError";
}

/** Promise dates are local: the zone of a branch we do not know falls back to WIB. */
const FALLBACK_TIME_ZONE = "Asia/Jakarta";

/**
 * Stores a payment once and applies it atomically (payment, participant arrears, open case,
 * interaction), then settles the case (PAID, promise KEPT) in a second, idempotent step. The
 * settle step also runs for a duplicate, so a crash between the two heals on redelivery.
 */
export async function applyPayment(
  deps: ApplyPaymentDeps,
  notice: PaymentNotice,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<ApplyPaymentResult> {
  const now = deps.clock.now();
  const payment: PaymentRecord = {
    paymentId: notice.paymentId,
    participantId: notice.participantId,
    amount: notice.amount,
    paidAt: paidAtUtc(notice.paidAt),
    paidAtAsSent: notice.paidAt,
    channel: notice.channel,
    receivedAt: now.toISOString(),
    status: "APPLIED",
  };
  let lastError: unknown;
  for (let attempt = 0; attempt < retry.maxAttempts; attempt++) {
    if (attempt > 0) await sleep(backoffDelay(attempt, retry));
    let stored: { status: ApplyPaymentStatus; payment: PaymentRecord };
    try {
      stored = await storeOnce(deps.payments, payment, now);
    } catch (error) {
      if (!(error instanceof PaymentPreconditionError || error instanceof PaymentConflictError)) throw error;
      lastError = error;
      continue;
    }
    if (stored.status === "unmatched") return { status: "unmatched" };
    const conflicting =
      stored.status === "duplicate" &&
      (stored.payment.amount !== payment.amount || stored.payment.participantId !== payment.participantId);
    return {
      status: stored.status,
      ...(conflicting ? { conflicting } : {}),
      ...(await settleCase(deps, stored.payment, now, retry)),
    };
  }
  throw new PaymentNotAppliedError(
    `payment ${payment.paymentId} not applied after ${retry.maxAttempts} attempts: ${(lastError as Error).message}`,
    { cause: lastError },
  );
}

/**
 * The atomic first step. Arrears are lowered by the amount first (the common case); the write
 * itself reports a participant that is unknown or owes less, so there is no read before it.
 * For a duplicate, returns the payment as stored, to settle its case.
 */
async function storeOnce(
  payments: PaymentStore,
  payment: PaymentRecord,
  now: Date,
): Promise<{ status: ApplyPaymentStatus; payment: PaymentRecord }> {
  const openCase = await payments.openCase(payment.participantId);
  const record: PaymentRecord = {
    ...payment,
    ...(openCase ? { campaignId: openCase.campaignId, caseId: openCase.caseId } : {}),
  };
  let form: ArrearsForm = "SUBTRACT";
  // SUBTRACT, then CLEAR; a third try only if the arrears moved across the amount in between.
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await payments.storeApplied({
      payment: record,
      form,
      ...(openCase ? { openCase } : {}),
      now,
    });
    switch (result.outcome) {
      case "stored":
        return { status: "applied", payment: record };
      case "duplicate":
        return duplicateOf(payments, payment);
      case "unknown-participant": {
        const outcome = await payments.storeUnmatched({ ...payment, status: "UNMATCHED" });
        return outcome === "stored" ? { status: "unmatched", payment } : duplicateOf(payments, payment);
      }
      case "arrears-changed":
        form = arrearsForm(result.arrearsAmount, payment.amount);
    }
  }
  throw new PaymentPreconditionError(`payment ${payment.paymentId}: participant's arrears kept changing`);
}

async function duplicateOf(payments: PaymentStore, received: PaymentRecord) {
  const stored = await payments.get(received.paymentId);
  // The condition said it exists; a consistent read that misses it is no state to answer 2xx on.
  if (!stored) throw new PaymentPreconditionError(`payment ${received.paymentId}: duplicate but not found`);
  return { status: "duplicate" as const, payment: stored };
}

/**
 * Re-reads the case until the settlement decided on it is written or nothing is left to settle.
 * Failing here leaves the payment stored and applied: the error answers 5xx, and the channel's
 * redelivery (a duplicate) settles the case.
 */
async function settleCase(deps: ApplyPaymentDeps, payment: PaymentRecord, now: Date, retry: RetryPolicy) {
  if (!payment.campaignId) return {};
  let lastError: unknown;
  for (let attempt = 0; attempt < retry.maxAttempts; attempt++) {
    if (attempt > 0) await sleep(backoffDelay(attempt, retry));
    const c = await deps.payments.caseToSettle(payment.campaignId, payment.participantId);
    if (!c) return {};
    const timeZone = deps.branches.get(c.branchCode)?.timeZone ?? FALLBACK_TIME_ZONE;
    const paidLocalDate = localDateTime(new Date(payment.paidAt), timeZone).date;
    const settlement = decideSettlement(c, paidLocalDate);
    try {
      const written = await deps.payments.settle(c, {
        settlement,
        paymentId: payment.paymentId,
        paidAt: payment.paidAt,
        paidLocalDate,
        now,
      });
      if (!written) continue;
    } catch (error) {
      if (!(error instanceof PaymentConflictError)) throw error;
      lastError = error;
      continue;
    }
    return {
      caseId: c.caseId,
      casePaid: settlement.markPaid || c.status === "PAID",
      promiseKept: settlement.keepPromise || c.promise?.status === "KEPT",
    };
  }
  throw new PaymentNotAppliedError(`payment ${payment.paymentId} stored, but its case could not be settled`, {
    cause: lastError,
  });
}

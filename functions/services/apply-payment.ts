import type { Clock } from "../channels/clock";
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy, sleep } from "../concurrency";
import { type Branch, branchTimeZone } from "../domain/branches";
import { localDate } from "../domain/local-time";
import { maskParticipantId } from "../domain/masking";
import { formatRupiah, MAX_PAID_PER_CASE } from "../domain/money";
import {
  type ArrearsForm,
  arrearsForm,
  conflictingFacts,
  decideSettlement,
  type PaymentFacts,
  type PaymentNotice,
  paidAtUtc,
} from "../domain/payment";
import {
  type ApplyOutcome,
  type Assignment,
  PaymentConflictError,
  PaymentPreconditionError,
  type PaymentRecord,
  type PaymentStore,
} from "../store/payment-records";

export type ApplyPaymentStatus = "applied" | "duplicate" | "unmatched" | "conflict";

export interface CaseSettled {
  /** The case the payment counts toward, and whether it is now PAID / its promise KEPT. */
  caseId?: string;
  casePaid?: boolean;
  promiseKept?: boolean;
}

export interface ApplyPaymentResult extends CaseSettled {
  status: ApplyPaymentStatus;
  /** A redelivery that changed these facts of the stored payment: refused, the first one stands. */
  conflictingFacts?: (keyof PaymentFacts)[];
}

export interface ApplyPaymentDeps {
  payments: PaymentStore;
  branches: ReadonlyMap<string, Branch>;
  clock: Clock;
}

/** Still failing after every retry: answer 5xx so the channel redelivers; nothing was half-applied. */
export class PaymentNotAppliedError extends Error {
  override name = "PaymentNotAppliedError";
}

/** A parked payment that cannot be assigned as asked; the message says why, in one line. */
export class PaymentNotAssignableError extends Error {
  override name = "PaymentNotAssignableError";
}

/** The facts a redelivery is compared on: the card number as the channel sent it. */
const factsOf = (p: PaymentRecord): PaymentFacts => ({
  participantId: p.participantIdAsSent ?? p.participantId,
  amount: p.amount,
  paidAt: p.paidAt,
  channel: p.channel,
});

/**
 * Stores a payment once and applies it atomically (payment, participant arrears, open case,
 * interaction), then settles the case (PAID, promise KEPT) in a second, idempotent step. The
 * settle step also runs for a duplicate, so a crash between the two heals on redelivery. A
 * redelivery with other facts is a conflict: nothing changes.
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
  const stored = await withRetries(payment.paymentId, retry, () => storeOnce(deps.payments, payment, now));
  if (stored.status === "unmatched") return { status: "unmatched" };
  if (stored.status === "duplicate") {
    const conflicts = conflictingFacts(factsOf(stored.payment), factsOf(payment));
    if (conflicts.length > 0) return { status: "conflict", conflictingFacts: conflicts };
  }
  return { status: stored.status, ...(await settleCase(deps, stored.payment, now, retry)) };
}

export interface AssignRequest {
  paymentId: string;
  participantId: string;
  by: string;
  reason: string;
}

export interface AssignResult extends CaseSettled {
  payment: PaymentRecord;
}

/**
 * Applies a parked payment to the participant a supervisor names, with the effects of a matched
 * delivery (arrears lowered, open case credited, then PAID / promise KEPT), audited with who,
 * when and why on the payment and in the case's PAYMENT_APPLIED interaction.
 */
export async function assignPayment(
  deps: ApplyPaymentDeps,
  request: AssignRequest,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<AssignResult> {
  const parked = await deps.payments.get(request.paymentId);
  refuseUnlessParked(request.paymentId, parked);
  const now = deps.clock.now();
  const assignment: Assignment = { by: request.by, at: now.toISOString(), reason: request.reason };
  const { unmatched: _u, unmatchedReason: _r, ...facts } = parked;
  const payment: PaymentRecord = { ...facts, participantId: request.participantId, status: "APPLIED" };
  const applied = await withRetries(payment.paymentId, retry, () =>
    applyWithArrearsForm(deps.payments, payment, now, assignment),
  );
  const who = maskParticipantId(request.participantId);
  switch (applied.outcome) {
    case "not-parked":
      refuseUnlessParked(request.paymentId, await deps.payments.get(request.paymentId));
      throw new PaymentNotAssignableError(`payment ${request.paymentId} changed meanwhile: try again`);
    case "unknown-participant":
      throw new PaymentNotAssignableError(
        `participant ${who} not found: check the card number (13 digits) or import the participant first`,
      );
    case "case-paid-limit":
      throw new PaymentNotAssignableError(
        `payment ${request.paymentId}: participant ${who}'s open case cannot be credited past ${formatRupiah(MAX_PAID_PER_CASE)}`,
      );
    case "stored":
      return {
        payment: { ...applied.record, assigned: assignment },
        ...(await settleCase(deps, applied.record, now, retry)),
      };
    default:
      throw new Error(`payment ${request.paymentId}: unexpected outcome ${applied.outcome}`);
  }
}

function refuseUnlessParked(
  paymentId: string,
  p: PaymentRecord | undefined,
): asserts p is PaymentRecord & { status: "UNMATCHED" } {
  if (!p) throw new PaymentNotAssignableError(`payment ${paymentId} not found`);
  if (p.assigned) {
    throw new PaymentNotAssignableError(
      `payment ${paymentId} was already assigned to ${maskParticipantId(p.participantId)} by ${p.assigned.by} at ${p.assigned.at}: ${p.assigned.reason}`,
    );
  }
  if (p.status !== "UNMATCHED") {
    throw new PaymentNotAssignableError(
      `payment ${paymentId} is not unmatched: it was applied to ${maskParticipantId(p.participantId)} when it arrived (${p.receivedAt})`,
    );
  }
}

/** Runs a write until it stops meeting changed preconditions or contention, with backoff. */
async function withRetries<T>(paymentId: string, retry: RetryPolicy, write: () => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < retry.maxAttempts; attempt++) {
    if (attempt > 0) await sleep(backoffDelay(attempt, retry));
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof PaymentPreconditionError || error instanceof PaymentConflictError)) throw error;
      lastError = error;
    }
  }
  throw new PaymentNotAppliedError(
    `payment ${paymentId} not applied after ${retry.maxAttempts} attempts: ${(lastError as Error).message}`,
    { cause: lastError },
  );
}

type FinalOutcome = Exclude<ApplyOutcome["outcome"], "arrears-changed">;

/**
 * The atomic first step, credited to the participant's open case if any. Arrears are lowered by
 * the amount first (the common case); the write itself reports a participant that is unknown or
 * owes less, so there is no read before it.
 */
async function applyWithArrearsForm(
  payments: PaymentStore,
  payment: PaymentRecord,
  now: Date,
  assignment?: Assignment,
): Promise<{ outcome: FinalOutcome; record: PaymentRecord }> {
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
      ...(assignment ? { assignment } : {}),
      now,
    });
    if (result.outcome !== "arrears-changed") return { outcome: result.outcome, record };
    form = arrearsForm(result.arrearsAmount, payment.amount);
  }
  throw new PaymentPreconditionError(`payment ${payment.paymentId}: participant's arrears kept changing`);
}

/** A new payment: applied, or parked, or the stored one it duplicates (to settle its case). */
async function storeOnce(
  payments: PaymentStore,
  payment: PaymentRecord,
  now: Date,
): Promise<{ status: "applied" | "duplicate" | "unmatched"; payment: PaymentRecord }> {
  const applied = await applyWithArrearsForm(payments, payment, now);
  switch (applied.outcome) {
    case "stored":
      return { status: "applied", payment: applied.record };
    case "unknown-participant":
    case "case-paid-limit": {
      const reason = applied.outcome === "case-paid-limit" ? "CASE_PAID_LIMIT" : "UNKNOWN_PARTICIPANT";
      const outcome = await payments.storeUnmatched({ ...payment, status: "UNMATCHED" }, reason);
      return outcome === "stored" ? { status: "unmatched", payment } : duplicateOf(payments, payment);
    }
    default:
      return duplicateOf(payments, payment);
  }
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
async function settleCase(
  deps: ApplyPaymentDeps,
  payment: PaymentRecord,
  now: Date,
  retry: RetryPolicy,
): Promise<CaseSettled> {
  if (!payment.campaignId) return {};
  let lastError: unknown;
  for (let attempt = 0; attempt < retry.maxAttempts; attempt++) {
    if (attempt > 0) await sleep(backoffDelay(attempt, retry));
    const c = await deps.payments.caseToSettle(payment.campaignId, payment.participantId);
    if (!c) return {};
    const timeZone = branchTimeZone(deps.branches, c.branchCode);
    const paidLocalDate = localDate(new Date(payment.paidAt), timeZone);
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

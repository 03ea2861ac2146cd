import type { CaseStatus, PromiseToPay } from "../domain/case";
import type { ArrearsForm, PaymentChannel, Settlement } from "../domain/payment";

/*
 * The payment store's port and the records it reads and writes; DynamoPaymentStore (payments.ts)
 * is its adapter, payment-apply.ts builds its apply transaction.
 */

export const UNMATCHED = "UNMATCHED";

/** Why a payment was parked: nobody has its card number, or its case cannot be credited more. */
export type UnmatchedReason = "UNKNOWN_PARTICIPANT" | "CASE_PAID_LIMIT";

/** Who applied a parked payment by hand, when and why (`telecollect payments assign`). */
export interface Assignment {
  by: string;
  at: string;
  reason: string;
}

/** One payment as stored: the notice, when we received it, and what it was applied to. */
export interface PaymentRecord {
  paymentId: string;
  /** The participant it counts for: as sent, or as assigned by hand. */
  participantId: string;
  /** The card number the channel sent, when an assignment replaced it. */
  participantIdAsSent?: string;
  amount: number;
  /** UTC, so the byParticipant index sorts by time. */
  paidAt: string;
  /** paidAt as the channel sent it, with its offset. */
  paidAtAsSent: string;
  channel: PaymentChannel;
  receivedAt: string;
  status: "APPLIED" | "UNMATCHED";
  /** Sparse index key: present only while the payment awaits reconciliation. */
  unmatched?: typeof UNMATCHED;
  unmatchedReason?: UnmatchedReason;
  assigned?: Assignment;
  /** The case the payment was added to, if the participant had an open one. */
  campaignId?: string;
  caseId?: string;
}

/** A participant's open case as the cases byParticipant index projects it. */
export interface OpenCaseRef {
  campaignId: string;
  participantId: string;
  caseId: string;
  branchCode: string;
  period: string;
  amountDue: number;
  amountPaid: number;
}

/** A case as the settle step reads it, consistently, after the payment was added. */
export interface CaseToSettle {
  campaignId: string;
  participantId: string;
  caseId: string;
  branchCode: string;
  status: CaseStatus;
  amountDue: number;
  amountPaid: number;
  promise?: PromiseToPay;
}

export type StoreOutcome = "stored" | "duplicate";

export type ApplyOutcome =
  | { outcome: "stored" | "duplicate" }
  /** No such participant: park the payment for reconciliation. */
  | { outcome: "unknown-participant" }
  /** The arrears form did not fit the participant's arrears, which are these. */
  | { outcome: "arrears-changed"; arrearsAmount: number }
  /** The open case would pass MAX_PAID_PER_CASE: park the payment for reconciliation. */
  | { outcome: "case-paid-limit" }
  /** An assignment found the payment no longer parked (assigned meanwhile). */
  | { outcome: "not-parked" };

export interface ApplyWrite {
  payment: PaymentRecord;
  form: ArrearsForm;
  openCase?: OpenCaseRef;
  now: Date;
  /** Apply a parked payment (by hand) instead of storing a new one. */
  assignment?: Assignment;
}

export interface SettleWrite {
  settlement: Settlement;
  /** The payment that settled it: the PROMISE_KEPT entry's dedupe key. */
  paymentId: string;
  paidAt: string;
  paidLocalDate: string;
  now: Date;
}

export interface PaymentStore {
  get(paymentId: string): Promise<PaymentRecord | undefined>;
  /** The participant's OPEN case of the newest campaign, if any (cases byParticipant index). */
  openCase(participantId: string): Promise<OpenCaseRef | undefined>;
  /**
   * One transaction: the payment (once per paymentId), the participant's arrears, the open case's
   * amountPaid and a PAYMENT_APPLIED interaction. "duplicate" when the paymentId is stored already;
   * with an assignment, the parked payment is applied instead ("not-parked" when it is no longer).
   * Throws PaymentPreconditionError when the case changed, PaymentConflictError on contention.
   */
  storeApplied(write: ApplyWrite): Promise<ApplyOutcome>;
  /** The payment alone, flagged for reconciliation. */
  storeUnmatched(payment: PaymentRecord, reason: UnmatchedReason): Promise<StoreOutcome>;
  caseToSettle(campaignId: string, participantId: string): Promise<CaseToSettle | undefined>;
  /** Applies a settlement guarded by the facts it was decided on; false when they changed meanwhile. */
  settle(c: CaseToSettle, write: SettleWrite): Promise<boolean>;
  unmatched(cursor?: string, limit?: number): Promise<{ payments: PaymentRecord[]; cursor?: string }>;
  byParticipant(participantId: string): Promise<PaymentRecord[]>;
}

export interface PaymentTables {
  payments: string;
  participants: string;
  cases: string;
  interactions: string;
}

/** The participant or the case changed between the read and the write: read again and retry. */
export class PaymentPreconditionError extends Error {
  override name = "PaymentPreconditionError";
}

/** Another transaction held an item, or DynamoDB throttled: retry after a backoff. */
export class PaymentConflictError extends Error {
  override name = "PaymentConflictError";
}

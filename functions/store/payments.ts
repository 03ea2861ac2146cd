import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
} from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { type CaseStatus, caseIdOf, type PromiseToPay } from "../domain/case";
import type { ArrearsForm, PaymentChannel, Settlement } from "../domain/payment";
import { collectPages, decodeCursor, encodeCursor } from "./cursor";
import { type Interaction, type InteractionKind, interactionFor, interactionItem } from "./interactions";
import {
  applyItems,
  cancelledApply,
  conditionFailed,
  PaymentConflictError,
  PaymentPreconditionError,
  retryable,
} from "./payment-apply";
import { CASES_BY_PARTICIPANT, PAYMENTS_BY_PARTICIPANT, PAYMENTS_UNMATCHED } from "./schemas";

export { PaymentConflictError, PaymentPreconditionError };

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

export class DynamoPaymentStore implements PaymentStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: PaymentTables,
    private readonly retentionDays: number,
  ) {}

  async get(paymentId: string) {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tables.payments, Key: { paymentId }, ConsistentRead: true }),
    );
    return out.Item as PaymentRecord | undefined;
  }

  async openCase(participantId: string) {
    const open: OpenCaseRef[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tables.cases,
          IndexName: CASES_BY_PARTICIPANT,
          KeyConditionExpression: "participantId = :p",
          FilterExpression: "#status = :open",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":p": participantId, ":open": "OPEN" },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        const c = item as Omit<OpenCaseRef, "caseId">;
        open.push({ ...c, caseId: caseIdOf(c.campaignId, c.participantId) });
      }
      start = out.LastEvaluatedKey;
    } while (start);
    // Newest campaign first: periods are YYYY-MM, so they compare as strings.
    open.sort((a, b) => b.period.localeCompare(a.period) || b.campaignId.localeCompare(a.campaignId));
    return open[0];
  }

  async storeApplied(write: ApplyWrite): Promise<ApplyOutcome> {
    const items = applyItems(this.tables, write, (c, at, key, extra) =>
      this.interaction(c, "PAYMENT_APPLIED", at, key, extra),
    );
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { outcome: "stored" };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      return cancelledApply(write, error);
    }
  }

  async storeUnmatched(payment: PaymentRecord, reason: UnmatchedReason) {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tables.payments,
          Item: { ...payment, status: "UNMATCHED", unmatched: UNMATCHED, unmatchedReason: reason },
          ConditionExpression: "attribute_not_exists(paymentId)",
        }),
      );
      return "stored" as const;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return "duplicate" as const;
      throw error;
    }
  }

  async caseToSettle(campaignId: string, participantId: string) {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tables.cases,
        Key: { campaignId, participantId },
        ProjectionExpression:
          "campaignId, participantId, caseId, branchCode, #status, amountDue, amountPaid, promise",
        ExpressionAttributeNames: { "#status": "status" },
        // Must see the amountPaid the transaction just added.
        ConsistentRead: true,
      }),
    );
    return out.Item as CaseToSettle | undefined;
  }

  async settle(c: CaseToSettle, write: SettleWrite) {
    const { settlement } = write;
    if (!settlement.markPaid && !settlement.keepPromise) return true;
    const at = write.now.toISOString();
    const set = ["updatedAt = :now"];
    const remove: string[] = [];
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ":now": at };
    if (settlement.markPaid) {
      set.push("#status = :paid", "closedAt = :now");
      // Out of the dial queue: no further call starts; a call in flight just ends.
      remove.push("dialQueue", "dialRank");
      conditions.push("#status = :open", "amountPaid >= amountDue");
      Object.assign(names, { "#status": "status" });
      Object.assign(values, { ":paid": "PAID", ":open": "OPEN" });
    }
    if (settlement.keepPromise) {
      set.push("promise.#pstatus = :kept");
      conditions.push("promise.#pstatus = :pending", "promise.#pdate >= :paidDate");
      Object.assign(names, { "#pstatus": "status", "#pdate": "date" });
      Object.assign(values, { ":kept": "KEPT", ":pending": "PENDING", ":paidDate": write.paidLocalDate });
    }
    const update = {
      TableName: this.tables.cases,
      Key: { campaignId: c.campaignId, participantId: c.participantId },
      UpdateExpression: `SET ${set.join(", ")}${remove.length > 0 ? ` REMOVE ${remove.join(", ")}` : ""}`,
      ConditionExpression: conditions.join(" AND "),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    try {
      if (!settlement.keepPromise) {
        await this.doc.send(new UpdateCommand(update));
        return true;
      }
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: update },
            {
              Put: {
                TableName: this.tables.interactions,
                Item: this.interaction(c, "PROMISE_KEPT", write.paidAt, write.paymentId, {
                  amount: c.amountPaid,
                  detail: { paymentId: write.paymentId, promiseDate: c.promise?.date ?? "" },
                }),
                ConditionExpression: "attribute_not_exists(interactionKey)",
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      if (error instanceof TransactionConflictException) {
        throw new PaymentConflictError(`settling the case of payment ${write.paymentId}: ${error.message}`, {
          cause: error,
        });
      }
      if (error instanceof TransactionCanceledException) {
        const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
        if (conditionFailed(codes[0])) return false;
        if (codes.some(retryable)) {
          throw new PaymentConflictError(
            `settling the case of payment ${write.paymentId}: ${codes.join(",")}`,
            { cause: error },
          );
        }
      }
      throw error;
    }
  }

  async unmatched(cursor?: string, limit = 100) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tables.payments,
        IndexName: PAYMENTS_UNMATCHED,
        KeyConditionExpression: "unmatched = :u",
        ExpressionAttributeValues: { ":u": UNMATCHED },
        ExclusiveStartKey: decodeCursor(cursor),
        Limit: limit,
      }),
    );
    const next = encodeCursor(out.LastEvaluatedKey);
    return { payments: (out.Items ?? []) as PaymentRecord[], ...(next ? { cursor: next } : {}) };
  }

  byParticipant(participantId: string) {
    return collectPages(async (cursor) => {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tables.payments,
          IndexName: PAYMENTS_BY_PARTICIPANT,
          KeyConditionExpression: "participantId = :p",
          ExpressionAttributeValues: { ":p": participantId },
          ExclusiveStartKey: decodeCursor(cursor),
        }),
      );
      const next = encodeCursor(out.LastEvaluatedKey);
      return { items: (out.Items ?? []) as PaymentRecord[], ...(next ? { cursor: next } : {}) };
    });
  }

  /** Same key and TTL as DynamoInteractionStore.record, so both writers dedupe alike. */
  private interaction(
    c: { caseId: string; campaignId: string; participantId: string; branchCode: string },
    kind: InteractionKind,
    at: string,
    dedupeKey: string,
    extra: Pick<Interaction, "amount" | "detail">,
  ): Interaction {
    return interactionItem(interactionFor(c, kind, new Date(at), dedupeKey, extra), this.retentionDays);
  }
}

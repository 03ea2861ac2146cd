import { TransactionCanceledException, TransactionConflictException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { DEFAULT_RETENTION_DAYS, type RetentionPolicy } from "../contracts";
import { caseIdOf } from "../domain/case";
import {
  type Interaction,
  type InteractionKind,
  interactionFor,
  interactionItem,
} from "../domain/interaction";
import { expiresAt } from "../domain/retention";
import { cancellationCodes, conditionFailed, isConditionFailure } from "./conditional";
import { collectPages, decodeCursor, encodeCursor } from "./cursor";
import { applyItems, cancelledApply, retryable } from "./payment-apply";
import {
  type ApplyOutcome,
  type ApplyWrite,
  type CaseToSettle,
  type OpenCaseRef,
  PaymentConflictError,
  type PaymentRecord,
  type PaymentStore,
  type PaymentTables,
  type SettleWrite,
  UNMATCHED,
  type UnmatchedReason,
} from "./payment-records";
import { CASES_BY_PARTICIPANT, PAYMENTS_BY_PARTICIPANT, PAYMENTS_UNMATCHED } from "./schemas";
import { UpdateExpression } from "./update-expression";

export class DynamoPaymentStore implements PaymentStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: PaymentTables,
    private readonly retention: Pick<RetentionPolicy, "interactions" | "payments"> = DEFAULT_RETENTION_DAYS,
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
    const kept = { ...write, payment: this.kept(write.payment) };
    const items = applyItems(this.tables, kept, (c, at, key, extra) =>
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
          Item: { ...this.kept(payment), status: "UNMATCHED", unmatched: UNMATCHED, unmatchedReason: reason },
          ConditionExpression: "attribute_not_exists(paymentId)",
        }),
      );
      return "stored" as const;
    } catch (error) {
      if (isConditionFailure(error)) return "duplicate" as const;
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
    const x = new UpdateExpression().assign("updatedAt", ":now", write.now.toISOString());
    if (settlement.markPaid) {
      x.name("#status", "status").assign("#status", ":paid", "PAID").set.push("closedAt = :now");
      // Out of the dial queue: no further call starts; a call in flight just ends.
      x.remove.push("dialQueue", "dialRank");
      x.require("#status = :open", { ":open": "OPEN" }).require("amountPaid >= amountDue");
    }
    if (settlement.keepPromise) {
      x.name("#pstatus", "status").name("#pdate", "date").assign("promise.#pstatus", ":kept", "KEPT");
      x.require("promise.#pstatus = :pending", { ":pending": "PENDING" });
      x.require("promise.#pdate >= :paidDate", { ":paidDate": write.paidLocalDate });
    }
    const update = x.update(this.tables.cases, { campaignId: c.campaignId, participantId: c.participantId });
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
      if (isConditionFailure(error)) return false;
      if (error instanceof TransactionConflictException) {
        throw new PaymentConflictError(`settling the case of payment ${write.paymentId}: ${error.message}`, {
          cause: error,
        });
      }
      const codes = cancellationCodes(error);
      if (conditionFailed(codes[0])) return false;
      if (codes.some(retryable)) {
        throw new PaymentConflictError(
          `settling the case of payment ${write.paymentId}: ${codes.join(",")}`,
          {
            cause: error,
          },
        );
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

  /** The payment as stored: kept the retention's days after it was received (`expiresAt`). */
  private kept(payment: PaymentRecord): PaymentRecord & { expiresAt: number } {
    return { ...payment, expiresAt: expiresAt(payment.receivedAt, this.retention.payments) };
  }

  /** Same key and TTL as DynamoInteractionStore.record, so both writers dedupe alike. */
  private interaction(
    c: { caseId: string; campaignId: string; participantId: string; branchCode: string },
    kind: InteractionKind,
    at: string,
    dedupeKey: string,
    extra: Pick<Interaction, "amount" | "detail">,
  ): Interaction {
    return interactionItem(
      interactionFor(c, kind, new Date(at), dedupeKey, extra),
      this.retention.interactions,
    );
  }
}

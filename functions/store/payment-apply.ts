import type { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import type { TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Interaction } from "../domain/interaction";
import { maxPaidBeforeAdding } from "../domain/money";
import { cancellationCodes, conditionFailed } from "./conditional";
import {
  type ApplyOutcome,
  type ApplyWrite,
  type Assignment,
  type OpenCaseRef,
  PaymentConflictError,
  PaymentPreconditionError,
  type PaymentRecord,
  type PaymentTables,
} from "./payment-records";

export const retryable = (code: string | undefined) =>
  code === "TransactionConflict" || code === "ThrottlingError" || code === "ProvisionedThroughputExceeded";

type TransactItems = NonNullable<TransactWriteCommandInput["TransactItems"]>;

/** Builds the case's PAYMENT_APPLIED interaction (key and TTL as every interaction writer). */
export type PaymentInteraction = (
  c: OpenCaseRef,
  at: string,
  dedupeKey: string,
  extra: Pick<Interaction, "amount" | "detail">,
) => Interaction;

/**
 * The apply transaction, items in this order (cancellation reasons come back by index): the
 * payment (a new one once per paymentId, or a parked one while still parked), the participant's
 * arrears, and with an open case its amountPaid and a PAYMENT_APPLIED interaction.
 */
export function applyItems(
  tables: PaymentTables,
  write: ApplyWrite,
  interaction: PaymentInteraction,
): TransactItems {
  const { payment, openCase, assignment } = write;
  const items: TransactItems = [
    assignment ? assignParked(tables, payment, assignment) : putNew(tables, payment),
    lowerArrears(tables, write),
  ];
  if (!openCase) return items;
  const detail = {
    paymentId: payment.paymentId,
    channel: payment.channel,
    ...(assignment
      ? { assignedBy: assignment.by, assignedAt: assignment.at, reason: assignment.reason }
      : {}),
  };
  items.push(
    {
      Update: {
        TableName: tables.cases,
        Key: { campaignId: openCase.campaignId, participantId: openCase.participantId },
        UpdateExpression: "ADD amountPaid :a SET updatedAt = :now",
        // PAID too: a concurrent payment may have just settled it; the money still counts.
        // The sum stays at most MAX_PAID_PER_CASE, so it always reads back as a safe number.
        ConditionExpression:
          "attribute_exists(caseId) AND #status IN (:open, :paid) AND (attribute_not_exists(amountPaid) OR amountPaid <= :maxBefore)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":a": payment.amount,
          ":now": write.now.toISOString(),
          ":open": "OPEN",
          ":paid": "PAID",
          ":maxBefore": maxPaidBeforeAdding(payment.amount),
        },
        // On failure, the old item tells a case at its limit from one that changed status.
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      },
    },
    {
      Put: {
        TableName: tables.interactions,
        Item: interaction(openCase, payment.paidAt, payment.paymentId, { amount: payment.amount, detail }),
        ConditionExpression: "attribute_not_exists(interactionKey)",
      },
    },
  );
  return items;
}

function putNew(tables: PaymentTables, payment: PaymentRecord) {
  return {
    Put: {
      TableName: tables.payments,
      Item: payment,
      ConditionExpression: "attribute_not_exists(paymentId)",
    },
  };
}

/** The parked payment, applied: only while it is parked and was never assigned. */
function assignParked(tables: PaymentTables, payment: PaymentRecord, assignment: Assignment) {
  const toCase = payment.campaignId && payment.caseId;
  return {
    Update: {
      TableName: tables.payments,
      Key: { paymentId: payment.paymentId },
      UpdateExpression: `SET #status = :applied, participantIdAsSent = participantId, participantId = :p, assigned = :assigned${toCase ? ", campaignId = :c, caseId = :k" : ""} REMOVE unmatched, unmatchedReason`,
      ConditionExpression:
        "#status = :unmatched AND attribute_exists(unmatched) AND attribute_not_exists(assigned)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":applied": "APPLIED",
        ":unmatched": "UNMATCHED",
        ":p": payment.participantId,
        ":assigned": assignment,
        ...(toCase ? { ":c": payment.campaignId, ":k": payment.caseId } : {}),
      },
    },
  };
}

/** Arrears lowered by the amount, or to zero (never below), each form guarded by its condition. */
function lowerArrears(tables: PaymentTables, { payment, form }: ApplyWrite) {
  return {
    Update: {
      TableName: tables.participants,
      Key: { participantId: payment.participantId },
      ...(form === "SUBTRACT"
        ? {
            UpdateExpression: "SET arrearsAmount = arrearsAmount - :a",
            ConditionExpression: "attribute_exists(participantId) AND arrearsAmount >= :a",
            ExpressionAttributeValues: { ":a": payment.amount },
          }
        : {
            UpdateExpression: "SET arrearsAmount = :zero",
            ConditionExpression:
              "attribute_exists(participantId) AND (attribute_not_exists(arrearsAmount) OR arrearsAmount < :a)",
            ExpressionAttributeValues: { ":a": payment.amount, ":zero": 0 },
          }),
      // On failure, the old item tells a missing participant from arrears below the amount.
      ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
    },
  };
}

/** What a cancelled apply transaction means, from its items' cancellation reasons. */
export function cancelledApply(
  { payment, assignment }: ApplyWrite,
  error: TransactionCanceledException,
): ApplyOutcome {
  const reasons = error.CancellationReasons ?? [];
  const codes = cancellationCodes(error);
  if (conditionFailed(codes[0])) return { outcome: assignment ? "not-parked" : "duplicate" };
  if (conditionFailed(codes[1])) {
    // Not unmarshalled by lib-dynamodb: the raw attribute value.
    const old = reasons[1]?.Item;
    if (!old) return { outcome: "unknown-participant" };
    return { outcome: "arrears-changed", arrearsAmount: Number(old.arrearsAmount?.N ?? 0) };
  }
  if (conditionFailed(codes[2])) {
    const old = reasons[2]?.Item;
    const open = old?.status?.S === "OPEN" || old?.status?.S === "PAID";
    if (open && Number(old?.amountPaid?.N ?? 0) > maxPaidBeforeAdding(payment.amount)) {
      return { outcome: "case-paid-limit" };
    }
    throw new PaymentPreconditionError(`payment ${payment.paymentId}: its case changed`);
  }
  if (codes.some(retryable)) {
    throw new PaymentConflictError(`payment ${payment.paymentId}: ${codes.join(",")}`, { cause: error });
  }
  throw error;
}

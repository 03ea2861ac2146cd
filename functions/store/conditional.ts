import {
  type DynamoDBDocumentClient,
  PutCommand,
  type PutCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";

/**
 * The one way the stores tell a failed condition from any other error. Matched by name, not by
 * class, so an error raised by another copy of the SDK (or rebuilt from a cause) is still seen.
 */
export function isConditionFailure(error: unknown): boolean {
  return (error as Error | undefined)?.name === "ConditionalCheckFailedException";
}

/** The cancellation code of each item of a cancelled transaction ("None" where its item was fine); [] for any other error. */
export function cancellationCodes(error: unknown): (string | undefined)[] {
  if ((error as Error | undefined)?.name !== "TransactionCanceledException") return [];
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code);
}

/** The cancellation code of a transaction item whose condition did not hold. */
export const conditionFailed = (code: string | undefined) => code === "ConditionalCheckFailed";

/** A transaction cancelled because one of its conditions did not hold. */
export function isTransactionConditionFailure(error: unknown): boolean {
  return cancellationCodes(error).some(conditionFailed);
}

/** Runs a conditional write: false when its condition does not hold; any other error is thrown. */
async function holds(write: () => Promise<unknown>, failed: (error: unknown) => boolean): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (failed(error)) return false;
    throw error;
  }
}

/** A conditional UpdateItem: false when its condition does not hold; any other error is thrown. */
export function conditionalUpdate(doc: DynamoDBDocumentClient, input: UpdateCommandInput): Promise<boolean> {
  return holds(() => doc.send(new UpdateCommand(input)), isConditionFailure);
}

/** A conditional PutItem: false when its condition does not hold; any other error is thrown. */
export function conditionalPut(doc: DynamoDBDocumentClient, input: PutCommandInput): Promise<boolean> {
  return holds(() => doc.send(new PutCommand(input)), isConditionFailure);
}

/** A transaction with conditions: false when one does not hold; any other error is thrown. */
export function conditionalTransact(
  doc: DynamoDBDocumentClient,
  input: TransactWriteCommandInput,
): Promise<boolean> {
  return holds(() => doc.send(new TransactWriteCommand(input)), isTransactionConditionFailure);
}

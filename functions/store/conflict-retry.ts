import { TransactionConflictException } from "@aws-sdk/client-dynamodb";
import type {
  DynamoDBDocumentClient,
  TransactWriteCommandInput,
  UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { backoffDelay, DEFAULT_RETRY, sleep } from "../concurrency";
import { ConcurrentUpdateError } from "./concurrent-update";
import { cancellationCodes, conditionalTransact, conditionalUpdate } from "./conditional";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

function isConflict(error: unknown): boolean {
  return (
    error instanceof TransactionConflictException || cancellationCodes(error).includes("TransactionConflict")
  );
}

/** Conflicts with another writer are retried; past the last try they are the contract's ConcurrentUpdateError. */
export async function withConflictRetry<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isConflict(error)) throw error;
      if (attempt + 1 >= DEFAULT_RETRY.maxAttempts) {
        throw new ConcurrentUpdateError(`write still conflicting after ${attempt + 1} tries`, {
          cause: error,
        });
      }
      await sleep(backoffDelay(attempt + 1, DEFAULT_RETRY));
    }
  }
}

/** An update whose condition may fail: false then; conflicts with other writers are retried. */
export function retriedConditionalUpdate(
  doc: DynamoDBDocumentClient,
  input: UpdateCommandInput,
): Promise<boolean> {
  return withConflictRetry(() => conditionalUpdate(doc, input));
}

/** A transaction whose conditions may fail: false then; conflicts with other writers are retried. */
export function retriedConditionalTransact(
  doc: DynamoDBDocumentClient,
  items: TransactItem[],
): Promise<boolean> {
  return withConflictRetry(() => conditionalTransact(doc, { TransactItems: items }));
}

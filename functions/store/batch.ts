import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { backoffDelay, chunk, DEFAULT_RETRY, mapConcurrent, type RetryPolicy, sleep } from "../concurrency";
import { RetryableError } from "../errors";

export const BATCH_WRITE_LIMIT = 25;

export class UnprocessedItemsError extends Error {
  override name = RetryableError.UnprocessedItems;
  constructor(
    readonly table: string,
    readonly remaining: number,
    attempts: number,
  ) {
    super(`${remaining} item(s) still unprocessed in ${table} after ${attempts} attempts`);
  }
}

/**
 * Puts every item with BatchWriteItem in chunks of 25, retrying UnprocessedItems with backoff.
 * Returns the number of requests sent, for the benchmarks.
 */
export async function batchPutAll(
  doc: DynamoDBDocumentClient,
  table: string,
  items: readonly Record<string, unknown>[],
  options: { concurrency?: number; retry?: RetryPolicy } = {},
): Promise<{ requests: number }> {
  const retry = options.retry ?? DEFAULT_RETRY;
  let requests = 0;
  await mapConcurrent(chunk(items, BATCH_WRITE_LIMIT), options.concurrency ?? 4, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= retry.maxAttempts) throw new UnprocessedItemsError(table, pending.length, attempt);
      if (attempt > 0) await sleep(backoffDelay(attempt, retry));
      requests++;
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  });
  return { requests };
}

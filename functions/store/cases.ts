import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import { backoffDelay, chunk, DEFAULT_RETRY, mapConcurrent, type RetryPolicy, sleep } from "../concurrency";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import type { Case, CloseReason } from "../domain/case";
import { expiresAt } from "../domain/retention";
import { batchPutAll, UnprocessedItemsError } from "./batch";
import { conditionalUpdate } from "./conditional";
import { decodeCursor, encodeCursor } from "./cursor";
import { CASES_DIAL_QUEUE } from "./schemas";

export interface CaseStore {
  /** Which of these participants already have a case in the campaign (BatchGetItem by 100). */
  findExisting(campaignId: string, participantIds: readonly string[]): Promise<Set<string>>;
  /**
   * Writes new cases with BatchWriteItem. Only the holder of the campaign's mapping lease calls
   * this, after findExisting, so it never overwrites a case (see docs/data-model.md). Each is kept
   * the retention's days after it was mapped (`expiresAt`).
   */
  putNew(cases: readonly Case[]): Promise<{ requests: number }>;
  get(campaignId: string, participantId: string): Promise<Case | undefined>;
  /** Whether any case of the campaign may still be called (the sparse dial queue is not empty). */
  hasCallable(campaignId: string): Promise<boolean>;
  /** Ends an OPEN case with its final status; false when it was no longer open. */
  close(campaignId: string, participantId: string, reason: CloseReason, now: Date): Promise<boolean>;
  page(campaignId: string, cursor?: string, limit?: number): Promise<{ cases: Case[]; cursor?: string }>;
  /** Open cases whose promise is still PENDING, one page. */
  pagePendingPromises(campaignId: string, cursor?: string): Promise<{ cases: Case[]; cursor?: string }>;
}

export const BATCH_GET_LIMIT = 100;

export class DynamoCaseStore implements CaseStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly concurrency = 8,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.cases,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async findExisting(campaignId: string, participantIds: readonly string[]) {
    const found = new Set<string>();
    await mapConcurrent(chunk(participantIds, BATCH_GET_LIMIT), this.concurrency, async (ids) => {
      let keys: Record<string, unknown>[] = ids.map((participantId) => ({ campaignId, participantId }));
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt >= this.retry.maxAttempts) {
          throw new UnprocessedItemsError(this.table, keys.length, attempt);
        }
        if (attempt > 0) await sleep(backoffDelay(attempt, this.retry));
        const out = await this.doc.send(
          new BatchGetCommand({
            RequestItems: { [this.table]: { Keys: keys, ProjectionExpression: "participantId" } },
          }),
        );
        for (const item of out.Responses?.[this.table] ?? []) found.add(item.participantId as string);
        keys = (out.UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
      }
    });
    return found;
  }

  putNew(cases: readonly Case[]) {
    const items = cases.map((c) => ({ ...c, expiresAt: expiresAt(c.createdAt, this.retentionDays) }));
    return batchPutAll(this.doc, this.table, items, {
      concurrency: this.concurrency,
      retry: this.retry,
    });
  }

  async get(campaignId: string, participantId: string) {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { campaignId, participantId } }),
    );
    return out.Item as Case | undefined;
  }

  async hasCallable(campaignId: string) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: CASES_DIAL_QUEUE,
        KeyConditionExpression: "dialQueue = :c",
        ExpressionAttributeValues: { ":c": campaignId },
        Limit: 1,
        ProjectionExpression: "participantId",
      }),
    );
    return (out.Items?.length ?? 0) > 0;
  }

  close(campaignId: string, participantId: string, reason: CloseReason, now: Date) {
    return conditionalUpdate(this.doc, {
      TableName: this.table,
      Key: { campaignId, participantId },
      UpdateExpression:
        "SET #status = :closed, closeReason = :reason, closedAt = :now, updatedAt = :now REMOVE dialQueue, dialRank",
      ConditionExpression: "#status = :open",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":closed": "CLOSED",
        ":open": "OPEN",
        ":reason": reason,
        ":now": now.toISOString(),
      },
    });
  }

  /** A daily sweep, not a hot path: the filter reads (and pays for) the campaign's partition once. */
  async pagePendingPromises(campaignId: string, cursor?: string) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "campaignId = :c",
        FilterExpression: "#status = :open AND promise.#status = :pending",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":c": campaignId, ":open": "OPEN", ":pending": "PENDING" },
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    const next = encodeCursor(out.LastEvaluatedKey);
    return { cases: (out.Items ?? []) as Case[], ...(next ? { cursor: next } : {}) };
  }

  async page(campaignId: string, cursor?: string, limit = 500) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "campaignId = :c",
        ExpressionAttributeValues: { ":c": campaignId },
        ExclusiveStartKey: decodeCursor(cursor),
        Limit: limit,
      }),
    );
    const next = encodeCursor(out.LastEvaluatedKey);
    return { cases: (out.Items ?? []) as Case[], ...(next ? { cursor: next } : {}) };
  }
}

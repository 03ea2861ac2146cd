import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { backoffDelay, chunk, DEFAULT_RETRY, type RetryPolicy, sleep } from "../concurrency";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import { maskParticipantId } from "../domain/masking";
import type { ChannelProfile } from "../domain/messaging";
import { expiresAt } from "../domain/retention";
import { UnprocessedItemsError } from "./batch";
import { BATCH_GET_LIMIT } from "./cases";
import { ConcurrentUpdateError } from "./concurrent-update";
import { conditionalPut } from "./conditional";

/**
 * What the system has learned about reaching each participant, lasting across campaigns
 * (table `profiles`, keyed by participantId; issue-16 statuses join it later).
 */
export interface ProfileStore {
  /** The profiles of these participants (BatchGetItem); absent ones are not in the map. */
  getMany(participantIds: readonly string[]): Promise<Map<string, ChannelProfile>>;
  get(participantId: string): Promise<ChannelProfile | undefined>;
  /**
   * Read, change with `change`, write back guarded by the read's updatedAt (retried on a race):
   * how statuses and opt-outs are applied.
   */
  update(
    participantId: string,
    change: (current: ChannelProfile | undefined) => ChannelProfile,
  ): Promise<ChannelProfile>;
}

export class DynamoProfileStore implements ProfileStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.profiles,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async getMany(participantIds: readonly string[]) {
    const found = new Map<string, ChannelProfile>();
    for (const ids of chunk([...new Set(participantIds)], BATCH_GET_LIMIT)) {
      let keys: Record<string, unknown>[] = ids.map((participantId) => ({ participantId }));
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt >= this.retry.maxAttempts)
          throw new UnprocessedItemsError(this.table, keys.length, attempt);
        if (attempt > 0) await sleep(backoffDelay(attempt, this.retry));
        const out = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys } } }),
        );
        for (const item of out.Responses?.[this.table] ?? []) {
          const profile = withoutTtl(item);
          found.set(profile.participantId, profile);
        }
        keys = (out.UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  async get(participantId: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { participantId } }));
    return out.Item ? withoutTtl(out.Item) : undefined;
  }

  async update(participantId: string, change: (current: ChannelProfile | undefined) => ChannelProfile) {
    for (let attempt = 0; attempt < this.retry.maxAttempts; attempt++) {
      if (attempt > 0) await sleep(backoffDelay(attempt, this.retry));
      const current = await this.get(participantId);
      const next = { ...change(current), participantId };
      const written = await conditionalPut(this.doc, {
        TableName: this.table,
        Item: { ...next, expiresAt: expiresAt(next.updatedAt, this.retentionDays) },
        ...(current
          ? {
              ConditionExpression: "updatedAt = :read",
              ExpressionAttributeValues: { ":read": current.updatedAt },
            }
          : { ConditionExpression: "attribute_not_exists(participantId)" }),
      });
      if (written) return next;
    }
    throw new ConcurrentUpdateError(
      `profile of ${maskParticipantId(participantId)} kept changing under an update`,
    );
  }
}

function withoutTtl(item: Record<string, unknown>): ChannelProfile {
  const { expiresAt: _ttl, ...profile } = item;
  return profile as unknown as ChannelProfile;
}

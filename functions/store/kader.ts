/**
 * The kader roster in the kader table: one item per kader, `scope = ROSTER#<branch>`,
 * `recordKey = <kaderId>`, kept the retention's days after its import (`expiresAt`). Worklists and
 * visit results will share the table under other scopes.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { backoffDelay, DEFAULT_RETRY, sleep } from "../concurrency";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import type { Kader } from "../domain/kader";
import { expiresAt } from "../domain/retention";
import { BATCH_WRITE_LIMIT, batchPutAll, UnprocessedItemsError } from "./batch";

export const rosterScope = (branchCode: string) => `ROSTER#${branchCode}`;

export interface KaderRosterStore {
  /**
   * Makes `roster` the branch's whole roster: its kader are written (replacing any of the same id)
   * and the branch's other kader removed. Returns how many were written and removed.
   */
  replaceRoster(
    branchCode: string,
    roster: readonly Kader[],
    now: Date,
  ): Promise<{ written: number; removed: number }>;
  /** The branch's roster, by kader id. */
  listRoster(branchCode: string): Promise<Kader[]>;
}

export class DynamoKaderStore implements KaderRosterStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.kader,
  ) {}

  async replaceRoster(branchCode: string, roster: readonly Kader[], now: Date) {
    const foreign = roster.find((k) => k.branchCode !== branchCode);
    if (foreign) throw new Error(`a roster of ${branchCode} holds a kader of ${foreign.branchCode}`);
    const before = await this.keys(branchCode);
    const importedAt = now.toISOString();
    const items = roster.map((k) => ({
      ...k,
      scope: rosterScope(branchCode),
      recordKey: k.kaderId,
      importedAt,
      expiresAt: expiresAt(now, this.retentionDays),
    }));
    await batchPutAll(this.doc, this.table, items);
    const kept = new Set(roster.map((k) => k.kaderId));
    const gone = before.filter((key) => !kept.has(key));
    await this.removeAll(branchCode, gone);
    return { written: items.length, removed: gone.length };
  }

  async listRoster(branchCode: string): Promise<Kader[]> {
    const items = await this.query(branchCode, false);
    return items.map(
      ({ scope: _s, recordKey: _r, importedAt: _i, expiresAt: _e, ...kader }) => kader as unknown as Kader,
    );
  }

  private async keys(branchCode: string): Promise<string[]> {
    return (await this.query(branchCode, true)).map((item) => String(item.recordKey));
  }

  private query(branchCode: string, keysOnly: boolean): Promise<Record<string, unknown>[]> {
    return allInScope(this.doc, this.table, rosterScope(branchCode), keysOnly ? "recordKey" : undefined);
  }

  private async removeAll(branchCode: string, kaderIds: readonly string[]): Promise<void> {
    for (let at = 0; at < kaderIds.length; at += BATCH_WRITE_LIMIT) {
      let pending = kaderIds.slice(at, at + BATCH_WRITE_LIMIT).map((recordKey) => ({
        DeleteRequest: { Key: { scope: rosterScope(branchCode), recordKey } },
      }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= DEFAULT_RETRY.maxAttempts) {
          throw new UnprocessedItemsError(this.table, pending.length, attempt);
        }
        if (attempt > 0) await sleep(backoffDelay(attempt, DEFAULT_RETRY));
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = (out.UnprocessedItems?.[this.table] ?? []) as typeof pending;
      }
    }
  }
}

/** Every item of one scope of the kader table, page by page (`projection`: only those attributes). */
export async function allInScope(
  doc: DynamoDBDocumentClient,
  table: string,
  scope: string,
  projection?: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "#scope = :scope",
        ExpressionAttributeNames: { "#scope": "scope" },
        ExpressionAttributeValues: { ":scope": scope },
        ...(projection ? { ProjectionExpression: projection } : {}),
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

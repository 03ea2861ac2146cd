/**
 * Kader worklists in the kader table: one item per line, `scope = WORKLIST#<campaignId>`,
 * `recordKey = <kaderId or NONE>#<participantId>`, kept as long as the roster (`expiresAt`). Lines
 * hold personal data (name, address): never log them.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { backoffDelay, chunk, DEFAULT_RETRY, sleep } from "../concurrency";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import type { WorklistLine } from "../domain/kader-worklist";
import { expiresAt } from "../domain/retention";
import { BATCH_WRITE_LIMIT, UnprocessedItemsError } from "./batch";
import { allInScope } from "./kader";

export const worklistScope = (campaignId: string) => `WORKLIST#${campaignId}`;
/** The record key of a line without a kader. */
export const NO_KADER_KEY = "NONE";
export const worklistKey = (line: Pick<WorklistLine, "kaderId" | "participantId">) =>
  `${line.kaderId ?? NO_KADER_KEY}#${line.participantId}`;

export interface KaderWorklistStore {
  /** Every line of the campaign's worklist, by record key (kader, then participant). */
  listWorklist(campaignId: string): Promise<WorklistLine[]>;
  /**
   * Writes the lines, and removes the lines without a kader that `replacing` names (participant
   * ids now assigned to a kader). Writing a line again overwrites it.
   */
  addLines(
    campaignId: string,
    lines: readonly WorklistLine[],
    replacing: readonly string[],
    now: Date,
  ): Promise<void>;
}

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

export class DynamoKaderWorklistStore implements KaderWorklistStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.kader,
  ) {}

  async listWorklist(campaignId: string): Promise<WorklistLine[]> {
    const items = await allInScope(this.doc, this.table, worklistScope(campaignId));
    return items.map(
      ({ scope: _s, recordKey: _r, expiresAt: _e, ...line }) => line as unknown as WorklistLine,
    );
  }

  async addLines(
    campaignId: string,
    lines: readonly WorklistLine[],
    replacing: readonly string[],
    now: Date,
  ) {
    const scope = worklistScope(campaignId);
    const requests: WriteRequest[] = [
      ...lines.map((line) => ({
        PutRequest: {
          Item: {
            ...line,
            scope,
            recordKey: worklistKey(line),
            expiresAt: expiresAt(now, this.retentionDays),
          },
        },
      })),
      ...replacing.map((participantId) => ({
        DeleteRequest: { Key: { scope, recordKey: worklistKey({ participantId }) } },
      })),
    ];
    for (const batch of chunk(requests, BATCH_WRITE_LIMIT)) await this.write(batch);
  }

  private async write(batch: WriteRequest[]): Promise<void> {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= DEFAULT_RETRY.maxAttempts)
        throw new UnprocessedItemsError(this.table, pending.length, attempt);
      if (attempt > 0) await sleep(backoffDelay(attempt, DEFAULT_RETRY));
      const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
      pending = (out.UnprocessedItems?.[this.table] ?? []) as WriteRequest[];
    }
  }
}

/**
 * Kader visit results: one item per result in the kader table, `scope = RESULT#<branch>#<YYYY-MM>`
 * (the month of the visit), `recordKey = <visitedAt>#<kaderId>#<participantId>`, so the same result
 * sent twice is one item. The free text is stored redacted. What a result does to the open case
 * (closed DECEASED, a promise) is a conditional write on an OPEN case.
 */
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import type { PromiseToPay } from "../domain/case";
import type { KaderResult } from "../domain/kader-results";
import { redactFreeText } from "../domain/masking";
import { expiresAt } from "../domain/retention";
import { conditionalUpdate } from "./conditional";
import { UpdateExpression } from "./update-expression";

export const resultScope = (branchCode: string, month: string) => `RESULT#${branchCode}#${month}`;

export interface StoredKaderResult extends KaderResult {
  branchCode: string;
  /**
   * What applying it did: APPLIED on an open case; ON_CLOSED_CASE (the visit counted on a closed
   * case, nothing live on it); NO_CASE (statuses kept, the participant has no case to count it on).
   */
  applied: "APPLIED" | "ON_CLOSED_CASE" | "NO_CASE";
  /** The campaign whose case the visit counted on (absent for NO_CASE). */
  campaignId?: string;
  receivedAt: string;
  /** Who sent it: a CLI user, a console user. */
  receivedBy: string;
}

export interface KaderResultStore {
  put(result: StoredKaderResult): Promise<void>;
  /** The branch's results of a month (YYYY-MM), by visit time. */
  list(branchCode: string, month: string): Promise<StoredKaderResult[]>;
}

export interface CaseKaderWrites {
  /** Closes an OPEN case for good (false when it was no longer open). */
  closeDeceased(key: { campaignId: string; participantId: string }, now: Date): Promise<boolean>;
  /** A kader's promise on an OPEN case; the dialer waits for its follow-up time. */
  setPromise(
    key: { campaignId: string; participantId: string },
    promise: PromiseToPay,
    nextAttemptAt: string,
  ): Promise<boolean>;
}

export class DynamoKaderResultStore implements KaderResultStore, CaseKaderWrites {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: { kader: string; cases: string },
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.kader,
  ) {}

  async put(result: StoredKaderResult) {
    const { text, reason, ...rest } = result;
    await this.doc.send(
      new PutCommand({
        TableName: this.tables.kader,
        Item: {
          ...rest,
          ...(text ? { text: redactFreeText(text) } : {}),
          ...(reason ? { reason: redactFreeText(reason) } : {}),
          scope: resultScope(result.branchCode, result.visitedAt.slice(0, 7)),
          recordKey: `${result.visitedAt}#${result.kaderId}#${result.participantId}`,
          expiresAt: expiresAt(result.receivedAt, this.retentionDays),
        },
      }),
    );
  }

  async list(branchCode: string, month: string) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tables.kader,
        KeyConditionExpression: "#scope = :scope",
        ExpressionAttributeNames: { "#scope": "scope" },
        ExpressionAttributeValues: { ":scope": resultScope(branchCode, month) },
      }),
    );
    return (out.Items ?? []).map(
      ({ scope: _s, recordKey: _k, expiresAt: _e, ...r }) => r as unknown as StoredKaderResult,
    );
  }

  closeDeceased(key: { campaignId: string; participantId: string }, now: Date) {
    const at = now.toISOString();
    const x = new UpdateExpression()
      .assign("#status", ":closed", "CLOSED")
      .name("#status", "status")
      .assign("closeReason", ":reason", "DECEASED")
      .assign("closedAt", ":at", at)
      .assign("updatedAt", ":at", at)
      .value(":open", "OPEN");
    x.remove.push("dialQueue", "dialRank");
    x.conditions.push("#status = :open");
    return conditionalUpdate(this.doc, x.update(this.tables.cases, key));
  }

  setPromise(
    key: { campaignId: string; participantId: string },
    promise: PromiseToPay,
    nextAttemptAt: string,
  ) {
    const x = new UpdateExpression()
      .name("#status", "status")
      .assign("promise", ":promise", promise)
      .assign("nextAttemptAt", ":next", nextAttemptAt)
      .assign("updatedAt", ":at", promise.recordedAt)
      .value(":open", "OPEN");
    x.conditions.push("#status = :open");
    return conditionalUpdate(this.doc, x.update(this.tables.cases, key));
  }
}

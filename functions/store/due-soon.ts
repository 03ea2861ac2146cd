import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import type { FollowUpState } from "../domain/case";
import { campaignIdOf } from "../domain/case";
import { type DueSoonNotice, dueSoonPartitionOf } from "../domain/due-soon";
import { maskCaseId } from "../domain/masking";
import type { MessageChannel } from "../domain/messaging";
import type { Participant } from "../domain/participant";
import { expiresAt } from "../domain/retention";
import { batchPutAll } from "./batch";
import {
  type CaseFollowUpStore,
  FollowUpStateConflictError,
  followUpClaim,
  followUpMark,
} from "./case-follow-ups";
import type { CaseStore } from "./cases";
import { conditionalUpdate } from "./conditional";
import { decodeCursor, encodeCursor } from "./cursor";
import { PARTICIPANTS_BY_BRANCH_ARREARS } from "./schemas";

/*
 * Due-soon notices: participants a month behind, noted at mapping, in the cases table under their
 * campaign's own partition `<campaign>#DUE_SOON` (docs/data-model.md). Never in the campaign's
 * partition, so never paged, dialled, counted or closed as its cases; no `status`, so the payment
 * webhook's open-case lookup never finds one. The reminder's claim is a follow-up claim on it.
 */

type NoticeRef = Pick<DueSoonNotice, "campaignId" | "participantId">;

export interface DueSoonStore extends CaseFollowUpStore {
  /** One page of a branch's participants with exactly `months` of arrears (index query). */
  participantsWithMonths(
    branchCode: string,
    months: number,
    cursor?: string,
  ): Promise<{ participants: Participant[]; cursor?: string }>;
  /** Which of these participants the campaign has noted already. */
  findExisting(campaignId: string, participantIds: readonly string[]): Promise<Set<string>>;
  /** Writes new notices (the mapping lease's holder, after findExisting: never over a claim). */
  putNew(notices: readonly DueSoonNotice[]): Promise<void>;
  page(campaignId: string, cursor?: string): Promise<{ notices: DueSoonNotice[]; cursor?: string }>;
  /** One participant's notice of the campaign (the SMS of its failed WhatsApp reads it). */
  get(campaignId: string, participantId: string): Promise<DueSoonNotice | undefined>;
}

const keyOf = (n: NoticeRef) => ({
  campaignId: dueSoonPartitionOf(n.campaignId),
  participantId: n.participantId,
});

const PAGE_SIZE = 500;

export class DynamoDueSoonStore implements DueSoonStore {
  /** `cases`: the cases table's store, whose existence check serves the notices' partition too. */
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: { cases: string; participants: string },
    private readonly cases: Pick<CaseStore, "findExisting">,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.cases,
  ) {}

  async participantsWithMonths(branchCode: string, months: number, cursor?: string) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tables.participants,
        IndexName: PARTICIPANTS_BY_BRANCH_ARREARS,
        KeyConditionExpression: "branchCode = :branch AND monthsInArrears = :months",
        ExpressionAttributeValues: { ":branch": branchCode, ":months": months },
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    const next = encodeCursor(out.LastEvaluatedKey);
    return { participants: (out.Items ?? []) as Participant[], ...(next ? { cursor: next } : {}) };
  }

  findExisting(campaignId: string, participantIds: readonly string[]) {
    return this.cases.findExisting(dueSoonPartitionOf(campaignId), participantIds);
  }

  async putNew(notices: readonly DueSoonNotice[]) {
    const items = notices.map((n) => ({
      ...n,
      ...keyOf(n),
      followUps: n.followUps ?? {},
      expiresAt: expiresAt(n.createdAt, this.retentionDays),
    }));
    await batchPutAll(this.doc, this.tables.cases, items);
  }

  async page(campaignId: string, cursor?: string) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tables.cases,
        KeyConditionExpression: "campaignId = :c",
        ExpressionAttributeValues: { ":c": dueSoonPartitionOf(campaignId) },
        ExclusiveStartKey: decodeCursor(cursor),
        Limit: PAGE_SIZE,
      }),
    );
    const notices = (out.Items ?? []).map(noticeOfItem);
    const next = encodeCursor(out.LastEvaluatedKey);
    return { notices, ...(next ? { cursor: next } : {}) };
  }

  async get(campaignId: string, participantId: string) {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tables.cases, Key: keyOf({ campaignId, participantId }) }),
    );
    return out.Item ? noticeOfItem(out.Item) : undefined;
  }

  /** The notice's claim: it exists, and has no state for `key` or a transient failure. */
  async claim(n: NoticeRef, key: string, _requires: unknown, now: Date): Promise<"CLAIMED" | "ALREADY"> {
    const x = followUpClaim(key, now).require("attribute_exists(participantId)");
    return (await conditionalUpdate(this.doc, x.update(this.tables.cases, keyOf(n)))) ? "CLAIMED" : "ALREADY";
  }

  async markSent(
    n: NoticeRef,
    key: string,
    now: Date,
    sent: { channel: MessageChannel; uncapped?: boolean },
  ) {
    await this.fromClaimed(n, key, { status: "SENT", at: now.toISOString(), ...sent });
  }

  async markFailed(n: NoticeRef, key: string, now: Date, failure: { reason: string; retryable: boolean }) {
    await this.fromClaimed(n, key, { status: "FAILED", at: now.toISOString(), ...failure });
  }

  private async fromClaimed(n: NoticeRef, key: string, state: FollowUpState) {
    const x = followUpMark(key, state);
    if (!(await conditionalUpdate(this.doc, x.update(this.tables.cases, keyOf(n))))) {
      throw new FollowUpStateConflictError(
        `due-soon notice ${maskCaseId(n)} ${key.split("#")[0]} was not CLAIMED when marking it ${state.status}`,
      );
    }
  }
}

/** A stored notice, its campaign id the campaign's (the item's partition is the notices'). */
function noticeOfItem({ expiresAt: _e, ...item }: Record<string, unknown>): DueSoonNotice {
  const n = item as unknown as DueSoonNotice;
  return { ...n, campaignId: campaignIdOf(n.branchCode, n.period) };
}

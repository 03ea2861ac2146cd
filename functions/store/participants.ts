import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import { maskParticipantId } from "../domain/masking";
import type { Participant, PhoneType } from "../domain/participant";
import { expiresAt } from "../domain/retention";
import { FatalError } from "../errors";
import { batchPutAll } from "./batch";
import { isConditionFailure } from "./conditional";
import { decodeCursor, encodeCursor } from "./cursor";
import { PARTICIPANTS_BY_BRANCH_ARREARS } from "./schemas";

export interface ParticipantPage {
  participants: Participant[];
  cursor?: string;
}

export interface ParticipantStore {
  /**
   * Upserts a snapshot of participants (BatchWriteItem by 25, unprocessed items retried), each kept
   * the retention's days after its import (`expiresAt`).
   */
  putMany(participants: readonly Participant[]): Promise<{ requests: number }>;
  get(participantId: string): Promise<Participant | undefined>;
  /** One page of a branch's participants with at least `minMonths` of arrears (index query, no scan). */
  pageInArrears(
    branchCode: string,
    minMonths: number,
    cursor?: string,
    limit?: number,
  ): Promise<ParticipantPage>;
  /** How many of a branch's participants are below `minMonths` (counted on the index). */
  countBelow(branchCode: string, minMonths: number): Promise<number>;
}

/** Contact-data corrections from agents (kept apart from the import's store interface). */
export interface ParticipantContactStore {
  /**
   * Replaces the participant's number with one an agent confirmed (contactable again); returns the
   * number it had. Throws ParticipantNotFoundError when there is no such participant.
   */
  updatePhone(
    participantId: string,
    phone: { e164: string; type: PhoneType },
    now: Date,
  ): Promise<{ previous?: string }>;
}

export class ParticipantNotFoundError extends Error {
  override name = FatalError.ParticipantNotFound;
}

export class DynamoParticipantStore implements ParticipantStore, ParticipantContactStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly writeConcurrency = 4,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.participants,
  ) {}

  putMany(participants: readonly Participant[]) {
    const items = participants.map((p) => ({ ...p, expiresAt: expiresAt(p.importedAt, this.retentionDays) }));
    return batchPutAll(this.doc, this.table, items, {
      concurrency: this.writeConcurrency,
    });
  }

  async get(participantId: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { participantId } }));
    return out.Item as Participant | undefined;
  }

  async pageInArrears(branchCode: string, minMonths: number, cursor?: string, limit = 1_000) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: PARTICIPANTS_BY_BRANCH_ARREARS,
        KeyConditionExpression: "branchCode = :branch AND monthsInArrears >= :min",
        ExpressionAttributeValues: { ":branch": branchCode, ":min": minMonths },
        ExclusiveStartKey: decodeCursor(cursor),
        Limit: limit,
      }),
    );
    const next = encodeCursor(out.LastEvaluatedKey);
    return { participants: (out.Items ?? []) as Participant[], ...(next ? { cursor: next } : {}) };
  }

  async countBelow(branchCode: string, minMonths: number) {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: PARTICIPANTS_BY_BRANCH_ARREARS,
          KeyConditionExpression: "branchCode = :branch AND monthsInArrears < :min",
          ExpressionAttributeValues: { ":branch": branchCode, ":min": minMonths },
          Select: "COUNT",
          ExclusiveStartKey: start,
        }),
      );
      count += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return count;
  }

  async updatePhone(participantId: string, phone: { e164: string; type: PhoneType }, now: Date) {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { participantId },
          UpdateExpression:
            "SET phone = :phone, phoneType = :type, phoneRaw = :phone, contactable = :true, phoneUpdatedAt = :now",
          ConditionExpression: "attribute_exists(participantId)",
          ExpressionAttributeValues: {
            ":phone": phone.e164,
            ":type": phone.type,
            ":true": true,
            ":now": now.toISOString(),
          },
          ReturnValues: "UPDATED_OLD",
        }),
      );
      const previous = out.Attributes?.phone as string | undefined;
      return previous ? { previous } : {};
    } catch (error) {
      if (isConditionFailure(error))
        throw new ParticipantNotFoundError(`participant ${maskParticipantId(participantId)} does not exist`);
      throw error;
    }
  }
}

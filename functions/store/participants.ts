import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Participant } from "../domain/participant";
import { batchPutAll } from "./batch";
import { decodeCursor, encodeCursor } from "./cursor";
import { PARTICIPANTS_BY_BRANCH_ARREARS } from "./schemas";

export interface ParticipantPage {
  participants: Participant[];
  cursor?: string;
}

export interface ParticipantStore {
  /** Upserts a snapshot of participants (BatchWriteItem by 25, unprocessed items retried). */
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

export class DynamoParticipantStore implements ParticipantStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly writeConcurrency = 4,
  ) {}

  putMany(participants: readonly Participant[]) {
    return batchPutAll(this.doc, this.table, participants as unknown as Record<string, unknown>[], {
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
}

import type { DynamoDBDocumentClient, UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { CallbackRequest } from "../domain/case";
import { conditionalUpdate } from "./conditional";

/**
 * What a participant's WhatsApp reply changes on their case, each a conditional write on an OPEN
 * case (a paid or closed case is left alone): a later call, a raised priority, a callback window.
 */
export interface CaseReplyStore {
  /** "Sudah bayar" with no payment yet: the next call not before `notBefore`; false when already later. */
  deferCall(campaignId: string, participantId: string, notBefore: string, now: Date): Promise<boolean>;
  /** "Minta ditelepon": the case first in the dial queue (boosted rank); false when not queued. */
  boost(campaignId: string, participantId: string, boostedRank: string, now: Date): Promise<boolean>;
  /** The window chosen: kept on the case, the next call at its start, first in the queue. */
  setCallback(
    campaignId: string,
    participantId: string,
    change: { callback: CallbackRequest; nextAttemptAt: string; boostedRank: string },
    now: Date,
  ): Promise<boolean>;
}

export class DynamoCaseReplyStore implements CaseReplyStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  deferCall(campaignId: string, participantId: string, notBefore: string, now: Date) {
    return this.onOpen(campaignId, participantId, now, {
      UpdateExpression: "SET nextAttemptAt = :next, updatedAt = :now",
      ConditionExpression: "#status = :open AND nextAttemptAt < :next",
      ExpressionAttributeValues: { ":next": notBefore },
    });
  }

  boost(campaignId: string, participantId: string, boostedRank: string, now: Date) {
    return this.onOpen(campaignId, participantId, now, {
      UpdateExpression: "SET dialRank = :rank, updatedAt = :now",
      ConditionExpression: "#status = :open AND attribute_exists(dialQueue)",
      ExpressionAttributeValues: { ":rank": boostedRank },
    });
  }

  setCallback(
    campaignId: string,
    participantId: string,
    change: { callback: CallbackRequest; nextAttemptAt: string; boostedRank: string },
    now: Date,
  ) {
    return this.onOpen(campaignId, participantId, now, {
      UpdateExpression: "SET callback = :cb, nextAttemptAt = :next, dialRank = :rank, updatedAt = :now",
      ConditionExpression: "#status = :open AND attribute_exists(dialQueue)",
      ExpressionAttributeValues: {
        ":cb": change.callback,
        ":next": change.nextAttemptAt,
        ":rank": change.boostedRank,
      },
    });
  }

  private onOpen(
    campaignId: string,
    participantId: string,
    now: Date,
    input: Required<Pick<UpdateCommandInput, "UpdateExpression" | "ConditionExpression">> & {
      ExpressionAttributeValues: Record<string, unknown>;
    },
  ) {
    return conditionalUpdate(this.doc, {
      TableName: this.table,
      Key: { campaignId, participantId },
      ...input,
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ...input.ExpressionAttributeValues,
        ":open": "OPEN",
        ":now": now.toISOString(),
      },
    });
  }
}

import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { type Interaction, interactionItem, type NewInteraction } from "../domain/interaction";
import { conditionalPut } from "./conditional";
import { collectPages, decodeCursor, encodeCursor } from "./cursor";
import { INTERACTIONS_BY_CAMPAIGN } from "./schemas";

/** Puts an interaction once: false when one with the same key (time, kind, dedupe key) exists. */
export function putInteractionOnce(
  doc: DynamoDBDocumentClient,
  table: string,
  interaction: NewInteraction,
  retentionDays: number,
): Promise<boolean> {
  return conditionalPut(doc, {
    TableName: table,
    Item: interactionItem(interaction, retentionDays),
    ConditionExpression: "attribute_not_exists(interactionKey)",
  });
}

export interface InteractionStore {
  /** Appends once: false when an interaction with the same time, kind and dedupe key exists. */
  record(interaction: NewInteraction): Promise<boolean>;
  pageByCampaign(
    campaignId: string,
    cursor?: string,
  ): Promise<{ interactions: Interaction[]; cursor?: string }>;
  /** The latest `limit` interactions of these cases together, newest first. */
  lastOfCases(caseIds: readonly string[], limit: number): Promise<Interaction[]>;
  /** A campaign's whole audit trail in time order (reports, exports). */
  allByCampaign(campaignId: string): Promise<Interaction[]>;
}

export class DynamoInteractionStore implements InteractionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly retentionDays: number,
  ) {}

  record(interaction: NewInteraction) {
    return putInteractionOnce(this.doc, this.table, interaction, this.retentionDays);
  }

  async pageByCampaign(campaignId: string, cursor?: string) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INTERACTIONS_BY_CAMPAIGN,
        KeyConditionExpression: "campaignId = :c",
        ExpressionAttributeValues: { ":c": campaignId },
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    const next = encodeCursor(out.LastEvaluatedKey);
    return { interactions: (out.Items ?? []) as Interaction[], ...(next ? { cursor: next } : {}) };
  }

  allByCampaign(campaignId: string) {
    return collectPages(async (cursor) => {
      const page = await this.pageByCampaign(campaignId, cursor);
      return { items: page.interactions, ...(page.cursor ? { cursor: page.cursor } : {}) };
    });
  }

  async lastOfCases(caseIds: readonly string[], limit: number) {
    const pages = await Promise.all(
      caseIds.map((caseId) =>
        this.doc.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: "caseId = :c",
            ExpressionAttributeValues: { ":c": caseId },
            ScanIndexForward: false,
            Limit: limit,
          }),
        ),
      ),
    );
    return pages
      .flatMap((out) => (out.Items ?? []) as Interaction[])
      .sort((a, b) =>
        a.interactionKey < b.interactionKey ? 1 : a.interactionKey > b.interactionKey ? -1 : 0,
      )
      .slice(0, limit);
  }
}

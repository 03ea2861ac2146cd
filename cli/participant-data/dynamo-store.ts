import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { TableNames } from "../../functions/contracts";
import {
  conditionalPut,
  conditionalTransact,
  conditionalUpdate,
  isConditionFailure,
} from "../../functions/store/conditional";
import { worklistScope } from "../../functions/store/kader-worklists";
import {
  CASES_BY_PARTICIPANT,
  PAYMENTS_BY_PARTICIPANT,
  TABLE_SCHEMAS,
  type TableName,
} from "../../functions/store/schemas";
import { UpdateExpression } from "../../functions/store/update-expression";
import {
  type ErasureRecord,
  type ErasureRun,
  erasureScope,
  type Item,
  keyOf,
  ParticipantDataChangedError,
  type ParticipantDataStore,
} from "./records";

const ERASURE_KEY = "ERASURE";
/** The agent roster's item of a campaign (functions/store/dynamo-agent-roster.ts). */
const rosterId = (campaignId: string) => `calls#${campaignId}`;
const sameKey = (a: Item, b: Item) => JSON.stringify(a) === JSON.stringify(b);

const changedMeanwhile = (table: TableName) =>
  new ParticipantDataChangedError(
    `an item of ${table} changed or expired while it was being erased: run the command again`,
  );

/** The item is still there, with the status, last update and import it was read with. */
function unchangedSince(table: TableName, old: Item) {
  const guard = new UpdateExpression()
    .name("#pk", TABLE_SCHEMAS[table].partitionKey.name)
    .require("attribute_exists(#pk)");
  for (const field of ["status", "updatedAt", "importedAt"]) {
    if (typeof old[field] === "string") {
      guard.name(`#${field}`, field).require(`#${field} = :${field}`, { [`:${field}`]: old[field] });
    }
  }
  return {
    ConditionExpression: guard.conditions.join(" AND "),
    ExpressionAttributeNames: guard.names,
    ...(Object.keys(guard.values).length > 0 ? { ExpressionAttributeValues: guard.values } : {}),
  };
}

/*
 * One participant's items in every table, for an export or an erasure on request: read by key and
 * index where the tables allow it, by a filtered scan where they do not (a payment's card number as
 * sent, the audit table). Rare, engineer-run work: never on a Lambda's path.
 */

export class DynamoParticipantDataStore implements ParticipantDataStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  async participant(participantId: string) {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tables.participants, Key: { participantId }, ConsistentRead: true }),
    );
    return out.Item;
  }

  async cases(participantId: string) {
    const refs = await this.query({
      TableName: this.tables.cases,
      IndexName: CASES_BY_PARTICIPANT,
      KeyConditionExpression: "participantId = :p",
      ExpressionAttributeValues: { ":p": participantId },
    });
    const items = await Promise.all(
      refs.map(async (ref) => {
        const out = await this.doc.send(
          new GetCommand({
            TableName: this.tables.cases,
            Key: { campaignId: ref.campaignId, participantId: ref.participantId },
            ConsistentRead: true,
          }),
        );
        return out.Item;
      }),
    );
    return items.filter((i): i is Item => i !== undefined);
  }

  interactions(caseId: string) {
    return this.query({
      TableName: this.tables.interactions,
      KeyConditionExpression: "caseId = :c",
      ExpressionAttributeValues: { ":c": caseId },
      ConsistentRead: true,
    });
  }

  async campaignIds() {
    const items = await this.scan({
      TableName: this.tables.campaigns,
      ProjectionExpression: "campaignId",
      ConsistentRead: true,
    });
    return items.map((i) => String(i.campaignId));
  }

  async payments(participantId: string) {
    const counted = await this.query({
      TableName: this.tables.payments,
      IndexName: PAYMENTS_BY_PARTICIPANT,
      KeyConditionExpression: "participantId = :p",
      ExpressionAttributeValues: { ":p": participantId },
    });
    const sentFor = await this.scan({
      TableName: this.tables.payments,
      FilterExpression: "participantIdAsSent = :p AND participantId <> :p",
      ExpressionAttributeValues: { ":p": participantId },
      ConsistentRead: true,
    });
    return [...counted, ...sentFor];
  }

  async rosterEntries(participantId: string, campaignIds: readonly string[]) {
    const held = await Promise.all(
      campaignIds.map(async (campaignId) => {
        const out = await this.doc.send(
          new GetCommand({
            TableName: this.tables.limits,
            Key: { limitId: rosterId(campaignId) },
            ConsistentRead: true,
          }),
        );
        const entry = (out.Item?.calls as Record<string, Item> | undefined)?.[participantId];
        return entry ? [{ campaignId, entry }] : [];
      }),
    );
    return held.flat();
  }

  async removeRosterEntry(campaignId: string, participantId: string) {
    const update = new UpdateExpression().name("#p", participantId).require("attribute_exists(calls.#p)");
    update.remove.push("calls.#p");
    await conditionalUpdate(this.doc, update.update(this.tables.limits, { limitId: rosterId(campaignId) }));
  }

  sentMessages(participantId: string) {
    return this.scan({
      TableName: this.tables.messages,
      FilterExpression: "participantId = :p",
      ExpressionAttributeValues: { ":p": participantId },
      ConsistentRead: true,
    });
  }

  async profile(participantId: string) {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tables.profiles, Key: { participantId }, ConsistentRead: true }),
    );
    return out.Item;
  }

  async kaderWorklist(participantId: string, campaignIds: readonly string[]) {
    const lines = await Promise.all(
      campaignIds.map((campaignId) =>
        this.query({
          TableName: this.tables.kader,
          KeyConditionExpression: "#scope = :scope",
          FilterExpression: "participantId = :p",
          ExpressionAttributeNames: { "#scope": "scope" },
          ExpressionAttributeValues: { ":scope": worklistScope(campaignId), ":p": participantId },
          ConsistentRead: true,
        }),
      ),
    );
    return lines.flat();
  }

  kaderResults(participantId: string) {
    return this.scan({
      TableName: this.tables.kader,
      FilterExpression: "participantId = :p AND begins_with(#scope, :result)",
      ExpressionAttributeNames: { "#scope": "scope" },
      ExpressionAttributeValues: { ":p": participantId, ":result": "RESULT#" },
      ConsistentRead: true,
    });
  }

  async auditMentioning(texts: readonly string[]) {
    const wanted = texts.filter((t) => t !== "");
    if (wanted.length === 0) return [];
    const all = await this.scan({
      TableName: this.tables.audit,
      FilterExpression: "NOT begins_with(#scope, :erasure)",
      ExpressionAttributeNames: { "#scope": "scope" },
      ExpressionAttributeValues: { ":erasure": "ERASURE#" },
      ConsistentRead: true,
    });
    return all.filter((item) => {
      const text = JSON.stringify(item);
      return wanted.some((t) => text.includes(JSON.stringify(t).slice(1, -1)));
    });
  }

  async erasure(pseudonym: string) {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tables.audit,
        Key: { scope: erasureScope(pseudonym), recordKey: ERASURE_KEY },
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const { scope: _s, recordKey: _k, expiresAt: _e, ...record } = out.Item;
    return record as ErasureRecord;
  }

  createErasure(record: ErasureRecord, expiresAt: number) {
    return conditionalPut(this.doc, {
      TableName: this.tables.audit,
      Item: { scope: erasureScope(record.pseudonym), recordKey: ERASURE_KEY, ...record, expiresAt },
      ConditionExpression: "attribute_not_exists(#scope)",
      ExpressionAttributeNames: { "#scope": "scope" },
    });
  }

  async finishErasure(pseudonym: string, run: ErasureRun, kept: Record<string, number>, at: string) {
    const update = new UpdateExpression()
      .name("#status", "status")
      .assign("#status", ":done", "DONE")
      .assign("finishedAt", ":at", at)
      .assign("kept", ":kept", kept)
      .value(":run", [run])
      .require("attribute_exists(runs)");
    update.set.push("runs = list_append(runs, :run)");
    await this.doc.send(
      new UpdateCommand(
        update.update(this.tables.audit, { scope: erasureScope(pseudonym), recordKey: ERASURE_KEY }),
      ),
    );
  }

  async replace(table: TableName, old: Item, item: Item) {
    const name = this.tables[table];
    const oldKey = keyOf(table, old);
    const guard = unchangedSince(table, old);
    const moved = !sameKey(oldKey, keyOf(table, item));
    const written = moved
      ? await conditionalTransact(this.doc, {
          TransactItems: [
            { Put: { TableName: name, Item: item } },
            { Delete: { TableName: name, Key: oldKey, ...guard } },
          ],
        })
      : await conditionalPut(this.doc, { TableName: name, Item: item, ...guard });
    if (!written) throw changedMeanwhile(table);
  }

  async remove(table: TableName, old: Item) {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tables[table],
          Key: keyOf(table, old),
          ...unchangedSince(table, old),
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw changedMeanwhile(table);
    }
  }

  private async query(input: QueryCommandInput): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private async scan(input: ScanCommandInput): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.doc.send(new ScanCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }
}

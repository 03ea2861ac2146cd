import { PutCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { TableNames } from "../../functions/contracts";
import { createDocumentClient } from "../../functions/store/client";
import { DynamoMeter } from "../../local/metering";
import { freshTables } from "./tables";

let tables: TableNames;
let doc: Awaited<ReturnType<typeof freshTables>>["doc"];
let meter: DynamoMeter;
let endpoint: string;

beforeAll(async () => {
  ({ tables, doc, endpoint } = await freshTables());
  meter = new DynamoMeter().attach(doc);
});

const interaction = (key: string) => ({
  caseId: "SEMARANG#2026-11#0001",
  interactionKey: key,
  campaignId: "SEMARANG#2026-11",
  participantId: "0001",
  kind: "SMS_SENT",
  at: "2026-11-11T01:00:00.000Z",
});

/** Write units DynamoDB reports for one write, as the cost model reads them. */
async function writeUnits(write: () => Promise<unknown>): Promise<number> {
  const before = meter.snapshot().writeRequestUnits;
  await write();
  return meter.snapshot().writeRequestUnits - before;
}

describe("DynamoDB use as the cost model counts it", () => {
  it("counts an index write per index, and a transaction at the 2x DynamoDB reports for it", async () => {
    // The interactions table has one index (byCampaign): item plus index.
    const single = await writeUnits(() =>
      doc.send(new PutCommand({ TableName: tables.interactions, Item: interaction("a") })),
    );
    expect(single).toBe(2);
    // DynamoDB Local already doubles a transaction's items and their index writes: not doubled again.
    const transacted = await writeUnits(() =>
      doc.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: tables.interactions, Item: interaction("b") } }],
        }),
      ),
    );
    expect(transacted).toBe(4);
  });

  it("writes the dialQueue index only when the dialer's fields change", async () => {
    const key = { campaignId: "SEMARANG#2026-11", participantId: "0001" };
    await doc.send(
      new PutCommand({
        TableName: tables.cases,
        Item: { ...key, status: "OPEN", callAttempts: 0, dialQueue: key.campaignId, dialRank: "1#0001" },
      }),
    );
    // An SMS sent: not projected, the item alone.
    const sms = await writeUnits(() =>
      doc.send(
        new UpdateCommand({
          TableName: tables.cases,
          Key: key,
          UpdateExpression: "SET sms = :s",
          ExpressionAttributeValues: { ":s": { "1": { status: "SENT" } } },
        }),
      ),
    );
    expect(sms).toBe(1);
    // An attempt counted: the dialer reads it from the index, so the index is written too.
    const attempt = await writeUnits(() =>
      doc.send(
        new UpdateCommand({
          TableName: tables.cases,
          Key: key,
          UpdateExpression: "SET callAttempts = :n",
          ExpressionAttributeValues: { ":n": 1 },
        }),
      ),
    );
    expect(attempt).toBe(2);
  });

  it("counts requests alone, without asking for capacity, for timed benchmarks", async () => {
    // A client of its own: a client takes one meter.
    const ownDoc = createDocumentClient({ endpoint });
    const counter = new DynamoMeter({ units: false }).attach(ownDoc);
    await ownDoc.send(new PutCommand({ TableName: tables.interactions, Item: interaction("c") }));
    await ownDoc.send(new PutCommand({ TableName: tables.interactions, Item: interaction("d") }));
    expect(counter.requestCount()).toBe(2);
    expect(counter.snapshot().writeRequestUnits).toBe(0);
  });
});

import { PutCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { TableNames } from "../../functions/contracts";
import { DynamoCaseFollowUpStore } from "../../functions/store/case-follow-ups";
import { createDocumentClient } from "../../functions/store/client";
import { DynamoMessageStore } from "../../functions/store/messages";
import { DynamoMeter } from "../../local/metering";
import { caseOf, WITA } from "../fixtures/dialing";
import { sentReminder } from "../fixtures/messages";
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

  it("writes a call's byContact index entry at one unit, however large the case has grown", async () => {
    const key = { campaignId: "SEMARANG#2026-11", participantId: "0002" };
    // Past 1 KB, as a case gets with a month's follow-ups and dispositions: two units itself.
    const followUps = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [
        `CALL_INFO#PAYMENT#contact#00000000-0000-0000-0000-00000000000${i}`,
        { status: "SENT", at: "2026-11-13T03:31:00.000Z", channel: "WHATSAPP" },
      ]),
    );
    await doc.send(new PutCommand({ TableName: tables.cases, Item: { ...key, status: "OPEN", followUps } }));
    const started = await writeUnits(() =>
      doc.send(
        new UpdateCommand({
          TableName: tables.cases,
          Key: key,
          UpdateExpression: "SET activeContactId = :c",
          ExpressionAttributeValues: { ":c": "contact-1" },
        }),
      ),
    );
    expect(started).toBe(3);
    const ended = await writeUnits(() =>
      doc.send(
        new UpdateCommand({ TableName: tables.cases, Key: key, UpdateExpression: "REMOVE activeContactId" }),
      ),
    );
    expect(ended).toBe(3);
  });

  it("writes a WhatsApp message's status and the participant's answer without its byPhone index", async () => {
    const messages = new DynamoMessageStore(doc, tables.messages);
    const phone = "+6281100000009";
    const message = sentReminder("metering", phone, "2026-12-07T02:00:00.000Z");
    const { messageId } = message;
    const recorded = await writeUnits(() => messages.recordSent(message));
    expect(recorded).toBe(2);
    expect(
      await writeUnits(() => messages.applyStatus(messageId, "DELIVERED", "2026-12-07T02:01:00.000Z")),
    ).toBe(1);
    expect(await writeUnits(() => messages.applyStatus(messageId, "READ", "2026-12-07T02:02:00.000Z"))).toBe(
      1,
    );
    expect(await writeUnits(() => messages.noteInbound(messageId, "2026-12-07T02:03:00.000Z"))).toBe(1);
    // The index still finds the message, whole, with what the writes changed.
    expect(await messages.lastTo(phone)).toMatchObject({
      messageId,
      status: "READ",
      lastInboundAt: "2026-12-07T02:03:00.000Z",
    });
  });

  it("claims a follow-up on a case as mapping creates it in one write", async () => {
    const c = caseOf(WITA, { campaignId: "GORONTALO#2026-11", participantId: "0001000000043" });
    await doc.send(new PutCommand({ TableName: tables.cases, Item: c }));
    const followUps = new DynamoCaseFollowUpStore(doc, tables.cases);
    const before = meter.requestCount();
    const claim = await followUps.claim(
      c,
      "PROMISE_EVE#2026-11-20",
      { status: "OPEN" },
      new Date("2026-11-19T01:00:00Z"),
    );
    expect(claim).toBe("CLAIMED");
    expect(meter.requestCount() - before).toBe(1);
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

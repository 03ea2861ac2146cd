import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { DynamoDialQueue } from "../../functions/store/dynamo-dial-queue";
import { caseOf, WITA } from "../fixtures/dialing";
import { freshTables } from "./tables";

let db: Awaited<ReturnType<typeof freshTables>>;
let queue: DynamoDialQueue;

beforeAll(async () => {
  db = await freshTables();
  queue = new DynamoDialQueue(db.doc, db.tables, 30);
});

describe("the case of a call in flight (byContact, keys only)", () => {
  it("is found whole by the call's contact id, and only while the call is in flight", async () => {
    const inFlight = {
      ...caseOf(WITA, { campaignId: "GORONTALO#2026-11", participantId: "0001000000051" }),
      inFlight: { contactId: "contact-51", attempt: 1, startedAt: "2026-11-13T01:00:00.000Z" },
      activeContactId: "contact-51",
      sms: { "1": { status: "SENT" as const, at: "2026-11-11T01:00:00.000Z", attempts: 1 } },
    };
    const ended = caseOf(WITA, { campaignId: "GORONTALO#2026-11", participantId: "0001000000052" });
    for (const c of [inFlight, ended])
      await db.doc.send(new PutCommand({ TableName: db.tables.cases, Item: c }));
    // Attributes the index does not hold come with it: the handlers read the case, not the index.
    expect(await queue.findByContact("contact-51")).toEqual(inFlight);
    expect(await queue.findByContact("contact-52")).toBeUndefined();
  });
});

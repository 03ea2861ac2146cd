import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { type ChannelProfile, messageIdOf } from "../../functions/domain/messaging";
import { DynamoMessageStore } from "../../functions/store/messages";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { sentReminder } from "../fixtures/messages";
import { freshTables } from "./tables";

let db: Awaited<ReturnType<typeof freshTables>>;
let messages: DynamoMessageStore;
let profiles: DynamoProfileStore;

beforeAll(async () => {
  db = await freshTables();
  messages = new DynamoMessageStore(db.doc, db.tables.messages, 30);
  profiles = new DynamoProfileStore(db.doc, db.tables.profiles, 10);
});

const sent = sentReminder;

const ttlOf = async (table: string, key: Record<string, string>) =>
  (await db.doc.send(new GetCommand({ TableName: table, Key: key }))).Item?.expiresAt;

describe("DynamoMessageStore", () => {
  it("records a message once, kept the retention's days", async () => {
    const m = sent("a", "+6281100000001", "2026-12-07T02:00:00.000Z");
    await messages.recordSent(m);
    await messages.recordSent({ ...m, purpose: "DUE_SOON" });
    expect(await messages.get(m.messageId)).toEqual(m);
    expect(await ttlOf(db.tables.messages, { messageId: m.messageId })).toBe(
      Date.parse(m.sentAt) / 1000 + 30 * 86_400,
    );
  });

  it("moves a status forward only, whatever order the events come in", async () => {
    const m = sent("b", "+6281100000002", "2026-12-07T02:00:00.000Z");
    await messages.recordSent(m);
    expect(await messages.applyStatus(m.messageId, "READ", "2026-12-07T02:05:00.000Z")).toMatchObject({
      status: "READ",
      statusAt: "2026-12-07T02:05:00.000Z",
    });
    expect(await messages.applyStatus(m.messageId, "DELIVERED", "2026-12-07T02:01:00.000Z")).toBeUndefined();
    expect(await messages.applyStatus(m.messageId, "FAILED", "2026-12-07T02:06:00.000Z")).toBeUndefined();
    expect(await messages.applyStatus(m.messageId, "READ", "2026-12-07T02:05:00.000Z")).toBeUndefined();
    expect((await messages.get(m.messageId))?.status).toBe("READ");
    expect(await messages.applyStatus(messageIdOf("never sent"), "READ", m.sentAt)).toBeUndefined();
  });

  it("applies racing statuses so that the furthest one wins", async () => {
    const m = sent("c", "+6281100000003", "2026-12-07T02:00:00.000Z");
    await messages.recordSent(m);
    await Promise.all([
      messages.applyStatus(m.messageId, "DELIVERED", "2026-12-07T02:01:00.000Z"),
      messages.applyStatus(m.messageId, "READ", "2026-12-07T02:02:00.000Z"),
      messages.applyStatus(m.messageId, "DELIVERED", "2026-12-07T02:01:00.000Z"),
    ]);
    expect((await messages.get(m.messageId))?.status).toBe("READ");
  });

  it("finds the last message to a number and notes the participant's answer", async () => {
    const phone = "+6281100000004";
    const first = sent("d1", phone, "2026-12-01T02:00:00.000Z");
    const last = sent("d2", phone, "2026-12-05T02:00:00.000Z");
    await messages.recordSent(last);
    await messages.recordSent(first);
    expect((await messages.lastTo(phone))?.messageId).toBe(last.messageId);
    expect(await messages.lastTo("+6281199999999")).toBeUndefined();
    await messages.noteInbound(last.messageId, "2026-12-05T03:00:00.000Z");
    await messages.noteInbound(last.messageId, "2026-12-05T02:30:00.000Z");
    await messages.noteInbound(messageIdOf("nothing"), "2026-12-05T02:30:00.000Z");
    expect((await messages.get(last.messageId))?.lastInboundAt).toBe("2026-12-05T03:00:00.000Z");
    expect(await messages.get(messageIdOf("nothing"))).toBeUndefined();
  });
});

const failed =
  (at: string) =>
  (p: ChannelProfile | undefined): ChannelProfile => ({
    participantId: "x",
    whatsapp: "UNKNOWN",
    ...p,
    whatsappFailures: (p?.whatsappFailures ?? 0) + 1,
    updatedAt: at,
  });

describe("DynamoProfileStore", () => {
  it("creates, changes and reads profiles, kept the retention's days", async () => {
    const updated = await profiles.update("0001000000010", failed("2026-12-07T02:00:00.000Z"));
    expect(updated).toMatchObject({ participantId: "0001000000010", whatsappFailures: 1 });
    await profiles.update("0001000000010", failed("2026-12-07T03:00:00.000Z"));
    expect(await profiles.get("0001000000010")).toMatchObject({ whatsappFailures: 2 });
    expect(await ttlOf(db.tables.profiles, { participantId: "0001000000010" })).toBe(
      Date.parse("2026-12-07T03:00:00.000Z") / 1000 + 10 * 86_400,
    );
    const many = await profiles.getMany(["0001000000010", "0001000000011"]);
    expect([...many.keys()]).toEqual(["0001000000010"]);
    expect(many.get("0001000000010")).not.toHaveProperty("expiresAt");
  });

  it("loses no change when updates race (each re-reads after a lost write)", async () => {
    const at = (i: number) => `2026-12-07T04:00:0${i}.000Z`;
    await Promise.all([0, 1, 2, 3].map((i) => profiles.update("0001000000012", failed(at(i)))));
    expect((await profiles.get("0001000000012"))?.whatsappFailures).toBe(4);
  });
});

import { randomBytes } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { DynamoParticipantDataStore } from "../../cli/participant-data/dynamo-store";
import { eraseParticipant, planErasure } from "../../cli/participant-data/erase";
import { pseudonymOf } from "../../cli/participant-data/erasure";
import { exportParticipant } from "../../cli/participant-data/export";
import { ParticipantDataChangedError, type ParticipantDataStore } from "../../cli/participant-data/records";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { ALL_TABLES } from "../../functions/store/schemas";
import { participant } from "../fixtures/participants";
import {
  ADDRESS,
  BYSTANDER_ID,
  buildParticipantScene,
  CAMPAIGNS,
  DUE,
  ERASED_ID,
  identifiersFound,
  NAME,
  PHONE,
  scanAll,
} from "./participant-data-fixture";
import { freshTables } from "./tables";

const KEY = randomBytes(32);
const NOW = new Date("2026-12-06T02:00:00Z");
const REQUEST = { by: "dpo", reason: "request of 2026-12-01 (letter 17/PDP)" };

let db: Awaited<ReturnType<typeof freshTables>>;
let store: DynamoParticipantDataStore;

beforeEach(async () => {
  db = await freshTables();
  store = new DynamoParticipantDataStore(db.doc, db.tables);
  await buildParticipantScene(db.doc, db.tables);
});

const deps = (s: ParticipantDataStore = store) => ({ store: s, key: KEY, now: NOW, retentionDays: 1825 });
const erase = async (s: ParticipantDataStore = store) =>
  eraseParticipant(deps(s), await planErasure(deps(s), ERASED_ID), REQUEST);

/** Every method of the store that writes. */
const WRITES = new Set(["createErasure", "finishErasure", "replace", "remove", "removeRosterEntry"]);

/** The store, failing every write after the first `n` (a crash midway). */
function failingAfter(inner: ParticipantDataStore, n: number): ParticipantDataStore {
  let writes = 0;
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (WRITES.has(String(property)) && ++writes > n) throw new Error("simulated crash");
        return value.apply(target, args);
      };
    },
  });
}

const withoutErasedAt = (items: Record<string, unknown>[]) => items.map(({ erasedAt: _e, ...rest }) => rest);

describe("export of a participant's data", () => {
  it("holds everything under the card number: snapshot, both cases, interactions, payments, access", async () => {
    const doc = await exportParticipant({ store, now: NOW }, ERASED_ID);
    if (!("participantId" in doc)) throw new Error("expected a participant export");
    expect(doc.participant).toMatchObject({ name: NAME, phone: PHONE, address: ADDRESS });
    expect(doc.cases.map((c) => c.campaignId).sort()).toEqual([...CAMPAIGNS]);
    expect(doc.interactions.length).toBeGreaterThanOrEqual(10);
    expect(doc.messages.map((m) => m.kind).sort()).toEqual([
      "SMS_SENT",
      "SMS_SENT",
      "SMS_SENT",
      "SMS_SENT",
      "WHATSAPP_REPLY",
    ]);
    expect(doc.sentMessages).toEqual([expect.objectContaining({ phone: PHONE, status: "READ" })]);
    expect(doc.channelProfile).toMatchObject({ participantId: ERASED_ID, whatsapp: "REACHABLE" });
    expect(doc.contactUpdates).toHaveLength(2);
    expect(doc.payments.map((p) => p.paymentId).sort()).toEqual([
      "pay-applied",
      "pay-meant-for-other",
      "pay-parked",
      "pay-typo",
    ]);
    expect(doc.auditRecords.map((r) => r.scope).sort()).toEqual([
      `ACCESS#${ERASED_ID}`,
      `PARTICIPANT#${ERASED_ID}`,
    ]);
    expect(doc.channelProfile).toMatchObject({ number: { status: "CONFIRMED" } });
    expect(doc.kaderResults).toEqual([
      expect.objectContaining({ outcome: "PHONE_UPDATED", newPhone: PHONE }),
    ]);
    expect(doc.erasure).toBeNull();
  });

  it("every item of every table that holds the card number is in the export (ALL_TABLES)", async () => {
    const doc = await exportParticipant({ store, now: NOW }, ERASED_ID);
    if (!("participantId" in doc)) throw new Error("expected a participant export");
    const exported = new Set(
      [
        doc.participant,
        ...doc.cases,
        ...doc.interactions,
        ...doc.payments,
        ...doc.auditRecords,
        ...doc.sentMessages,
        doc.channelProfile,
        ...doc.kaderWorklist,
        ...doc.kaderResults,
      ].map(canonical),
    );
    const all = await scanAll(db.doc, db.tables);
    // A campaign's agent roster holds everyone's calls: the export holds the participant's entry.
    for (const { campaignId, entry } of doc.callsInProgress) {
      exported.add(canonical({ limitId: `calls#${campaignId}`, entry }));
    }
    const held = Object.entries(all).flatMap(([table, items]) =>
      items
        .filter((i) => JSON.stringify(i).includes(ERASED_ID))
        .map((i) =>
          table === "limits"
            ? canonical({ limitId: i.limitId, entry: (i.calls as Record<string, unknown>)[ERASED_ID] })
            : canonical(i),
        )
        .map((i) => [table, i] as const),
    );
    expect(held.length).toBeGreaterThanOrEqual(22);
    expect(held.filter(([, item]) => !exported.has(item))).toEqual([]);
  });
});

describe("erasure of a participant's data", () => {
  it("leaves no card number, name or phone in any table", async () => {
    expect(identifiersFound(await scanAll(db.doc, db.tables)).length).toBeGreaterThan(0);
    await erase();
    expect(identifiersFound(await scanAll(db.doc, db.tables))).toEqual([]);
  });

  it("keeps amounts, dates and statuses under the pseudonym", async () => {
    const pseudonym = pseudonymOf(KEY, ERASED_ID);
    const before = await scanAll(db.doc, db.tables);
    const outcome = await erase();
    expect(outcome.pseudonym).toBe(pseudonym);
    const cases = await store.cases(pseudonym);
    expect(
      cases
        .map((c) => [c.campaignId, c.caseId, c.amountDue, c.status, (c.promise as { status: string }).status])
        .sort(),
    ).toEqual([
      [CAMPAIGNS[0], `${CAMPAIGNS[0]}#${pseudonym}`, DUE, "OPEN", "PENDING"],
      [CAMPAIGNS[1], `${CAMPAIGNS[1]}#${pseudonym}`, DUE, "PAID", "KEPT"],
    ]);
    const november = cases.find((c) => c.campaignId === CAMPAIGNS[1]);
    expect(november).toMatchObject({ amountPaid: DUE, callAttempts: 0, smsSent: 0, contactable: false });
    expect(november).toMatchObject({ name: "[erased]", virtualAccount: "[erased]" });
    expect(november).not.toHaveProperty("phone");
    expect(november).not.toHaveProperty("dialQueue");
    const payments = (await store.payments(pseudonym)).map((p) => [
      p.paymentId,
      p.amount,
      p.paidAt,
      p.status,
    ]);
    expect(payments.sort()).toEqual([
      ["pay-applied", DUE, "2026-11-16T02:00:00.000Z", "APPLIED"],
      ["pay-meant-for-other", 35_000, "2026-11-18T03:00:00.000Z", "APPLIED"],
      ["pay-parked", 70_000, "2026-11-18T02:00:00.000Z", "UNMATCHED"],
      ["pay-typo", 35_000, "2026-11-17T02:00:00.000Z", "APPLIED"],
    ]);
    const kinds = (await store.interactions(`${CAMPAIGNS[1]}#${pseudonym}`)).map((i) => [
      i.at,
      i.kind,
      i.amount ?? null,
    ]);
    const kindsBefore = before.interactions
      ?.filter((i) => i.caseId === `${CAMPAIGNS[1]}#${ERASED_ID}`)
      .map((i) => [i.at, i.kind, i.amount ?? null])
      .sort();
    expect(kinds).toEqual(kindsBefore);
    // Free text and (masked) phone numbers leave every interaction, not only what names the person.
    const details = (await scanAll(db.doc, db.tables)).interactions
      ?.filter((i) => String(i.caseId).endsWith(pseudonym))
      .map((i) => Object.keys((i.detail ?? {}) as object));
    expect(details?.flat()).not.toContain("notes");
    expect(details?.flat().filter((k) => ["phone", "newPhone", "previous", "current"].includes(k))).toEqual(
      [],
    );
    expect(outcome.record).toMatchObject({
      pseudonym,
      status: "DONE",
      by: "dpo",
      reason: REQUEST.reason,
      startedAt: NOW.toISOString(),
      found: {
        participants: 1,
        cases: 2,
        interactions: 15,
        payments: 4,
        limits: 1,
        audit: 2,
        messages: 1,
        profiles: 1,
        kader: 2,
      },
      kept: { cases: 2, interactions: 15, payments: 4 },
    });
    expect(outcome.changed).toEqual({
      interactions: 15,
      payments: 4,
      audit: 2,
      limits: 1,
      messages: 1,
      profiles: 1,
      kader: 2,
      cases: 2,
      participants: 1,
    });
  });

  it("leaves the bystander's data as it was", async () => {
    const bystander = (all: Record<string, Record<string, unknown>[]>) =>
      Object.fromEntries(
        Object.entries(all).map(([t, items]) => [
          t,
          items.filter(
            (i) => JSON.stringify(i).includes(BYSTANDER_ID) && i.paymentId !== "pay-meant-for-other",
          ),
        ]),
      );
    const before = bystander(await scanAll(db.doc, db.tables));
    await erase();
    const after = bystander(await scanAll(db.doc, db.tables));
    // The roster item holds both calls: the participant's entry goes, the bystander's stays.
    const calls = (all: typeof before) => (all.limits ?? []).map((i) => i.calls as Record<string, unknown>);
    expect(calls(before)[0]).toHaveProperty(BYSTANDER_ID);
    expect(calls(after)).toEqual([{ [BYSTANDER_ID]: calls(before)[0]?.[BYSTANDER_ID] }]);
    expect({ ...after, limits: [] }).toEqual({ ...before, limits: [] });
  });

  it("a rerun changes nothing", async () => {
    await erase();
    const after = await scanAll(db.doc, db.tables);
    const again = await erase();
    expect(again.changed).toEqual({});
    expect(await scanAll(db.doc, db.tables)).toEqual(after);
  });

  it("a crash midway, then a rerun, ends as one uninterrupted erasure", async () => {
    for (const n of [1, 6, 15]) {
      await expect(erase(failingAfter(store, n))).rejects.toThrow("simulated crash");
    }
    const crashed = await scanAll(db.doc, db.tables);
    expect(identifiersFound(crashed).length).toBeGreaterThan(0);
    const outcome = await erase();
    expect(identifiersFound(await scanAll(db.doc, db.tables))).toEqual([]);
    expect(outcome.record.status).toBe("DONE");
    expect(outcome.record.kept).toEqual({ cases: 2, interactions: 15, payments: 4 });
    expect(outcome.record.found).toEqual({
      participants: 1,
      cases: 2,
      interactions: 15,
      payments: 4,
      limits: 1,
      audit: 2,
      messages: 1,
      profiles: 1,
      kader: 2,
    });
    expect(outcome.record.runs).toHaveLength(1);

    const reference = await freshTables();
    await buildParticipantScene(reference.doc, reference.tables);
    const referenceStore = new DynamoParticipantDataStore(reference.doc, reference.tables);
    await erase(referenceStore);
    const expected = await scanAll(reference.doc, reference.tables);
    const got = await scanAll(db.doc, db.tables);
    for (const { name } of ALL_TABLES) {
      if (name === "audit") continue;
      expect(withoutErasedAt(got[name] ?? []), name).toEqual(withoutErasedAt(expected[name] ?? []));
    }
  });

  it("after erasure, the export of the card number shows the erasure record and no name or phone", async () => {
    await erase();
    const doc = await exportParticipant({ store, key: KEY, now: NOW }, ERASED_ID);
    expect(doc).toMatchObject({
      participant: null,
      cases: [],
      interactions: [],
      payments: [],
      auditRecords: [],
      erasure: { status: "DONE", pseudonym: pseudonymOf(KEY, ERASED_ID) },
    });
    const text = JSON.stringify(doc);
    for (const id of [NAME, PHONE]) expect(text).not.toContain(id);
    const byPseudonym = await exportParticipant({ store, now: NOW }, pseudonymOf(KEY, ERASED_ID));
    expect(Object.keys(byPseudonym).sort()).toEqual(["erasure", "exportedAt", "pseudonym"]);
    expect(byPseudonym.erasure?.status).toBe("DONE");
  });

  it("a later snapshot row is a new record; erased again, it joins the same pseudonym", async () => {
    await erase();
    const back = participant({
      participantId: ERASED_ID,
      name: NAME,
      phone: PHONE,
      importedAt: "2026-12-10T00:00:00.000Z",
    });
    await new DynamoParticipantStore(db.doc, db.tables.participants).putMany([back]);
    const doc = await exportParticipant({ store, key: KEY, now: NOW }, ERASED_ID);
    // The new row and the earlier erasure; nothing of what was erased.
    expect(doc).toMatchObject({
      participant: { name: NAME },
      cases: [],
      payments: [],
      erasure: { status: "DONE" },
    });
    const again = await eraseParticipant(deps(), await planErasure(deps(), ERASED_ID), {
      by: "dpo2",
      reason: "second request",
    });
    expect(again.changed).toEqual({ participants: 1 });
    expect(again.record.runs.map((r) => [r.by, r.reason])).toEqual([
      ["dpo", REQUEST.reason],
      ["dpo2", "second request"],
    ]);
    expect(identifiersFound(await scanAll(db.doc, db.tables))).toEqual([]);
  });

  it("a case changed between the plan and its rewrite stops the run; the rerun keeps the change", async () => {
    const stale = await planErasure(deps(), ERASED_ID);
    // A payment lands on October's case meanwhile.
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tables.cases,
        Key: { campaignId: CAMPAIGNS[0], participantId: ERASED_ID },
        UpdateExpression: "SET amountPaid = :paid, updatedAt = :at",
        ExpressionAttributeValues: { ":paid": 99_000, ":at": "2026-12-06T01:59:00.000Z" },
      }),
    );
    await expect(eraseParticipant(deps(), stale, REQUEST)).rejects.toThrow(ParticipantDataChangedError);
    await erase();
    const october = (await store.cases(pseudonymOf(KEY, ERASED_ID))).find(
      (c) => c.campaignId === CAMPAIGNS[0],
    );
    expect(october?.amountPaid).toBe(99_000);
    expect(identifiersFound(await scanAll(db.doc, db.tables))).toEqual([]);
  });

  it("the plan alone writes nothing", async () => {
    const before = await scanAll(db.doc, db.tables);
    const plan = await planErasure(deps(), ERASED_ID);
    expect(plan.counts).toEqual({
      participants: 1,
      campaigns: 0,
      cases: 2,
      interactions: 15,
      payments: 4,
      limits: 1,
      audit: 2,
      messages: 1,
      profiles: 1,
      kader: 2,
    });
    expect(await scanAll(db.doc, db.tables)).toEqual(before);
  });
});

/** JSON with sorted keys at every depth, so equal items compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

import { ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { branchIndex, SAMPLE_BRANCHES } from "../../functions/domain/branches";
import type { Kader } from "../../functions/domain/kader";
import { handOffToKader, type KaderHandoffDeps } from "../../functions/services/kader-handoff";
import { mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { DynamoKaderStore } from "../../functions/store/kader";
import { DynamoKaderWorklistStore } from "../../functions/store/kader-worklists";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { participant } from "../fixtures/participants";
import { once } from "../support/steps";
import { freshTables } from "./tables";

const START = new Date("2026-11-11T02:00:00Z"); // Wednesday 09:00 WIB, week 2026-W46
const AREA = { kabupaten: "Kota Semarang", kecamatan: "Tembalang", desa: "Mekarsari" };
const ADDRESS = "Jl. Mulawarman Raya No. 12 RT 03/RW 05";

const kader = (kaderId: string, capacityPerWeek: number): Kader => ({
  kaderId,
  name: "Siti Rukayah",
  phone: "+6281275148374",
  branchCode: "SEMARANG",
  kecamatan: "Tembalang",
  capacityPerWeek,
});

let db: Awaited<ReturnType<typeof freshTables>>;
let deps: KaderHandoffDeps;
let now = START;
const input = { branchCode: "SEMARANG", period: "2026-11" };

async function items() {
  const out = await db.doc.send(new ScanCommand({ TableName: db.tables.kader }));
  return (out.Items ?? []).filter((i) => String(i.scope).startsWith("WORKLIST#"));
}

beforeAll(async () => {
  db = await freshTables();
  const participants = new DynamoParticipantStore(db.doc, db.tables.participants);
  const cases = new DynamoCaseStore(db.doc, db.tables.cases);
  const campaigns = new DynamoCampaignStore(db.doc, db.tables.campaigns);
  const kaderStore = new DynamoKaderStore(db.doc, db.tables.kader, 180);
  deps = {
    clock: { now: () => now },
    branches: branchIndex(SAMPLE_BRANCHES),
    campaigns,
    cases,
    participants,
    kaderRoster: kaderStore,
    worklists: new DynamoKaderWorklistStore(db.doc, db.tables.kader, 180),
  };
  const noPhone = { phone: undefined, phoneType: undefined, phoneRaw: "", contactable: false };
  await participants.putMany([
    participant({
      participantId: "0001000000001",
      branchCode: "SEMARANG",
      area: AREA,
      address: ADDRESS,
      ...noPhone,
    }),
    participant({ participantId: "0001000000002", branchCode: "SEMARANG", area: AREA, monthsInArrears: 26 }),
    participant({ participantId: "0001000000003", branchCode: "SEMARANG", area: AREA, ...noPhone }),
    participant({
      participantId: "0001000000004",
      branchCode: "SEMARANG",
      area: { kabupaten: "Kota Semarang", kecamatan: "Gayamsari" },
      ...noPhone,
    }),
  ]);
  await mapArrears({ participants, cases, campaigns }, input, {
    now: START,
    timeBudgetMs: 60_000,
    deadline: Date.now() + 60_000,
  });
  await kaderStore.replaceRoster("SEMARANG", [kader("SMG-K01", 2)], START);
});

// The story, each step once, so every test runs alone or in any order: a first hand-off in week
// 46, the same again, one in week 47 (the kader has room again), then one after a case was paid.
const first = once(() => handOffToKader(deps, input));
const again = once(async () => {
  await first();
  return handOffToKader(deps, input);
});
const nextWeek = once(async () => {
  await again();
  now = new Date("2026-11-16T10:00:00Z");
  return handOffToKader(deps, input);
});
const afterPayment = once(async () => {
  await nextWeek();
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tables.cases,
      Key: { campaignId: "SEMARANG#2026-11", participantId: "0001000000002" },
      UpdateExpression: "SET #status = :paid",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":paid": "PAID" },
    }),
  );
  return handOffToKader(deps, input);
});

describe("kader hand-off on DynamoDB Local", () => {
  it("lists each case needing a visit under WORKLIST#<campaign>, with what the visit needs and the table's TTL", async () => {
    expect(await first()).toEqual({ assigned: 2, unassigned: 2, paidSince: 0, week: "2026-W46" });
    const lines = await deps.worklists.listWorklist("SEMARANG#2026-11");
    expect(lines.map((l) => [l.participantId, l.kaderId, l.reason, l.unassigned])).toEqual(
      expect.arrayContaining([
        ["0001000000001", "SMG-K01", "NOT_CONTACTABLE", undefined],
        ["0001000000002", "SMG-K01", "MONTHS_24_PLUS", undefined],
        ["0001000000004", undefined, "NOT_CONTACTABLE", "NO_KADER"],
      ]),
    );
    const item = (await items()).find((i) => i.recordKey === "SMG-K01#0001000000001");
    expect(item).toMatchObject({
      scope: "WORKLIST#SEMARANG#2026-11",
      participantId: "0001000000001",
      kaderId: "SMG-K01",
      name: "Siti Aminah",
      area: AREA,
      address: ADDRESS,
      monthsInArrears: 5,
      virtualAccount: expect.stringMatching(/^\d{16}$/),
      rehabEligible: expect.any(Boolean),
      tried: { callAttempts: 0, smsSent: 0, whatsappSent: 0 },
      handedOffAt: START.toISOString(),
      week: "2026-W46",
      expiresAt: START.getTime() / 1000 + 180 * 86_400,
    });
    expect(item?.amountDue).toBeGreaterThan(0);
  });

  it("adds nothing twice", async () => {
    expect(await again()).toEqual({ assigned: 0, unassigned: 0, paidSince: 0, week: "2026-W46" });
  });

  it("a new week gives the case waiting over capacity to the kader and removes its line without kader", async () => {
    expect(await nextWeek()).toEqual({ assigned: 1, unassigned: 0, paidSince: 0, week: "2026-W47" });
    expect((await items()).map((i) => String(i.recordKey)).sort()).toEqual([
      "NONE#0001000000004",
      "SMG-K01#0001000000001",
      "SMG-K01#0001000000002",
      "SMG-K01#0001000000003",
    ]);
    const lines = await deps.worklists.listWorklist("SEMARANG#2026-11");
    expect(lines.find((l) => l.participantId === "0001000000003")).toMatchObject({ week: "2026-W47" });
    expect(lines[0]).not.toHaveProperty("scope");
  });

  it("marks the line of a case paid since its hand-off: no visit, still counted in its week", async () => {
    expect(await afterPayment()).toEqual({ assigned: 0, unassigned: 0, paidSince: 1, week: "2026-W47" });
    const lines = await deps.worklists.listWorklist("SEMARANG#2026-11");
    expect(lines.filter((l) => l.paid).map((l) => [l.participantId, l.kaderId, l.week])).toEqual([
      ["0001000000002", "SMG-K01", "2026-W46"],
    ]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { campaignIdOf } from "../../functions/domain/case";
import { DEFAULT_STRATEGY, parseStrategy } from "../../functions/domain/strategy";
import { type MapArrearsDeps, type MapArrearsResult, mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore, MappingInProgressError } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { branchPopulation, participant } from "../fixtures/participants";
import { once } from "../support/steps";
import { freshTables } from "./tables";

const NOW = new Date("2026-11-11T01:00:00Z");
let deps: MapArrearsDeps;
let cases: DynamoCaseStore;

const casesOf = (campaignId: string) => allCases(cases, campaignId);

const generous = { now: NOW, timeBudgetMs: 600_000, deadline: Date.now() + 900_000 };

/** Runs the mapping to the end as the state machine loop does, returning every page's result. */
async function mapToEnd(branchCode: string, period: string, timeBudgetMs: number, pageSize?: number) {
  const results: MapArrearsResult[] = [];
  let cursor: string | undefined;
  do {
    const result = await mapArrears(
      deps,
      { branchCode, period, ...(cursor ? { cursor } : {}) },
      { ...generous, timeBudgetMs, ...(pageSize ? { pageSize } : {}) },
    );
    results.push(result);
    cursor = result.cursor;
  } while (cursor);
  return results;
}

beforeAll(async () => {
  const { doc, tables } = await freshTables();
  cases = new DynamoCaseStore(doc, tables.cases);
  deps = {
    participants: new DynamoParticipantStore(doc, tables.participants),
    cases,
    campaigns: new DynamoCampaignStore(doc, tables.campaigns),
  };
  await deps.participants.putMany([
    participant({ participantId: "0001000000001", branchCode: "SEMARANG", monthsInArrears: 0 }),
    participant({ participantId: "0001000000002", branchCode: "SEMARANG", monthsInArrears: 1 }),
    participant({ participantId: "0001000000003", branchCode: "SEMARANG", monthsInArrears: 2 }),
    participant({ participantId: "0001000000004", branchCode: "SEMARANG", monthsInArrears: 4 }),
    participant({
      participantId: "0001000000005",
      branchCode: "SEMARANG",
      monthsInArrears: 30,
      premiumClass: 3,
      familyMembers: 3,
    }),
    participant({
      participantId: "0001000000006",
      branchCode: "SEMARANG",
      monthsInArrears: 13,
      contactable: false,
      phone: undefined,
      phoneType: undefined,
      phoneRaw: "tidak ada",
    }),
    participant({ participantId: "0001000000007", branchCode: "JAYAPURA", monthsInArrears: 10 }),
  ]);
  await deps.participants.putMany(branchPopulation("GORONTALO", 1_000, "0002"));
});

/** SEMARANG's first mapping, whichever test asks for it first. */
const semarangMapped = once(() => mapArrears(deps, { branchCode: "SEMARANG", period: "2026-11" }, generous));

describe("map arrears", () => {
  it("opens one case per participant at or above the minimum months, in the right bucket", async () => {
    const result = await semarangMapped();
    expect(result).toMatchObject({ created: 4, existing: 0, skipped: 2, notContactable: 1 });
    expect(result.cursor).toBeUndefined();
    expect(result.byBucket).toEqual({ M02_03: 1, M04_06: 1, M13_23: 1, M24_PLUS: 1 });

    const stored = await casesOf(campaignIdOf("SEMARANG", "2026-11"));
    expect(stored.map((c) => c.participantId).sort()).toEqual([
      "0001000000003",
      "0001000000004",
      "0001000000005",
      "0001000000006",
    ]);
    const capped = stored.find((c) => c.participantId === "0001000000005");
    // 30 months count as 24: 24 x Rp35.000 (Kelas III share) x 3 family members.
    expect(capped).toMatchObject({
      status: "OPEN",
      bucketId: "M24_PLUS",
      countedMonths: 24,
      amountDue: 2_520_000,
      virtualAccount: "8888801000000005",
      rehabEligible: true,
      rehabMaxInstalments: 12,
    });
    const unreachable = stored.find((c) => c.participantId === "0001000000006");
    expect(unreachable).toMatchObject({ contactable: false, treatments: ["REHAB_OFFER"] });
    const campaign = await deps.campaigns.get("SEMARANG#2026-11");
    expect(campaign).toMatchObject({ status: "MAPPED", mappedCases: 4 });
    expect(campaign?.mappingLease).toBeUndefined();
  });

  it("creates nothing twice when the same campaign is mapped again", async () => {
    await semarangMapped();
    const again = await mapArrears(deps, { branchCode: "SEMARANG", period: "2026-11" }, generous);
    expect(again).toMatchObject({ created: 0, existing: 4, byBucket: {} });
    expect(await casesOf("SEMARANG#2026-11")).toHaveLength(4);
    expect(await deps.campaigns.get("SEMARANG#2026-11")).toMatchObject({ mappedCases: 4 });
  });

  it("keeps each branch's campaign to its own participants", async () => {
    const result = await mapArrears(deps, { branchCode: "JAYAPURA", period: "2026-11" }, generous);
    expect(result.created).toBe(1);
    expect(await casesOf("SEMARANG#2026-12")).toHaveLength(0);
  });

  it("pages a 1,000-participant branch under a tiny time budget and creates every case once", async () => {
    const results = await mapToEnd("GORONTALO", "2026-11", 1, 100);
    const eligible = branchPopulation("GORONTALO", 1_000, "0002").filter(
      (p) => p.monthsInArrears >= 2,
    ).length;
    expect(results.length).toBeGreaterThan(5);
    expect(results.slice(0, -1).every((r) => r.cursor)).toBe(true);
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(eligible);
    expect(results.reduce((n, r) => n + r.existing, 0)).toBe(0);
    expect(results[0]?.skipped).toBe(1_000 - eligible);
    const stored = await casesOf("GORONTALO#2026-11");
    expect(new Set(stored.map((c) => c.participantId)).size).toBe(eligible);

    // A resumed run pages again and finds everything already there.
    const rerun = await mapToEnd("GORONTALO", "2026-11", 1, 100);
    expect(rerun.reduce((n, r) => n + r.created, 0)).toBe(0);
    expect(rerun.reduce((n, r) => n + r.existing, 0)).toBe(eligible);
  });

  it("recovers from an invocation that failed halfway, without duplicating", async () => {
    let writes = 0;
    const failing: MapArrearsDeps = {
      ...deps,
      cases: {
        findExisting: (id, ids) => cases.findExisting(id, ids),
        putNew: async (batch) => {
          if (++writes === 3) throw new Error("Lambda timed out");
          return cases.putNew(batch);
        },
      },
    };
    await expect(
      mapArrears(failing, { branchCode: "GORONTALO", period: "2026-12" }, { ...generous, pageSize: 200 }),
    ).rejects.toThrow("Lambda timed out");
    const half = (await casesOf("GORONTALO#2026-12")).length;
    expect(half).toBeGreaterThan(0);

    // Step Functions retries the task: earlier pages are found, not rewritten.
    const results = await mapToEnd("GORONTALO", "2026-12", 1, 300);
    const eligible = (await casesOf("GORONTALO#2026-12")).length;
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(eligible - half);
    expect(results.reduce((n, r) => n + r.existing, 0)).toBe(half);
    expect(await deps.campaigns.get("GORONTALO#2026-12")).toMatchObject({
      status: "MAPPED",
      mappedCases: eligible,
    });
  });

  it("lets only one invocation map a campaign at a time", async () => {
    const campaigns = deps.campaigns;
    await campaigns.acquireMappingLease({
      campaignId: "JAYAPURA#2027-01",
      branchCode: "JAYAPURA",
      period: "2027-01",
      strategy: DEFAULT_STRATEGY,
      token: "someone-else",
      until: new Date(Date.now() + 60_000),
      now: new Date(),
    });
    await expect(mapArrears(deps, { branchCode: "JAYAPURA", period: "2027-01" }, generous)).rejects.toThrow(
      MappingInProgressError,
    );
  });

  it("uses the campaign's stored strategy for every page", async () => {
    const strict = parseStrategy({
      minMonths: 7,
      buckets: [
        { id: "M07_12", label: "7-12 bulan", minMonths: 7, maxMonths: 12, treatments: ["SMS", "CALL"] },
        { id: "M13_PLUS", label: "13+ bulan", minMonths: 13, maxMonths: null, treatments: ["CALL"] },
      ],
    });
    const result = await mapArrears(
      deps,
      { branchCode: "SEMARANG", period: "2027-02", strategy: strict },
      generous,
    );
    expect(result).toMatchObject({ created: 2, skipped: 4, byBucket: { M13_PLUS: 2 } });
  });
});

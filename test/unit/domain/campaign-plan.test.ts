import { describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../../functions/domain/branches";
import { planCampaign } from "../../../functions/domain/campaign-plan";
import type { Participant } from "../../../functions/domain/participant";
import { DEFAULT_STRATEGY, parseStrategy } from "../../../functions/domain/strategy";

const gorontalo = SAMPLE_BRANCHES.find((b) => b.code === "GORONTALO") ?? SAMPLE_BRANCHES[0];

function participant(id: string, months: number, amount: number, contactable = true): Participant {
  return {
    participantId: id.padStart(13, "0"),
    name: "Budi Santoso",
    ...(contactable ? { phone: "+6281234567890", phoneType: "MOBILE" as const } : {}),
    phoneRaw: "",
    contactable,
    branchCode: "GORONTALO",
    premiumClass: 3,
    monthsInArrears: months,
    arrearsAmount: amount,
    arrearsAmountSource: "IMPORTED",
    autodebet: false,
    familyMembers: 1,
    importedAt: "2026-11-01T00:00:00Z",
  };
}

describe("campaign dry run", () => {
  it("counts categories as map-arrears would and the call capacity of the period", () => {
    if (!gorontalo) throw new Error("no sample branch");
    const plan = planCampaign({
      branch: gorontalo,
      period: "2026-11",
      strategy: DEFAULT_STRATEGY,
      participants: [
        participant("1", 2, 70_000),
        participant("2", 3, 105_000, false),
        participant("3", 30, 840_000),
        participant("4", 1, 35_000),
      ],
      belowMinMonths: 5,
      // Wednesday 11 November 09:00 WITA: grace of 2 days, first calling day Friday the 13th.
      now: new Date("2026-11-11T01:00:00Z"),
      callsPerAgentDay: 60,
    });
    expect(plan.buckets.find((b) => b.bucketId === "M02_03")).toMatchObject({
      participants: 2,
      callable: 1,
      amountDue: 175_000,
    });
    expect(plan.buckets.find((b) => b.bucketId === "M24_PLUS")).toMatchObject({
      participants: 1,
      callable: 1,
    });
    expect(plan.total).toEqual({ participants: 3, callable: 2, amountDue: 1_015_000 });
    expect(plan.belowMinMonths).toBe(6);
    // Mon-Sat from the 13th to the 30th: 13, 14, 16-21, 23-28, 30.
    expect(plan.callingDays).toHaveLength(15);
    expect(plan.callingDays[0]).toBe("2026-11-13");
    expect(plan.callingDays.at(-1)).toBe("2026-11-30");
    expect(plan.capacity).toEqual({ agents: 3, callingDays: 15, callsPerAgentDay: 60, calls: 2_700 });
    expect(plan.maxAttempts).toBe(6);
    expect(plan).toMatchObject({ minMonths: 2, attemptsPerCase: 3 });
  });

  it("says the strategy's own minimum months and attempts per case (a deployment may set its own)", () => {
    if (!gorontalo) throw new Error("no sample branch");
    const plan = planCampaign({
      branch: gorontalo,
      period: "2026-11",
      strategy: parseStrategy({
        minMonths: 3,
        buckets: [{ id: "M03_PLUS", label: "3+ bulan", minMonths: 3, maxMonths: null, treatments: ["CALL"] }],
        frequencyCap: { perDay: 1, perCampaign: 5 },
      }),
      participants: [participant("1", 2, 70_000), participant("3", 30, 840_000)],
      belowMinMonths: 0,
      now: new Date("2026-11-11T01:00:00Z"),
      callsPerAgentDay: 60,
    });
    expect(plan).toMatchObject({ minMonths: 3, attemptsPerCase: 5, belowMinMonths: 1, maxAttempts: 5 });
  });

  it("has no calling day for a past period", () => {
    if (!gorontalo) throw new Error("no sample branch");
    const plan = planCampaign({
      branch: gorontalo,
      period: "2026-10",
      strategy: DEFAULT_STRATEGY,
      participants: [],
      belowMinMonths: 0,
      now: new Date("2026-11-11T01:00:00Z"),
      callsPerAgentDay: 60,
    });
    expect(plan.callingDays).toEqual([]);
    expect(plan.capacity.calls).toBe(0);
  });
});

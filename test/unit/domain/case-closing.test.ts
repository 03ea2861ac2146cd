import { describe, expect, it } from "vitest";
import { campaignReport } from "../../../functions/domain/campaign-report";
import { type Case, openCase } from "../../../functions/domain/case";
import { closeReasonFor } from "../../../functions/domain/case-closing";
import { DEFAULT_STRATEGY } from "../../../functions/domain/strategy";
import { participant } from "../../fixtures/participants";

const base: Case = openCase(
  participant({ participantId: "0001000000001", monthsInArrears: 5 }),
  {
    bucketId: "M04_06",
    countedMonths: 5,
    amountDue: 175_000,
    priority: 3000,
    rehab: { eligible: true, maxInstalments: 2 },
    treatments: ["SMS", "CALL"],
  },
  { branchCode: "GORONTALO", period: "2026-11" },
  new Date("2026-11-11T00:00:00Z"),
);
const promise = (status: "PENDING" | "BROKEN") => ({
  amount: 1,
  date: "2026-11-20",
  status,
  agentId: "a",
  recordedAt: "x",
});

describe("close reason", () => {
  it.each<[string, Partial<Case>, string]>([
    ["any money received", { amountPaid: 1, promise: promise("BROKEN") }, "PARTIALLY_PAID"],
    ["a promise not yet due", { promise: promise("PENDING") }, "PROMISE_PENDING"],
    ["a broken promise", { promise: promise("BROKEN"), lastOutcome: "REFUSES" }, "PROMISE_BROKEN"],
    ["a refusal", { lastOutcome: "REFUSES", contacted: true }, "REFUSED"],
    ["not the participant", { lastOutcome: "WRONG_NUMBER" }, "WRONG_PARTY"],
    ["an invalid number", { lastOutcome: "INVALID_NUMBER", callAttempts: 1 }, "INVALID_NUMBER"],
    ["no usable phone", { contactable: false }, "NOT_CONTACTABLE"],
    ["talked, nothing agreed", { contacted: true, callAttempts: 1 }, "CONTACTED_NO_PAYMENT"],
    ["never reached", { callAttempts: 3, lastOutcome: "NO_ANSWER" }, "UNREACHABLE"],
    ["never called", {}, "NOT_ATTEMPTED"],
  ])("%s", (_, fields, reason) => {
    expect(closeReasonFor({ ...base, ...fields })).toBe(reason);
  });
});

describe("campaign report", () => {
  it("has zero rates, not NaN, when nothing was called or targeted", () => {
    const report = campaignReport("GORONTALO#2026-11", [], DEFAULT_STRATEGY);
    expect(report.total).toMatchObject({ targeted: 0, contactRate: 0, collectionRate: 0 });
    expect(report.byBucket).toHaveLength(DEFAULT_STRATEGY.buckets.length);
  });

  it("counts the funnel per category on a hand-computed example", () => {
    const cases: Case[] = [
      { ...base, callAttempts: 1, contacted: true, status: "PAID", amountPaid: 175_000, smsSent: 1 },
      { ...base, participantId: "2", callAttempts: 2, smsSent: 1 },
      { ...base, participantId: "3", bucketId: "M24_PLUS", amountDue: 840_000 },
    ];
    const report = campaignReport("GORONTALO#2026-11", cases, DEFAULT_STRATEGY);
    expect(report.total).toMatchObject({
      targeted: 3,
      smsSent: 2,
      called: 2,
      contacted: 1,
      paid: 1,
      amountDue: 1_190_000,
      amountCollected: 175_000,
      contactRate: 0.5,
      collectionRate: 1 / 3,
    });
    expect(report.byBucket.find((b) => b.bucketId === "M04_06")).toMatchObject({
      targeted: 2,
      collectionRate: 0.5,
    });
  });
});

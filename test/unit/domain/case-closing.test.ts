import { describe, expect, it } from "vitest";
import { type Case, openCase } from "../../../functions/domain/case";
import { closeReasonFor } from "../../../functions/domain/case-closing";
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
    [
      "a number reported invalid twice",
      { lastOutcome: "INVALID_NUMBER", contactable: false, callAttempts: 2 },
      "INVALID_NUMBER",
    ],
    [
      "a number reported invalid once (suspect)",
      { lastOutcome: "INVALID_NUMBER", suspectPhone: "+6281234567890", callAttempts: 1 },
      "UNREACHABLE",
    ],
    ["no usable phone", { contactable: false }, "NOT_CONTACTABLE"],
    ["talked, nothing agreed", { contacted: true, callAttempts: 1 }, "CONTACTED_NO_PAYMENT"],
    ["never reached", { callAttempts: 3, lastOutcome: "NO_ANSWER" }, "UNREACHABLE"],
    ["never called", {}, "NOT_ATTEMPTED"],
  ])("%s", (_, fields, reason) => {
    expect(closeReasonFor({ ...base, ...fields })).toBe(reason);
  });
});

import { describe, expect, it } from "vitest";
import {
  assertValidAttributes,
  attributesSize,
  CALL_ATTRIBUTES_BUDGET_BYTES,
  type CallAttributeCase,
  CallAttributesError,
  CONNECT_ATTRIBUTES_MAX_BYTES,
  callAttributes,
} from "../../../functions/domain/call-attributes";

const base: CallAttributeCase = {
  caseId: "GORONTALO#2026-11#0001000000042",
  name: "Siti Aminah",
  bucketId: "M07_12",
  countedMonths: 8,
  amountDue: 1_234_567,
  amountPaid: 0,
  virtualAccount: "8888801000000042",
  rehabEligible: true,
  rehabMaxInstalments: 4,
};

describe("contact attributes for the agent", () => {
  it("carries who, which category, how much, where to pay and the REHAB offer", () => {
    expect(callAttributes(base, "7-12 bulan", 2)).toEqual({
      caseId: "GORONTALO#2026-11#0001000000042",
      participantName: "Siti Aminah",
      bucket: "7-12 bulan",
      bucketId: "M07_12",
      countedMonths: "8",
      amountDue: "Rp1.234.567",
      virtualAccount: "8888801000000042",
      rehabEligible: "true",
      rehabMaxInstalments: "4",
      attempt: "2",
    });
  });

  it("shows what is still due after a partial payment and reminds of a broken promise", () => {
    const attrs = callAttributes(
      {
        ...base,
        amountPaid: 234_567,
        rehabEligible: false,
        promise: { amount: 500_000, date: "2026-11-20", status: "BROKEN", agentId: "a", recordedAt: "x" },
      },
      "7-12 bulan",
      3,
    );
    expect(attrs).toMatchObject({
      amountDue: "Rp1.000.000",
      rehabEligible: "false",
      rehabMaxInstalments: "0",
      brokenPromiseDate: "2026-11-20",
      brokenPromiseAmount: "Rp500.000",
    });
  });

  it("stays far below Connect's 32 KiB for the largest realistic case", () => {
    // A long multi-word name in non-ASCII script, the largest amount, 24 months, a broken promise.
    const largest: CallAttributeCase = {
      ...base,
      caseId: `${"B".repeat(32)}#2026-11#9999999999999`,
      name: `${"Ñyoman Gusti Ayu Kadek Sri Wahyuni Prameswari ".repeat(6)}ꦱꦶꦠꦶ`,
      countedMonths: 24,
      amountDue: 43_200_000,
      promise: { amount: 43_200_000, date: "2026-12-30", status: "BROKEN", agentId: "a", recordedAt: "x" },
    };
    const attrs = callAttributes(largest, "24+ bulan (termasuk yang lebih dari dua tahun)", 99);
    expect(Array.from(attrs.participantName ?? "")).toHaveLength(120);
    for (const key of Object.keys(attrs)) expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(attributesSize(attrs)).toBeLessThan(1_024);
    expect(attributesSize(attrs)).toBeLessThan(CONNECT_ATTRIBUTES_MAX_BYTES / 16);
  });

  it("refuses keys Connect would reject and anything over budget", () => {
    expect(() => assertValidAttributes({ "case id": "x" })).toThrow(CallAttributesError);
    expect(() => assertValidAttributes({ big: "x".repeat(CALL_ATTRIBUTES_BUDGET_BYTES) })).toThrow(/budget/);
  });
});

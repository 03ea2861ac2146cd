import { describe, expect, it } from "vitest";
import {
  computeArrearsAmount,
  countedMonths,
  DEFAULT_MONTHS_CAP,
  DEFAULT_PREMIUMS,
  type PremiumTable,
} from "../../../functions/domain/premiums";

describe("DEFAULT_PREMIUMS", () => {
  it("follows Perpres 64/2020, with the government paying 7000 of Kelas III", () => {
    expect(DEFAULT_PREMIUMS[1]).toEqual({ premium: 150_000, participantShare: 150_000 });
    expect(DEFAULT_PREMIUMS[2]).toEqual({ premium: 100_000, participantShare: 100_000 });
    expect(DEFAULT_PREMIUMS[3]).toEqual({ premium: 42_000, participantShare: 35_000 });
    expect(DEFAULT_MONTHS_CAP).toBe(24);
  });
});

describe("countedMonths", () => {
  it.each([
    [0, 0],
    [1, 1],
    [23, 23],
    [24, 24],
    [25, 24],
    [60, 24],
  ])("counts %d months as %d", (months, expected) => {
    expect(countedMonths(months)).toBe(expected);
  });

  it("uses a custom cap", () => {
    expect(countedMonths(15, 12)).toBe(12);
  });

  it.each([-1, 2.5, Number.NaN])("rejects %d months", (months) => {
    expect(() => countedMonths(months)).toThrow(RangeError);
  });

  it("rejects a cap below 1", () => {
    expect(() => countedMonths(3, 0)).toThrow(RangeError);
  });
});

describe("computeArrearsAmount", () => {
  it("uses the Kelas III participant share, not the full premium", () => {
    expect(computeArrearsAmount({ monthsInArrears: 5, premiumClass: 3, familyMembers: 3 })).toBe(525_000);
  });

  it("caps the months at 24", () => {
    expect(computeArrearsAmount({ monthsInArrears: 30, premiumClass: 1, familyMembers: 1 })).toBe(3_600_000);
    expect(computeArrearsAmount({ monthsInArrears: 24, premiumClass: 2, familyMembers: 2 })).toBe(4_800_000);
  });

  it("is zero with no months in arrears", () => {
    expect(computeArrearsAmount({ monthsInArrears: 0, premiumClass: 1, familyMembers: 4 })).toBe(0);
  });

  it("takes a configured table and cap", () => {
    const premiums: PremiumTable = { ...DEFAULT_PREMIUMS, 3: { premium: 50_000, participantShare: 40_000 } };
    expect(
      computeArrearsAmount({ monthsInArrears: 20, premiumClass: 3, familyMembers: 1 }, premiums, 12),
    ).toBe(480_000);
  });

  it.each([0, 1.5])("rejects %d family members", (familyMembers) => {
    expect(() => computeArrearsAmount({ monthsInArrears: 3, premiumClass: 1, familyMembers })).toThrow(
      "familyMembers",
    );
  });
});

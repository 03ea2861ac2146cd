import { describe, expect, it } from "vitest";
import { expiresAt } from "../../../functions/domain/retention";

describe("an item's TTL", () => {
  it("is the write's epoch second plus the retention's days", () => {
    // 2026-11-01T01:00:00Z is 1_793_494_800; 180 days later 2027-04-30T01:00:00Z.
    expect(expiresAt("2026-11-01T01:00:00.000Z", 180)).toBe(Date.parse("2027-04-30T01:00:00.000Z") / 1000);
    expect(expiresAt(new Date("2026-11-01T01:00:00.000Z"), 180)).toBe(1_793_494_800 + 180 * 86_400);
  });

  it("drops the milliseconds: DynamoDB TTL reads whole epoch seconds", () => {
    expect(expiresAt("2026-11-01T01:00:00.999Z", 1)).toBe(1_793_494_800 + 86_400);
  });
});

import { describe, expect, it } from "vitest";
import {
  addMonths,
  firstDayOfPeriod,
  isPeriod,
  lastDayOfPeriod,
  parsePeriod,
  periodLabel,
  periodOf,
  periodSchema,
  previousPeriod,
} from "../../../functions/domain/period";

describe("a period", () => {
  it("is YYYY-MM with a month from 01 to 12", () => {
    for (const good of ["2026-01", "2026-11", "2026-12", "2028-02"]) expect(isPeriod(good)).toBe(true);
    for (const bad of [
      "2026-00",
      "2026-13",
      "2026-1",
      "2026-011",
      "26-11",
      "2026/11",
      "11-2026",
      "2026-11-01",
      "",
    ])
      expect(isPeriod(bad)).toBe(false);
  });

  it("is refused with the caller's words in a schema, and with a RangeError where code was given it", () => {
    expect(periodSchema().safeParse("2026-11").success).toBe(true);
    expect(periodSchema().safeParse("2026-13").error?.issues[0]?.message).toBe("must be YYYY-MM");
    expect(periodSchema("expected a month").safeParse("2026-00").error?.issues[0]?.message).toBe(
      "expected a month",
    );
    expect(parsePeriod("2026-11")).toBe("2026-11");
    expect(() => parsePeriod("2026-13")).toThrow(new RangeError('period must be YYYY-MM, got "2026-13"'));
    expect(() => lastDayOfPeriod("2026-00")).toThrow(RangeError);
  });

  it("runs from its first day to its last, leap Februaries included", () => {
    expect(firstDayOfPeriod("2026-11")).toBe("2026-11-01");
    expect(lastDayOfPeriod("2026-11")).toBe("2026-11-30");
    expect(lastDayOfPeriod("2026-12")).toBe("2026-12-31");
    expect(lastDayOfPeriod("2026-02")).toBe("2026-02-28");
    expect(lastDayOfPeriod("2028-02")).toBe("2028-02-29");
    expect(lastDayOfPeriod("2100-02")).toBe("2100-02-28");
    expect(lastDayOfPeriod("2000-02")).toBe("2000-02-29");
  });

  it("is the month of a local date", () => {
    expect(periodOf("2026-11-30")).toBe("2026-11");
    expect(periodOf("2027-01-01")).toBe("2027-01");
  });

  it("moves by months across years", () => {
    expect(previousPeriod("2026-01")).toBe("2025-12");
    expect(previousPeriod("2026-11")).toBe("2026-10");
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(addMonths("2026-11", -23)).toBe("2024-12");
    expect(addMonths("2026-11", 0)).toBe("2026-11");
  });

  it("reads as supervisors say it", () => {
    expect(periodLabel("2026-11")).toBe("November 2026");
    expect(periodLabel("2027-01")).toBe("Januari 2027");
    expect(periodLabel("2026-08")).toBe("Agustus 2026");
    expect(() => periodLabel("2026-13")).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { DEFAULT_STRATEGY } from "../../functions/domain/strategy";
import { refusedScheduledMonths } from "../../infra/constructs/schedules";

const gorontalo = SAMPLE_BRANCHES.find((b) => b.code === "GORONTALO");
if (!gorontalo) throw new Error("sample branches changed");
const FROM = new Date("2026-12-06T00:00:00Z");
const GRACE = DEFAULT_STRATEGY.graceDays;

describe("the monthly schedule against the start rule", () => {
  it("leaves calling days every month on the default day (the 11th at 08:00)", () => {
    for (const branch of SAMPLE_BRANCHES)
      expect(refusedScheduledMonths(branch, { dayOfMonth: 11, time: "08:00" }, FROM, GRACE)).toEqual([]);
  });

  it("names the months a late day would be refused in, as start-campaign refuses them", () => {
    const refused = refusedScheduledMonths(gorontalo, { dayOfMonth: 28, time: "08:00" }, FROM, GRACE, 12);
    // 28 February + 2 grace days is in March; 28 January 2027 leaves Saturday the 30th.
    expect(refused).toContain("2027-02");
    expect(refused).not.toContain("2027-01");
    expect(refusedScheduledMonths(gorontalo, { dayOfMonth: 28, time: "08:00" }, FROM, GRACE, 1)).toEqual([]);
  });

  it("counts the configured strategy's grace days, as start-campaign does", () => {
    const day20 = { dayOfMonth: 20, time: "08:00" };
    expect(refusedScheduledMonths(gorontalo, day20, FROM, GRACE, 12)).toEqual([]);
    // 20 February 2027 + 10 days is 2 March: no calling day of February is left.
    expect(refusedScheduledMonths(gorontalo, day20, FROM, 10, 12)).toContain("2027-02");
  });
});

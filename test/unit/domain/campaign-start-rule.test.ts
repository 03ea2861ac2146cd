import { describe, expect, it } from "vitest";
import { type Branch, SAMPLE_BRANCHES } from "../../../functions/domain/branches";
import { checkCampaignStart } from "../../../functions/domain/campaign-start-rule";

const branch = (code: string): Branch => {
  const found = SAMPLE_BRANCHES.find((b) => b.code === code);
  if (!found) throw new Error(`no sample branch ${code}`);
  return found;
};
const gorontalo = branch("GORONTALO"); // Asia/Makassar, UTC+8
const check = (b: Branch, period: string, now: string, graceDays = 2) =>
  checkCampaignStart({ branch: b, period, graceDays, now: new Date(now) });

// November 2026: the 27th is a Friday, the 29th a Sunday, the 30th a Monday.
describe("whether a campaign may start now", () => {
  it("refuses a period that is over, saying what today is in the branch's zone", () => {
    const result = check(gorontalo, "2026-11", "2026-12-06T01:00:00Z");
    expect(result).toMatchObject({ ok: false, reason: "PERIOD_OVER" });
    expect(!result.ok && result.message).toBe(
      "campaign GORONTALO 2026-11: the period is over (today is 2026-12-06 in Asia/Makassar); its reminders and calls would be about a month already past",
    );
  });

  it("refuses a period whose calling days are all behind the grace days", () => {
    // Sunday the 29th: the grace days end on 1 December.
    const result = check(gorontalo, "2026-11", "2026-11-29T01:00:00Z");
    expect(result).toMatchObject({ ok: false, reason: "NO_CALLING_DAY_LEFT" });
    expect(!result.ok && result.message).toContain(
      "no calling day left (today is 2026-11-29 in Asia/Makassar",
    );
    // A holiday on the last Monday leaves Saturday's start nothing either.
    const holiday = { ...gorontalo, contactWindow: { ...gorontalo.contactWindow, holidays: ["2026-11-30"] } };
    expect(check(holiday, "2026-11", "2026-11-28T01:00:00Z")).toMatchObject({
      reason: "NO_CALLING_DAY_LEFT",
    });
  });

  it("lets a campaign start while one calling day is left, and names it", () => {
    expect(check(gorontalo, "2026-11", "2026-11-28T01:00:00Z")).toMatchObject({
      ok: true,
      firstCallingDay: { day: "2026-11-30" },
    });
    expect(check(gorontalo, "2026-11", "2026-11-11T00:00:00Z")).toMatchObject({
      ok: true,
      firstCallingDay: { day: "2026-11-13" },
    });
    expect(check(gorontalo, "2026-11", "2026-11-29T01:00:00Z", 0)).toMatchObject({
      ok: true,
      firstCallingDay: { day: "2026-11-30" },
    });
  });

  it("refuses a period that has not begun: its premiums are not yet due", () => {
    const result = check(gorontalo, "2027-01", "2026-12-06T01:00:00Z");
    expect(result).toMatchObject({ ok: false, reason: "PERIOD_NOT_STARTED" });
    expect(!result.ok && result.message).toBe(
      "campaign GORONTALO 2027-01: the period has not begun (today is 2026-12-06 in Asia/Makassar); its reminders would be about premiums not yet due",
    );
    // From its first local day on, it may start.
    expect(check(gorontalo, "2027-01", "2026-12-31T16:30:00Z")).toMatchObject({ ok: true });
  });

  it("reads today in each branch's own zone", () => {
    // 22:30 on the 30th in Jakarta is already 1 December in Jayapura.
    const now = "2026-11-30T15:30:00Z";
    expect(check(branch("SEMARANG"), "2026-11", now)).toMatchObject({ reason: "NO_CALLING_DAY_LEFT" });
    expect(check(branch("JAYAPURA"), "2026-11", now)).toMatchObject({ reason: "PERIOD_OVER" });
  });
});

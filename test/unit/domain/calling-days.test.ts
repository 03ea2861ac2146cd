import { describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../../functions/domain/branches";
import { nextCallingDay } from "../../../functions/domain/calling-days";

const semarang = SAMPLE_BRANCHES.find((b) => b.code === "SEMARANG");
const jayapura = SAMPLE_BRANCHES.find((b) => b.code === "JAYAPURA");
if (!semarang || !jayapura) throw new Error("sample branches changed");

describe("calling days", () => {
  it("starts calling after the grace days, at the window's opening in the branch's zone", () => {
    // Wednesday 11 Nov 2026, 09:00 WIB; 2 grace days -> Friday 13 Nov 08:00 WIB = 01:00 UTC.
    const first = nextCallingDay({
      now: new Date("2026-11-11T02:00:00Z"),
      timeZone: semarang.timeZone,
      window: semarang.contactWindow,
      period: "2026-11",
      graceDays: 2,
    });
    expect(first).toEqual({ day: "2026-11-13", opensAt: new Date("2026-11-13T01:00:00Z") });
  });

  it("counts the grace days from when the reminders went, not from a later planning", () => {
    // Reminded Wednesday 11 Nov; the SMS fallback pass let the campaign go on Thursday 09:00 WIB.
    const first = nextCallingDay({
      now: new Date("2026-11-12T02:00:00Z"),
      graceFrom: new Date("2026-11-11T02:30:00Z"),
      timeZone: semarang.timeZone,
      window: semarang.contactWindow,
      period: "2026-11",
      graceDays: 2,
    });
    expect(first).toEqual({ day: "2026-11-13", opensAt: new Date("2026-11-13T01:00:00Z") });
    // Planned after that day has begun (a campaign resumed late): today's window, never the past.
    const late = nextCallingDay({
      now: new Date("2026-11-13T05:00:00Z"),
      graceFrom: new Date("2026-11-11T02:30:00Z"),
      timeZone: semarang.timeZone,
      window: semarang.contactWindow,
      period: "2026-11",
      graceDays: 2,
    });
    expect(late?.day).toBe("2026-11-13");
    expect(late?.opensAt.getTime()).toBeGreaterThanOrEqual(new Date("2026-11-13T05:00:00Z").getTime());
  });

  it("never calls before the period's first day, whenever the campaign was started", () => {
    // Started on Wednesday 25 Nov for December: the first calling day is Tuesday 1 Dec, not 27 Nov.
    const first = nextCallingDay({
      now: new Date("2026-11-25T02:00:00Z"),
      timeZone: semarang.timeZone,
      window: semarang.contactWindow,
      period: "2026-12",
      graceDays: 2,
    });
    expect(first?.day).toBe("2026-12-01");
  });

  it("moves to the next contact day after a day, skipping Sunday, in WIT too", () => {
    // Saturday 14 Nov done in Jayapura (UTC+9) -> Monday 16 Nov 08:00 WIT = 15 Nov 23:00 UTC.
    const next = nextCallingDay({
      now: new Date("2026-11-14T11:30:00Z"),
      timeZone: jayapura.timeZone,
      window: jayapura.contactWindow,
      period: "2026-11",
      graceDays: 2,
      afterDay: "2026-11-14",
    });
    expect(next).toEqual({ day: "2026-11-16", opensAt: new Date("2026-11-15T23:00:00Z") });
  });

  it("never returns the same day again when a day ended early", () => {
    const next = nextCallingDay({
      now: new Date("2026-11-16T03:00:00Z"),
      timeZone: semarang.timeZone,
      window: semarang.contactWindow,
      period: "2026-11",
      graceDays: 2,
      afterDay: "2026-11-16",
    });
    expect(next?.day).toBe("2026-11-17");
  });

  it("has no calling day left after the month's last one", () => {
    expect(
      nextCallingDay({
        now: new Date("2026-11-30T13:00:00Z"),
        timeZone: semarang.timeZone,
        window: semarang.contactWindow,
        period: "2026-11",
        graceDays: 2,
        afterDay: "2026-11-30",
      }),
    ).toBeUndefined();
  });
});

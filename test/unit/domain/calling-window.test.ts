import { describe, expect, it } from "vitest";
import { type ContactWindow, contactWindowSchema } from "../../../functions/domain/branches";
import {
  dayWindow,
  describeWindow,
  isInsideWindow,
  nextWindowOpen,
} from "../../../functions/domain/calling-window";

const WIB = "Asia/Jakarta";
const WITA = "Asia/Makassar";
const WIT = "Asia/Jayapura";

// The branch's own holiday only: the national calendar and blocked ranges have their own tests.
const window: ContactWindow = contactWindowSchema.parse({
  holidays: ["2026-12-25"],
  nationalCalendar: "NONE",
});
const at = (iso: string) => new Date(iso);

describe("isInsideWindow", () => {
  it("applies the window in each participant's own zone", () => {
    const morning = at("2026-12-01T00:30:00Z");
    expect(isInsideWindow(morning, WIB, window)).toBe(false); // 07:30 WIB
    expect(isInsideWindow(morning, WITA, window)).toBe(true); // 08:30 WITA
    expect(isInsideWindow(morning, WIT, window)).toBe(true); // 09:30 WIT

    const evening = at("2026-12-01T12:59:00Z");
    expect(isInsideWindow(evening, WIB, window)).toBe(true); // 19:59 WIB
    expect(isInsideWindow(evening, "Asia/Pontianak", window)).toBe(true); // 19:59 WIB
    expect(isInsideWindow(evening, WITA, window)).toBe(false); // 20:59 WITA
  });

  it("opens at start and closes at end exactly", () => {
    expect(isInsideWindow(at("2026-12-01T01:00:00Z"), WIB, window)).toBe(true); // 08:00
    expect(isInsideWindow(at("2026-12-01T00:59:59Z"), WIB, window)).toBe(false); // 07:59:59
    expect(isInsideWindow(at("2026-12-01T12:59:59Z"), WIB, window)).toBe(true); // 19:59:59
    expect(isInsideWindow(at("2026-12-01T13:00:00Z"), WIB, window)).toBe(false); // 20:00
  });

  it("is closed all Sunday and open on Saturday", () => {
    expect(isInsideWindow(at("2026-12-06T05:00:00Z"), WIB, window)).toBe(false); // Sunday 12:00
    expect(isInsideWindow(at("2026-12-05T05:00:00Z"), WIB, window)).toBe(true); // Saturday 12:00
  });

  it("is closed on a holiday in local time", () => {
    expect(isInsideWindow(at("2026-12-25T05:00:00Z"), WIB, window)).toBe(false); // Friday, Christmas
    // 23:30Z on the 24th is already 08:30 on the 25th in WIT
    expect(isInsideWindow(at("2026-12-24T23:30:00Z"), WIT, window)).toBe(false);
    expect(isInsideWindow(at("2026-12-24T23:30:00Z"), WIB, window)).toBe(false); // 06:30 on the 25th
    expect(isInsideWindow(at("2026-12-24T12:30:00Z"), WIB, window)).toBe(true); // 19:30 on the 24th
  });

  it("honours custom days and hours", () => {
    const weekdays = contactWindowSchema.parse({ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" });
    expect(isInsideWindow(at("2026-12-05T05:00:00Z"), WIB, weekdays)).toBe(false); // Saturday
    expect(isInsideWindow(at("2026-12-01T01:30:00Z"), WIB, weekdays)).toBe(false); // 08:30
    expect(isInsideWindow(at("2026-12-01T09:59:00Z"), WIB, weekdays)).toBe(true); // 16:59
  });
});

describe("nextWindowOpen", () => {
  it("returns now when inside", () => {
    const now = at("2026-12-01T05:00:00Z");
    expect(nextWindowOpen(now, WIB, window)).toBe(now);
  });

  it("opens later the same day before 08:00", () => {
    expect(nextWindowOpen(at("2026-12-01T00:30:00Z"), WIB, window)).toEqual(at("2026-12-01T01:00:00Z"));
  });

  it("skips Sunday: Saturday 20:00 -> Monday 08:00 local, in every zone", () => {
    expect(nextWindowOpen(at("2026-12-05T13:00:00Z"), WIB, window)).toEqual(at("2026-12-07T01:00:00Z"));
    expect(nextWindowOpen(at("2026-12-05T12:00:00Z"), WITA, window)).toEqual(at("2026-12-07T00:00:00Z"));
    expect(nextWindowOpen(at("2026-12-05T11:00:00Z"), WIT, window)).toEqual(at("2026-12-06T23:00:00Z"));
  });

  it("skips a holiday: Thursday evening before Christmas -> Saturday 08:00", () => {
    expect(nextWindowOpen(at("2026-12-24T13:00:00Z"), WIB, window)).toEqual(at("2026-12-26T01:00:00Z"));
  });

  it("from inside a holiday -> the next contact day", () => {
    expect(nextWindowOpen(at("2026-12-25T03:00:00Z"), WITA, window)).toEqual(at("2026-12-26T00:00:00Z"));
  });

  it("skips a holiday on Monday after a Sunday", () => {
    const w = contactWindowSchema.parse({ holidays: ["2026-12-07"] });
    expect(nextWindowOpen(at("2026-12-05T13:00:00Z"), WIB, w)).toEqual(at("2026-12-08T01:00:00Z"));
  });

  it("computes the offset at the instant, so DST zones work too", () => {
    // Europe/Berlin moves to CEST (UTC+2) on Sunday 2026-03-29
    const everyDay = contactWindowSchema.parse({ days: [1, 2, 3, 4, 5, 6, 7] });
    expect(nextWindowOpen(at("2026-03-28T20:00:00Z"), "Europe/Berlin", everyDay)).toEqual(
      at("2026-03-29T06:00:00Z"),
    );
    expect(nextWindowOpen(at("2026-03-27T20:00:00Z"), "Europe/Berlin", everyDay)).toEqual(
      at("2026-03-28T07:00:00Z"),
    );
  });

  it("throws when the window never opens", () => {
    const sundaysOnly = contactWindowSchema.parse({ days: [7] });
    const holidays = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 11, 6 + 7 * i))).map((d) =>
      d.toISOString().slice(0, 10),
    );
    const never = { ...sundaysOnly, holidays };
    expect(() => nextWindowOpen(at("2026-12-01T00:00:00Z"), WIB, never)).toThrow(
      "does not open within 370 days",
    );
  });
});

describe("national days off", () => {
  const national = contactWindowSchema.parse({});

  it("keeps national holidays and cuti bersama free by default, in every branch's own zone", () => {
    expect(isInsideWindow(at("2026-03-19T02:00:00Z"), WIB, national)).toBe(false); // Nyepi, 09:00
    expect(isInsideWindow(at("2026-03-20T02:00:00Z"), WIB, national)).toBe(false); // cuti bersama Idulfitri
    expect(isInsideWindow(at("2026-08-17T02:00:00Z"), WIT, national)).toBe(false); // 11:00 WIT
    expect(isInsideWindow(at("2026-12-24T02:00:00Z"), WITA, national)).toBe(false); // cuti bersama Natal
    expect(isInsideWindow(at("2026-12-23T02:00:00Z"), WITA, national)).toBe(true);
  });

  it("skips the whole Nyepi and Idulfitri week of 2026 to Wednesday 25 March", () => {
    // Tuesday 17 March 20:00 WIB; 18-24 March are cuti bersama, holidays or Sunday.
    expect(nextWindowOpen(at("2026-03-17T13:00:00Z"), WIB, national)).toEqual(at("2026-03-25T01:00:00Z"));
  });

  it("can keep only the holidays, or ignore the national calendar", () => {
    const holidaysOnly = contactWindowSchema.parse({ nationalCalendar: "HOLIDAYS" });
    const none = contactWindowSchema.parse({ nationalCalendar: "NONE" });
    expect(isInsideWindow(at("2026-03-20T02:00:00Z"), WIB, holidaysOnly)).toBe(true);
    expect(isInsideWindow(at("2026-03-19T02:00:00Z"), WIB, holidaysOnly)).toBe(false);
    expect(isInsideWindow(at("2026-03-19T02:00:00Z"), WIB, none)).toBe(true);
  });
});

describe("blocked ranges", () => {
  const friday = "2026-12-04";
  const iftar = contactWindowSchema.parse({
    blocked: { dated: [{ from: "2026-02-18", to: "2026-03-17", start: "17:45", end: "19:00" }] },
  });

  it("blocks Friday prayers, 11:30-13:00 local, by default", () => {
    const w = contactWindowSchema.parse({});
    expect(isInsideWindow(at(`${friday}T04:29:00Z`), WIB, w)).toBe(true); // 11:29
    expect(isInsideWindow(at(`${friday}T04:30:00Z`), WIB, w)).toBe(false); // 11:30
    expect(isInsideWindow(at(`${friday}T05:59:00Z`), WIB, w)).toBe(false); // 12:59
    expect(isInsideWindow(at(`${friday}T06:00:00Z`), WIB, w)).toBe(true); // 13:00
    expect(isInsideWindow(at("2026-12-03T05:00:00Z"), WIB, w)).toBe(true); // Thursday 12:00
    // 12:00 WIB is 14:00 WIT: the block follows each zone's own clock.
    expect(isInsideWindow(at(`${friday}T05:00:00Z`), WIT, w)).toBe(true);
    expect(isInsideWindow(at(`${friday}T03:00:00Z`), WIT, w)).toBe(false); // 12:00 WIT
  });

  it("jumps over a block to its end, the same day", () => {
    const w = contactWindowSchema.parse({});
    // Friday 11:45 WITA -> 13:00 WITA
    expect(nextWindowOpen(at(`${friday}T03:45:00Z`), WITA, w)).toEqual(at(`${friday}T05:00:00Z`));
  });

  it("lets a branch drop the weekly default", () => {
    const w = contactWindowSchema.parse({ blocked: { weekly: [] } });
    expect(isInsideWindow(at(`${friday}T05:00:00Z`), WIB, w)).toBe(true);
  });

  it("blocks the iftar hour on the dated range only, keeping Friday prayers", () => {
    expect(isInsideWindow(at("2026-03-02T10:44:00Z"), WIB, iftar)).toBe(true); // 17:44
    expect(isInsideWindow(at("2026-03-02T11:00:00Z"), WIB, iftar)).toBe(false); // 18:00
    expect(isInsideWindow(at("2026-03-02T12:00:00Z"), WIB, iftar)).toBe(true); // 19:00
    expect(isInsideWindow(at("2026-02-14T11:00:00Z"), WIB, iftar)).toBe(true); // before Ramadan
    expect(isInsideWindow(at("2026-03-06T05:00:00Z"), WIB, iftar)).toBe(false); // a Friday, 12:00
    expect(nextWindowOpen(at("2026-03-02T11:00:00Z"), WIB, iftar)).toEqual(at("2026-03-02T12:00:00Z"));
  });

  it("moves the day's opening past a block at its start, and skips a day blocked whole", () => {
    const w = contactWindowSchema.parse({
      blocked: {
        dated: [
          { from: "2026-12-01", to: "2026-12-01", start: "08:00", end: "09:30" },
          { from: "2026-12-02", to: "2026-12-02", start: "00:00", end: "23:59" },
        ],
      },
    });
    expect(dayWindow("2026-12-01", WIB, w)).toEqual({
      opens: at("2026-12-01T02:30:00Z"),
      closes: at("2026-12-01T13:00:00Z"),
    });
    expect(nextWindowOpen(at("2026-12-01T00:00:00Z"), WIB, w)).toEqual(at("2026-12-01T02:30:00Z"));
    expect(dayWindow("2026-12-02", WIB, w)).toBeUndefined();
    expect(nextWindowOpen(at("2026-12-01T13:00:00Z"), WIB, w)).toEqual(at("2026-12-03T01:00:00Z"));
  });

  it("merges overlapping blocks", () => {
    const w = contactWindowSchema.parse({
      blocked: { dated: [{ from: friday, to: friday, start: "12:30", end: "14:00" }] },
    });
    expect(isInsideWindow(at(`${friday}T06:30:00Z`), WIB, w)).toBe(false); // 13:30
    expect(nextWindowOpen(at(`${friday}T04:30:00Z`), WIB, w)).toEqual(at(`${friday}T07:00:00Z`));
  });

  it("keeps the day's first opening and last closing around a midday block", () => {
    expect(dayWindow(friday, WIB, contactWindowSchema.parse({}))).toEqual({
      opens: at(`${friday}T01:00:00Z`),
      closes: at(`${friday}T13:00:00Z`),
    });
  });

  it("describes the window with its blocks", () => {
    expect(describeWindow(iftar, WIB)).toBe(
      "08:00-20:00 local (Asia/Jakarta), Mon/Tue/Wed/Thu/Fri/Sat, not on holidays, " +
        "not Fri 11:30-13:00, 2026-02-18..2026-03-17 17:45-19:00",
    );
  });
});

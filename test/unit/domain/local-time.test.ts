import { describe, expect, it } from "vitest";
import {
  addDays,
  clockText,
  daysInMonth,
  isCalendarDate,
  isIanaTimeZone,
  localDate,
  localDateTime,
  localInstant,
  localTimeText,
  startOfLocalDay,
  startOfNextLocalDay,
  zonedIsoString,
  zoneName,
} from "../../../functions/domain/local-time";

const WIB = "Asia/Jakarta";
const WITA = "Asia/Makassar";
const WIT = "Asia/Jayapura";

const at = (iso: string) => new Date(iso);

describe("localDateTime", () => {
  it("reads the local date, ISO weekday and minutes in each zone", () => {
    // Tuesday 2026-12-01
    expect(localDateTime(at("2026-12-01T00:30:00Z"), WIB)).toEqual({
      date: "2026-12-01",
      isoWeekday: 2,
      minutes: 450,
    });
    expect(localDateTime(at("2026-12-01T00:30:00Z"), WITA)).toEqual({
      date: "2026-12-01",
      isoWeekday: 2,
      minutes: 510,
    });
    expect(localDateTime(at("2026-12-01T00:30:00Z"), WIT)).toEqual({
      date: "2026-12-01",
      isoWeekday: 2,
      minutes: 570,
    });
  });

  it("crosses midnight into the next local day before UTC does", () => {
    // 16:30Z Saturday is 01:30 Sunday in WIT, still 23:30 Saturday in WIB
    expect(localDateTime(at("2026-12-05T16:30:00Z"), WIT)).toEqual({
      date: "2026-12-06",
      isoWeekday: 7,
      minutes: 90,
    });
    expect(localDateTime(at("2026-12-05T16:30:00Z"), WIB)).toEqual({
      date: "2026-12-05",
      isoWeekday: 6,
      minutes: 1410,
    });
  });

  it("reports local midnight as minute 0", () => {
    expect(localDateTime(at("2026-12-06T17:00:00Z"), WIB)).toEqual({
      date: "2026-12-07",
      isoWeekday: 1,
      minutes: 0,
    });
  });
});

describe("local dates at the day boundaries of WIB, WITA and WIT", () => {
  it("turns the local date at 17:00Z (WIB), 16:00Z (WITA) and 15:00Z (WIT), not before", () => {
    for (const [zone, midnightUtc] of [
      [WIB, "17:00"],
      [WITA, "16:00"],
      [WIT, "15:00"],
    ] as const) {
      expect(localDate(at(`2026-11-30T${midnightUtc}:00Z`), zone)).toBe("2026-12-01");
      expect(localDate(new Date(at(`2026-11-30T${midnightUtc}:00Z`).getTime() - 1), zone)).toBe("2026-11-30");
    }
  });

  it("finds the instant a local day starts and the next one, in each zone", () => {
    expect(startOfLocalDay("2026-12-01", WIB)).toEqual(at("2026-11-30T17:00:00Z"));
    expect(startOfLocalDay("2026-12-01", WITA)).toEqual(at("2026-11-30T16:00:00Z"));
    expect(startOfLocalDay("2026-12-01", WIT)).toEqual(at("2026-11-30T15:00:00Z"));
    // 23:59 WIT on the 31st: the next local day is New Year's Day, in the same year in UTC.
    expect(startOfNextLocalDay(at("2026-12-31T14:59:00Z"), WIT)).toEqual(at("2026-12-31T15:00:00Z"));
    expect(startOfNextLocalDay(at("2026-12-31T15:00:00Z"), WIT)).toEqual(at("2027-01-01T15:00:00Z"));
  });

  it("places a local time of day on its instant, also where the offset changes that day", () => {
    expect(localInstant("2026-11-16", 10 * 60, WIT)).toEqual(at("2026-11-16T01:00:00Z"));
    expect(localInstant("2026-11-16", 20 * 60, WITA)).toEqual(at("2026-11-16T12:00:00Z"));
    // Europe/Berlin moves to UTC+2 at 02:00 on 2026-03-29: 10:00 is 08:00Z, not 09:00Z.
    expect(localInstant("2026-03-29", 10 * 60, "Europe/Berlin")).toEqual(at("2026-03-29T08:00:00Z"));
  });
});

describe("calendar dates", () => {
  it("adds days across months, years and a leap February", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-11-30", 30)).toBe("2026-12-30");
  });

  it("knows the days of each month, leap years by the Gregorian rule", () => {
    expect(daysInMonth(2026, 11)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it("accepts only real dates written YYYY-MM-DD", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-08-17")).toBe(true);
    for (const bad of [
      "2026-02-29",
      "2026-02-30",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-11-00",
      "2026-1-01",
      "17-08-2026",
    ]) {
      expect(isCalendarDate(bad)).toBe(false);
    }
  });

  it("knows IANA zones from other names", () => {
    expect(isIanaTimeZone(WIT)).toBe(true);
    expect(isIanaTimeZone("WIB")).toBe(false);
    expect(isIanaTimeZone("Asia/Bandung")).toBe(false);
  });
});

describe("local times as text", () => {
  it("writes a clock with a colon, or a dot as Indonesian text does", () => {
    expect(clockText(0)).toBe("00:00");
    expect(clockText(8 * 60 + 5)).toBe("08:05");
    expect(clockText(23 * 60 + 59, ".")).toBe("23.59");
  });

  it("names Indonesia's zones as people there do, and writes an instant as they read it", () => {
    expect(["Asia/Jakarta", "Asia/Pontianak", WITA, WIT, "Europe/Berlin"].map(zoneName)).toEqual([
      "WIB",
      "WIB",
      "WITA",
      "WIT",
      "Europe/Berlin",
    ]);
    // 15:30Z is already the next day in WIT, still the same day in WIB.
    expect(localTimeText(at("2026-11-30T15:30:00Z"), WIT)).toBe("2026-12-01 00:30 WIT");
    expect(localTimeText(at("2026-11-30T15:30:00Z"), WIB)).toBe("2026-11-30 22:30 WIB");
  });

  it("writes an instant in the zone's local time with its offset", () => {
    const instant = at("2026-11-11T01:30:45.900Z");
    expect(zonedIsoString(instant, WIB)).toBe("2026-11-11T08:30:45+07:00");
    expect(zonedIsoString(instant, WITA)).toBe("2026-11-11T09:30:45+08:00");
    expect(zonedIsoString(at("2026-11-10T15:00:00Z"), WIT)).toBe("2026-11-11T00:00:00+09:00");
    expect(new Date(zonedIsoString(instant, WIT)).getTime()).toBe(at("2026-11-11T01:30:45Z").getTime());
    expect(zonedIsoString(at("2026-07-01T12:00:00Z"), "America/Sao_Paulo")).toBe("2026-07-01T09:00:00-03:00");
  });
});

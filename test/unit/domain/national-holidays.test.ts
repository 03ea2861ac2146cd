import { describe, expect, it } from "vitest";
import { localDateTime } from "../../../functions/domain/local-time";
import { isNationalDayOff, NATIONAL_CALENDAR } from "../../../functions/domain/national-holidays";

const WEEKDAYS = ["", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];
const weekdayOf = (date: string) => WEEKDAYS[localDateTime(new Date(`${date}T12:00:00Z`), "UTC").isoWeekday];
const year = (y: number) => NATIONAL_CALENDAR.find((c) => c.year === y);

describe("NATIONAL_CALENDAR 2026 (SKB 1497/2/5 of 2025)", () => {
  const days = year(2026)?.days ?? [];

  it("names its decree", () => {
    expect(year(2026)?.source).toContain("Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025");
  });

  it("has the decree's 17 holidays on the weekdays it names", () => {
    const holidays = days.filter((d) => d.kind === "HOLIDAY").map((d) => [d.date, weekdayOf(d.date)]);
    expect(holidays).toEqual([
      ["2026-01-01", "Kamis"],
      ["2026-01-16", "Jumat"],
      ["2026-02-17", "Selasa"],
      ["2026-03-19", "Kamis"],
      ["2026-03-21", "Sabtu"],
      ["2026-03-22", "Minggu"],
      ["2026-04-03", "Jumat"],
      ["2026-04-05", "Minggu"],
      ["2026-05-01", "Jumat"],
      ["2026-05-14", "Kamis"],
      ["2026-05-27", "Rabu"],
      ["2026-05-31", "Minggu"],
      ["2026-06-01", "Senin"],
      ["2026-06-16", "Selasa"],
      ["2026-08-17", "Senin"],
      ["2026-08-25", "Selasa"],
      ["2026-12-25", "Jumat"],
    ]);
  });

  it("has the decree's 8 cuti bersama on the weekdays it names", () => {
    const cuti = days.filter((d) => d.kind === "CUTI_BERSAMA").map((d) => [d.date, weekdayOf(d.date)]);
    expect(cuti).toEqual([
      ["2026-02-16", "Senin"],
      ["2026-03-18", "Rabu"],
      ["2026-03-20", "Jumat"],
      ["2026-03-23", "Senin"],
      ["2026-03-24", "Selasa"],
      ["2026-05-15", "Jumat"],
      ["2026-05-28", "Kamis"],
      ["2026-12-24", "Kamis"],
    ]);
  });

  it("is confirmed day by day", () => {
    expect(days.every((d) => d.confirmed)).toBe(true);
  });
});

describe("NATIONAL_CALENDAR 2027", () => {
  it("says no decree was read and marks every day unconfirmed", () => {
    expect(year(2027)?.source).toMatch(/No SKB 3 Menteri for 2027/);
    expect(year(2027)?.days.every((d) => !d.confirmed)).toBe(true);
  });

  it("keeps the statutory fixed dates and Lebaran free", () => {
    for (const date of ["2027-01-01", "2027-05-01", "2027-06-01", "2027-08-17", "2027-12-25", "2027-03-10"])
      expect(isNationalDayOff(date, "HOLIDAYS")).toBe(true);
  });
});

describe("the data", () => {
  it("lists each year's dates in order, once, inside that year", () => {
    for (const y of NATIONAL_CALENDAR) {
      const dates = y.days.map((d) => d.date);
      expect(dates).toEqual([...new Set(dates)].sort());
      for (const date of dates) {
        expect(date.startsWith(`${y.year}-`)).toBe(true);
        expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
      }
    }
  });
});

describe("isNationalDayOff", () => {
  it.each([
    ["2026-03-20", "HOLIDAYS_AND_CUTI_BERSAMA", true],
    ["2026-03-20", "HOLIDAYS", false],
    ["2026-03-19", "HOLIDAYS", true],
    ["2026-03-19", "NONE", false],
    ["2026-03-25", "HOLIDAYS_AND_CUTI_BERSAMA", false],
  ] as const)("%s under %s: %s", (date, use, off) => {
    expect(isNationalDayOff(date, use)).toBe(off);
  });
});

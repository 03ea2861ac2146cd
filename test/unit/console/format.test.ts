import { describe, expect, it } from "vitest";
import {
  currentPeriod,
  dateLabel,
  dayLabel,
  formatRupiah,
  percentLabel,
  periodChoices,
  periodLabel,
  timeLabel,
  whenLabel,
} from "../../../console/format";

describe("console formatting for supervisors", () => {
  it("writes rupiah as Rp and dot-grouped digits, no space", () => {
    expect(formatRupiah(1234567)).toBe("Rp1.234.567");
    expect(formatRupiah(0)).toBe("Rp0");
    expect(formatRupiah(999)).toBe("Rp999");
  });

  it("names periods and dates in Indonesian", () => {
    expect(periodLabel("2026-11")).toBe("November 2026");
    expect(periodLabel("2027-01")).toBe("Januari 2027");
    expect(dateLabel("2026-12-07")).toBe("07 Desember 2026");
    expect(dayLabel("2026-12-07")).toBe("Senin, 07 Desember 2026");
    expect(dayLabel("2026-12-13")).toBe("Minggu, 13 Desember 2026");
  });

  it("shows an instant in the branch's zone with its label", () => {
    const at = "2026-12-06T06:05:00Z";
    expect(timeLabel(at, "Asia/Makassar")).toBe("06 Desember 2026 14.05 WITA");
    expect(timeLabel(at, "Asia/Jakarta")).toBe("06 Desember 2026 13.05 WIB");
    expect(timeLabel(at, "Asia/Jayapura")).toBe("06 Desember 2026 15.05 WIT");
    // Past midnight in Jayapura while still the day before in UTC.
    expect(timeLabel("2026-11-30T16:30:00Z", "Asia/Jayapura")).toBe("01 Desember 2026 01.30 WIT");
    expect(whenLabel("2026-12-08", "Asia/Makassar")).toBe("Selasa, 08 Desember 2026");
    expect(whenLabel(at, "Asia/Makassar")).toBe("06 Desember 2026 14.05 WITA");
  });

  it("takes the current period where the branch is", () => {
    const newYearInPapua = new Date("2026-12-31T16:00:00Z");
    expect(currentPeriod(newYearInPapua, "Asia/Jayapura")).toBe("2027-01");
    expect(currentPeriod(newYearInPapua, "Asia/Jakarta")).toBe("2026-12");
  });

  it("offers next month down to a year back, newest first", () => {
    const choices = periodChoices("2026-12");
    expect(choices[0]).toBe("2027-01");
    expect(choices[1]).toBe("2026-12");
    expect(choices.at(-1)).toBe("2025-12");
    expect(choices).toHaveLength(14);
  });

  it("writes a share with a decimal comma, and '-' with nothing to divide", () => {
    expect(percentLabel(489, 1000)).toBe("48,9%");
    expect(percentLabel(0, 0)).toBe("-");
  });
});

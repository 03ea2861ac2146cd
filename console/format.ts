import { isoWeekdayOf, localDateTime, zoneName } from "../functions/domain/local-time";
import { addMonths, periodLabel } from "../functions/domain/period";

/**
 * How the console writes figures, periods, dates and times for a supervisor (Indonesian): the
 * same helpers as the reports where they exist, so a figure reads the same in both.
 */
export { formatRupiah } from "../functions/domain/money";
export { formatCount } from "../functions/reports/figures";
export { periodLabel, zoneName };

/** ISO weekday 1 (Monday) to 7 (Sunday). */
const WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"] as const;

const pad2 = (n: number) => String(n).padStart(2, "0");

/** `2026-12-07` -> "07 Desember 2026". */
export function dateLabel(date: string): string {
  return `${date.slice(8, 10)} ${periodLabel(date.slice(0, 7))}`;
}

/** `2026-12-07` -> "Senin, 07 Desember 2026" (a calling day). */
export function dayLabel(date: string): string {
  return `${WEEKDAYS[isoWeekdayOf(date) - 1]}, ${dateLabel(date)}`;
}

/** An instant as the branch reads it: "06 Desember 2026 14.05 WITA". */
export function timeLabel(at: string | Date, timeZone: string): string {
  const local = localDateTime(new Date(at), timeZone);
  const clock = `${pad2(Math.floor(local.minutes / 60))}.${pad2(local.minutes % 60)}`;
  return `${dateLabel(local.date)} ${clock} ${zoneName(timeZone)}`;
}

/** The period (`YYYY-MM`) `now` falls in where the branch is. */
export const currentPeriod = (now: Date, timeZone: string) => localDateTime(now, timeZone).date.slice(0, 7);

/** The periods a supervisor may pick around `current`, newest first: next month down to a year back. */
export function periodChoices(current: string): string[] {
  return Array.from({ length: 14 }, (_, i) => addMonths(current, 1 - i));
}

/** `0.489` -> "48,9%"; "-" with nothing to divide. */
export function percentLabel(part: number, whole: number): string {
  if (whole === 0) return "-";
  return `${((part / whole) * 100).toFixed(1).replace(".", ",")}%`;
}

/** A date (`YYYY-MM-DD`) as a day, an instant as a time in the zone. */
export const whenLabel = (value: string, timeZone: string) =>
  value.length === 10 ? dayLabel(value) : timeLabel(value, timeZone);

/** Months in arrears as the categories read them: "26 bulan". */
export const monthsLabel = (months: number) => `${months} bulan`;

/** An area as a kader walks it: "Limba U Satu, Kota Selatan" (desa, kecamatan; kabupaten when asked). */
export function areaLabel(
  area: { kabupaten?: string; kecamatan?: string; desa?: string },
  withKabupaten = false,
): string {
  const parts = [area.desa, area.kecamatan, withKabupaten ? area.kabupaten : undefined];
  return parts.filter((p) => p !== undefined && p !== "").join(", ") || "Wilayah tidak diketahui";
}

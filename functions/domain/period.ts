import { z } from "zod";
import { daysInMonth } from "./local-time";

/**
 * A campaign period: one calendar month, written `YYYY-MM` (month 01-12) in events, keys, files
 * and on the command line, and read "November 2026" by supervisors. The one parser of it and its
 * month arithmetic.
 */

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

const MONTH_NAMES = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
] as const;

export const isPeriod = (value: string) => PERIOD.test(value);

/** A period in a zod schema; `message` is what the caller's readers are told on anything else. */
export const periodSchema = (message = "must be YYYY-MM") => z.string().regex(PERIOD, message);

/** `value` when it is a period; a RangeError naming it otherwise (for periods code was given). */
export function parsePeriod(value: string): string {
  if (!isPeriod(value)) throw new RangeError(`period must be YYYY-MM, got "${value}"`);
  return value;
}

/** Year and month (1-12); throws like parsePeriod. */
function yearMonth(period: string): { year: number; month: number } {
  const [year, month] = parsePeriod(period).split("-").map(Number) as [number, number];
  return { year, month };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The period a local date (YYYY-MM-DD) falls in. */
export const periodOf = (localDate: string) => parsePeriod(localDate.slice(0, 7));

export const firstDayOfPeriod = (period: string) => `${parsePeriod(period)}-01`;

export function lastDayOfPeriod(period: string): string {
  const { year, month } = yearMonth(period);
  return `${period}-${pad(daysInMonth(year, month), 2)}`;
}

/** `period` moved by `months` (negative: back). */
export function addMonths(period: string, months: number): string {
  const { year, month } = yearMonth(period);
  const index = year * 12 + (month - 1) + months;
  return `${pad(Math.floor(index / 12), 4)}-${pad((((index % 12) + 12) % 12) + 1, 2)}`;
}

export const previousPeriod = (period: string) => addMonths(period, -1);

/** How supervisors read a period: `2026-11` -> "November 2026". */
export function periodLabel(period: string): string {
  const { year, month } = yearMonth(period);
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

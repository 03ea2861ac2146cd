/**
 * Local dates and times in a zone, the one place that knows them: time is stored in UTC and is
 * local (WIB, WITA, WIT) wherever a rule counts days or a person reads it. Offsets are read from
 * Intl at the instant, so any IANA zone works, also one that changes its offset.
 */

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalDateTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  isoWeekday: IsoWeekday;
  /** Whole minutes since local midnight. */
  minutes: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a DateTimeFormat costs far more than formatting; the dialer asks per case per tick.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isIanaTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local wall-clock fields of `instant` in `timeZone`, as numbers. */
function wallClock(instant: number, timeZone: string) {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return { year, month, day, hour, minute, second };
}

/** Offset of the zone at `instant` in ms (local minus UTC). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const utcMidnightOf = (date: string) => {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
};

const pad2 = (n: number) => String(n).padStart(2, "0");

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in `month` (1-12) of `year`, by the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export const isoWeekdayOf = (date: string) =>
  (((new Date(utcMidnightOf(date)).getUTCDay() + 6) % 7) + 1) as IsoWeekday;

/** Where `now` stands in `timeZone`: its local date, weekday and whole minutes (seconds dropped). */
export function localDateTime(now: Date, timeZone: string): LocalDateTime {
  const w = wallClock(now.getTime(), timeZone);
  const date = isoDate(w.year, w.month, w.day);
  return { date, isoWeekday: isoWeekdayOf(date), minutes: w.hour * 60 + w.minute };
}

export function localDate(now: Date, timeZone: string): string {
  return localDateTime(now, timeZone).date;
}

/** The instant at which local `date` reaches `minutes` past midnight in `timeZone`. */
export function localInstant(date: string, minutes: number, timeZone: string): Date {
  const wall = utcMidnightOf(date) + minutes * MINUTE_MS;
  const guess = wall - offsetAt(wall, timeZone);
  // Second pass corrects guesses that land on the other side of an offset change.
  return new Date(wall - offsetAt(guess, timeZone));
}

/** The instant local `date` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return localInstant(date, 0, timeZone);
}

/** Local midnight that starts the day after `now`'s local date. */
export function startOfNextLocalDay(now: Date, timeZone: string): Date {
  return startOfLocalDay(addDays(localDate(now, timeZone), 1), timeZone);
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const shifted = new Date(utcMidnightOf(date) + days * DAY_MS);
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Minutes since midnight of a zero-padded `HH:MM`. */
export const minutesOfClock = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Minutes since midnight as a clock, `08:05`; Indonesian text writes `08.05` ("pukul 08.05"),
 * supervisors' reports and config `08:05`.
 */
export function clockText(minutes: number, separator: ":" | "." = ":"): string {
  return `${pad2(Math.floor(minutes / 60))}${separator}${pad2(minutes % 60)}`;
}

/** Indonesia's names of its zones; other zones go by their IANA name. */
const ZONE_NAMES: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Ujung_Pandang": "WITA",
  "Asia/Jayapura": "WIT",
};

/** How people in Indonesia name a zone: `WIB`, `WITA`, `WIT`. */
export const zoneName = (timeZone: string) => ZONE_NAMES[timeZone] ?? timeZone;

/** An instant as a person in the zone reads it: `2026-11-20 10:00 WITA`. */
export function localTimeText(at: Date, timeZone: string): string {
  const local = localDateTime(at, timeZone);
  return `${local.date} ${clockText(local.minutes)} ${zoneName(timeZone)}`;
}

/** `at` as ISO 8601 in `timeZone`'s local time with its offset, whole seconds: `2026-11-11T08:30:00+07:00`. */
export function zonedIsoString(at: Date, timeZone: string): string {
  const w = wallClock(at.getTime(), timeZone);
  const offsetMinutes = Math.round(offsetAt(at.getTime(), timeZone) / MINUTE_MS);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const offset = `${sign}${clockText(Math.abs(offsetMinutes))}`;
  return `${isoDate(w.year, w.month, w.day)}T${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}${offset}`;
}

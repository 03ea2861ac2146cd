import type { ContactWindow } from "./branches";

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalDateTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  isoWeekday: IsoWeekday;
  /** Whole minutes since local midnight. */
  minutes: number;
}

/** Farther than a year plus a few days means the window can never open (e.g. every day a holiday). */
const SEARCH_DAYS = 370;
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

/** Local wall-clock fields of `instant` in `timeZone`, as numbers. */
function wallClock(instant: number, timeZone: string) {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return { year, month, day, hour, minute, second };
}

/** Offset of the zone at `instant` in ms (local minus UTC), read from Intl so DST zones also work. */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which local `date` reaches `minutes` past midnight in `timeZone`. */
function instantOf(date: string, minutes: number, timeZone: string): Date {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d) + minutes * MINUTE_MS;
  const guess = wall - offsetAt(wall, timeZone);
  // Second pass corrects guesses that land on the other side of an offset change.
  return new Date(wall - offsetAt(guess, timeZone));
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function weekdayOf(utcMidnight: number): IsoWeekday {
  return (((new Date(utcMidnight).getUTCDay() + 6) % 7) + 1) as IsoWeekday;
}

export function localDateTime(now: Date, timeZone: string): LocalDateTime {
  const w = wallClock(now.getTime(), timeZone);
  return {
    date: isoDate(w.year, w.month, w.day),
    isoWeekday: weekdayOf(Date.UTC(w.year, w.month - 1, w.day)),
    minutes: w.hour * 60 + w.minute,
  };
}

function isContactDay(date: string, isoWeekday: IsoWeekday, window: ContactWindow): boolean {
  return window.days.includes(isoWeekday) && !window.holidays.includes(date);
}

/** Contact allowed now: a window weekday, not a holiday, start <= local time < end. */
export function isInsideWindow(now: Date, timeZone: string, window: ContactWindow): boolean {
  const local = localDateTime(now, timeZone);
  return (
    isContactDay(local.date, local.isoWeekday, window) &&
    local.minutes >= minutesOf(window.start) &&
    local.minutes < minutesOf(window.end)
  );
}

/** `now` when inside the window, else the next instant it opens. Throws if it never opens within a year. */
export function nextWindowOpen(now: Date, timeZone: string, window: ContactWindow): Date {
  if (isInsideWindow(now, timeZone, window)) return now;
  const w = wallClock(now.getTime(), timeZone);
  const today = Date.UTC(w.year, w.month - 1, w.day);
  const start = minutesOf(window.start);
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const day = new Date(today + i * DAY_MS);
    const date = isoDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
    if (!isContactDay(date, weekdayOf(day.getTime()), window)) continue;
    const opens = instantOf(date, start, timeZone);
    if (opens.getTime() > now.getTime()) return opens;
  }
  throw new Error(`contact window in ${timeZone} does not open within ${SEARCH_DAYS} days`);
}

/** When today's window closes, if `now` is inside it. */
export function windowCloses(now: Date, timeZone: string, window: ContactWindow): Date | undefined {
  if (!isInsideWindow(now, timeZone, window)) return undefined;
  return instantOf(localDateTime(now, timeZone).date, minutesOf(window.end), timeZone);
}

/** The instant local `date` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return instantOf(date, 0, timeZone);
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  const shifted = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

import type { ContactWindow } from "./branches";
import { isNationalDayOff } from "./national-holidays";

/**
 * Local time and the contact window, the one place that knows them: the dialer, the SMS wave,
 * calling days, callbacks and promises all ask here. A day's window is its hours minus its blocked
 * ranges (weekly, e.g. Friday prayers, and dated, e.g. the Ramadan iftar hour); national days off,
 * the branch's own holidays and days not in `days` have none.
 */

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

const utcMidnightOf = (date: string) => {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
};

/** The instant at which local `date` reaches `minutes` past midnight in `timeZone`. */
export function localInstant(date: string, minutes: number, timeZone: string): Date {
  const wall = utcMidnightOf(date) + minutes * MINUTE_MS;
  const guess = wall - offsetAt(wall, timeZone);
  // Second pass corrects guesses that land on the other side of an offset change.
  return new Date(wall - offsetAt(guess, timeZone));
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const weekdayOf = (date: string) => (((new Date(utcMidnightOf(date)).getUTCDay() + 6) % 7) + 1) as IsoWeekday;

export function localDateTime(now: Date, timeZone: string): LocalDateTime {
  const w = wallClock(now.getTime(), timeZone);
  const date = isoDate(w.year, w.month, w.day);
  return { date, isoWeekday: weekdayOf(date), minutes: w.hour * 60 + w.minute };
}

export function localDate(now: Date, timeZone: string): string {
  return localDateTime(now, timeZone).date;
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const shifted = new Date(utcMidnightOf(date) + days * DAY_MS);
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Last calendar day of a `YYYY-MM` period. */
export function lastDayOfPeriod(period: string): string {
  const [y = 0, m = 1] = period.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The instant local `date` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return localInstant(date, 0, timeZone);
}

/** Local midnight that starts the day after `now`'s local date. */
export function startOfNextLocalDay(now: Date, timeZone: string): Date {
  return startOfLocalDay(addDays(localDate(now, timeZone), 1), timeZone);
}

// ---------------------------------------------------------------------------------------------
// The window

/** A span of local minutes since midnight, end exclusive. */
type Span = readonly [start: number, end: number];

function without(spans: readonly Span[], [from, to]: Span): Span[] {
  return spans.flatMap(([start, end]): Span[] => {
    if (to <= start || from >= end) return [[start, end]];
    return [...(from > start ? [[start, from] as const] : []), ...(to < end ? [[to, end] as const] : [])];
  });
}

/** Whether any contact is allowed on local `date` at all (a window weekday, no day off). */
function isContactDay(date: string, window: ContactWindow): boolean {
  return (
    window.days.includes(weekdayOf(date)) &&
    !window.holidays.includes(date) &&
    !isNationalDayOff(date, window.nationalCalendar)
  );
}

/** The local minutes of `date` when contact is allowed, in order: the window minus its blocked ranges. */
function openSpans(date: string, window: ContactWindow): Span[] {
  if (!isContactDay(date, window)) return [];
  let spans: Span[] = [[minutesOf(window.start), minutesOf(window.end)]];
  const weekday = weekdayOf(date);
  for (const b of window.blocked.weekly) {
    if (b.days.includes(weekday)) spans = without(spans, [minutesOf(b.start), minutesOf(b.end)]);
  }
  for (const b of window.blocked.dated) {
    if (b.from <= date && date <= b.to) spans = without(spans, [minutesOf(b.start), minutesOf(b.end)]);
  }
  return spans;
}

/** Contact allowed now: a contact day, inside its hours and outside every blocked range. */
export function isInsideWindow(now: Date, timeZone: string, window: ContactWindow): boolean {
  const local = localDateTime(now, timeZone);
  return openSpans(local.date, window).some(([start, end]) => local.minutes >= start && local.minutes < end);
}

/** `now` when inside the window, else the next instant it opens. Throws if it never opens within a year. */
export function nextWindowOpen(now: Date, timeZone: string, window: ContactWindow): Date {
  // Whole local minutes: 07:59:59 is before an 08:00 opening, 19:59:59 inside a window ending 20:00.
  const local = localDateTime(now, timeZone);
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const date = addDays(local.date, i);
    for (const [start, end] of openSpans(date, window)) {
      if (i === 0 && end <= local.minutes) continue;
      if (i === 0 && start <= local.minutes) return now;
      const opens = localInstant(date, start, timeZone);
      if (opens.getTime() > now.getTime()) return opens;
    }
  }
  throw new Error(`contact window in ${timeZone} does not open within ${SEARCH_DAYS} days`);
}

/**
 * When contact first opens and last closes on local `day` (blocked ranges may lie in between), or
 * undefined when no contact is allowed that day (Sunday, a holiday).
 */
export function dayWindow(
  day: string,
  timeZone: string,
  window: ContactWindow,
): { opens: Date; closes: Date } | undefined {
  const spans = openSpans(day, window);
  const first = spans[0];
  const last = spans[spans.length - 1];
  if (!first || !last) return undefined;
  return { opens: localInstant(day, first[0], timeZone), closes: localInstant(day, last[1], timeZone) };
}

const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The window in one line for messages, e.g. `08:00-20:00 local, Mon-Sat, not Fri 11:30-13:00`. */
export function describeWindow(window: ContactWindow, timeZone: string): string {
  const days = window.days.map((d) => WEEKDAY_NAMES[d - 1]).join("/");
  const weekly = window.blocked.weekly.map(
    (b) => `${b.days.map((d) => WEEKDAY_NAMES[d - 1]).join("/")} ${b.start}-${b.end}`,
  );
  const dated = window.blocked.dated.map((b) => `${b.from}..${b.to} ${b.start}-${b.end}`);
  const blocked = [...weekly, ...dated];
  return (
    `${window.start}-${window.end} local (${timeZone}), ${days}, not on holidays` +
    (blocked.length > 0 ? `, not ${blocked.join(", ")}` : "")
  );
}

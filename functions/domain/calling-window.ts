import type { ContactWindow } from "./branches";
import { addDays, isoWeekdayOf, localDateTime, localInstant, minutesOfClock } from "./local-time";
import { isNationalDayOff } from "./national-holidays";

/**
 * The contact window, the one place that knows it: the dialer, the SMS wave, calling days,
 * callbacks and promises all ask here (local dates and times are local-time.ts's). A day's window is its hours minus its blocked
 * ranges (weekly, e.g. Friday prayers, and dated, e.g. the Ramadan iftar hour); national days off,
 * the branch's own holidays and days not in `days` have none.
 */

/** Farther than a year plus a few days means the window can never open (e.g. every day a holiday). */
const SEARCH_DAYS = 370;

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
    window.days.includes(isoWeekdayOf(date)) &&
    !window.holidays.includes(date) &&
    !isNationalDayOff(date, window.nationalCalendar)
  );
}

/** The local minutes of `date` when contact is allowed, in order: the window minus its blocked ranges. */
function openSpans(date: string, window: ContactWindow): Span[] {
  if (!isContactDay(date, window)) return [];
  let spans: Span[] = [[minutesOfClock(window.start), minutesOfClock(window.end)]];
  const weekday = isoWeekdayOf(date);
  for (const b of window.blocked.weekly) {
    if (b.days.includes(weekday)) spans = without(spans, [minutesOfClock(b.start), minutesOfClock(b.end)]);
  }
  for (const b of window.blocked.dated) {
    if (b.from <= date && date <= b.to)
      spans = without(spans, [minutesOfClock(b.start), minutesOfClock(b.end)]);
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

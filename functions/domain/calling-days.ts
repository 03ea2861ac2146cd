import type { ContactWindow } from "./branches";
import { nextWindowOpen } from "./calling-window";
import { addDays, localDate, startOfLocalDay } from "./local-time";
import { firstDayOfPeriod, lastDayOfPeriod } from "./period";

export interface CallingDay {
  /** Local date YYYY-MM-DD in the branch's zone. */
  day: string;
  /** When the day's window opens. */
  opensAt: Date;
}

/**
 * The next calling day of a campaign: the first window opening on a local date after `afterDay`
 * (or, for the first day, at least `graceDays` after `graceFrom`, by default `now`), inside the
 * period: never before its first date, never past its last, never before `now`.
 * Undefined when the campaign has no calling day left.
 */
export function nextCallingDay(input: {
  now: Date;
  timeZone: string;
  window: ContactWindow;
  period: string;
  graceDays: number;
  /** When the reminders went: the grace days count from its local date. */
  graceFrom?: Date;
  afterDay?: string;
}): CallingDay | undefined {
  const today = localDate(input.now, input.timeZone);
  // The day after the finished one; today when that day is already past (a resumed campaign).
  const earliestDate = input.afterDay
    ? input.afterDay >= today
      ? addDays(input.afterDay, 1)
      : today
    : addDays(localDate(input.graceFrom ?? input.now, input.timeZone), input.graceDays);
  // Never before the period's first day (YYYY-MM-DD dates sort as the days they are).
  const startDate = [earliestDate, firstDayOfPeriod(input.period)].sort().at(-1) ?? earliestDate;
  const from = new Date(Math.max(input.now.getTime(), startOfLocalDay(startDate, input.timeZone).getTime()));
  const opensAt = nextWindowOpen(from, input.timeZone, input.window);
  const day = localDate(opensAt, input.timeZone);
  if (day > lastDayOfPeriod(input.period)) return undefined;
  return { day, opensAt };
}

import type { ContactWindow } from "./branches";
import { nextWindowOpen } from "./calling-window";
import type { Case } from "./case";
import { addDays, localDate, localInstant } from "./local-time";

/* A promise to pay, pure: when a pending one counts as broken, and when its follow-up call falls due. */

/** The instant a pending promise counts as broken: local midnight after date + grace days. */
export function promiseBrokenAt(date: string, graceDays: number, timeZone: string): Date {
  return localInstant(addDays(date, graceDays + 1), 0, timeZone);
}

/** When the follow-up call of a promise falls due: the first window opening once it is broken. */
export function promiseFollowUpAt(
  date: string,
  graceDays: number,
  timeZone: string,
  window: ContactWindow,
): Date {
  return nextWindowOpen(promiseBrokenAt(date, graceDays, timeZone), timeZone, window);
}

/** A pending promise is broken once its date + grace days have passed locally without full payment. */
export function promiseBroken(
  c: Pick<Case, "promise" | "status">,
  now: Date,
  timeZone: string,
  graceDays: number,
): boolean {
  const p = c.promise;
  if (p?.status !== "PENDING" || c.status === "PAID") return false;
  return localDate(now, timeZone) > addDays(p.date, graceDays);
}

import { nextWindowOpen } from "./calling-window";
import type { Case } from "./case";
import type { DialingContext } from "./dialing";
import { localDate, startOfNextLocalDay } from "./local-time";

/**
 * Who may be dialled when, pure: a case is called only while open and queued, contactable, with a
 * phone, under the campaign's and the day's attempt caps, and inside its branch's contact window
 * (local dates and times are local-time.ts's, the window calling-window.ts's).
 */

export function attemptsOn(c: Pick<Case, "attemptsToday">, date: string): number {
  return c.attemptsToday?.date === date ? c.attemptsToday.count : 0;
}

/**
 * A callback the participant asked for is called at the time they chose, even when today's
 * per-day cap is used (they consented); the per-campaign cap still applies.
 */
const isRequestedCallback = (c: Pick<Case, "lastOutcome">) => c.lastOutcome === "CALL_BACK_LATER";

/**
 * The first instant at or after `from` when an attempt is allowed: not on a local day whose
 * per-day cap is used, and inside the branch's contact window.
 */
export function nextAllowedAt(
  c: Pick<Case, "attemptsToday" | "lastOutcome">,
  from: Date,
  ctx: DialingContext,
): Date {
  const { timeZone, contactWindow } = ctx.branch;
  let t = from;
  if (!isRequestedCallback(c) && attemptsOn(c, localDate(t, timeZone)) >= ctx.strategy.frequencyCap.perDay) {
    t = startOfNextLocalDay(t, timeZone);
  }
  return nextWindowOpen(t, timeZone, contactWindow);
}

export type StopReason = "NOT_OPEN" | "NOT_CONTACTABLE" | "NO_PHONE" | "NOT_QUEUED" | "CAMPAIGN_CAP";

export type DialStatus =
  | { kind: "CALL_NOW" }
  | { kind: "WAIT"; until: Date }
  | { kind: "IN_FLIGHT" }
  /** Never callable again in this campaign: it should leave the dial queue. */
  | { kind: "STOP"; reason: StopReason };

/** What dialStatus reads of a case (all of it in the dial queue's index projection). */
export type DialStatusFields = Pick<
  Case,
  | "status"
  | "dialQueue"
  | "inFlight"
  | "contactable"
  | "phone"
  | "callAttempts"
  | "nextAttemptAt"
  | "attemptsToday"
  | "lastOutcome"
>;

/** Whether a case may be called at `now` (open, due, in its window, under both frequency caps). */
export function dialStatus(c: DialStatusFields, now: Date, ctx: DialingContext): DialStatus {
  if (c.status !== "OPEN") return { kind: "STOP", reason: "NOT_OPEN" };
  if (!c.dialQueue) return { kind: "STOP", reason: "NOT_QUEUED" };
  if (c.inFlight) return { kind: "IN_FLIGHT" };
  if (!c.contactable) return { kind: "STOP", reason: "NOT_CONTACTABLE" };
  if (!c.phone) return { kind: "STOP", reason: "NO_PHONE" };
  if (c.callAttempts >= ctx.strategy.frequencyCap.perCampaign)
    return { kind: "STOP", reason: "CAMPAIGN_CAP" };
  const due = new Date(Math.max(now.getTime(), new Date(c.nextAttemptAt).getTime()));
  const at = nextAllowedAt(c, due, ctx);
  return at.getTime() <= now.getTime() ? { kind: "CALL_NOW" } : { kind: "WAIT", until: at };
}

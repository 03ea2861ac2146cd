import { nextWindowOpen } from "./calling-window";
import type { CallbackRequest, Case } from "./case";
import type { DialingContext } from "./dialing";
import { addDays, localDate, localDateTime, localInstant, startOfNextLocalDay } from "./local-time";

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

/** Two tries a day for a year: a callback window that never meets the contact window gives up. */
const CALLBACK_SEARCH_STEPS = 740;

/**
 * The first instant at or after `from` inside both the contact window and the callback window the
 * participant chose (a blocked range or a day off inside it moves the call to the next day's).
 */
export function nextCallbackOpen(
  from: Date,
  callback: Pick<CallbackRequest, "fromMinute" | "toMinute">,
  ctx: Pick<DialingContext, "branch">,
): Date {
  const { timeZone, contactWindow } = ctx.branch;
  let t = from;
  for (let step = 0; step < CALLBACK_SEARCH_STEPS; step++) {
    t = nextWindowOpen(t, timeZone, contactWindow);
    const local = localDateTime(t, timeZone);
    if (local.minutes >= callback.fromMinute && local.minutes < callback.toMinute) return t;
    const day = local.minutes < callback.fromMinute ? local.date : addDays(local.date, 1);
    t = localInstant(day, callback.fromMinute, timeZone);
  }
  throw new Error(`callback window in ${timeZone} does not meet the contact window within a year`);
}

/**
 * The first instant at or after `from` when an attempt is allowed: not on a local day whose
 * per-day cap is used, inside the branch's contact window, and inside the callback window the
 * participant chose, if any.
 */
export function nextAllowedAt(
  c: Pick<Case, "attemptsToday" | "lastOutcome" | "callback">,
  from: Date,
  ctx: DialingContext,
): Date {
  const { timeZone, contactWindow } = ctx.branch;
  let t = from;
  if (!isRequestedCallback(c) && attemptsOn(c, localDate(t, timeZone)) >= ctx.strategy.frequencyCap.perDay) {
    t = startOfNextLocalDay(t, timeZone);
  }
  return c.callback ? nextCallbackOpen(t, c.callback, ctx) : nextWindowOpen(t, timeZone, contactWindow);
}

export type StopReason =
  | "NOT_OPEN"
  | "NOT_CONTACTABLE"
  | "NO_PHONE"
  | "NOT_QUEUED"
  | "CAMPAIGN_CAP"
  /** On a REHAB plan: reminded of the instalment, never called as a debtor. */
  | "REHAB_PLAN";

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
  | "callback"
  | "hold"
>;

/** Epoch ms of the local day a do-not-contact hold ends (0 without one): not dialled before. */
const heldUntil = (c: Pick<Case, "hold">, ctx: DialingContext) =>
  c.hold?.kind === "DO_NOT_CONTACT" ? localInstant(c.hold.until, 0, ctx.branch.timeZone).getTime() : 0;

/** Whether a case may be called at `now` (open, due, in its window, under both frequency caps). */
export function dialStatus(c: DialStatusFields, now: Date, ctx: DialingContext): DialStatus {
  if (c.status !== "OPEN") return { kind: "STOP", reason: "NOT_OPEN" };
  if (!c.dialQueue) return { kind: "STOP", reason: "NOT_QUEUED" };
  if (c.inFlight) return { kind: "IN_FLIGHT" };
  if (!c.contactable) return { kind: "STOP", reason: "NOT_CONTACTABLE" };
  if (!c.phone) return { kind: "STOP", reason: "NO_PHONE" };
  if (c.callAttempts >= ctx.strategy.frequencyCap.perCampaign)
    return { kind: "STOP", reason: "CAMPAIGN_CAP" };
  if (c.hold?.kind === "REHAB_PLAN") return { kind: "STOP", reason: "REHAB_PLAN" };
  const due = new Date(Math.max(now.getTime(), new Date(c.nextAttemptAt).getTime(), heldUntil(c, ctx)));
  const at = nextAllowedAt(c, due, ctx);
  return at.getTime() <= now.getTime() ? { kind: "CALL_NOW" } : { kind: "WAIT", until: at };
}

import type { ContactWindow } from "./branches";
import { dayWindow, isInsideWindow } from "./calling-window";
import type { Case, FollowUpState } from "./case";
import { SEND_INFO, type SendInfo } from "./disposition";
import { addDays, localDate } from "./local-time";
import { underMessageCap } from "./messaging";
import { doNotContactOn, unwantedByCaller } from "./participant-status";
import { nextDueDate } from "./premiums";
import type { CampaignStrategy } from "./strategy";
import type { TemplateOccasion } from "./whatsapp-templates";

/*
 * Follow-up messages at the moments that matter, pure: the eve of a promised date, after an
 * unanswered call, a thank-you after payment in full, before the due date for those a month
 * behind (due-soon.ts: they are not cases), before it of the instalment for cases on a REHAB
 * plan (never called, sent no debt reminder), and the reminder once more, by WhatsApp only, when
 * the first was delivered there but not read. Each goes at most once (a claim per key on
 * the case), only when the strategy enables it, inside the branch's contact window on a calling
 * day, under the cap across channels, and only to a mobile the case may be contacted on.
 *
 * The information a participant asked for during a call (CALL_INFO) goes the same way, once per
 * call and kind, but is no campaign's initiative: no strategy switch and no cap hold it back, and
 * it is not one of the messages the cap counts.
 */

export const FOLLOW_UP_PURPOSES = [
  "REMINDER_AGAIN",
  "PROMISE_EVE",
  "MISSED_CALL",
  "THANK_YOU",
  "DUE_SOON",
  "REHAB_INSTALMENT",
  "CALL_INFO",
] as const;
export type FollowUpPurpose = (typeof FOLLOW_UP_PURPOSES)[number];
export const isFollowUpPurpose = (purpose: string): purpose is FollowUpPurpose =>
  (FOLLOW_UP_PURPOSES as readonly string[]).includes(purpose);

/** The information asked for in a call: its occasion is `<kind>#<the call's disposition key>`. */
export const callInfoFollowUp = (kind: SendInfo, callKey: string): FollowUp => ({
  purpose: "CALL_INFO",
  occasion: `${kind}#${callKey}`,
});

/** Whether a follow-up is one of the messages the cap counts: what the participant asked for is not. */
export const countsInCap = (f: FollowUp) => f.purpose !== "CALL_INFO";

/** The kind of information a CALL_INFO follow-up carries. */
export function callInfoKindOf(f: FollowUp): SendInfo {
  const kind = f.occasion.split("#")[0];
  const known = SEND_INFO.find((k) => k === kind);
  if (!known) throw new RangeError(`not a call-info occasion: ${f.occasion}`);
  return known;
}

/** A follow-up and what it is about: the promised date, the call's local date, the payment, a due date, or the call. */
export interface FollowUp {
  purpose: FollowUpPurpose;
  occasion: string;
}

/** Its key on the case (`followUps.<key>`): one claim per purpose and occasion. */
export const followUpKey = (f: FollowUp) => `${f.purpose}#${f.occasion}`;

const FALLBACK_SUFFIX = "#F";
/** The key of its SMS when its WhatsApp failed after it went (as a wave's `1F`). */
export const followUpFallbackKey = (f: FollowUp) => `${followUpKey(f)}${FALLBACK_SUFFIX}`;
/** Whether a key (or a message key ending in one) is such an SMS's. */
export const isFollowUpFallbackKey = (key: string) => key.endsWith(FALLBACK_SUFFIX);

/** A case is paid in full once per campaign: its thank-you has one occasion. */
export const THANK_YOU_OCCASION = "PAID";

/** Where and when a follow-up would go: the branch's zone and window, the campaign's strategy. */
export interface FollowUpContext {
  now: Date;
  timeZone: string;
  window: ContactWindow;
  messaging: CampaignStrategy["messaging"];
}

type FollowUpCase = Pick<
  Case,
  | "status"
  | "promise"
  | "amountPaid"
  | "contactable"
  | "phone"
  | "phoneType"
  | "followUps"
  | "messageTimes"
  | "hold"
  | "sms"
  | "contacted"
>;

const STRATEGY_KEY = {
  REMINDER_AGAIN: "reminderAgain",
  PROMISE_EVE: "promiseEve",
  MISSED_CALL: "missedCall",
  THANK_YOU: "thankYou",
  DUE_SOON: "dueSoon",
  REHAB_INSTALMENT: "rehabInstalment",
} as const satisfies Record<
  Exclude<FollowUpPurpose, "CALL_INFO">,
  keyof CampaignStrategy["messaging"]["followUps"]
>;

/** Whether local `day` is a calling day: contact is allowed at some hour (no Sunday, no holiday). */
export const isCallingDate = (day: string, timeZone: string, window: ContactWindow) =>
  dayWindow(day, timeZone, window) !== undefined;

/** A promise further than this from its last calling day has no eve (a window open too rarely). */
const EVE_SEARCH_DAYS = 14;

/**
 * The day a promise's reminder goes: the last calling day before its date (Saturday for a Monday
 * promise, the day before a holiday for a promise after it); undefined when none in two weeks.
 */
export function promiseEveOf(
  promiseDate: string,
  timeZone: string,
  window: ContactWindow,
): string | undefined {
  for (let i = 1; i <= EVE_SEARCH_DAYS; i++) {
    const day = addDays(promiseDate, -i);
    if (isCallingDate(day, timeZone, window)) return day;
  }
  return undefined;
}

/**
 * The follow-up the daily sweep owes this case today, before the gates (followUpSkip): the
 * thank-you of a case paid in full; for an open case, the eve of its pending promise when today is
 * that eve, else the instalment reminder of a REHAB plan, else the reminder once more when unread.
 */
export function scheduledFollowUp(c: FollowUpCase, ctx: FollowUpContext): FollowUp | undefined {
  if (c.status === "PAID") return { purpose: "THANK_YOU", occasion: THANK_YOU_OCCASION };
  if (c.status !== "OPEN") return undefined;
  return promiseEveFollowUp(c, ctx) ?? rehabInstalmentFollowUp(c, ctx) ?? reminderAgainFollowUp(c, ctx);
}

/** The campaign's reminder wave, the one a reminder is sent again of. */
const REMINDER_WAVE = "1";

/**
 * The reminder once more, by WhatsApp only: its WhatsApp reminder was delivered but is still
 * unread `afterDays` local calendar days after delivery, nothing is paid, and no agent has spoken
 * with the participant (a call that reached them said more than a message can).
 */
export function reminderAgainFollowUp(
  c: Pick<Case, "status" | "amountPaid" | "contacted" | "promise" | "hold" | "sms">,
  ctx: Pick<FollowUpContext, "now" | "timeZone" | "messaging">,
): FollowUp | undefined {
  if (c.status !== "OPEN" || c.amountPaid > 0 || c.contacted || c.promise || c.hold) return undefined;
  const wave = c.sms[REMINDER_WAVE];
  if (wave?.channel !== "WHATSAPP" || wave.delivery !== "DELIVERED" || !wave.deliveryAt) return undefined;
  const delivered = localDate(new Date(wave.deliveryAt), ctx.timeZone);
  const due = addDays(delivered, ctx.messaging.followUps.reminderAgain.afterDays);
  return localDate(ctx.now, ctx.timeZone) >= due
    ? { purpose: "REMINDER_AGAIN", occasion: REMINDER_WAVE }
    : undefined;
}

/** A follow-up that goes by WhatsApp or not at all: the reminder sent again (the first one arrived there). */
export const whatsappOnly = (f: FollowUp) => f.purpose === "REMINDER_AGAIN";

function promiseEveFollowUp(c: Pick<Case, "promise">, ctx: FollowUpContext): FollowUp | undefined {
  const promise = c.promise;
  if (promise?.status !== "PENDING") return undefined;
  const today = localDate(ctx.now, ctx.timeZone);
  if (promise.date <= today || promiseEveOf(promise.date, ctx.timeZone, ctx.window) !== today)
    return undefined;
  return { purpose: "PROMISE_EVE", occasion: promise.date };
}

/**
 * The instalment reminder of an open case on a REHAB plan (its hold, set at mapping) that nothing
 * has been paid on this campaign: one per due date (the next `dueDay`, as the due-soon reminder's),
 * while today is at least `daysBefore` days before it. The plan's instalment amount is not known
 * here, so the reminder names none.
 */
export function rehabInstalmentFollowUp(
  c: Pick<Case, "status" | "hold" | "amountPaid">,
  ctx: Pick<FollowUpContext, "now" | "timeZone" | "messaging">,
): FollowUp | undefined {
  if (c.status !== "OPEN" || c.hold?.kind !== "REHAB_PLAN" || c.amountPaid > 0) return undefined;
  const { dueSoon, rehabInstalment } = ctx.messaging.followUps;
  const today = localDate(ctx.now, ctx.timeZone);
  const dueDate = nextDueDate(today, dueSoon.dueDay);
  return today <= addDays(dueDate, -rehabInstalment.daysBefore)
    ? { purpose: "REHAB_INSTALMENT", occasion: dueDate }
    : undefined;
}

/**
 * The follow-up of an unanswered call that ended at `endedAt`: one per calling day (its local
 * date), and only while that day lasts (an outcome learnt the day after is too late).
 */
export function missedCallFollowUp(
  c: Pick<Case, "status">,
  endedAt: Date,
  ctx: FollowUpContext,
): FollowUp | undefined {
  const day = localDate(endedAt, ctx.timeZone);
  if (c.status !== "OPEN" || day !== localDate(ctx.now, ctx.timeZone)) return undefined;
  return { purpose: "MISSED_CALL", occasion: day };
}

export type FollowUpSkip =
  | "DISABLED"
  | "ALREADY"
  | "NO_MOBILE"
  | "OUTSIDE_WINDOW"
  | "CAP_REACHED"
  /** The participant asked not to be contacted (or a complaint is under review) until a date. */
  | "DO_NOT_CONTACT"
  /** The participant prefers a call: no message the campaign starts (the thank-you still goes). */
  | "PREFERS_CALL"
  /** A WhatsApp-only follow-up to a participant WhatsApp no longer reaches ("Berhenti", WhatsApp off). */
  | "NO_WHATSAPP";

/** What a run of follow-ups did. */
export interface FollowUpTally {
  /** Follow-ups sent, either channel. */
  sent: number;
  /** Of them, by WhatsApp. */
  whatsapp: number;
  failed: number;
  /** Claimed by an earlier or concurrent run. */
  alreadyDone: number;
  /** Due but not sent now, by reason (disabled, cap reached...). */
  skipped: Partial<Record<FollowUpSkip, number>>;
}

/** Claimed, sent, or failed for good: never again. A transient failure may be claimed once more. */
export const followUpTaken = (state: FollowUpState | undefined) =>
  state !== undefined && !(state.status === "FAILED" && state.retryable === true);

/** What the gates read of a recipient: a case, or a due-soon notice. */
type GatedRecipient = Pick<
  Case,
  "contactable" | "phone" | "phoneType" | "followUps" | "messageTimes" | "hold"
>;

/** Why the follow-up does not go now, or undefined when it may. */
export function followUpSkip(c: GatedRecipient, f: FollowUp, ctx: FollowUpContext): FollowUpSkip | undefined {
  if (f.purpose !== "CALL_INFO" && !ctx.messaging.followUps[STRATEGY_KEY[f.purpose]].enabled)
    return "DISABLED";
  if (followUpTaken(c.followUps?.[followUpKey(f)])) return "ALREADY";
  if (!c.contactable || !c.phone || c.phoneType !== "MOBILE") return "NO_MOBILE";
  if (doNotContactOn(c.hold, localDate(ctx.now, ctx.timeZone))) return "DO_NOT_CONTACT";
  if (unwantedByCaller(c.hold, f.purpose)) return "PREFERS_CALL";
  // Outside the hours, and on every day that is not a calling day (Sundays, holidays).
  if (!isInsideWindow(ctx.now, ctx.timeZone, ctx.window)) return "OUTSIDE_WINDOW";
  if (!underMessageCap(c.messageTimes ?? [], ctx.now, ctx.messaging.cap)) return "CAP_REACHED";
  return undefined;
}

/** What the WhatsApp template of the follow-up names: the promise, the call's day, the payment, a due date. */
export function templateOccasionOf(
  c: Pick<Case, "promise" | "amountPaid" | "amountDue">,
  f: FollowUp,
): TemplateOccasion {
  switch (f.purpose) {
    case "REMINDER_AGAIN":
      return { purpose: "REMINDER" };
    case "PROMISE_EVE":
      return { purpose: "PROMISE_EVE", promiseDate: f.occasion, amount: c.promise?.amount ?? 0 };
    case "MISSED_CALL":
      return { purpose: "MISSED_CALL", callDate: f.occasion };
    case "THANK_YOU":
      return { purpose: "THANK_YOU", amountPaid: c.amountPaid };
    case "DUE_SOON":
      return { purpose: "DUE_SOON", dueDate: f.occasion, amount: c.amountDue };
    case "REHAB_INSTALMENT":
      return { purpose: "REHAB_INSTALMENT", dueDate: f.occasion };
    case "CALL_INFO":
      return { purpose: "CALL_INFO", info: callInfoKindOf(f) };
  }
}

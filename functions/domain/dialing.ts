import type { Branch, ContactWindow } from "./branches";
import { dayWindow, describeWindow, isInsideWindow, nextWindowOpen } from "./calling-window";
import { type CallOutcome, type Case, type DispositionCode, dialRank, type PromiseToPay } from "./case";
import { addDays, localDate, localInstant, startOfNextLocalDay } from "./local-time";
import { formatRupiah } from "./money";
import { lastDayOfPeriod } from "./period";
import { canReceiveSms, normalizePhone, type PhoneType } from "./phone";
import type { CampaignStrategy } from "./strategy";
import type { FieldIssue } from "./validation";

/**
 * Progressive dialing rules, pure: which cases may be called at `now`, how many calls to start,
 * when the next tick is useful, and what a call outcome or an agent's disposition does to a case.
 * Every time is passed in; nothing here reads a clock.
 */

/** While due work could not be started yet (throttled, a seat being given back) the dialer looks again this soon. */
export const TICK_INTERVAL_SECONDS = 30;
/**
 * While agents are busy, the handler that frees an agent starts the next call itself; the tick
 * only reconciles lost outcomes and catches up this often, so a busy hour costs 12 ticks, not one
 * per call.
 */
export const BUSY_TICK_INTERVAL_SECONDS = 300;
/**
 * An agent whose disposition never arrives is counted busy (after-contact work) at most this long,
 * so a lost disposition cannot hold a seat forever.
 */
export const WRAP_UP_TIMEOUT_MINUTES = 5;
/** Promises and callbacks may be set at most this many days after the campaign's month ends. */
export const FOLLOW_UP_DAYS_AFTER_PERIOD = 30;

const MINUTE_MS = 60_000;

export interface DialingContext {
  branch: Pick<Branch, "timeZone" | "contactWindow" | "agentsOnShift" | "queueId">;
  strategy: Pick<CampaignStrategy, "frequencyCap" | "calls" | "buckets">;
}

export type DayPhase = "BEFORE" | "OPEN" | "CLOSED";

/** Where `now` stands in the calling day `day`: before its window, inside it, or past it (or no window). */
export function dayPhase(day: string, now: Date, ctx: DialingContext): DayPhase {
  const w = dayWindow(day, ctx.branch.timeZone, ctx.branch.contactWindow);
  if (!w || now.getTime() >= w.closes.getTime()) return "CLOSED";
  return now.getTime() < w.opens.getTime() ? "BEFORE" : "OPEN";
}

// ---------------------------------------------------------------------------------------------
// Who may be called now

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

/** Whether a case may be called at `now` (open, due, in its window, under both frequency caps). */
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

export function mayCallNow(c: DialStatusFields, now: Date, ctx: DialingContext): boolean {
  return dialStatus(c, now, ctx).kind === "CALL_NOW";
}

/**
 * Calls to start now: free agents (on shift minus those on a call or in after-contact work),
 * capped by what the Connect instance may still carry for this campaign.
 */
export function dialCapacity(input: {
  agentsOnShift: number;
  /** Calls in flight plus agents still in after-contact work. */
  agentsBusy: number;
  callsInFlight: number;
  maxConcurrentCalls: number;
}): number {
  const agents = input.agentsOnShift - input.agentsBusy;
  const instance = input.maxConcurrentCalls - input.callsInFlight;
  return Math.max(0, Math.min(agents, instance));
}

/**
 * When the next tick is useful: soon while due work waits to be started; while agents are busy,
 * the busy interval (or the earliest queued call, if sooner); otherwise the earliest time a
 * queued case may be called (already moved into a window), so idle hours are one jump.
 * Undefined when nothing will ever be callable.
 */
export function nextTickAt(
  now: Date,
  input: { busy: boolean; startable: boolean; earliestCall?: Date | undefined },
): Date | undefined {
  const after = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  if (input.startable) return after(TICK_INTERVAL_SECONDS);
  const earliest =
    input.earliestCall && input.earliestCall.getTime() <= now.getTime()
      ? after(TICK_INTERVAL_SECONDS)
      : input.earliestCall;
  if (!input.busy) return earliest;
  const safety = after(BUSY_TICK_INTERVAL_SECONDS);
  return earliest && earliest.getTime() < safety.getTime() ? earliest : safety;
}

// ---------------------------------------------------------------------------------------------
// Outcomes and dispositions

export type QueueChange =
  | { next: "KEEP" }
  | { next: "REQUEUE"; nextAttemptAt: string; dialRank: string }
  | { next: "REMOVE" };

/** What an outcome or disposition changes on a case; the store writes exactly these fields. */
export interface CaseTransition {
  /** Absent: leave lastOutcome as it is. */
  lastOutcome?: CallOutcome | DispositionCode;
  queue: QueueChange;
  contacted?: true;
  lastAgentId?: string;
  contactable?: boolean;
  phone?: { e164: string; type: PhoneType };
  /** The number became suspect (set), or an answer proved it works (cleared); see Case.suspectPhone. */
  suspectPhone?: { set: string } | "CLEAR";
  promise?: PromiseToPay;
  /** An amended disposition took back the promise it had recorded. */
  clearPromise?: true;
}

function requeue(c: Case, at: Date, boosted = false): QueueChange {
  return {
    next: "REQUEUE",
    nextAttemptAt: at.toISOString(),
    dialRank: dialRank(c.priority, c.participantId, boosted),
  };
}

/** Requeues unless the case may not be called any more (closed or out of attempts). */
function requeueIfAllowed(c: Case, at: Date, ctx: DialingContext, boosted = false): QueueChange {
  if (c.status !== "OPEN" || c.callAttempts >= ctx.strategy.frequencyCap.perCampaign)
    return { next: "REMOVE" };
  return requeue(c, at, boosted);
}

/**
 * The case after one call attempt ended. `c` is the case as it stands (this attempt already
 * counted in callAttempts and attemptsToday). An answered call whose disposition the agent already
 * recorded during the call keeps what the disposition decided.
 */
export function afterCallOutcome(
  c: Case,
  outcome: CallOutcome,
  now: Date,
  ctx: DialingContext,
  extra: { agentId?: string | undefined; dispositionDuringCall?: boolean } = {},
): CaseTransition {
  const agent = extra.agentId ? { lastAgentId: extra.agentId } : {};
  // The agent talked to the participant and decided already: the outcome changes nothing more.
  if (extra.dispositionDuringCall) return { queue: { next: "KEEP" }, contacted: true, ...agent };
  switch (outcome) {
    case "ANSWERED":
      // Until the agent's disposition says otherwise: no second conversation the same day.
      return {
        lastOutcome: outcome,
        contacted: true,
        ...agent,
        ...(c.suspectPhone ? { suspectPhone: "CLEAR" as const } : {}),
        queue: requeueIfAllowed(c, nextAllowedAt(c, startOfNextLocalDay(now, ctx.branch.timeZone), ctx), ctx),
      };
    case "INVALID_NUMBER":
      return afterInvalidNumber(c, now, ctx);
    case "NO_ANSWER":
    case "BUSY":
    case "FAILED":
    case "AGENT_UNAVAILABLE": {
      const retry = new Date(now.getTime() + ctx.strategy.calls.retryAfterMinutes[outcome] * MINUTE_MS);
      // The retry is computed with this attempt's lastOutcome, never the callback exemption.
      const after = { ...c, lastOutcome: outcome };
      return {
        lastOutcome: outcome,
        ...agent,
        queue: requeueIfAllowed(c, nextAllowedAt(after, retry, ctx), ctx),
      };
    }
  }
}

/**
 * The network said the number does not exist. Indonesian mobiles that are off or out of coverage
 * are sometimes reported so: the first report makes the number suspect and it is tried again from
 * the next calling day's window; only a second report on the same number makes the participant
 * not contactable.
 */
function afterInvalidNumber(c: Case, now: Date, ctx: DialingContext): CaseTransition {
  if (!c.phone || c.suspectPhone === c.phone) {
    return { lastOutcome: "INVALID_NUMBER", contactable: false, queue: { next: "REMOVE" } };
  }
  const anotherDay = nextAllowedAt(
    { ...c, lastOutcome: "INVALID_NUMBER" },
    startOfNextLocalDay(now, ctx.branch.timeZone),
    ctx,
  );
  return {
    lastOutcome: "INVALID_NUMBER",
    suspectPhone: { set: c.phone },
    queue: requeueIfAllowed(c, anotherDay, ctx),
  };
}

export interface Disposition {
  code: DispositionCode;
  agentId: string;
  /** Local date YYYY-MM-DD. */
  promiseDate?: string | undefined;
  promiseAmount?: number | undefined;
  /** ISO instant. */
  callbackAt?: string | undefined;
  newPhone?: string | undefined;
  /** Information the participant asked to receive by SMS. */
  sendInfo?: "PAYMENT" | "REHAB" | "AUTODEBET" | undefined;
  notes?: string | undefined;
}

const FIELDS_BY_CODE: Record<string, DispositionCode> = {
  promiseDate: "PROMISE_TO_PAY",
  promiseAmount: "PROMISE_TO_PAY",
  callbackAt: "CALL_BACK_LATER",
  newPhone: "UPDATED_PHONE",
};

/** The latest local date a promise or callback may name: the period's month end + 30 days. */
export function latestFollowUpDate(period: string): string {
  return addDays(lastDayOfPeriod(period), FOLLOW_UP_DAYS_AFTER_PERIOD);
}

/** Everything wrong with a disposition for this case at `now`, each issue naming its field. */
export function validateDisposition(c: Case, d: Disposition, now: Date, ctx: DialingContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (field: string, message: string) => issues.push({ field, message });
  for (const [field, code] of Object.entries(FIELDS_BY_CODE)) {
    if (d[field as keyof Disposition] !== undefined && d.code !== code) issue(field, `only for ${code}`);
  }
  const { timeZone, contactWindow } = ctx.branch;
  const today = localDate(now, timeZone);
  const latest = latestFollowUpDate(c.period);
  switch (d.code) {
    case "PROMISE_TO_PAY": {
      if (d.promiseDate === undefined) issue("promiseDate", "required for PROMISE_TO_PAY");
      else if (d.promiseDate < today) issue("promiseDate", `must be today (${today}) or later`);
      else if (d.promiseDate > latest) issue("promiseDate", `must be on or before ${latest}`);
      const outstanding = Math.max(0, c.amountDue - c.amountPaid);
      if (d.promiseAmount === undefined) issue("promiseAmount", "required for PROMISE_TO_PAY");
      else if (
        !Number.isSafeInteger(d.promiseAmount) ||
        d.promiseAmount < 1 ||
        d.promiseAmount > outstanding
      ) {
        issue("promiseAmount", `must be a whole number of rupiah from 1 to ${formatRupiah(outstanding)}`);
      }
      break;
    }
    case "CALL_BACK_LATER": {
      if (d.callbackAt === undefined) {
        issue("callbackAt", "required for CALL_BACK_LATER");
        break;
      }
      const at = new Date(d.callbackAt);
      if (Number.isNaN(at.getTime())) issue("callbackAt", "must be an ISO date-time");
      else if (at.getTime() <= now.getTime()) issue("callbackAt", "must be in the future");
      else if (localDate(at, timeZone) > latest) issue("callbackAt", `must be on or before ${latest}`);
      else if (!isInsideWindow(at, timeZone, contactWindow)) {
        issue(
          "callbackAt",
          `is outside the participant's contact window (${describeWindow(contactWindow, timeZone)})`,
        );
      }
      break;
    }
    case "UPDATED_PHONE": {
      if (d.newPhone === undefined) issue("newPhone", "required for UPDATED_PHONE");
      else {
        const phone = normalizePhone(d.newPhone);
        if (!phone.ok) issue("newPhone", `${phone.reason}: expected an Indonesian number (+62...)`);
      }
      break;
    }
    default:
      break;
  }
  if (d.sendInfo !== undefined) {
    const phone = d.code === "UPDATED_PHONE" && d.newPhone ? normalizePhone(d.newPhone) : undefined;
    const smsType = phone ? (phone.ok ? phone.type : undefined) : c.phone ? c.phoneType : undefined;
    if (d.code === "WRONG_NUMBER") issue("sendInfo", "not to a wrong number");
    else if (d.sendInfo === "REHAB" && !c.rehabEligible)
      issue("sendInfo", "REHAB is only for 4 to 24 months of arrears");
    else if ((!phone || phone.ok) && !canReceiveSms(smsType))
      issue("sendInfo", "the participant's number cannot receive SMS (not a mobile)");
  }
  return issues;
}

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

/**
 * The case after the agent's disposition (validated first with validateDisposition). A promise's
 * follow-up waits at the top of the dial queue (boosted rank) and falls due only once the promise
 * is broken, so a broken promise is called before anything else.
 */
export function afterDisposition(c: Case, d: Disposition, now: Date, ctx: DialingContext): CaseTransition {
  const base = { lastOutcome: d.code, lastAgentId: d.agentId } as const;
  const { timeZone, contactWindow } = ctx.branch;
  const nextDay = () => nextAllowedAt({ ...c, lastOutcome: d.code }, startOfNextLocalDay(now, timeZone), ctx);
  switch (d.code) {
    case "PROMISE_TO_PAY": {
      const date = d.promiseDate as string;
      const promise: PromiseToPay = {
        amount: d.promiseAmount as number,
        date,
        status: "PENDING",
        agentId: d.agentId,
        recordedAt: now.toISOString(),
      };
      const followUp = promiseFollowUpAt(date, ctx.strategy.calls.promiseGraceDays, timeZone, contactWindow);
      return { ...base, contacted: true, promise, queue: requeueIfAllowed(c, followUp, ctx, true) };
    }
    case "PAID_ALREADY":
    case "REFUSES":
    case "WANTS_REHAB":
      // PAID_ALREADY stays OPEN until the payment webhook confirms; REHAB enrolment is the follow-up.
      return { ...base, contacted: true, queue: { next: "REMOVE" } };
    case "WRONG_NUMBER":
      return { ...base, contactable: false, queue: { next: "REMOVE" } };
    case "CALL_BACK_LATER":
      return { ...base, contacted: true, queue: requeueIfAllowed(c, new Date(d.callbackAt as string), ctx) };
    case "UPDATED_PHONE": {
      const phone = normalizePhone(d.newPhone as string);
      if (!phone.ok) throw new RangeError("newPhone must be validated before afterDisposition");
      const bucket = ctx.strategy.buckets.find((b) => b.id === c.bucketId);
      const callable = bucket ? bucket.treatments.includes("CALL") : c.treatments.includes("CALL");
      return {
        ...base,
        contacted: true,
        contactable: true,
        phone: { e164: phone.e164, type: phone.type },
        // The new number is tried from the next calling day.
        queue: callable ? requeueIfAllowed(c, nextDay(), ctx) : { next: "REMOVE" },
      };
    }
    case "OTHER":
      return { ...base, contacted: true, queue: requeueIfAllowed(c, nextDay(), ctx) };
  }
}

// Digit runs long enough to be a phone, card or NIK number (spaces, dots and dashes allowed inside).
const LONG_NUMBER = /\+?\d(?:[\s.-]?\d){7,}/g;

/** Agent notes are free text: numbers that could identify someone are masked before storing. */
export function redactFreeText(text: string): string {
  return text.replace(LONG_NUMBER, (match) => {
    const digits = match.replace(/\D/g, "");
    return `${"*".repeat(Math.max(4, digits.length - 4))}${digits.slice(-4)}`;
  });
}

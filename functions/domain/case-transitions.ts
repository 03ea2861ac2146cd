import { nextAllowedAt } from "./call-eligibility";
import { type CallOutcome, type Case, type DispositionCode, dialRank, type PromiseToPay } from "./case";
import type { DialingContext } from "./dialing";
import type { Disposition } from "./disposition-rules";
import { startOfNextLocalDay } from "./local-time";
import { normalizePhone, type PhoneType } from "./phone";
import { promiseFollowUpAt } from "./promise-to-pay";

/**
 * What a call outcome or an agent's disposition does to a case, pure: the fields it changes and
 * whether the case is queued again (when), stays, or leaves the dial queue. Every time is passed in.
 */

const MINUTE_MS = 60_000;

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

import { type Dialer, DialerError } from "../channels/dialer";
import { callAttributes, HISTORY_SIZE } from "../domain/call-attributes";
import { caseIdOf, dialRank, previousCampaignIdOf } from "../domain/case";
import { interactionFor } from "../domain/interaction";
import { localDate } from "../domain/local-time";
import { promiseBroken } from "../domain/promise-to-pay";
import type { StartedContact } from "../store/agent-roster";
import type { DialCase, QueuedCase } from "../store/dial-queue";
import type { InteractionStore } from "../store/interactions";
import type { RateLimiter } from "../store/rate-limits";
import { brokenPromiseInteraction } from "./broken-promises";
import {
  type CallServiceDeps,
  type CampaignDialingContext,
  CONNECT_CONCURRENCY_GATE,
  callStartedInteraction,
  campaignExists,
  caseRef,
  endCall,
} from "./call-outcome";

/** The account-wide StartOutboundVoiceContact quota's limiter id. */
export const CONNECT_START_LIMIT = "connect-start";

export interface StartCallDeps extends CallServiceDeps {
  dialer: Dialer;
  /** The participant's latest interactions, for the agent's screen pop. */
  interactions: Pick<InteractionStore, "lastOfCases">;
  rateLimiter: RateLimiter;
  quotas: { callStartsPerSecond: number; maxConcurrentCalls: number };
}

export type StartResult = "STARTED" | "SKIPPED" | "NO_SLOT" | "THROTTLED" | "FAILED";

/** A Connect concurrency slot already taken (handed over by an ended call), until a start uses it. */
export interface HeldSlot {
  held: boolean;
}

/**
 * A free agent's seat for one attempt: a Connect concurrency slot and, once reserved, the
 * participant's roster entry. The start owns it until the attempt is claimed; the claimed attempt
 * owns it then (its outcome settles it, or reconciliation ends it), until the attempt is given
 * back. Whatever the start still owns when it returns or throws is given back in one place.
 */
interface Seat {
  campaignId: string;
  participantId: string;
  attempt: number;
  claimedAt: Date;
  onRoster: boolean;
  owner: "START" | "ATTEMPT";
}

/**
 * Starts one call: reserve a seat (a Connect slot and a roster entry), claim attempt n on the case
 * (conditional), dial (a start permit, then StartOutboundVoiceContact with ClientToken
 * `<caseId>#<attempt>`), and settle what the dial did.
 *
 * A retryable failure (throttled, limit exceeded, unavailable) gives the attempt back: it is not
 * counted toward the caps and the case stays due, so the next tick tries again; the failure is
 * recorded as CALL_START_FAILED. A non-retryable one is this attempt's outcome (FAILED, or
 * INVALID_NUMBER), counted like a call that did not connect.
 */
export async function startCall(
  deps: StartCallDeps,
  read: QueuedCase,
  ctx: CampaignDialingContext,
  slot: HeldSlot,
): Promise<StartResult> {
  if (!(await takeConnectSlot(deps, slot))) return "NO_SLOT";
  const seat: Seat = {
    campaignId: read.campaignId,
    participantId: read.participantId,
    attempt: read.callAttempts + 1,
    claimedAt: deps.clock.now(),
    onRoster: false,
    owner: "START",
  };
  try {
    seat.onRoster = await deps.roster.reserve(
      seat.campaignId,
      { participantId: seat.participantId, attempt: seat.attempt, startedAt: seat.claimedAt.toISOString() },
      ctx.branch.agentsOnShift,
    );
    if (!seat.onRoster) return "SKIPPED";
    const c = await claim(deps, read, ctx, seat);
    if (!c) return "SKIPPED";
    seat.owner = "ATTEMPT";
    return await settle(deps, c, ctx, seat, await dial(deps, c, ctx, seat));
  } finally {
    if (seat.owner === "START") await giveBack(deps, seat);
  }
}

/** The handed-over slot, else a new one if the instance has one free. */
async function takeConnectSlot(deps: StartCallDeps, slot: HeldSlot): Promise<boolean> {
  if (!slot.held) return deps.concurrency.tryEnter(CONNECT_CONCURRENCY_GATE, deps.quotas.maxConcurrentCalls);
  slot.held = false;
  return true;
}

/** The seat goes back: off the roster (unless another writer took it off and freed the slot), and the slot. */
async function giveBack(deps: StartCallDeps, seat: Seat): Promise<void> {
  if (seat.onRoster) {
    const match = { attempt: seat.attempt, phase: "CALL" as const };
    if ((await deps.roster.release(seat.campaignId, seat.participantId, match)) !== "CALL") return;
  }
  await deps.concurrency.leave(CONNECT_CONCURRENCY_GATE);
}

/**
 * Claims the attempt on the case as read, marking its promise broken first when it is (the same
 * write as the daily sweep's). Undefined when the case changed since it was read.
 */
async function claim(
  deps: StartCallDeps,
  read: QueuedCase,
  ctx: CampaignDialingContext,
  seat: Seat,
): Promise<DialCase | undefined> {
  const { timeZone } = ctx.branch;
  let queued = read;
  const grace = ctx.strategy.calls.promiseGraceDays;
  if (queued.promise && promiseBroken(queued, seat.claimedAt, timeZone, grace)) {
    const broken = await deps.dialQueue.markPromiseBroken(
      queued,
      dialRank(queued.priority, queued.participantId, true),
      brokenPromiseInteraction(queued, queued.promise, grace, timeZone),
    );
    if (!broken) return undefined;
    queued = { ...queued, promise: { ...queued.promise, status: "BROKEN" } };
  }
  return deps.dialQueue.claimAttempt(queued, {
    attempt: seat.attempt,
    startedAt: seat.claimedAt.toISOString(),
    localDate: localDate(seat.claimedAt, timeZone),
  });
}

type Dialled = { contactId: string } | { error: unknown };

/** Asks Connect for the call, with the agent's screen pop; a refusal is returned, for settle. */
async function dial(
  deps: StartCallDeps,
  c: DialCase,
  ctx: CampaignDialingContext,
  seat: Seat,
): Promise<Dialled> {
  const bucket = ctx.strategy.buckets.find((b) => b.id === c.bucketId);
  // This campaign's case and the same branch's previous one: the history an agent needs. Twice
  // the screen's lines: entries the screen does not show (call starts) are skipped. Read before
  // waiting for the start permit, not during: nothing of an invocation may be in flight while it
  // waits on the clock (the local simulation's time moves on then).
  const previousCampaign = previousCampaignIdOf(c.branchCode, c.period);
  const historyCases = (await campaignExists(deps, previousCampaign))
    ? [c.caseId, caseIdOf(previousCampaign, c.participantId)]
    : [c.caseId];
  const history = await deps.interactions.lastOfCases(historyCases, 2 * HISTORY_SIZE);
  await deps.rateLimiter.acquire(CONNECT_START_LIMIT, deps.quotas.callStartsPerSecond, 1);
  const { attempt, claimedAt } = seat;
  const { timeZone } = ctx.branch;
  try {
    return await deps.dialer.startCall({
      phone: c.phone as string,
      caseId: c.caseId,
      branchCode: c.branchCode,
      clientToken: `${c.caseId}#${attempt}`,
      attributes: callAttributes(
        c,
        bucket?.label ?? c.bucketId,
        attempt,
        { now: claimedAt, timeZone },
        history,
      ),
      ...(ctx.branch.queueId ? { queueId: ctx.branch.queueId } : {}),
    });
  } catch (error) {
    return { error };
  }
}

/**
 * What the dial did, on the case: a started call becomes the case's active contact; a retryable
 * failure or an unexpected error gives the attempt (and so the seat) back; a refusal for good is
 * the attempt's outcome, which settles the seat like any ended call.
 */
async function settle(
  deps: StartCallDeps,
  c: DialCase,
  ctx: CampaignDialingContext,
  seat: Seat,
  dialled: Dialled,
): Promise<StartResult> {
  const { attempt } = seat;
  if ("contactId" in dialled) {
    await recordStart(deps, c, attempt, { contactId: dialled.contactId, at: deps.clock.now().toISOString() });
    return "STARTED";
  }
  const { error } = dialled;
  const now = deps.clock.now();
  if (error instanceof DialerError && !error.retryable) {
    deps.log.error("call start refused", {
      ...caseRef(c),
      attempt,
      code: error.code,
      // Not `message`: Powertools keeps that key for the log line's own and drops this one.
      error: error.message,
    });
    const current = await deps.dialQueue.get(c);
    if (!current) seat.owner = "START";
    else {
      const outcome = error.code === "INVALID_NUMBER" ? "INVALID_NUMBER" : "FAILED";
      const detail = { code: error.code, retryable: false };
      const ended = {
        attempt,
        outcome,
        at: now,
        source: "START",
        kind: "CALL_START_FAILED",
        detail,
      } as const;
      await endCall(deps, current, ended, ctx);
    }
    return "FAILED";
  }
  const retryable = error instanceof DialerError;
  if (retryable) deps.log.warn("call start failed, will retry", { ...caseRef(c), attempt, code: error.code });
  const code = retryable ? error.code : "ERROR";
  const detail: Record<string, string | number | boolean> = retryable
    ? { attempt, code, retryable: true }
    : { attempt, code };
  const failure = interactionFor(c, "CALL_START_FAILED", now, `${attempt}#${code}`, { detail });
  await deps.dialQueue.unclaimAttempt(c, attempt, failure, now);
  seat.owner = "START";
  if (retryable) return "THROTTLED";
  throw error;
}

/**
 * Connect accepted the call: the contact becomes the case's active contact, so its events find the
 * case. Should that write fail, the call is live all the same: the contact is kept on the roster
 * entry, where the next tick finds it and confirms it on the case (reconcileCalls), and the case
 * stays claimed for this attempt, so nobody dials it again. Only when the roster write fails too
 * does the tick fail (and Step Functions retry it); the attempt then ends as an unconfirmed start.
 */
async function recordStart(
  deps: StartCallDeps,
  c: DialCase,
  attempt: number,
  started: StartedContact,
): Promise<void> {
  let confirmed: boolean;
  try {
    confirmed = await deps.dialQueue.confirmStart(
      c,
      attempt,
      started.contactId,
      callStartedInteraction(c, attempt, started),
    );
  } catch (error) {
    deps.log.warn("call started but its case was not updated; the next tick confirms it", {
      ...caseRef(c),
      attempt,
      contactId: started.contactId,
      error: error instanceof Error ? error.name : String(error),
    });
    confirmed = await deps.roster.noteStarted(c.campaignId, c.participantId, attempt, started);
  }
  // Someone ended this attempt in between: reconciliation clears its roster entry.
  if (!confirmed)
    deps.log.warn("call started but the case moved on", {
      ...caseRef(c),
      attempt,
      contactId: started.contactId,
    });
}

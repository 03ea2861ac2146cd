import { type Dialer, DialerError } from "../channels/dialer";
import type { DialingContext } from "../domain/dialing";
import type { RosterEntry, StartedContact } from "../store/agent-roster";
import { ConcurrentUpdateError } from "../store/concurrent-update";
import type { DialCase } from "../store/dial-queue";
import {
  type CallServiceDeps,
  CONNECT_CONCURRENCY_GATE,
  callStartedInteraction,
  caseRef,
  type EndedCall,
  endCall,
  wrapUpExpired,
} from "./call-outcome";

type ReconcileDeps = CallServiceDeps & { dialer: Dialer };

export interface ReconcileResult {
  /** Calls whose outcome was applied here because their events never came. */
  reconciled: number;
  /** Roster entries that no longer matched their case (a write lost halfway) and were cleared. */
  repaired: number;
}

/**
 * Contact events are best effort: a call still in flight after inFlightTimeoutMinutes is asked
 * about with DescribeContact. A known outcome is applied exactly like its event would have been; a
 * live call is left alone; a contact Connect does not know, or a start never confirmed, ends as
 * FAILED (it counts: the phone may have rung). A start Connect accepted but whose case write failed
 * is confirmed on the case at once, from its roster entry, so its events find the case. Also frees
 * agents whose disposition never came.
 */
export async function reconcileCalls(
  deps: ReconcileDeps,
  campaignId: string,
  ctx: DialingContext,
  /** The roster the caller just read, saving a read. */
  roster?: readonly RosterEntry[],
): Promise<ReconcileResult> {
  const result: ReconcileResult = { reconciled: 0, repaired: 0 };
  for (const entry of roster ?? (await deps.roster.entries(campaignId))) {
    const now = deps.clock.now();
    if (entry.phase === "WRAP_UP") {
      if (wrapUpExpired(entry.endedAt, now)) {
        await deps.roster.release(campaignId, entry.participantId, {
          attempt: entry.attempt,
          phase: "WRAP_UP",
        });
      }
      continue;
    }
    const done = await reconcileCall(deps, campaignId, ctx, entry, now);
    if (done) result[done]++;
  }
  return result;
}

/** One call on the roster: confirmed when its start was never recorded, ended when its events never came. */
async function reconcileCall(
  deps: ReconcileDeps,
  campaignId: string,
  ctx: DialingContext,
  entry: RosterEntry,
  now: Date,
): Promise<keyof ReconcileResult | undefined> {
  const timedOut =
    now.getTime() - new Date(entry.startedAt).getTime() >= ctx.strategy.calls.inFlightTimeoutMinutes * 60_000;
  // Before the timeout only a start whose case write failed needs anything (rare: one read).
  if (!timedOut && !entry.started) return undefined;
  let c = await deps.dialQueue.get({ campaignId, participantId: entry.participantId });
  if (!c?.inFlight || c.inFlight.attempt !== entry.attempt) {
    if (!timedOut) return undefined;
    // The case already ended this attempt (or never claimed it): only the roster lagged.
    const phase = await deps.roster.release(campaignId, entry.participantId, {
      attempt: entry.attempt,
      phase: "CALL",
    });
    if (phase === "CALL") await deps.concurrency.leave(CONNECT_CONCURRENCY_GATE);
    return "repaired";
  }
  if (entry.started && !c.inFlight.contactId) {
    c = await confirmStart(deps, c, entry.attempt, entry.started);
    if (!c) return undefined;
  }
  if (!timedOut) return undefined;
  const ended = await endingOf(deps, c, entry.attempt, now);
  if (!ended) return undefined;
  try {
    return (await endCall(deps, c, ended, ctx)) === "APPLIED" ? "reconciled" : undefined;
  } catch (error) {
    // One case racing with another writer must not hold up the branch's tick: the next one retries it.
    if (!(error instanceof ConcurrentUpdateError)) throw error;
    deps.log.warn("call not reconciled: its case kept changing, the next tick tries again", {
      ...caseRef(c),
      attempt: entry.attempt,
    });
    return undefined;
  }
}

/** Records on the case the contact of a start whose case write failed; undefined when the case moved on. */
async function confirmStart(
  deps: ReconcileDeps,
  c: DialCase,
  attempt: number,
  started: StartedContact,
): Promise<DialCase | undefined> {
  const interaction = callStartedInteraction(c, attempt, started);
  if (!(await deps.dialQueue.confirmStart(c, attempt, started.contactId, interaction))) return undefined;
  deps.log.info("call start confirmed on its case by a later tick", {
    ...caseRef(c),
    attempt,
    contactId: started.contactId,
  });
  const inFlight = { ...(c.inFlight as NonNullable<DialCase["inFlight"]>), contactId: started.contactId };
  return { ...c, inFlight, activeContactId: started.contactId };
}

/** How a call past its timeout ended, as Connect tells it; undefined while it is live or Connect is busy. */
async function endingOf(
  deps: ReconcileDeps,
  c: DialCase,
  attempt: number,
  now: Date,
): Promise<EndedCall | undefined> {
  const contactId = c.inFlight?.contactId || undefined;
  if (!contactId) {
    return {
      attempt,
      outcome: "FAILED",
      at: now,
      source: "RECONCILE",
      detail: { reason: "start not confirmed" },
    };
  }
  let description: Awaited<ReturnType<Dialer["describeContact"]>>;
  try {
    description = await deps.dialer.describeContact(contactId);
  } catch (error) {
    // Throttled or unavailable: the next tick asks again; anything else is a fault to surface.
    if (error instanceof DialerError && error.retryable) {
      deps.log.warn("describeContact failed, retrying next tick", { contactId, code: error.code });
      return undefined;
    }
    throw error;
  }
  if (description && !description.outcome) return undefined;
  return description?.outcome
    ? {
        attempt,
        contactId,
        outcome: description.outcome,
        agentId: description.agentId,
        at: description.disconnectedAt ? new Date(description.disconnectedAt) : now,
        source: "RECONCILE",
      }
    : {
        attempt,
        contactId,
        outcome: "FAILED",
        at: now,
        source: "RECONCILE",
        detail: { reason: "contact unknown to the dialer" },
      };
}

import { type Dialer, DialerError } from "../channels/dialer";
import type { DialingContext } from "../domain/dialing";
import type { RosterEntry } from "../store/case-calls";
import {
  type CallServiceDeps,
  CONNECT_CONCURRENCY_GATE,
  type EndedCall,
  endCall,
  wrapUpExpired,
} from "./call-outcome";

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
 * FAILED (it counts: the phone may have rung). Also frees agents whose disposition never came.
 */
export async function reconcileCalls(
  deps: CallServiceDeps & { dialer: Dialer },
  campaignId: string,
  ctx: DialingContext,
  /** The roster the caller just read, saving a read. */
  roster?: readonly RosterEntry[],
): Promise<ReconcileResult> {
  const result: ReconcileResult = { reconciled: 0, repaired: 0 };
  const timeoutMs = ctx.strategy.calls.inFlightTimeoutMinutes * 60_000;
  for (const entry of roster ?? (await deps.calls.roster(campaignId))) {
    const now = deps.clock.now();
    if (entry.phase === "WRAP_UP") {
      if (wrapUpExpired(entry.endedAt, now)) {
        await deps.calls.release(campaignId, entry.participantId, {
          attempt: entry.attempt,
          phase: "WRAP_UP",
        });
      }
      continue;
    }
    if (now.getTime() - new Date(entry.startedAt).getTime() < timeoutMs) continue;
    const c = await deps.calls.get({ campaignId, participantId: entry.participantId });
    if (!c?.inFlight || c.inFlight.attempt !== entry.attempt) {
      // The case already ended this attempt (or never claimed it): only the roster lagged.
      const phase = await deps.calls.release(campaignId, entry.participantId, {
        attempt: entry.attempt,
        phase: "CALL",
      });
      if (phase === "CALL") await deps.concurrency.leave(CONNECT_CONCURRENCY_GATE);
      result.repaired++;
      continue;
    }
    const contactId = c.inFlight.contactId || undefined;
    let ended: EndedCall | undefined;
    if (!contactId) {
      ended = {
        attempt: entry.attempt,
        outcome: "FAILED",
        at: now,
        source: "RECONCILE",
        detail: { reason: "start not confirmed" },
      };
    } else {
      let description: Awaited<ReturnType<Dialer["describeContact"]>>;
      try {
        description = await deps.dialer.describeContact(contactId);
      } catch (error) {
        // Throttled or unavailable: the next tick asks again; anything else is a fault to surface.
        if (error instanceof DialerError && error.retryable) {
          deps.log.warn("describeContact failed, retrying next tick", { contactId, code: error.code });
          continue;
        }
        throw error;
      }
      if (description && !description.outcome) continue;
      ended = description?.outcome
        ? {
            attempt: entry.attempt,
            contactId,
            outcome: description.outcome,
            agentId: description.agentId,
            at: description.disconnectedAt ? new Date(description.disconnectedAt) : now,
            source: "RECONCILE",
          }
        : {
            attempt: entry.attempt,
            contactId,
            outcome: "FAILED",
            at: now,
            source: "RECONCILE",
            detail: { reason: "contact unknown to the dialer" },
          };
    }
    if ((await endCall(deps, c, ended, ctx)) === "APPLIED") result.reconciled++;
  }
  return result;
}

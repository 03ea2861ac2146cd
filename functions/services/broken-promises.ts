import { type Case, dialRank, type PromiseToPay } from "../domain/case";
import { interactionFor, type NewInteraction } from "../domain/interaction";
import { promiseBroken, promiseBrokenAt } from "../domain/promise-to-pay";
import type { CaseStore } from "../store/cases";
import type { DialQueue } from "../store/dial-queue";

/** The PROMISE_BROKEN entry, keyed by the promise date so the dialer and the sweep write it once. */
export function brokenPromiseInteraction(
  c: Pick<Case, "caseId" | "campaignId" | "participantId" | "branchCode">,
  promise: PromiseToPay,
  graceDays: number,
  timeZone: string,
): NewInteraction {
  return interactionFor(
    c,
    "PROMISE_BROKEN",
    promiseBrokenAt(promise.date, graceDays, timeZone),
    promise.date,
    {
      amount: promise.amount,
      agentId: promise.agentId,
      detail: { promiseDate: promise.date, promisedBy: promise.agentId },
    },
  );
}

export interface BrokenPromiseDeps {
  cases: Pick<CaseStore, "pagePendingPromises">;
  /** The dialer's own write: BROKEN, boosted rank and the PROMISE_BROKEN entry, once. */
  dialQueue: Pick<DialQueue, "markPromiseBroken">;
}

export interface PromiseSweep {
  /** Pending promises past their date + grace, marked BROKEN by this sweep. */
  broken: number;
  /** Promises still pending (date + grace not passed) with a date on or before `pendingUntil`. */
  pending: number;
}

/**
 * Marks every pending promise of the campaign that is past its date + grace days BROKEN, also on
 * cases the dialer will not claim again (out of attempts), so a broken promise shows the next
 * morning whatever the dialer does. The same write and audit key as the dialer's: whichever comes
 * first wins, the other is a no-op. Counts the promises it marked and those still pending for a
 * date on or before `pendingUntil` (YYYY-MM-DD).
 */
export async function sweepPromises(
  deps: BrokenPromiseDeps,
  input: { campaignId: string; timeZone: string; graceDays: number; now: Date; pendingUntil: string },
): Promise<PromiseSweep> {
  const { timeZone, graceDays, now } = input;
  const sweep = { broken: 0, pending: 0 };
  let cursor: string | undefined;
  do {
    const page = await deps.cases.pagePendingPromises(input.campaignId, cursor);
    for (const c of page.cases) {
      if (!c.promise) continue;
      if (!promiseBroken(c, now, timeZone, graceDays)) {
        if (c.promise.date <= input.pendingUntil) sweep.pending++;
        continue;
      }
      const interaction = brokenPromiseInteraction(c, c.promise, graceDays, timeZone);
      if (await deps.dialQueue.markPromiseBroken(c, dialRank(c.priority, c.participantId, true), interaction))
        sweep.broken++;
    }
    cursor = page.cursor;
  } while (cursor);
  return sweep;
}

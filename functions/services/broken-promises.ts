import { type Case, dialRank, type PromiseToPay } from "../domain/case";
import { interactionFor, type NewInteraction } from "../domain/interaction";
import { addDays, localDate } from "../domain/local-time";
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
  cases: Pick<CaseStore, "pageOverduePromises">;
  /** The dialer's own write: BROKEN, boosted rank and the PROMISE_BROKEN entry, once. */
  dialQueue: Pick<DialQueue, "markPromiseBroken">;
}

/**
 * Marks every pending promise of the campaign that is past its date + grace days BROKEN, also on
 * cases the dialer will not claim again (out of attempts), so a broken promise shows the next
 * morning whatever the dialer does. The same write and audit key as the dialer's: whichever comes
 * first wins, the other is a no-op. Returns how many it marked.
 */
export async function markBrokenPromises(
  deps: BrokenPromiseDeps,
  input: { campaignId: string; timeZone: string; graceDays: number; now: Date },
): Promise<number> {
  const { timeZone, graceDays, now } = input;
  // Broken once today's local date is after date + grace: dates before today - grace.
  const before = addDays(localDate(now, timeZone), -graceDays);
  let marked = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.cases.pageOverduePromises(input.campaignId, before, cursor);
    for (const c of page.cases) {
      if (!c.promise || !promiseBroken(c, now, timeZone, graceDays)) continue;
      const interaction = brokenPromiseInteraction(c, c.promise, graceDays, timeZone);
      if (await deps.dialQueue.markPromiseBroken(c, dialRank(c.priority, c.participantId, true), interaction))
        marked++;
    }
    cursor = page.cursor;
  } while (cursor);
  return marked;
}

/**
 * What a campaign's report reads of the audit trail, and the rules its sections share: what counts
 * as a call attempt, a promise's outcome at a moment, and rates over a zero denominator.
 */
import type { Case } from "../case";
import { addDays, localDate } from "../local-time";

/** What the report reads of an interaction (a structural subset of the stored audit entry). */
export interface ReportEvent {
  kind: string;
  at: string;
  participantId: string;
  agentId?: string | undefined;
  contactId?: string | undefined;
  outcome?: string | undefined;
  amount?: number | undefined;
  detail?: Record<string, string | number | boolean> | undefined;
}

/** A rate; one whose denominator is 0 is 0 here and shown as "-". */
export const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** A call attempt: a started call, or a start refused for good (a retryable refusal is undone). */
export const isCallAttempt = (e: ReportEvent) =>
  e.kind === "CALL_STARTED" || (e.kind === "CALL_START_FAILED" && e.detail?.retryable === false);

export type PromiseOutcome = "KEPT" | "BROKEN" | "PENDING";

/**
 * A promise's outcome at `now`: KEPT when the payment store kept it (paid in full by its date);
 * BROKEN when marked so, or still pending once its date + grace days have passed locally, whether
 * or not a dialer tick has looked at the case since.
 */
export function promiseOutcome(
  promise: NonNullable<Case["promise"]>,
  now: Date,
  timeZone: string,
  graceDays: number,
): PromiseOutcome {
  if (promise.status !== "PENDING") return promise.status;
  return localDate(now, timeZone) > addDays(promise.date, graceDays) ? "BROKEN" : "PENDING";
}

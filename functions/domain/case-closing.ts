import type { Case, CloseReason } from "./case";

/**
 * The final status of a case still open when its campaign ends, from its last known state.
 * Order matters: money first, then what the participant said, then what reaching them showed.
 */
export function closeReasonFor(c: Case): CloseReason {
  if (c.amountPaid > 0) return "PARTIALLY_PAID";
  if (c.promise?.status === "PENDING") return "PROMISE_PENDING";
  if (c.promise?.status === "BROKEN") return "PROMISE_BROKEN";
  if (c.lastOutcome === "REFUSES") return "REFUSED";
  if (c.lastOutcome === "WRONG_NUMBER") return "WRONG_PARTY";
  // Reported invalid twice; once only leaves the number suspect, which proves nothing.
  if (c.lastOutcome === "INVALID_NUMBER" && !c.contactable) return "INVALID_NUMBER";
  if (!c.contactable) return "NOT_CONTACTABLE";
  if (c.contacted) return "CONTACTED_NO_PAYMENT";
  if (c.callAttempts > 0) return "UNREACHABLE";
  return "NOT_ATTEMPTED";
}

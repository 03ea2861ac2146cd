import { isBranchCode } from "./branches";
import type { Kader } from "./kader";
import { normalizePhone } from "./phone";
import { isParticipantId } from "./virtual-account";

/*
 * What a kader reports after a visit, pure: the outcomes, the rules one result must meet (each
 * problem names its field and a stable reason, never quoting a phone or the free text), and what
 * each outcome does. No field records money: kader never collect it, payments arrive only through
 * the payment webhook.
 */

export const KADER_OUTCOMES = [
  "VISITED_PROMISED",
  "VISITED_REFUSED",
  "NOT_HOME",
  "MOVED",
  "DECEASED",
  "PHONE_UPDATED",
  "REGISTERED_AUTODEBET",
  "COMPLAINT",
] as const;
export type KaderOutcome = (typeof KADER_OUTCOMES)[number];

export const KADER_RESULT_COLUMNS = [
  "kader_id",
  "participant_id",
  "visited_at",
  "outcome",
  "promise_date",
  "reason",
  "new_phone",
  "text",
] as const;
export type KaderResultColumn = (typeof KADER_RESULT_COLUMNS)[number];

/** Columns (or JSON fields) that would record money: a file holding one is refused whole. */
export const MONEY_FIELDS = ["amount", "paid", "payment", "nominal", "jumlah", "bayar", "uang"] as const;

export const MONEY_REFUSAL =
  "kader never collect money: payments arrive only through the payment webhook, so a result holds no amount";

export const isMoneyField = (name: string) => {
  const n = name.trim().toLowerCase();
  return MONEY_FIELDS.some((m) => n === m || n.includes(m));
};

/** One visit's result, checked: the phone normalised, the free text as given (redacted when stored). */
export interface KaderResult {
  kaderId: string;
  participantId: string;
  /** ISO UTC instant (a bare date is midnight UTC). */
  visitedAt: string;
  outcome: KaderOutcome;
  promiseDate?: string;
  reason?: string;
  newPhone?: string;
  text?: string;
}

export type KaderResultReason =
  | "UNKNOWN_KADER"
  | "KADER_OF_ANOTHER_BRANCH"
  | "INVALID_PARTICIPANT_ID"
  | "INVALID_VISITED_AT"
  | "INVALID_OUTCOME"
  | "MISSING_PROMISE_DATE"
  | "INVALID_PROMISE_DATE"
  | "MISSING_REASON"
  | "INVALID_PHONE"
  | "MISSING_TEXT"
  | "WRONG_FIELD_COUNT";

export interface KaderResultProblem {
  field: KaderResultColumn | "";
  reason: KaderResultReason;
  detail: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const TEXT_MAX = 500;

function visitedAtOf(raw: string, now: Date): string | undefined {
  const parsed = Date.parse(DATE.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (raw === "" || Number.isNaN(parsed) || parsed > now.getTime()) return undefined;
  return new Date(parsed).toISOString();
}

/** The result of one row (or JSON item) of branch `branchCode`'s file, or its problems. */
export function validateKaderResult(
  cell: (c: KaderResultColumn) => string,
  roster: ReadonlyMap<string, Kader>,
  branchCode: string,
  now: Date,
): { ok: true; result: KaderResult } | { ok: false; problems: KaderResultProblem[] } {
  const problems: KaderResultProblem[] = [];
  const problem = (field: KaderResultColumn, reason: KaderResultReason, detail: string) =>
    problems.push({ field, reason, detail });
  const kaderId = cell("kader_id");
  const kader = roster.get(kaderId);
  if (!kader) problem("kader_id", "UNKNOWN_KADER", `'${kaderId}' is not on ${branchCode}'s kader roster`);
  else if (kader.branchCode !== branchCode || !isBranchCode(branchCode))
    problem(
      "kader_id",
      "KADER_OF_ANOTHER_BRANCH",
      `'${kaderId}' serves ${kader.branchCode}, not ${branchCode}`,
    );
  const participantId = cell("participant_id");
  if (!isParticipantId(participantId))
    problem("participant_id", "INVALID_PARTICIPANT_ID", "must be the participant's 13-digit number");
  const visitedAt = visitedAtOf(cell("visited_at"), now);
  if (!visitedAt)
    problem("visited_at", "INVALID_VISITED_AT", "must be a date or ISO instant, not in the future");
  const outcome = cell("outcome") as KaderOutcome;
  if (!KADER_OUTCOMES.includes(outcome))
    problem("outcome", "INVALID_OUTCOME", `must be one of ${KADER_OUTCOMES.join(", ")}`);
  const extra = outcomeFields(outcome, cell, problem);
  if (problems.length > 0 || !visitedAt) return { ok: false, problems };
  return { ok: true, result: { kaderId, participantId, visitedAt, outcome, ...extra } };
}

/** The fields the outcome requires, checked. */
function outcomeFields(
  outcome: KaderOutcome,
  cell: (c: KaderResultColumn) => string,
  problem: (field: KaderResultColumn, reason: KaderResultReason, detail: string) => void,
): Partial<KaderResult> {
  const extra: Partial<KaderResult> = {};
  const text = cell("text").slice(0, TEXT_MAX);
  if (text !== "") extra.text = text;
  const reason = cell("reason").slice(0, TEXT_MAX);
  if (reason !== "") extra.reason = reason;
  if (outcome === "VISITED_PROMISED") {
    const date = cell("promise_date");
    if (date === "") problem("promise_date", "MISSING_PROMISE_DATE", "a promise needs its date (YYYY-MM-DD)");
    else if (!isDate(date)) problem("promise_date", "INVALID_PROMISE_DATE", "must be a date YYYY-MM-DD");
    else extra.promiseDate = date;
  }
  if (outcome === "VISITED_REFUSED" && !extra.reason)
    problem("reason", "MISSING_REASON", "a refusal needs the participant's reason");
  if (outcome === "COMPLAINT" && !extra.text) problem("text", "MISSING_TEXT", "a complaint needs its text");
  if (outcome === "PHONE_UPDATED") {
    const phone = normalizePhone(cell("new_phone"));
    if (phone.ok) extra.newPhone = phone.e164;
    else problem("new_phone", "INVALID_PHONE", `not a usable Indonesian number (${phone.reason})`);
  }
  return extra;
}

import { describeWindow, isInsideWindow } from "./calling-window";
import type { Case, DispositionCode } from "./case";
import type { DialingContext } from "./dialing";
import { addDays, localDate } from "./local-time";
import { formatRupiah } from "./money";
import { lastDayOfPeriod } from "./period";
import { canReceiveSms, normalizePhone } from "./phone";
import type { FieldIssue } from "./validation";

/**
 * Whether an agent's disposition may be recorded for a case, pure: one check per concern, each
 * issue naming its field. What a valid disposition then does to the case is case-transitions.ts's.
 */

/** Promises and callbacks may be set at most this many days after the campaign's month ends. */
export const FOLLOW_UP_DAYS_AFTER_PERIOD = 30;

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

type Check = (c: Case, d: Disposition, now: Date, ctx: DialingContext) => FieldIssue[];

const issue = (field: string, message: string): FieldIssue[] => [{ field, message }];

/** A field that belongs to another code (a promise date on a callback...). */
const fieldsOfOtherCodes: Check = (_c, d) =>
  Object.entries(FIELDS_BY_CODE)
    .filter(([field, code]) => d[field as keyof Disposition] !== undefined && d.code !== code)
    .map(([field, code]) => ({ field, message: `only for ${code}` }));

/** A promise names a local date from today up to the latest follow-up date. */
const promiseDate: Check = (c, d, now, ctx) => {
  if (d.code !== "PROMISE_TO_PAY") return [];
  const today = localDate(now, ctx.branch.timeZone);
  const latest = latestFollowUpDate(c.period);
  if (d.promiseDate === undefined) return issue("promiseDate", "required for PROMISE_TO_PAY");
  if (d.promiseDate < today) return issue("promiseDate", `must be today (${today}) or later`);
  if (d.promiseDate > latest) return issue("promiseDate", `must be on or before ${latest}`);
  return [];
};

/** A promise names whole rupiah, at most what is still outstanding. */
const promiseAmount: Check = (c, d) => {
  if (d.code !== "PROMISE_TO_PAY") return [];
  const outstanding = Math.max(0, c.amountDue - c.amountPaid);
  if (d.promiseAmount === undefined) return issue("promiseAmount", "required for PROMISE_TO_PAY");
  if (!Number.isSafeInteger(d.promiseAmount) || d.promiseAmount < 1 || d.promiseAmount > outstanding) {
    return issue("promiseAmount", `must be a whole number of rupiah from 1 to ${formatRupiah(outstanding)}`);
  }
  return [];
};

/** A callback is a future instant inside the participant's contact window, by the latest follow-up date. */
const callbackAt: Check = (c, d, now, ctx) => {
  if (d.code !== "CALL_BACK_LATER") return [];
  if (d.callbackAt === undefined) return issue("callbackAt", "required for CALL_BACK_LATER");
  const { timeZone, contactWindow } = ctx.branch;
  const latest = latestFollowUpDate(c.period);
  const at = new Date(d.callbackAt);
  if (Number.isNaN(at.getTime())) return issue("callbackAt", "must be an ISO date-time");
  if (at.getTime() <= now.getTime()) return issue("callbackAt", "must be in the future");
  if (localDate(at, timeZone) > latest) return issue("callbackAt", `must be on or before ${latest}`);
  if (!isInsideWindow(at, timeZone, contactWindow)) {
    return issue(
      "callbackAt",
      `is outside the participant's contact window (${describeWindow(contactWindow, timeZone)})`,
    );
  }
  return [];
};

/** An updated phone is an Indonesian number. */
const newPhone: Check = (_c, d) => {
  if (d.code !== "UPDATED_PHONE") return [];
  if (d.newPhone === undefined) return issue("newPhone", "required for UPDATED_PHONE");
  const phone = normalizePhone(d.newPhone);
  return phone.ok ? [] : issue("newPhone", `${phone.reason}: expected an Indonesian number (+62...)`);
};

/** Information by SMS goes to a mobile that is not a wrong number, REHAB only to those eligible. */
const sendInfo: Check = (c, d) => {
  if (d.sendInfo === undefined) return [];
  const phone = d.code === "UPDATED_PHONE" && d.newPhone ? normalizePhone(d.newPhone) : undefined;
  const smsType = phone ? (phone.ok ? phone.type : undefined) : c.phone ? c.phoneType : undefined;
  if (d.code === "WRONG_NUMBER") return issue("sendInfo", "not to a wrong number");
  if (d.sendInfo === "REHAB" && !c.rehabEligible)
    return issue("sendInfo", "REHAB is only for 4 to 24 months of arrears");
  // An invalid new number is newPhone's issue, not this one's.
  if ((!phone || phone.ok) && !canReceiveSms(smsType))
    return issue("sendInfo", "the participant's number cannot receive SMS (not a mobile)");
  return [];
};

const CHECKS: readonly Check[] = [
  fieldsOfOtherCodes,
  promiseDate,
  promiseAmount,
  callbackAt,
  newPhone,
  sendInfo,
];

/** Everything wrong with a disposition for this case at `now`, each issue naming its field. */
export function validateDisposition(c: Case, d: Disposition, now: Date, ctx: DialingContext): FieldIssue[] {
  return CHECKS.flatMap((check) => check(c, d, now, ctx));
}

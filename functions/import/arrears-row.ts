/**
 * One row of an arrears snapshot: its columns and the rules it must meet to become a participant.
 * Each problem names its field and a stable reason; the message detail never quotes a name or phone.
 */
import type { Branch } from "../domain/branches";
import { formatRupiah } from "../domain/money";
import type { Participant, PremiumClass } from "../domain/participant";
import { isPeriod } from "../domain/period";
import { normalizePhone, type PhoneRejection } from "../domain/phone";
import { computeArrearsAmount, type PremiumTable } from "../domain/premiums";
import { isParticipantId } from "../domain/virtual-account";

export const ARREARS_COLUMNS = [
  "participant_id",
  "name",
  "phone",
  "branch_code",
  "class",
  "months_in_arrears",
  "arrears_amount",
  "last_paid_period",
  "autodebet",
  "family_members",
] as const;

export type ArrearsColumn = (typeof ARREARS_COLUMNS)[number];

export const REJECTION_REASONS = [
  "INVALID_PARTICIPANT_ID",
  "MISSING_NAME",
  "UNKNOWN_BRANCH",
  "INVALID_CLASS",
  "INVALID_MONTHS",
  "INVALID_AMOUNT",
  "ZERO_AMOUNT",
  "AMOUNT_ABOVE_MAXIMUM",
  "INVALID_PERIOD",
  "INVALID_AUTODEBET",
  "INVALID_FAMILY_MEMBERS",
  "WRONG_FIELD_COUNT",
  "DUPLICATE_PARTICIPANT",
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface FieldProblem {
  field: ArrearsColumn;
  reason: RejectionReason;
  detail: string;
}

export interface RowContext {
  branches: ReadonlyMap<string, Branch>;
  premiums: PremiumTable;
  monthsCap: number;
  importedAt: string;
}

export type RowResult =
  | { ok: true; participant: Participant; phoneRejection?: PhoneRejection }
  | { ok: false; problems: FieldProblem[] };

const WHOLE_NUMBER = /^\d+$/;

/** Quotes a cell for a message, shortened; only for cells that are not personal data. */
function quoted(value: string): string {
  return `'${value.length > 32 ? `${value.slice(0, 32)}...` : value}'`;
}

function wholeNumber(value: string): number | undefined {
  if (!WHOLE_NUMBER.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * An imported amount the arrears cannot explain: nothing owed for months in arrears, or more than
 * min(months, cap) x the class's participant share x family members.
 */
function amountBeyondArrears(
  amount: number,
  months: number,
  maximum: number,
  premiumClass: PremiumClass,
  family: number,
  ctx: RowContext,
): FieldProblem | undefined {
  if (amount === 0 && months >= 1) {
    return {
      field: "arrears_amount",
      reason: "ZERO_AMOUNT",
      detail: `0 with ${months} month(s) in arrears; give the amount owed, or leave it blank to compute it`,
    };
  }
  if (amount <= maximum) return undefined;
  const share = ctx.premiums[premiumClass].participantShare;
  return {
    field: "arrears_amount",
    reason: "AMOUNT_ABOVE_MAXIMUM",
    detail:
      `${formatRupiah(amount)} is above the maximum ${formatRupiah(maximum)} = ` +
      `min(${months}, ${ctx.monthsCap}) month(s) x ${formatRupiah(share)} (class ${premiumClass} participant share) ` +
      `x ${family} family member(s)`,
  };
}

export function validateRow(
  cell: (c: ArrearsColumn) => string,
  rawPhone: string,
  ctx: RowContext,
): RowResult {
  const problems: FieldProblem[] = [];
  const problem = (field: ArrearsColumn, reason: RejectionReason, detail: string) => {
    problems.push({ field, reason, detail });
  };

  const participantId = cell("participant_id");
  if (participantId === "")
    problem("participant_id", "INVALID_PARTICIPANT_ID", "is blank; expected 13 digits");
  else if (!isParticipantId(participantId)) {
    problem("participant_id", "INVALID_PARTICIPANT_ID", `${quoted(participantId)} is not exactly 13 digits`);
  }

  const name = cell("name");
  if (name === "") problem("name", "MISSING_NAME", "is blank");

  const branchCode = cell("branch_code");
  if (branchCode === "") problem("branch_code", "UNKNOWN_BRANCH", "is blank");
  else if (!ctx.branches.has(branchCode)) {
    problem("branch_code", "UNKNOWN_BRANCH", `${quoted(branchCode)} is not a configured branch`);
  }

  const classCell = cell("class");
  const premiumClass = ({ "1": 1, "2": 2, "3": 3 } as Record<string, PremiumClass | undefined>)[classCell];
  if (premiumClass === undefined) problem("class", "INVALID_CLASS", `${quoted(classCell)} is not 1, 2 or 3`);

  const monthsCell = cell("months_in_arrears");
  const months = wholeNumber(monthsCell);
  if (months === undefined) {
    problem("months_in_arrears", "INVALID_MONTHS", `${quoted(monthsCell)} is not a whole number >= 0`);
  }

  const amountCell = cell("arrears_amount");
  const amount = amountCell === "" ? null : wholeNumber(amountCell);
  if (amount === undefined) {
    problem(
      "arrears_amount",
      "INVALID_AMOUNT",
      `${quoted(amountCell)} is not whole rupiah >= 0 (digits only) or blank`,
    );
  }

  const period = cell("last_paid_period");
  if (period !== "" && !isPeriod(period)) {
    problem("last_paid_period", "INVALID_PERIOD", `${quoted(period)} is not YYYY-MM (month 01-12) or blank`);
  }

  const autodebetCell = cell("autodebet").toLowerCase();
  if (autodebetCell !== "" && autodebetCell !== "true" && autodebetCell !== "false") {
    problem("autodebet", "INVALID_AUTODEBET", `${quoted(cell("autodebet"))} is not true, false or blank`);
  }

  const familyCell = cell("family_members");
  const family = familyCell === "" ? 1 : wholeNumber(familyCell);
  if (family === undefined || family < 1) {
    problem(
      "family_members",
      "INVALID_FAMILY_MEMBERS",
      `${quoted(familyCell)} is not a whole number >= 1 or blank`,
    );
  }

  if (
    problems.length > 0 ||
    premiumClass === undefined ||
    months === undefined ||
    family === undefined ||
    amount === undefined
  ) {
    return { ok: false, problems };
  }

  // The most these arrears can cost: what a blank amount is computed as.
  const maximum = computeArrearsAmount(
    { monthsInArrears: months, premiumClass, familyMembers: family },
    ctx.premiums,
    ctx.monthsCap,
  );
  if (!Number.isSafeInteger(maximum)) {
    return {
      ok: false,
      problems: [
        {
          field: "family_members",
          reason: "INVALID_FAMILY_MEMBERS",
          detail: `${quoted(familyCell)} is too large`,
        },
      ],
    };
  }
  const amountProblem =
    amount === null ? undefined : amountBeyondArrears(amount, months, maximum, premiumClass, family, ctx);
  if (amountProblem) return { ok: false, problems: [amountProblem] };
  const arrearsAmount = amount ?? maximum;

  const phone = normalizePhone(rawPhone);
  const participant: Participant = {
    participantId,
    name,
    ...(phone.ok ? { phone: phone.e164, phoneType: phone.type } : {}),
    phoneRaw: rawPhone,
    contactable: phone.ok,
    branchCode,
    premiumClass,
    monthsInArrears: months,
    arrearsAmount,
    arrearsAmountSource: amount === null ? "COMPUTED" : "IMPORTED",
    ...(period === "" ? {} : { lastPaidPeriod: period }),
    autodebet: autodebetCell === "true",
    familyMembers: family,
    importedAt: ctx.importedAt,
  };
  return { ok: true, participant, ...(phone.ok ? {} : { phoneRejection: phone.reason }) };
}

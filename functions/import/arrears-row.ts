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
import { AREA_COLUMNS, checkAreaCells } from "./area-cells";
import { checkStatusCells, type RowStatuses, STATUS_COLUMNS, STATUS_REJECTION_REASONS } from "./status-cells";

/** Columns a snapshot may leave out: the area and address, the lasting statuses and a visit request. */
export const OPTIONAL_ARREARS_COLUMNS = [...AREA_COLUMNS, ...STATUS_COLUMNS] as const;
export type OptionalArrearsColumn = (typeof OPTIONAL_ARREARS_COLUMNS)[number];
export { AREA_COLUMNS } from "./area-cells";

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

/** A column every snapshot has. */
export type ArrearsColumn = (typeof ARREARS_COLUMNS)[number];
/** Any column a snapshot may have: the required ones and the optional area and address. */
export type SnapshotColumn = ArrearsColumn | OptionalArrearsColumn;

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
  "INVALID_AREA",
  "INVALID_ADDRESS",
  ...STATUS_REJECTION_REASONS,
  "WRONG_FIELD_COUNT",
  "DUPLICATE_PARTICIPANT",
  /** A row of a branch the uploader does not hold (the supervisor API's snapshot upload). */
  "BRANCH_NOT_ALLOWED",
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface FieldProblem {
  field: SnapshotColumn;
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
  | { ok: true; participant: Participant; phoneRejection?: PhoneRejection; statuses?: RowStatuses }
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

/** The cells of one row by column, trimmed; an absent optional column is blank. */
export type RowCells = (column: SnapshotColumn) => string;

/** A field's value as the row gives it, or why it cannot be used. */
type FieldCheck<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const valid = <T>(value: T): FieldCheck<T> => ({ ok: true, value });
const invalid = (field: ArrearsColumn, reason: RejectionReason, detail: string): FieldCheck<never> => ({
  ok: false,
  problems: [{ field, reason, detail }],
});

function checkParticipantId(cell: string): FieldCheck<string> {
  if (cell === "") return invalid("participant_id", "INVALID_PARTICIPANT_ID", "is blank; expected 13 digits");
  if (!isParticipantId(cell)) {
    return invalid("participant_id", "INVALID_PARTICIPANT_ID", `${quoted(cell)} is not exactly 13 digits`);
  }
  return valid(cell);
}

function checkName(cell: string): FieldCheck<string> {
  return cell === "" ? invalid("name", "MISSING_NAME", "is blank") : valid(cell);
}

function checkBranchCode(cell: string, branches: ReadonlyMap<string, Branch>): FieldCheck<string> {
  if (cell === "") return invalid("branch_code", "UNKNOWN_BRANCH", "is blank");
  if (!branches.has(cell)) {
    return invalid("branch_code", "UNKNOWN_BRANCH", `${quoted(cell)} is not a configured branch`);
  }
  return valid(cell);
}

const PREMIUM_CLASSES: Readonly<Record<string, PremiumClass | undefined>> = { "1": 1, "2": 2, "3": 3 };

function checkClass(cell: string): FieldCheck<PremiumClass> {
  const premiumClass = PREMIUM_CLASSES[cell];
  if (premiumClass === undefined)
    return invalid("class", "INVALID_CLASS", `${quoted(cell)} is not 1, 2 or 3`);
  return valid(premiumClass);
}

function checkMonths(cell: string): FieldCheck<number> {
  const months = wholeNumber(cell);
  if (months === undefined) {
    return invalid("months_in_arrears", "INVALID_MONTHS", `${quoted(cell)} is not a whole number >= 0`);
  }
  return valid(months);
}

/** null: blank, to be computed from the arrears. */
function checkAmount(cell: string): FieldCheck<number | null> {
  const amount = cell === "" ? null : wholeNumber(cell);
  if (amount === undefined) {
    return invalid(
      "arrears_amount",
      "INVALID_AMOUNT",
      `${quoted(cell)} is not whole rupiah >= 0 (digits only) or blank`,
    );
  }
  return valid(amount);
}

/** undefined: blank, never paid or not known. */
function checkLastPaidPeriod(cell: string): FieldCheck<string | undefined> {
  if (cell === "") return valid(undefined);
  if (!isPeriod(cell)) {
    return invalid(
      "last_paid_period",
      "INVALID_PERIOD",
      `${quoted(cell)} is not YYYY-MM (month 01-12) or blank`,
    );
  }
  return valid(cell);
}

/** Blank is false; the case of true and false does not matter. */
function checkAutodebet(cell: string): FieldCheck<boolean> {
  const value = cell.toLowerCase();
  if (value !== "" && value !== "true" && value !== "false") {
    return invalid("autodebet", "INVALID_AUTODEBET", `${quoted(cell)} is not true, false or blank`);
  }
  return valid(value === "true");
}

/** Blank is 1: the participant alone. */
function checkFamilyMembers(cell: string): FieldCheck<number> {
  const family = cell === "" ? 1 : wholeNumber(cell);
  if (family === undefined || family < 1) {
    return invalid(
      "family_members",
      "INVALID_FAMILY_MEMBERS",
      `${quoted(cell)} is not a whole number >= 1 or blank`,
    );
  }
  return valid(family);
}

type CheckedValues<T> = { [K in keyof T]: T[K] extends FieldCheck<infer V> ? V : never };

/** Every field's value, or every field's problem, in column order. */
function allValid<T extends Record<string, FieldCheck<unknown>>>(
  checks: T,
): { ok: true; values: CheckedValues<T> } | { ok: false; problems: FieldProblem[] } {
  const problems = Object.values(checks).flatMap((check) => (check.ok ? [] : check.problems));
  if (problems.length > 0) return { ok: false, problems };
  const values = Object.fromEntries(
    Object.entries(checks).map(([key, check]) => [key, (check as { value: unknown }).value]),
  );
  return { ok: true, values: values as CheckedValues<T> };
}

function checkFields(cell: RowCells, ctx: RowContext) {
  return allValid({
    participantId: checkParticipantId(cell("participant_id")),
    name: checkName(cell("name")),
    branchCode: checkBranchCode(cell("branch_code"), ctx.branches),
    premiumClass: checkClass(cell("class")),
    months: checkMonths(cell("months_in_arrears")),
    amount: checkAmount(cell("arrears_amount")),
    lastPaidPeriod: checkLastPaidPeriod(cell("last_paid_period")),
    autodebet: checkAutodebet(cell("autodebet")),
    family: checkFamilyMembers(cell("family_members")),
    place: placeOf(cell),
    statuses: statusesOf(cell, ctx),
  });
}

/** The status columns as one field check; the import applies the changes, the row keeps the visit request. */
function statusesOf(cell: RowCells, ctx: RowContext): FieldCheck<RowStatuses> {
  const checked = checkStatusCells(cell, ctx.importedAt.slice(0, 10));
  return checked.ok ? valid(checked.statuses) : { ok: false, problems: checked.problems };
}

/** The area and address as one field check; its problems are listed with the others'. */
function placeOf(cell: RowCells): FieldCheck<Pick<Participant, "area" | "address">> {
  const checked = checkAreaCells(cell);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  return valid({
    ...(checked.area ? { area: checked.area } : {}),
    ...(checked.address ? { address: checked.address } : {}),
  });
}

type RowFields = Extract<ReturnType<typeof checkFields>, { ok: true }>["values"];

/**
 * The amount owed: the imported one if the arrears can explain it, else blank's computed one, the
 * most these arrears can cost (min(months, cap) x the class's participant share x family members).
 */
function checkArrearsAmount(fields: RowFields, familyCell: string, ctx: RowContext): FieldCheck<number> {
  const { amount, months, premiumClass, family } = fields;
  const maximum = computeArrearsAmount(
    { monthsInArrears: months, premiumClass, familyMembers: family },
    ctx.premiums,
    ctx.monthsCap,
  );
  if (!Number.isSafeInteger(maximum)) {
    return invalid("family_members", "INVALID_FAMILY_MEMBERS", `${quoted(familyCell)} is too large`);
  }
  if (amount === null) return valid(maximum);
  if (amount === 0 && months >= 1) {
    return invalid(
      "arrears_amount",
      "ZERO_AMOUNT",
      `0 with ${months} month(s) in arrears; give the amount owed, or leave it blank to compute it`,
    );
  }
  if (amount <= maximum) return valid(amount);
  const share = ctx.premiums[premiumClass].participantShare;
  return invalid(
    "arrears_amount",
    "AMOUNT_ABOVE_MAXIMUM",
    `${formatRupiah(amount)} is above the maximum ${formatRupiah(maximum)} = ` +
      `min(${months}, ${ctx.monthsCap}) month(s) x ${formatRupiah(share)} (class ${premiumClass} participant share) ` +
      `x ${family} family member(s)`,
  );
}

/** A valid row as a participant; a phone that cannot be normalised leaves it not contactable. */
function participantOf(
  fields: RowFields,
  arrearsAmount: number,
  rawPhone: string,
  ctx: RowContext,
): RowResult {
  const phone = normalizePhone(rawPhone);
  const participant: Participant = {
    participantId: fields.participantId,
    name: fields.name,
    ...(phone.ok ? { phone: phone.e164, phoneType: phone.type } : {}),
    phoneRaw: rawPhone,
    contactable: phone.ok,
    branchCode: fields.branchCode,
    premiumClass: fields.premiumClass,
    monthsInArrears: fields.months,
    arrearsAmount,
    arrearsAmountSource: fields.amount === null ? "COMPUTED" : "IMPORTED",
    ...(fields.lastPaidPeriod === undefined ? {} : { lastPaidPeriod: fields.lastPaidPeriod }),
    autodebet: fields.autodebet,
    familyMembers: fields.family,
    ...fields.place,
    ...(fields.statuses.visitRequested ? { visitRequested: true } : {}),
    importedAt: ctx.importedAt,
  };
  return {
    ok: true,
    participant,
    ...(phone.ok ? {} : { phoneRejection: phone.reason }),
    ...(fields.statuses.changes.length > 0 ? { statuses: fields.statuses } : {}),
  };
}

/**
 * Checks one row field by field (every field's problem is reported), then its amount against its
 * arrears; a valid row becomes a participant.
 */
export function validateRow(cell: RowCells, rawPhone: string, ctx: RowContext): RowResult {
  const checked = checkFields(cell, ctx);
  if (!checked.ok) return checked;
  const amount = checkArrearsAmount(checked.values, cell("family_members"), ctx);
  if (!amount.ok) return { ok: false, problems: amount.problems };
  return participantOf(checked.values, amount.value, rawPhone, ctx);
}

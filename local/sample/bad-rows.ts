/** Rows with one deliberate defect each, for import tests. */
import type { ARREARS_COLUMNS, RejectionReason } from "../../functions/import/arrears-import";
import { expectedArrearsAmount } from "./arrears";
import { BAD_ROW_ID_PREFIX } from "./participant-ids";
import { mulberry32 } from "./random";
import { type ArrearsRow, DEFAULT_BRANCH_CODES, type GenerateOptions, generateRow, prepare } from "./rows";
import { NO_STATUSES } from "./statuses";

export interface BadRowCase {
  /** The single thing wrong with the row. */
  defect: string;
  column: (typeof ARREARS_COLUMNS)[number];
  /** What the importer rejects it as. */
  reason: RejectionReason;
  row: ArrearsRow;
}

/** The most a valid row's arrears can cost, as the importer reads it (blank family: one). */
function maximumOf(row: ArrearsRow): number {
  const family = row.familyMembers === "" ? 1 : Number(row.familyMembers);
  return expectedArrearsAmount(Number(row.premiumClass) as 1 | 2 | 3, Number(row.monthsInArrears), family);
}

type Defect = [
  string,
  BadRowCase["column"],
  RejectionReason,
  (row: ArrearsRow, unknownBranch: string) => Partial<ArrearsRow>,
];

const DEFECTS: readonly Defect[] = [
  [
    "id has 12 digits (a leading zero lost)",
    "participant_id",
    "INVALID_PARTICIPANT_ID",
    (r) => ({ participantId: r.participantId.slice(1) }),
  ],
  [
    "id has letters (O typed for 0)",
    "participant_id",
    "INVALID_PARTICIPANT_ID",
    (r) => ({ participantId: `O${r.participantId.slice(1)}` }),
  ],
  ["unknown branch", "branch_code", "UNKNOWN_BRANCH", (_, unknownBranch) => ({ branchCode: unknownBranch })],
  ["class 4", "class", "INVALID_CLASS", () => ({ premiumClass: "4" })],
  [
    "negative months",
    "months_in_arrears",
    "INVALID_MONTHS",
    () => ({ monthsInArrears: "-1", arrearsAmount: "", lastPaidPeriod: "" }),
  ],
  [
    "months not a number",
    "months_in_arrears",
    "INVALID_MONTHS",
    () => ({ monthsInArrears: "abc", arrearsAmount: "", lastPaidPeriod: "" }),
  ],
  ["fractional amount", "arrears_amount", "INVALID_AMOUNT", () => ({ arrearsAmount: "1.5" })],
  [
    "nothing owed for months in arrears",
    "arrears_amount",
    "ZERO_AMOUNT",
    () => ({ monthsInArrears: "5", arrearsAmount: "0", lastPaidPeriod: "" }),
  ],
  [
    "more than the arrears can cost",
    "arrears_amount",
    "AMOUNT_ABOVE_MAXIMUM",
    (r) => ({ arrearsAmount: String(maximumOf(r) + 1_000_000) }),
  ],
  [
    "month 13",
    "last_paid_period",
    "INVALID_PERIOD",
    (r) => ({ lastPaidPeriod: `${r.lastPaidPeriod.slice(0, 4) || "2026"}-13` }),
  ],
  ["autodebet not a boolean", "autodebet", "INVALID_AUTODEBET", () => ({ autodebet: "ya" })],
  [
    "zero family members",
    "family_members",
    "INVALID_FAMILY_MEMBERS",
    () => ({ familyMembers: "0", arrearsAmount: "" }),
  ],
];

/**
 * A dozen rows, each valid except for one deliberate defect, for import tests. Their ids use a
 * prefix the valid generator never produces, so they can be appended to any generated file.
 */
export function generateBadRowCases(
  seed: number,
  options: Omit<GenerateOptions, "seed" | "count"> = {},
): BadRowCase[] {
  const branchCodes = options.branchCodes ?? DEFAULT_BRANCH_CODES;
  // a stream of its own, so bad rows do not repeat the first valid rows of the same seed
  const badSeed = (Math.floor(mulberry32(seed)() * 2 ** 32) ^ 0xbad) >>> 0;
  const prepared = prepare({ ...options, seed: badSeed, count: 0 });
  // No status: each row has its one defect and nothing else to say.
  const next = (): ArrearsRow => ({
    ...generateRow(prepared),
    ...NO_STATUSES,
    participantId: prepared.ids.next(BAD_ROW_ID_PREFIX),
  });
  const unknownBranch = ["MERAUKE", "CABANG-X"].find((code) => !branchCodes.includes(code)) ?? "??";
  return DEFECTS.map(([defect, column, reason, apply]) => {
    const row = next();
    return { defect, column, reason, row: { ...row, ...apply(row, unknownBranch) } };
  });
}

export function generateBadRows(
  seed: number,
  options: Omit<GenerateOptions, "seed" | "count"> = {},
): ArrearsRow[] {
  return generateBadRowCases(seed, options).map((c) => c.row);
}

/** The valid rows of a generated snapshot, drawn one participant at a time from a seed. */

import { addMonths, parsePeriod } from "../../functions/domain/period";
import { drawArea } from "./areas";
import { AUTODEBET, amountCell, CLASSES, drawAmount, FAMILY_SIZES, MONTHS } from "./arrears";
import { generateName } from "./names";
import { ID_PREFIXES, IdPermutation } from "./participant-ids";
import { generatePhone } from "./phones";
import { mulberry32, Rng, Weighted } from "./random";
import { drawStatuses, type SampleStatuses } from "./statuses";

/** One raw CSV record of the arrears snapshot; blanks are "". */
export interface ArrearsRow extends SampleStatuses {
  participantId: string;
  name: string;
  phone: string;
  branchCode: string;
  premiumClass: string;
  monthsInArrears: string;
  arrearsAmount: string;
  lastPaidPeriod: string;
  autodebet: string;
  familyMembers: string;
  kabupaten: string;
  kecamatan: string;
  desa: string;
  /** Street address (personal data). */
  address: string;
}

export interface GenerateOptions {
  seed: number;
  count: number;
  /** Defaults to DEFAULT_BRANCH_CODES. */
  branchCodes?: readonly string[];
  /** Relative weights, one per branch code; default: a fixed uneven split. */
  branchWeights?: readonly number[];
  /** YYYY-MM, the last period counted in the arrears; default DEFAULT_REFERENCE_PERIOD. */
  referencePeriod?: string;
}

export const DEFAULT_BRANCH_CODES: readonly string[] = ["GORONTALO", "SEMARANG", "SINGKAWANG", "JAYAPURA"];
export const DEFAULT_REFERENCE_PERIOD = "2026-11";
export const DEFAULT_SEED = 20261101;

const DEFAULT_BRANCH_WEIGHTS: Readonly<Record<string, number>> = {
  SEMARANG: 40,
  SINGKAWANG: 25,
  GORONTALO: 20,
  JAYAPURA: 15,
};

const AREA_STREAM = 0x41524541;
const STATUS_STREAM = 0x53544154;

export interface Prepared {
  rng: Rng;
  /** Areas and addresses: their own stream, so the other cells are those of the seed before them. */
  areaRng: Rng;
  /** The status columns: their own stream too, for the same reason. */
  statusRng: Rng;
  ids: IdPermutation;
  branches: Weighted<string>;
  referencePeriod: string;
}

export function prepare(options: GenerateOptions): Prepared {
  const { seed, count } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be >= 0, got ${count}`);
  const branchCodes = options.branchCodes ?? DEFAULT_BRANCH_CODES;
  if (branchCodes.length === 0) throw new RangeError("branchCodes must not be empty");
  if (new Set(branchCodes).size !== branchCodes.length) throw new RangeError("branchCodes has duplicates");
  const weights = options.branchWeights;
  if (weights !== undefined && weights.length !== branchCodes.length) {
    throw new RangeError("branchWeights must have one weight per branch code");
  }
  // Uneven by default: known branches get their fixed share, others 1/(position+1).
  const branches = new Weighted<string>(
    branchCodes.map((code, i): [string, number] => [
      code,
      weights?.[i] ?? DEFAULT_BRANCH_WEIGHTS[code] ?? 20 / (i + 1),
    ]),
  );
  const referencePeriod = parsePeriod(options.referencePeriod ?? DEFAULT_REFERENCE_PERIOD);
  const rng = new Rng(mulberry32(seed));
  const ids = new IdPermutation(rng);
  const areaRng = new Rng(mulberry32(seed ^ AREA_STREAM));
  const statusRng = new Rng(mulberry32(seed ^ STATUS_STREAM));
  return { rng, areaRng, statusRng, ids, branches, referencePeriod };
}

export function generateRow(p: Prepared): ArrearsRow {
  const { rng } = p;
  const branchCode = p.branches.pick(rng);
  const participantId = p.ids.next(ID_PREFIXES.pick(rng));
  const name = generateName(rng, branchCode);
  const phone = generatePhone(rng, branchCode);
  const premiumClass = CLASSES.pick(rng);
  const months = MONTHS.pick(rng);
  const family = FAMILY_SIZES.pick(rng);
  // Drawn in this order so a seed keeps giving the same rows.
  const amount = drawAmount(rng, months);
  const lastPaidPeriod = rng.chance(0.05) ? "" : addMonths(p.referencePeriod, -months);
  const autodebet = AUTODEBET.pick(rng);
  const familyBlank = rng.chance(0.04);
  return {
    participantId,
    name,
    phone,
    branchCode,
    premiumClass: String(premiumClass),
    monthsInArrears: String(months),
    arrearsAmount: amountCell(amount, premiumClass, months, familyBlank ? 1 : family),
    lastPaidPeriod,
    autodebet,
    familyMembers: familyBlank ? "" : String(family),
    ...drawArea(p.areaRng, branchCode),
    ...drawStatuses(p.statusRng, p.referencePeriod),
  };
}

/** Lazily yields `count` valid rows; the same options always give the same rows. */
export function* iterateArrearsRows(options: GenerateOptions): Generator<ArrearsRow> {
  const prepared = prepare(options);
  for (let i = 0; i < options.count; i++) yield generateRow(prepared);
}

export function generateArrearsRows(options: GenerateOptions): ArrearsRow[] {
  return Array.from(iterateArrearsRows(options));
}

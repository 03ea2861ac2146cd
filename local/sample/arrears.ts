/**
 * The arrears figures of a participant: class, months in arrears, family size, autodebet, and the
 * amount cell (Perpres 64/2020 participant shares, arrears counted up to 24 months).
 */
import { computeArrearsAmount, DEFAULT_PREMIUMS } from "../../functions/domain/premiums";
import { at, type Rng, Weighted } from "./random";

/** Monthly amount the participant pays, by class (Kelas III: 42,000 minus the 7,000 subsidy). */
export const PARTICIPANT_SHARE: Readonly<Record<1 | 2 | 3, number>> = {
  1: DEFAULT_PREMIUMS[1].participantShare,
  2: DEFAULT_PREMIUMS[2].participantShare,
  3: DEFAULT_PREMIUMS[3].participantShare,
};
export const MAX_MONTHS_IN_ARREARS = 30;

export const CLASSES = new Weighted<1 | 2 | 3>([
  [1, 15],
  [2, 25],
  [3, 60],
]);

/** Many recent (0-3), a decaying tail, and a bump of long-lapsed participants at 24+. */
export const MONTHS = new Weighted<number>(
  Array.from({ length: MAX_MONTHS_IN_ARREARS + 1 }, (_, m): [number, number] => {
    if (m <= 3) return [m, at([10, 12, 10, 8], m)];
    if (m < 24) return [m, 6 * 0.88 ** (m - 4)];
    return [m, at([3.5, 2.8, 2.2, 1.8, 1.5, 1.2, 1], m - 24)];
  }),
);

export const FAMILY_SIZES = new Weighted<number>([
  [1, 30],
  [2, 25],
  [3, 20],
  [4, 15],
  [5, 6],
  [6, 4],
]);

export const AUTODEBET = new Weighted<string>([
  ["false", 80],
  ["true", 12],
  ["", 8],
]);

/** The amount owed for these arrears; what a given arrears_amount is consistent with. */
export function expectedArrearsAmount(
  premiumClass: 1 | 2 | 3,
  months: number,
  familyMembers: number,
): number {
  return computeArrearsAmount({ monthsInArrears: months, premiumClass, familyMembers });
}

/** Whether the row gives an amount, and how much of one month's family premium was paid earlier. */
type AmountDraw = { given: false } | { given: true; paidPercent?: number };

export function drawAmount(rng: Rng, months: number): AmountDraw {
  if (!rng.chance(0.3)) return { given: false };
  if (months > 0 && rng.chance(0.15)) return { given: true, paidPercent: rng.int(10, 90) };
  return { given: true };
}

/**
 * The arrears_amount cell for the family the importer will read (a blank family_members counts as
 * one), so a given amount never exceeds what the arrears can cost.
 */
export function amountCell(
  draw: AmountDraw,
  premiumClass: 1 | 2 | 3,
  months: number,
  family: number,
): string {
  if (!draw.given) return "";
  const full = expectedArrearsAmount(premiumClass, months, family);
  if (draw.paidPercent === undefined) return String(full);
  // an earlier partial payment: less than one month's family premium, in whole thousands
  const monthly = PARTICIPANT_SHARE[premiumClass] * family;
  const paid = Math.max(1, Math.floor((monthly * draw.paidPercent) / 100 / 1000)) * 1000;
  return String(full - paid);
}

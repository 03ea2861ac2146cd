import { assertRupiah } from "./money";
import type { PremiumClass } from "./participant";

export interface ClassPremium {
  /** Monthly premium in rupiah. */
  premium: number;
  /** What the participant pays per month; for Kelas III the government pays the rest. */
  participantShare: number;
}

export type PremiumTable = { [cls in PremiumClass]: ClassPremium };

/** Perpres 64/2020. */
export const DEFAULT_PREMIUMS: PremiumTable = {
  1: { premium: 150_000, participantShare: 150_000 },
  2: { premium: 100_000, participantShare: 100_000 },
  3: { premium: 42_000, participantShare: 35_000 },
};

/** Reactivation counts at most 24 months of arrears. */
export const DEFAULT_MONTHS_CAP = 24;

export function assertMonths(months: number, label = "monthsInArrears"): void {
  if (!Number.isSafeInteger(months) || months < 0) {
    throw new RangeError(`${label} must be a non-negative integer, got ${months}`);
  }
}

/** Months that count towards the amount due: min(months, cap). */
export function countedMonths(monthsInArrears: number, cap = DEFAULT_MONTHS_CAP): number {
  assertMonths(monthsInArrears);
  if (!Number.isSafeInteger(cap) || cap < 1)
    throw new RangeError(`months cap must be an integer >= 1, got ${cap}`);
  return Math.min(monthsInArrears, cap);
}

/** Counted months x the class's participant share x family members, in rupiah. */
export function computeArrearsAmount(
  p: { monthsInArrears: number; premiumClass: PremiumClass; familyMembers: number },
  premiums: PremiumTable = DEFAULT_PREMIUMS,
  cap = DEFAULT_MONTHS_CAP,
): number {
  if (!Number.isSafeInteger(p.familyMembers) || p.familyMembers < 1) {
    throw new RangeError(`familyMembers must be an integer >= 1, got ${p.familyMembers}`);
  }
  const share = premiums[p.premiumClass]?.participantShare;
  if (share === undefined) throw new RangeError(`unknown premium class ${p.premiumClass}`);
  assertRupiah(share, `participantShare of class ${p.premiumClass}`);
  return countedMonths(p.monthsInArrears, cap) * share * p.familyMembers;
}

/**
 * The first due date after local date `today`: `dueDay` of this month when it is still ahead, of
 * the next month otherwise (a mapping on the 11th: the 10th of the next month). Premiums are due
 * by `dueDay` of each month, and so is a REHAB instalment (it includes the month's premium).
 */
export function nextDueDate(today: string, dueDay: number): string {
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  const inMonth = (y: number, m: number) =>
    `${y}-${String(m).padStart(2, "0")}-${String(dueDay).padStart(2, "0")}`;
  if (day < dueDay) return inMonth(year, month);
  return month === 12 ? inMonth(year + 1, 1) : inMonth(year, month + 1);
}

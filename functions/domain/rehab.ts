import { countedMonths, DEFAULT_MONTHS_CAP } from "./premiums";

/** REHAB 2.0 (Feb 2025): PBPU with 4 to 24 months of arrears may pay in instalments. */
export const REHAB_MIN_MONTHS = 4;
export const REHAB_MAX_MONTHS = 24;
export const REHAB_MAX_INSTALMENTS = 12;

export interface RehabOffer {
  eligible: boolean;
  /** min(12, half the counted months); 0 when not eligible. */
  maxInstalments: number;
}

export function rehabOffer(monthsInArrears: number, monthsCap = DEFAULT_MONTHS_CAP): RehabOffer {
  // Months beyond the cap are not owed, so 30 months counts as 24 and stays eligible.
  const counted = countedMonths(monthsInArrears, monthsCap);
  const eligible = counted >= REHAB_MIN_MONTHS && counted <= REHAB_MAX_MONTHS;
  return {
    eligible,
    maxInstalments: eligible ? Math.min(REHAB_MAX_INSTALMENTS, Math.floor(counted / 2)) : 0,
  };
}

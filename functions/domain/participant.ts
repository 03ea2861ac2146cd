import type { Area } from "./area";

/** Premium class of a PBPU participant (Kelas I, II, III). */
export type PremiumClass = 1 | 2 | 3;

export type PhoneType = "MOBILE" | "FIXED_LINE" | "OTHER";

/** One participant as imported from the branch's monthly arrears snapshot. */
export interface Participant {
  /** JKN card number, 13 digits, leading zeros kept. */
  participantId: string;
  name: string;
  /** E.164 (+62...) when the raw number could be normalised. */
  phone?: string;
  phoneType?: PhoneType;
  /** The number as it came in the file; kept so contact data can be corrected. */
  phoneRaw: string;
  contactable: boolean;
  branchCode: string;
  premiumClass: PremiumClass;
  monthsInArrears: number;
  /** Integer rupiah: imported, or months capped at 24 x participant share x family members. */
  arrearsAmount: number;
  arrearsAmountSource: "IMPORTED" | "COMPUTED";
  /** YYYY-MM */
  lastPaidPeriod?: string;
  autodebet: boolean;
  familyMembers: number;
  /** Where the participant lives, as the snapshot names it (names or BPS codes). */
  area?: Area;
  /** Street address: personal data, for a kader's visit only; never on a case or in a log. */
  address?: string;
  /** The snapshot says the participant asked for a kader's visit: the case is handed to the kader. */
  visitRequested?: boolean;
  /** ISO 8601 UTC of the snapshot import. */
  importedAt: string;
  /** When an agent last corrected the number (ISO 8601 UTC). */
  phoneUpdatedAt?: string;
}

export type VaBank = "DEFAULT" | "MANDIRI";

/** BRI, BNI, BTN and BCA share one prefix; Mandiri has its own. */
const VA_PREFIX: Record<VaBank, string> = { DEFAULT: "88888", MANDIRI: "89888" };

/** A JKN card number: 13 digits, leading zeros significant. */
export function isParticipantId(s: string): boolean {
  return /^\d{13}$/.test(s);
}

/** One VA per family: bank prefix + the last 11 digits of the card number. */
export function virtualAccountNumber(participantId: string, bank: VaBank = "DEFAULT"): string {
  if (!isParticipantId(participantId)) {
    throw new RangeError("participantId must be exactly 13 digits");
  }
  return VA_PREFIX[bank] + participantId.slice(-11);
}

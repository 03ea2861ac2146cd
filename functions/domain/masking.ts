export { maskPhone } from "./phone";

function maskTail(s: string, keepStart: number, keepEnd: number): string {
  const chars = Array.from(s);
  const hidden = Math.max(0, chars.length - keepStart - keepEnd);
  return chars.slice(0, keepStart).join("") + "*".repeat(hidden) + chars.slice(keepStart + hidden).join("");
}

/** "Budi Santoso" -> "B*** S******": enough for an agent to confirm, not to identify. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => maskTail(word, 1, 0))
    .join(" ");
}

/** Card number: only the last 4 digits, as on receipts. */
export function maskParticipantId(participantId: string): string {
  return maskTail(participantId, 0, 4);
}

/**
 * A case id (`<branch>#<YYYY-MM>#<card number>`, or a case's key) as
 * `<branch>#<YYYY-MM>#*********7890`: the campaign stays readable.
 */
export function maskCaseId(c: string | { campaignId: string; participantId: string }): string {
  if (typeof c !== "string") return `${c.campaignId}#${maskParticipantId(c.participantId)}`;
  const at = c.lastIndexOf("#");
  return c.slice(0, at + 1) + maskParticipantId(c.slice(at + 1));
}

/** NIK: province code (first 4) and the last 2 digits; the birth date in between stays hidden. */
export function maskNik(nik: string): string {
  return maskTail(nik, 4, 2);
}

// Digit runs long enough to be a phone, card or NIK number (spaces, dots and dashes allowed inside).
const LONG_NUMBER = /\+?\d(?:[\s.-]?\d){7,}/g;

/** Agent notes are free text: numbers that could identify someone are masked before storing. */
export function redactFreeText(text: string): string {
  return text.replace(LONG_NUMBER, (match) => {
    const digits = match.replace(/\D/g, "");
    return `${"*".repeat(Math.max(4, digits.length - 4))}${digits.slice(-4)}`;
  });
}

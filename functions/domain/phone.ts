import { type NumberType, parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { PhoneType } from "./participant";

export type { PhoneType } from "./participant";

export type PhoneRejection =
  | "empty"
  | "unexpected characters"
  | "not a valid Indonesian number"
  | "not an Indonesian number";

export type NormalizedPhone =
  | { ok: true; e164: string; type: PhoneType }
  | { ok: false; reason: PhoneRejection };

// libphonenumber silently drops trailing text ("08123456789a" parses), so letters are refused up front.
const ALLOWED = /^\+?[\d\s\-().]+$/;

function toPhoneType(type: NumberType, nationalNumber: string): PhoneType {
  if (type === "MOBILE") return "MOBILE";
  if (type === "FIXED_LINE") return "FIXED_LINE";
  // Indonesian mobiles are 08...; any other ambiguous number may not take SMS.
  if (type === "FIXED_LINE_OR_MOBILE" && nationalNumber.startsWith("8")) return "MOBILE";
  return "OTHER";
}

function parseValid(text: string) {
  const parsed = parsePhoneNumberFromString(text, "ID");
  return parsed?.isValid() ? parsed : undefined;
}

/** Normalises a number from a branch file to E.164, Indonesian numbers only. */
export function normalizePhone(raw: string): NormalizedPhone {
  const text = raw.trim();
  if (text === "") return { ok: false, reason: "empty" };
  if (!ALLOWED.test(text)) return { ok: false, reason: "unexpected characters" };
  // "62812345678" is also a valid national landline (area 0628), and libphonenumber prefers that
  // reading; files that drop the "+" mean the country code, so try that first.
  const digits = text.replace(/\D/g, "");
  const phone =
    (!text.startsWith("+") && digits.startsWith("62") && parseValid(`+${digits}`)) ||
    parsePhoneNumberFromString(text, "ID");
  if (phone && phone.countryCallingCode !== "62") return { ok: false, reason: "not an Indonesian number" };
  if (!phone?.isValid()) return { ok: false, reason: "not a valid Indonesian number" };
  const type = phone.getType();
  return { ok: true, e164: phone.number, type: type ? toPhoneType(type, phone.nationalNumber) : "OTHER" };
}

/** Only mobiles take SMS; landlines and service numbers would silently drop it. */
export function canReceiveSms(type: PhoneType | undefined): boolean {
  return type === "MOBILE";
}

/** `+6281234567890` -> `+62812****7890`: safe for logs and reports. */
export function maskPhone(e164: string): string {
  const tail = Math.min(4, Math.max(0, e164.length - 4));
  // Short numbers keep a shorter head so at least 4 real characters stay hidden.
  const head = Math.min(6, Math.max(0, e164.length - tail - 4));
  return `${e164.slice(0, head)}${"*".repeat(Math.max(4, e164.length - head - tail))}${e164.slice(e164.length - tail)}`;
}

/**
 * Phone cells as branches' files hold them: mobiles in half a dozen formats, landlines with the
 * branch's area code, and the odd unusable placeholder. The prefixes and placeholders are in
 * data/sample-population/phones.json, the area codes in places.json.
 */
import PHONES from "../../data/sample-population/phones.json";
import PLACES from "../../data/sample-population/places.json";
import { type Rng, Weighted } from "./random";

interface AreaCode {
  code: string;
  localLengths: readonly number[];
}

/** Total digits including the leading 0. */
const MOBILE_LENGTHS = new Weighted<number>([
  [10, 5],
  [11, 25],
  [12, 55],
  [13, 15],
]);
type MobileFormat = "raw" | "dashed" | "plus62" | "62" | "spaced" | "plus62spaced";
const MOBILE_FORMATS = new Weighted<MobileFormat>([
  ["raw", 45],
  ["dashed", 15],
  ["plus62", 15],
  ["62", 10],
  ["spaced", 10],
  ["plus62spaced", 5],
]);
const AREA_CODES: Readonly<Record<string, AreaCode>> = Object.fromEntries(
  Object.entries(PLACES.branches).map(([branch, p]) => [
    branch,
    { code: p.areaCode, localLengths: p.localLengths },
  ]),
);
const OTHER_AREA_CODES = Object.values(AREA_CODES);

type PhoneKind = "mobile" | "landline" | "unusable";
const PHONE_KINDS = new Weighted<PhoneKind>([
  ["mobile", 95],
  ["landline", 3],
  ["unusable", 2],
]);

function groupDigits(digits: string, separator: string): string {
  return [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)].filter((s) => s !== "").join(separator);
}

function generateMobile(rng: Rng): string {
  const prefix = rng.pick(PHONES.mobilePrefixes);
  const local = prefix + String(rng.int(1, 9)) + rng.digits(MOBILE_LENGTHS.pick(rng) - prefix.length - 1);
  const national = local.slice(1);
  switch (MOBILE_FORMATS.pick(rng)) {
    case "raw":
      return local;
    case "dashed":
      return groupDigits(local, "-");
    case "plus62":
      return `+62${national}`;
    case "62":
      return `62${national}`;
    case "spaced":
      return groupDigits(local, " ");
    case "plus62spaced":
      return `+62 ${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`;
  }
}

function generateLandline(rng: Rng, branchCode: string): string {
  const area = AREA_CODES[branchCode] ?? rng.pick(OTHER_AREA_CODES);
  const number = String(rng.int(2, 8)) + rng.digits(rng.pick(area.localLengths) - 1);
  const roll = rng.float();
  if (roll < 0.6) return `(${area.code}) ${number}`;
  if (roll < 0.85) return `${area.code}-${number}`;
  return area.code + number;
}

export function generatePhone(rng: Rng, branchCode: string): string {
  switch (PHONE_KINDS.pick(rng)) {
    case "mobile":
      return generateMobile(rng);
    case "landline":
      return generateLandline(rng, branchCode);
    case "unusable":
      // a truncated mobile ("08123") or a placeholder typed by whoever filled in the form
      return rng.chance(0.35) ? `08${rng.digits(rng.int(2, 5))}` : rng.pick(PHONES.unusable);
  }
}

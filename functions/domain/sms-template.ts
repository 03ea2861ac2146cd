import { FatalError } from "../errors";
import type { Case } from "./case";
import { formatRupiah } from "./money";
import { canReceiveSms } from "./phone";
import type { Bucket } from "./strategy";

// GSM 03.38 default alphabet (one septet each) and its extension table (escape + char: two septets).
const GSM_BASIC = new Set(
  Array.from(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
  ),
);
const GSM_EXTENSION = new Set(Array.from("\f^{}\\[~]|€"));

const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

export const MAX_SMS_SEGMENTS = 2;

export interface SmsSegments {
  encoding: "GSM-7" | "UCS-2";
  segments: number;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  length: number;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENSION.has(ch)) return false;
  return true;
}

/** How carriers bill `text`: one non-GSM character turns the whole message into UCS-2. */
export function smsSegments(text: string): SmsSegments {
  if (text.length === 0) return { encoding: "GSM-7", segments: 0, length: 0 };
  if (!isGsm7(text)) {
    const length = text.length;
    return {
      encoding: "UCS-2",
      segments: length <= UCS2_SINGLE ? 1 : Math.ceil(length / UCS2_PART),
      length,
    };
  }
  const widths = Array.from(text, (ch) => (GSM_EXTENSION.has(ch) ? 2 : 1));
  const length = widths.reduce((a, b) => a + b, 0);
  if (length <= GSM_SINGLE) return { encoding: "GSM-7", segments: 1, length };
  // An escape sequence is never split across two parts, so count part by part.
  let segments = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > GSM_PART) {
      segments++;
      used = 0;
    }
    used += w;
  }
  return { encoding: "GSM-7", segments, length };
}

// ---------------------------------------------------------------------------------------------
// Names: "H. MUHAMMAD HERU SUSANTO, S.E." -> "Muhammad"
// ---------------------------------------------------------------------------------------------

const LETTER_MAP: Record<string, string> = {
  ß: "ss",
  Æ: "AE",
  æ: "ae",
  Ø: "O",
  ø: "o",
  Œ: "OE",
  œ: "oe",
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Þ: "Th",
  þ: "th",
  ı: "i",
};

/** Honorifics and titles written before a name in registers; the SMS says "Bpk/Ibu" instead. */
const TITLES = new Set([
  "h",
  "hj",
  "haji",
  "hajah",
  "hajjah",
  "dr",
  "drs",
  "dra",
  "ir",
  "prof",
  "bpk",
  "bapak",
  "pak",
  "ibu",
  "bu",
  "sdr",
  "sdri",
  "tn",
  "ny",
  "nn",
]);

const MAX_NAME_LENGTH = 16;

/** Letters, apostrophes and hyphens in plain ASCII: accents and curly quotes transliterated. */
function asciiName(raw: string): string {
  return Array.from(raw.normalize("NFD"))
    .map((ch) => LETTER_MAP[ch] ?? ch)
    .join("")
    .replace(/\p{M}/gu, "")
    .replace(/[‘’ʼ`´ʻ]/g, "'")
    .replace(/[“”„«»]/g, '"')
    .replace(/[^A-Za-z'" \-.,]/g, " ");
}

function friendlyCase(word: string): string {
  // Mixed case is how the person writes it; all-caps or all-lower is a register's habit.
  if (word !== word.toUpperCase() && word !== word.toLowerCase()) return word;
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** The name to greet by, or "" when none is usable. */
export function friendlyFirstName(fullName: string): string {
  const [main = "", ...rest] = asciiName(fullName)
    .replace(/"[^"]*"/g, " ")
    .split(",");
  // "Nainggolan, Robert": family name first. "Sumiyati, S.H.": academic degrees after a comma.
  const given = rest.find((part) => /[A-Za-z]/.test(part) && !part.includes("."));
  const words = (given ?? main)
    .split(/\s+/)
    .map((w) => w.replace(/^[-'.]+|[-'.]+$/g, ""))
    .filter((w) => /[A-Za-z]/.test(w) && !TITLES.has(w.toLowerCase()));
  // Initials ("M. Yusuf") do not greet anyone; two-letter particles ("Wa Ode", "Ah Kiong") belong to the next word.
  while (words.length > 1 && (words[0] ?? "").length === 1) words.shift();
  let first = words[0] ?? "";
  if (first.length <= 2 && words[1]) first = `${first} ${words[1]}`;
  first = first.replace(/\./g, "");
  if (first.length < 2 || first.length > MAX_NAME_LENGTH) return "";
  return first
    .split(" ")
    .map((w) => w.split("-").map(friendlyCase).join("-"))
    .join(" ");
}

// ---------------------------------------------------------------------------------------------
// Shared wording: what every message says, and how optional sentences give way
// ---------------------------------------------------------------------------------------------

/** Official channels only, never a person; autodebet is offered in a sentence of its own. */
const CHANNELS = "bank, minimarket, Kantor Pos atau Mobile JKN";
/** In every reminder and follow-up: the one thing a fraudster cannot say. */
const NEVER_PERSONAL_ACCOUNT = "BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.";
const ALREADY_PAID = "Abaikan pesan ini bila Anda sudah membayar.";
/** Reactivation needs the arrears (counted up to 24 months) and the current month paid. */
const REACTIVATION = "Kartu JKN aktif kembali setelah tunggakan dan iuran bulan berjalan lunas.";

export class TemplateError extends Error {
  override name = FatalError.Template;
}

const fits = (text: string) => {
  const s = smsSegments(text);
  return s.encoding === "GSM-7" && s.segments <= MAX_SMS_SEGMENTS;
};

/** One optional part: its wordings, longest first; `compose` places it. */
interface OptionalPart<K extends string> {
  key: K;
  variants: readonly string[];
}

/**
 * The longest text that fits two segments: optional parts are taken in order of importance, each in
 * its longest wording that still fits, or left out. Throws only when even the bare text does not fit.
 */
function fitted<K extends string>(
  optional: readonly OptionalPart<K>[],
  compose: (chosen: ReadonlyMap<K, string>) => string,
  what: string,
): string {
  const chosen = new Map<K, string>();
  if (!fits(compose(chosen)))
    throw new TemplateError(`${what} does not fit ${MAX_SMS_SEGMENTS} SMS segments`);
  for (const part of optional) {
    const variant = part.variants.find((v) => fits(compose(new Map(chosen).set(part.key, v))));
    if (variant !== undefined) chosen.set(part.key, variant);
  }
  return compose(chosen);
}

const greeting = (chosen: ReadonlyMap<string, string>) => `Yth. Bpk/Ibu${chosen.get("NAME") ?? ""}, `;

/** `tunggakan iuran JKN Anda 8 bulan, total Rp1.200.000`; beyond the cap, the months counted too. */
function arrearsPhrase(
  c: Pick<Case, "monthsInArrears" | "countedMonths">,
  amount: number,
  label: "total" | "sisa" = "total",
): string {
  const months =
    c.monthsInArrears > c.countedMonths
      ? `${c.monthsInArrears} bulan (dihitung ${c.countedMonths} bulan)`
      : `${c.countedMonths} bulan`;
  return `tunggakan iuran JKN Anda ${months}, ${label} ${formatRupiah(amount)}`;
}

/** The case's virtual account as a message shows it: digits only, or a TemplateError. */
export function virtualAccount(va: string): string {
  if (!/^\d{1,20}$/.test(va)) throw new TemplateError("virtualAccount must be digits");
  return va;
}

// ---------------------------------------------------------------------------------------------
// The reminder
// ---------------------------------------------------------------------------------------------

export type ReminderCase = Pick<
  Case,
  "name" | "monthsInArrears" | "countedMonths" | "amountDue" | "virtualAccount" | "bucketId" | "autodebet"
>;

/** From 13 months a firmer (never threatening) request to pay. */
const FIRM_FROM_MONTHS = 13;

type ReminderPart = "ALREADY_PAID" | "NAME" | "AUTODEBET";

/**
 * The wave's reminder, in formal Indonesian, GSM-7 and at most two segments: months and amount, the
 * family's virtual account and the official channels, and that BPJS Kesehatan never asks for a
 * transfer to a personal account; never a link, never a person to pay. Then, while they fit, in
 * order: "ignore this if you paid", the name, autodebet. REHAB and reactivation do not fit two
 * segments beside these: the agent explains them and sends them as follow-ups (followUpSms).
 */
export function reminderSms(c: ReminderCase, bucket: Bucket): string {
  if (c.bucketId !== bucket.id) throw new TemplateError(`case is in ${c.bucketId}, not ${bucket.id}`);
  virtualAccount(c.virtualAccount);
  const firm = bucket.minMonths >= FIRM_FROM_MONTHS;
  const name = friendlyFirstName(c.name);
  const optional: OptionalPart<ReminderPart>[] = [
    { key: "ALREADY_PAID", variants: [ALREADY_PAID] },
    ...(name ? [{ key: "NAME" as const, variants: [` ${name}`] }] : []),
    {
      key: "AUTODEBET",
      // Already on autodebet: the debit failed, so the balance.
      variants: c.autodebet
        ? ["Pastikan saldo autodebet Anda cukup.", "Pastikan saldo autodebet cukup."]
        : ["Daftarkan autodebet melalui Mobile JKN.", "Daftarkan autodebet di Mobile JKN."],
    },
  ];
  const facts = `${arrearsPhrase(c, c.amountDue)}.`;
  const pay = `${firm ? "Mohon segera dilunasi" : "Silakan bayar"} melalui VA ${c.virtualAccount} di ${CHANNELS}.`;
  const compose = (chosen: ReadonlyMap<ReminderPart, string>) =>
    [
      `${greeting(chosen)}${facts}`,
      pay,
      chosen.get("AUTODEBET"),
      chosen.get("ALREADY_PAID"),
      NEVER_PERSONAL_ACCOUNT,
    ]
      .filter((part) => part !== undefined)
      .join(" ");
  return fitted(optional, compose, "reminder");
}

// ---------------------------------------------------------------------------------------------
// Who gets the reminder
// ---------------------------------------------------------------------------------------------

export type SmsSkipReason =
  | "CASE_PAID"
  | "CASE_CLOSED"
  | "NOT_CONTACTABLE"
  | "NO_SMS_TREATMENT"
  | "PHONE_CANNOT_RECEIVE_SMS";

/** Why a case gets no reminder in a wave, or undefined when it gets one. */
export function smsSkipReason(
  c: Pick<Case, "status" | "contactable" | "treatments" | "phone" | "phoneType">,
): SmsSkipReason | undefined {
  if (c.status === "PAID") return "CASE_PAID";
  if (c.status !== "OPEN") return "CASE_CLOSED";
  if (!c.contactable || !c.phone) return "NOT_CONTACTABLE";
  if (!c.treatments.includes("SMS")) return "NO_SMS_TREATMENT";
  if (!canReceiveSms(c.phoneType)) return "PHONE_CANNOT_RECEIVE_SMS";
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Follow-up after a call
// ---------------------------------------------------------------------------------------------

export type FollowUpInfo = "PAYMENT" | "REHAB" | "AUTODEBET";

export type FollowUpCase = Pick<
  Case,
  | "name"
  | "monthsInArrears"
  | "countedMonths"
  | "amountDue"
  | "amountPaid"
  | "virtualAccount"
  | "rehabEligible"
  | "rehabMaxInstalments"
>;

type FollowUpPart = "REACTIVATION" | "NAME" | "CONTEXT";

/**
 * The SMS a participant asked for during the call, in formal Indonesian, GSM-7 and at most two
 * segments: how and where to pay (VA and official channels) and when the card is active again, the
 * REHAB instalments, or how to enrol in autodebet; always the warning about personal accounts.
 * Never a link, never a person to pay. The reactivation sentence, the name and the reference to the
 * call give way, in that order, when they would not fit.
 */
export function followUpSms(c: FollowUpCase, info: FollowUpInfo): string {
  virtualAccount(c.virtualAccount);
  if (info === "REHAB" && !c.rehabEligible) throw new TemplateError("case is not eligible for REHAB");
  const outstanding = Math.max(0, c.amountDue - c.amountPaid);
  const arrears = arrearsPhrase(c, outstanding, c.amountPaid > 0 ? "sisa" : "total");
  const text: Record<FollowUpInfo, string> = {
    PAYMENT: `${arrears}. Silakan bayar melalui VA ${c.virtualAccount} di ${CHANNELS}.`,
    REHAB:
      `${arrears}, dapat dicicil hingga ${c.rehabMaxInstalments} kali melalui program REHAB di Mobile JKN ` +
      `atau Care Center 165. Cicilan dibayar melalui VA ${c.virtualAccount}.`,
    AUTODEBET:
      "agar iuran JKN tidak menunggak, daftarkan autodebet melalui aplikasi Mobile JKN, kantor cabang " +
      `BPJS Kesehatan atau Care Center 165. Tagihan saat ini ${formatRupiah(outstanding)} dapat dibayar ` +
      `melalui VA ${c.virtualAccount}.`,
  };
  const name = friendlyFirstName(c.name);
  const optional: OptionalPart<FollowUpPart>[] = [
    ...(info === "PAYMENT" ? [{ key: "REACTIVATION" as const, variants: [REACTIVATION] }] : []),
    ...(name ? [{ key: "NAME" as const, variants: [` ${name}`] }] : []),
    // The autodebet text is long enough without it.
    ...(info !== "AUTODEBET"
      ? [{ key: "CONTEXT" as const, variants: ["sesuai pembicaraan dengan petugas kami, "] }]
      : []),
  ];
  const compose = (chosen: ReadonlyMap<FollowUpPart, string>) =>
    [
      `${greeting(chosen)}${chosen.get("CONTEXT") ?? ""}${text[info]}`,
      chosen.get("REACTIVATION"),
      NEVER_PERSONAL_ACCOUNT,
    ]
      .filter((part) => part !== undefined)
      .join(" ");
  return fitted(optional, compose, `follow-up ${info}`);
}

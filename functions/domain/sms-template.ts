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
// The reminder
// ---------------------------------------------------------------------------------------------

export type ReminderCase = Pick<
  Case,
  | "name"
  | "countedMonths"
  | "amountDue"
  | "virtualAccount"
  | "bucketId"
  | "rehabEligible"
  | "rehabMaxInstalments"
  | "autodebet"
>;

/** Below REHAB's 4 months a short gentle reminder; from 13 months a firmer (never threatening) one. */
const FIRM_FROM_MONTHS = 13;
const REHAB_FROM_MONTHS = 4;

const CHANNELS = "bank/ATM, Indomaret/Alfamart, Kantor Pos, Mobile JKN";
const CLOSING = "Abaikan jika sudah membayar. BPJS Kesehatan";

type Optional = "NAME" | "REHAB" | "AUTODEBET" | "REACTIVATION";

export class TemplateError extends Error {
  override name = "TemplateError";
}

/**
 * The wave's reminder, in Indonesian, GSM-7 and at most two segments: amount, months, the
 * family's virtual account and the official channels; never a link, never a person to pay.
 * Optional parts give way, least important first, when the whole would not fit; the name last.
 */
export function reminderSms(c: ReminderCase, bucket: Bucket): string {
  if (c.bucketId !== bucket.id) throw new TemplateError(`case is in ${c.bucketId}, not ${bucket.id}`);
  if (!/^\d{1,20}$/.test(c.virtualAccount)) throw new TemplateError("virtualAccount must be digits");
  const months = c.countedMonths;
  const amount = formatRupiah(c.amountDue);
  const gentle = bucket.minMonths < REHAB_FROM_MONTHS;
  const firm = bucket.minMonths >= FIRM_FROM_MONTHS;
  const offerRehab =
    bucket.treatments.includes("REHAB_OFFER") && c.rehabEligible && c.rehabMaxInstalments > 1;

  const facts = gentle
    ? `kami ingatkan iuran JKN Anda belum dibayar: tunggakan ${months} bulan, ${amount}.`
    : `iuran JKN Anda tunggakan ${months} bulan, ${amount}.`;
  const name = friendlyFirstName(c.name);
  // Least important first: the first to go when the text would not fit two segments.
  const order: Optional[] = ["REACTIVATION", "AUTODEBET", "REHAB", "NAME"];
  const optional = order.filter(
    (o) =>
      (o !== "REACTIVATION" || !gentle) && (o !== "REHAB" || offerRehab) && (o !== "NAME" || name !== ""),
  );
  const compose = (kept: ReadonlySet<Optional>) => {
    const autodebet = kept.has("AUTODEBET");
    const greeting = kept.has("NAME") ? `Yth. Bpk/Ibu ${name}, ` : "Yth. Bpk/Ibu, ";
    // Not yet on autodebet: offer it as a channel; already on it: the debit failed, so the balance.
    const channels = autodebet && !c.autodebet ? `${CHANNELS}, autodebet` : CHANNELS;
    return [
      `${greeting}${facts}`,
      `${firm ? "Mohon segera bayar" : "Bayar"} ke VA ${c.virtualAccount} di ${channels}.`,
      kept.has("REHAB")
        ? `Bisa dicicil s.d. ${c.rehabMaxInstalments}x: program REHAB (cicilan) lewat Mobile JKN / Care Center 165.`
        : "",
      autodebet && c.autodebet ? "Pastikan saldo rekening autodebet cukup." : "",
      kept.has("REACTIVATION") ? "Kartu JKN aktif kembali setelah tunggakan lunas." : "",
      CLOSING,
    ]
      .filter((s) => s !== "")
      .join(" ");
  };
  const fits = (text: string) => {
    const s = smsSegments(text);
    return s.encoding === "GSM-7" && s.segments <= MAX_SMS_SEGMENTS;
  };

  for (let drop = 0; drop <= optional.length; drop++) {
    const text = compose(new Set(optional.slice(drop)));
    if (fits(text)) return text;
  }
  throw new TemplateError(`reminder does not fit ${MAX_SMS_SEGMENTS} SMS segments`);
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
  | "countedMonths"
  | "amountDue"
  | "amountPaid"
  | "virtualAccount"
  | "rehabEligible"
  | "rehabMaxInstalments"
>;

/**
 * The SMS a participant asked for during the call, in Indonesian, GSM-7 and at most two segments:
 * how and where to pay (VA and official channels), the REHAB steps, or how to enrol in autodebet.
 * Never a link, never a person to pay; the name is left out when it would not fit.
 */
export function followUpSms(c: FollowUpCase, info: FollowUpInfo): string {
  if (!/^\d{1,20}$/.test(c.virtualAccount)) throw new TemplateError("virtualAccount must be digits");
  if (info === "REHAB" && !c.rehabEligible) throw new TemplateError("case is not eligible for REHAB");
  const amount = formatRupiah(Math.max(0, c.amountDue - c.amountPaid));
  const body: Record<FollowUpInfo, string> = {
    PAYMENT:
      `sesuai percakapan dengan petugas kami, iuran JKN Anda ${c.countedMonths} bulan, ${amount}. ` +
      `Bayar ke VA ${c.virtualAccount} di ${CHANNELS}. Jangan bayar lewat orang atau rekening pribadi.`,
    REHAB:
      `tunggakan iuran JKN Anda ${c.countedMonths} bulan (${amount}) bisa dicicil s.d. ${c.rehabMaxInstalments}x ` +
      "lewat program REHAB: daftar di aplikasi Mobile JKN menu REHAB atau Care Center 165. " +
      `Cicilan dibayar ke VA ${c.virtualAccount}.`,
    AUTODEBET:
      "agar iuran JKN tidak menunggak, daftarkan autodebet lewat aplikasi Mobile JKN, " +
      `kantor cabang BPJS Kesehatan atau Care Center 165. Tagihan saat ini ${amount} ke VA ${c.virtualAccount}.`,
  };
  const name = friendlyFirstName(c.name);
  const compose = (withName: boolean) =>
    `${withName && name ? `Yth. Bpk/Ibu ${name}, ` : "Yth. Bpk/Ibu, "}${body[info]} BPJS Kesehatan`;
  for (const withName of [true, false]) {
    const text = compose(withName);
    const s = smsSegments(text);
    if (s.encoding === "GSM-7" && s.segments <= MAX_SMS_SEGMENTS) return text;
  }
  throw new TemplateError(`follow-up ${info} does not fit ${MAX_SMS_SEGMENTS} SMS segments`);
}

import { FatalError } from "../errors";
import type { Case } from "./case";
import { latestFollowUpDate } from "./disposition-rules";
import { localDate, localDateTime } from "./local-time";
import { maskParticipantId } from "./masking";
import { formatRupiah } from "./money";

/** Amazon Connect's limit on all contact attributes together (UTF-8 bytes of keys and values). */
export const CONNECT_ATTRIBUTES_MAX_BYTES = 32_768;
/** Our own budget: far below the limit, so a flow's UpdateContactAttributes always has room. */
export const CALL_ATTRIBUTES_BUDGET_BYTES = 4_096;
/** StartOutboundVoiceContact's limit on `References` (shown to the agent in the CCP). */
export const CONNECT_REFERENCES_MAX_BYTES = 4_096;
/** Longer names are cut: the agent confirms identity, a full legal name adds nothing. */
export const NAME_MAX_CHARS = 120;
/** The screen pop lists at most this many earlier interactions, newest first. */
export const HISTORY_SIZE = 5;

const KEY = /^[A-Za-z0-9_-]+$/;
/** Shown for a field with nothing to show. */
const NONE = "-";
const utf8 = new TextEncoder();

export class CallAttributesError extends Error {
  override name = FatalError.CallAttributes;
}

export type CallAttributeCase = Pick<
  Case,
  | "caseId"
  | "participantId"
  | "period"
  | "name"
  | "bucketId"
  | "monthsInArrears"
  | "countedMonths"
  | "amountDue"
  | "amountPaid"
  | "premiumClass"
  | "familyMembers"
  | "autodebet"
  | "virtualAccount"
  | "rehabEligible"
  | "rehabMaxInstalments"
  | "promise"
>;

/** One earlier interaction as the screen pop shows it (from the interactions store, newest first). */
export interface HistoryEntry {
  at: string;
  kind: string;
  outcome?: string | undefined;
  amount?: number | undefined;
}

/** Agent-facing (Indonesian) labels of the interaction kinds worth showing. */
const KIND_LABELS: Record<string, string> = {
  SMS_SENT: "SMS terkirim",
  SMS_FAILED: "SMS gagal",
  CALL_ENDED: "Panggilan",
  CALL_START_FAILED: "Panggilan gagal",
  DISPOSITION: "Hasil",
  PROMISE_KEPT: "Janji ditepati",
  PROMISE_BROKEN: "Janji tidak ditepati",
  PAYMENT_APPLIED: "Pembayaran",
  CONTACT_UPDATED: "Nomor diperbarui",
};

const CLASS_LABELS = { 1: "Kelas I", 2: "Kelas II", 3: "Kelas III" } as const;

/**
 * The greeting the outbound flow plays, by the participant's local time when the call starts:
 * pagi until 11:00, siang until 15:00, sore until 18:00, malam after. Each is a recorded prompt.
 */
export const GREETINGS = ["PAGI", "SIANG", "SORE", "MALAM"] as const;
export type Greeting = (typeof GREETINGS)[number];
/** The contact attribute that carries the greeting to the outbound flow. */
export const GREETING_ATTRIBUTE = "greeting";

const GREETING_UNTIL: ReadonlyArray<[number, Greeting]> = [
  [11 * 60, "PAGI"],
  [15 * 60, "SIANG"],
  [18 * 60, "SORE"],
];

export function greetingAt(now: Date, timeZone: string): Greeting {
  const { minutes } = localDateTime(now, timeZone);
  return GREETING_UNTIL.find(([until]) => minutes < until)?.[1] ?? "MALAM";
}

/**
 * The real months in arrears, with the cap explained when it applies: `40 bulan (dihitung 24
 * bulan)`. Agents must not read "24" to someone 40 months behind.
 */
export function arrearsMonthsText(c: Pick<Case, "monthsInArrears" | "countedMonths">): string {
  return c.monthsInArrears > c.countedMonths
    ? `${c.monthsInArrears} bulan (dihitung ${c.countedMonths} bulan)`
    : `${c.monthsInArrears} bulan`;
}

/** When and where the call starts: the greeting follows the participant's local time. */
export interface CallMoment {
  now: Date;
  timeZone: string;
}

/**
 * `2026-11-12T03:04:05Z` + DISPOSITION/PROMISE_TO_PAY -> `2026-11-12 Hasil PROMISE_TO_PAY Rp100.000`,
 * dated in the participant's zone as the agent and the participant remember it.
 */
function historyLine(entry: HistoryEntry, timeZone: string): string | undefined {
  const label = KIND_LABELS[entry.kind];
  if (!label) return undefined;
  return [
    localDate(new Date(entry.at), timeZone),
    label,
    entry.outcome ?? "",
    entry.amount !== undefined ? formatRupiah(entry.amount) : "",
  ]
    .filter((s) => s !== "")
    .join(" ");
}

/**
 * What the agent sees for an outbound call (contact attributes, read by the step-by-step guide):
 * who, which category, the real months in arrears and how much through which virtual account,
 * REHAB and autodebet, the open promise and the last interactions; and the greeting the outbound
 * flow plays. Amounts are formatted as on Indonesian receipts (`Rp1.234.567`); `amountDueValue` is
 * the plain number.
 */
export function callAttributes(
  c: CallAttributeCase,
  bucketLabel: string,
  attempt: number,
  moment: CallMoment,
  history: readonly HistoryEntry[] = [],
): Record<string, string> {
  const outstanding = Math.max(0, c.amountDue - c.amountPaid);
  const lines = history
    .map((entry) => historyLine(entry, moment.timeZone))
    .filter((l): l is string => l !== undefined)
    .slice(0, HISTORY_SIZE);
  const attributes: Record<string, string> = {
    caseId: c.caseId,
    participantName: Array.from(c.name.trim()).slice(0, NAME_MAX_CHARS).join(""),
    maskedCardNumber: maskParticipantId(c.participantId),
    premiumClass: CLASS_LABELS[c.premiumClass],
    familyMembers: String(c.familyMembers),
    bucket: bucketLabel,
    bucketId: c.bucketId,
    monthsInArrears: String(c.monthsInArrears),
    countedMonths: String(c.countedMonths),
    arrearsMonths: arrearsMonthsText(c),
    amountDue: formatRupiah(outstanding),
    amountDueValue: String(outstanding),
    virtualAccount: c.virtualAccount,
    rehabEligible: c.rehabEligible ? "true" : "false",
    rehabMaxInstalments: String(c.rehabEligible ? c.rehabMaxInstalments : 0),
    autodebet: c.autodebet ? "true" : "false",
    period: c.period,
    // The last day a promise or callback may name (the guide's date pickers stop there).
    followUpUntil: latestFollowUpDate(c.period),
    attempt: String(attempt),
    lastInteractions: lines.length > 0 ? lines.join("; ") : NONE,
    [GREETING_ATTRIBUTE]: greetingAt(moment.now, moment.timeZone),
  };
  // Always present, so the guide's case card has no empty fields; "-" when no promise is open.
  const open = c.promise?.status === "BROKEN" || c.promise?.status === "PENDING" ? c.promise : undefined;
  attributes.promiseStatus = open?.status ?? NONE;
  attributes.promiseDate = open?.date ?? NONE;
  attributes.promiseAmount = open ? formatRupiah(open.amount) : NONE;
  assertValidAttributes(attributes);
  return attributes;
}

/** DATE would need an epoch timestamp: dates are shown as text. */
export type ReferenceType = "STRING" | "NUMBER";

/** A StartOutboundVoiceContact reference: shown in the agent's contact panel, never a link. */
export interface CallReference {
  Type: ReferenceType;
  Value: string;
}

/** Reference name (what the agent reads) -> the attribute it shows. In the order the agent reads them. */
const REFERENCES: ReadonlyArray<[string, string, ReferenceType]> = [
  ["Peserta", "participantName", "STRING"],
  ["Nomor kartu", "maskedCardNumber", "STRING"],
  ["Kelas", "premiumClass", "STRING"],
  ["Anggota keluarga", "familyMembers", "NUMBER"],
  ["Kategori", "bucket", "STRING"],
  ["Bulan tunggakan", "arrearsMonths", "STRING"],
  ["Total tagihan", "amountDue", "STRING"],
  ["Nomor VA", "virtualAccount", "STRING"],
  ["REHAB maks. cicilan", "rehabMaxInstalments", "NUMBER"],
  ["Autodebet", "autodebet", "STRING"],
  ["Janji bayar", "promiseDate", "STRING"],
  ["Nominal janji", "promiseAmount", "STRING"],
  ["Riwayat", "lastInteractions", "STRING"],
];

/**
 * The screen pop's `References` from the contact attributes: the essentials the agent reads in the
 * contact panel even without the step-by-step guide. Within Connect's 4,096 bytes; the history
 * is dropped first when a long name would not fit.
 */
export function callReferences(attributes: Record<string, string>): Record<string, CallReference> {
  const build = (skip: ReadonlySet<string>) => {
    const refs: Record<string, CallReference> = {};
    for (const [name, key, type] of REFERENCES) {
      const value = attributes[key];
      if (value === undefined || value === NONE || skip.has(key)) continue;
      refs[name] = { Type: type, Value: key === "autodebet" ? (value === "true" ? "ya" : "tidak") : value };
    }
    return refs;
  };
  const full = build(new Set());
  if (referencesSize(full) <= CONNECT_REFERENCES_MAX_BYTES) return full;
  const trimmed = build(new Set(["lastInteractions"]));
  if (referencesSize(trimmed) <= CONNECT_REFERENCES_MAX_BYTES) return trimmed;
  throw new CallAttributesError(`references take ${referencesSize(trimmed)} bytes, over 4096`);
}

/** UTF-8 bytes of the references as JSON: a safe upper bound of what Connect counts. */
export function referencesSize(references: Record<string, CallReference>): number {
  return utf8.encode(JSON.stringify(references)).length;
}

/** Total UTF-8 bytes of keys and values, as Connect counts them. */
export function attributesSize(attributes: Record<string, string>): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(attributes))
    bytes += utf8.encode(key).length + utf8.encode(value).length;
  return bytes;
}

/** Throws unless keys are letters, digits, `_` or `-` and the total stays within our budget. */
export function assertValidAttributes(attributes: Record<string, string>): void {
  const bad = Object.keys(attributes).filter((k) => !KEY.test(k));
  if (bad.length > 0)
    throw new CallAttributesError(`attribute keys must be letters, digits, _ or -: ${bad.join(", ")}`);
  const size = attributesSize(attributes);
  if (size > CALL_ATTRIBUTES_BUDGET_BYTES) {
    throw new CallAttributesError(
      `contact attributes take ${size} bytes, over the ${CALL_ATTRIBUTES_BUDGET_BYTES}-byte budget`,
    );
  }
}

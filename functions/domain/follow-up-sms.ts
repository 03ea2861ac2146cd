import type { Case } from "./case";
import { callInfoKindOf, type FollowUp } from "./follow-ups";
import { formatRupiah } from "./money";
import {
  type FollowUpCase,
  followUpSms,
  friendlyFirstName,
  MAX_SMS_SEGMENTS,
  smsSegments,
  TemplateError,
  virtualAccount,
} from "./sms-template";
import { indonesianDate } from "./whatsapp-templates";

/*
 * The SMS versions of the follow-ups (where WhatsApp is not available or refused them), in formal
 * Indonesian, GSM-7 and at most two segments: never a link, never a person or private account to
 * pay, always the warning about personal accounts.
 */

const CHANNELS = "bank, minimarket, Kantor Pos atau Mobile JKN";
const NEVER_PERSONAL_ACCOUNT = "BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.";
const ALREADY_PAID = "Abaikan pesan ini bila Anda sudah membayar.";

export type FollowUpSmsCase = Pick<
  Case,
  "name" | "virtualAccount" | "promise" | "amountPaid" | "amountDue" | "autodebet"
> &
  FollowUpCase;

const fits = (text: string) => {
  const s = smsSegments(text);
  return s.encoding === "GSM-7" && s.segments <= MAX_SMS_SEGMENTS;
};

/** A sentence; an optional one gives way when the text would not fit, by rank (1 kept first). */
interface Sentence {
  text: string;
  optional?: number;
}

/** The name's rank among the optional parts: "ignore this if you paid" matters more on a promise eve. */
const NAME_RANK = 2;

/** The sentences after the greeting, by purpose. */
function body(
  c: FollowUpSmsCase,
  f: FollowUp & { purpose: Exclude<FollowUp["purpose"], "CALL_INFO" | "REMINDER_AGAIN"> },
): Sentence[] {
  switch (f.purpose) {
    case "PROMISE_EVE": {
      if (!c.promise) throw new TemplateError("a promise eve needs the case's promise");
      return [
        {
          text: `Anda bersedia membayar iuran JKN sebesar ${formatRupiah(c.promise.amount)} pada ${indonesianDate(f.occasion)}.`,
        },
        { text: "Terima kasih.", optional: 3 },
        { text: `Pembayaran melalui VA ${virtualAccount(c.virtualAccount)} di ${CHANNELS}.` },
        { text: ALREADY_PAID, optional: 1 },
      ];
    }
    case "MISSED_CALL":
      return [
        {
          text: `petugas BPJS Kesehatan mencoba menghubungi Anda pada ${indonesianDate(f.occasion)} mengenai iuran JKN Anda.`,
        },
        { text: "Untuk memastikan panggilan tersebut resmi, silakan hubungi Care Center 165." },
      ];
    case "THANK_YOU":
      return [
        {
          text: `terima kasih, pembayaran iuran JKN Anda sebesar ${formatRupiah(c.amountPaid)} telah kami terima.`,
        },
        {
          // Already on autodebet: the debit failed before, so the balance.
          text: c.autodebet
            ? "Agar iuran tidak tertunggak lagi, pastikan saldo autodebet Anda cukup."
            : "Agar iuran tidak tertunggak lagi, daftarkan autodebet melalui Mobile JKN, kantor cabang BPJS Kesehatan atau Care Center 165.",
        },
      ];
    case "DUE_SOON":
      // One month behind: the unpaid amount and the next due date, before the arrears grow.
      return [
        { text: `iuran JKN Anda sebesar ${formatRupiah(c.amountDue)} belum terbayar.` },
        { text: `Mohon dibayar paling lambat tanggal ${indonesianDate(f.occasion)}.` },
        { text: `Pembayaran melalui VA ${virtualAccount(c.virtualAccount)} di ${CHANNELS}.` },
        { text: ALREADY_PAID, optional: 1 },
      ];
    case "REHAB_INSTALMENT":
      // On a REHAB plan: the due date and where to find the amount, never an amount (the plan's,
      // not ours). "Ignore this if you paid" would not fit two segments beside them.
      return [
        { text: `cicilan REHAB iuran JKN Anda jatuh tempo ${indonesianDate(f.occasion)}.` },
        { text: "Besar cicilan ada di Mobile JKN atau Care Center 165." },
        { text: `Mohon dibayar melalui VA ${virtualAccount(c.virtualAccount)} di ${CHANNELS}.` },
      ];
  }
}

/**
 * The follow-up's SMS: the longest text that fits two segments, optional parts (the name and the
 * optional sentences) kept by rank while they fit. Throws when even the bare text does not.
 */
export function followUpSmsText(c: FollowUpSmsCase, f: FollowUp): string {
  // What the agent offered in the call has had its own SMS wording since before follow-ups.
  if (f.purpose === "CALL_INFO") return followUpSms(c, callInfoKindOf(f));
  if (f.purpose === "REMINDER_AGAIN") throw new TemplateError("a reminder sent again goes by WhatsApp only");
  const sentences = body(c, { ...f, purpose: f.purpose });
  const name = friendlyFirstName(c.name);
  const compose = (kept: ReadonlySet<number>) =>
    [
      `Yth. Bpk/Ibu${kept.has(NAME_RANK) && name ? ` ${name}` : ""},`,
      ...sentences.filter((s) => s.optional === undefined || kept.has(s.optional)).map((s) => s.text),
      NEVER_PERSONAL_ACCOUNT,
    ].join(" ");
  const kept = new Set<number>();
  if (!fits(compose(kept)))
    throw new TemplateError(`follow-up ${f.purpose} does not fit ${MAX_SMS_SEGMENTS} SMS segments`);
  const ranks = [NAME_RANK, ...sentences.flatMap((s) => (s.optional === undefined ? [] : [s.optional]))];
  for (const rank of ranks.sort((a, b) => a - b)) if (fits(compose(new Set(kept).add(rank)))) kept.add(rank);
  return compose(kept);
}

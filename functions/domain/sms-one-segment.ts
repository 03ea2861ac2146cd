import { type FollowUpSmsCase, followUpSmsText } from "./follow-up-sms";
import { callInfoKindOf, type FollowUp } from "./follow-ups";
import { formatRupiah } from "./money";
import { type ReminderCase, reminderSms, smsSegments, TemplateError, virtualAccount } from "./sms-template";
import type { Bucket, SmsLength } from "./strategy";
import { indonesianDate } from "./whatsapp-templates";

/*
 * The one-segment SMS (160 GSM-7 characters): half the price of the two-segment texts, for a
 * programme that chooses it (`messaging.sms.length`). Each keeps the virtual account where there
 * is money to pay, the warning about personal accounts and Care Center 165; each drops the name,
 * the list of official channels and "ignore this if you paid". Never a link, never a person to pay.
 */

const GREETING = "Yth. Peserta JKN,";
const NOT_PERSONAL = "bukan rekening pribadi. Info: Care Center 165.";

const oneSegment = (text: string) => {
  const s = smsSegments(text);
  return s.encoding === "GSM-7" && s.segments === 1 ? text : undefined;
};

/** The wave's reminder in one segment: the months counted (at most the cap), the amount, the VA. */
export function oneSegmentReminder(c: ReminderCase): string | undefined {
  return oneSegment(
    `${GREETING} iuran Anda tertunggak ${c.countedMonths} bulan, ${formatRupiah(c.amountDue)}. ` +
      `Mohon bayar hanya melalui VA ${virtualAccount(c.virtualAccount)}, bukan ke rekening pribadi. ` +
      "Info: Care Center 165.",
  );
}

function callInfo(c: FollowUpSmsCase, f: FollowUp): string {
  const outstanding = formatRupiah(Math.max(0, c.amountDue - c.amountPaid));
  const va = virtualAccount(c.virtualAccount);
  switch (callInfoKindOf(f)) {
    case "PAYMENT":
      return `${GREETING} sesuai pembicaraan dengan petugas kami, iuran ${outstanding} dibayar melalui VA ${va}, ${NOT_PERSONAL}`;
    case "REHAB":
      return `${GREETING} tunggakan ${outstanding} dapat dicicil ${c.rehabMaxInstalments} kali (REHAB, Mobile JKN), bayar melalui VA ${va}, bukan rekening pribadi. Care Center 165.`;
    case "AUTODEBET":
      return `${GREETING} agar iuran tidak menunggak, daftarkan autodebet di Mobile JKN. Jangan transfer ke rekening pribadi. Info: Care Center 165.`;
  }
}

/** A follow-up in one segment; undefined where it has none (the reminder sent again goes by WhatsApp only). */
export function oneSegmentFollowUp(c: FollowUpSmsCase, f: FollowUp): string | undefined {
  const va = () => virtualAccount(c.virtualAccount);
  const date = () => indonesianDate(f.occasion);
  switch (f.purpose) {
    case "MISSED_CALL":
      return oneSegment(
        `${GREETING} petugas BPJS Kesehatan menelepon Anda pada ${date()}. Untuk memastikan, hubungi Care Center 165. Jangan transfer ke rekening pribadi.`,
      );
    case "THANK_YOU": {
      // Already on autodebet: the debit failed before, so the balance.
      const autodebet = c.autodebet
        ? "Pastikan saldo autodebet cukup."
        : "Daftarkan autodebet di Mobile JKN.";
      return oneSegment(
        `${GREETING} terima kasih, iuran ${formatRupiah(c.amountPaid)} telah kami terima. ${autodebet} Jangan transfer ke rekening pribadi. Care Center 165.`,
      );
    }
    case "PROMISE_EVE":
      if (!c.promise) throw new TemplateError("a promise eve needs the case's promise");
      return oneSegment(
        `${GREETING} sesuai janji, mohon bayar ${formatRupiah(c.promise.amount)} pada ${date()} melalui VA ${va()}, ${NOT_PERSONAL}`,
      );
    case "REHAB_INSTALMENT":
      return oneSegment(
        `${GREETING} cicilan REHAB Anda jatuh tempo ${date()}. Mohon bayar melalui VA ${va()}, ${NOT_PERSONAL}`,
      );
    case "DUE_SOON":
      return oneSegment(
        `${GREETING} iuran JKN ${formatRupiah(c.amountDue)} jatuh tempo ${date()}. Mohon bayar melalui VA ${va()}, ${NOT_PERSONAL}`,
      );
    case "CALL_INFO":
      return oneSegment(callInfo(c, f));
    case "REMINDER_AGAIN":
      return undefined;
  }
}

/** The wave's reminder at the strategy's length; the two-segment text where one segment cannot hold it. */
export function reminderText(c: ReminderCase, bucket: Bucket, length: SmsLength): string {
  // Built first: it checks the case as the one-segment text does not.
  const twoSegments = reminderSms(c, bucket);
  return (length === "ONE_SEGMENT" && oneSegmentReminder(c)) || twoSegments;
}

/** A follow-up's SMS at the strategy's length; the two-segment text where one segment cannot hold it. */
export function followUpText(c: FollowUpSmsCase, f: FollowUp, length: SmsLength): string {
  const twoSegments = followUpSmsText(c, f);
  return (length === "ONE_SEGMENT" && oneSegmentFollowUp(c, f)) || twoSegments;
}

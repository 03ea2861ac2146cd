import type { Case } from "./case";
import { CALLBACK_WINDOWS, type CallbackWindowCode } from "./messaging";
import { REHAB_MAX_INSTALMENTS, REHAB_MAX_MONTHS, REHAB_MIN_MONTHS } from "./rehab";

/*
 * The free-form answers to a participant's WhatsApp reply, inside the 24-hour window: formal,
 * polite Indonesian, never a link, never a person or private account to pay (payment only through
 * the participant's own virtual account and BPJS Kesehatan's official channels).
 */

const CARE_CENTER = "BPJS Kesehatan Care Center 165";
const HOW_TO_PAY =
  "Pembayaran iuran dapat dilakukan melalui aplikasi Mobile JKN, bank, kantor pos, atau gerai " +
  "mitra pembayaran resmi BPJS Kesehatan";

/** "Sudah bayar" when the payment has arrived. */
export const paymentReceivedText = () =>
  "Terima kasih, Bapak/Ibu. Pembayaran iuran JKN Anda sudah kami terima. Semoga sehat selalu.";

/** "Sudah bayar" when no payment has arrived yet: it will be checked; the call waits for it. */
export const paymentToBeCheckedText = () =>
  "Terima kasih atas informasinya, Bapak/Ibu. Pembayaran Anda akan kami periksa. Pembayaran " +
  "biasanya tercatat dalam 1-2 hari kerja. Apabila sudah tercatat, Anda tidak perlu melakukan " +
  `apa pun. Untuk informasi lebih lanjut, silakan hubungi ${CARE_CENTER}.`;

/** "Minta ditelepon": the three callback windows follow as buttons. */
export const askCallbackWindowText = () =>
  "Baik, Bapak/Ibu. Petugas BPJS Kesehatan akan menelepon Anda. Silakan pilih waktu yang paling " +
  "sesuai (waktu setempat):";

/** The window chosen. */
export const callbackConfirmedText = (window: CallbackWindowCode) =>
  `Terima kasih. Petugas BPJS Kesehatan akan menelepon Anda pada hari kerja, ${windowWords(window)} ` +
  `waktu setempat. Untuk memastikan panggilan resmi, Anda dapat menghubungi ${CARE_CENTER}.`;

const windowWords = (window: CallbackWindowCode) => {
  const [name, hours] = CALLBACK_WINDOWS[window].label.split(" ");
  return `${(name ?? "").toLowerCase()} hari pukul ${hours ?? ""}`;
};

/** "Info REHAB": the steps when the case may join, a polite no with how to pay otherwise. */
export function rehabText(c: Pick<Case, "rehabEligible" | "rehabMaxInstalments" | "virtualAccount">): string {
  if (!c.rehabEligible) {
    return (
      "Terima kasih atas minat Anda, Bapak/Ibu. Mohon maaf, tunggakan iuran Anda saat ini tidak " +
      `memenuhi ketentuan Program REHAB (tunggakan ${REHAB_MIN_MONTHS} sampai ${REHAB_MAX_MONTHS} ` +
      `bulan). ${HOW_TO_PAY} dengan nomor Virtual Account ${c.virtualAccount}. Untuk informasi ` +
      `lebih lanjut, silakan hubungi ${CARE_CENTER}.`
    );
  }
  return [
    "Program REHAB (Rencana Pembayaran Bertahap) BPJS Kesehatan:",
    `1. Untuk peserta dengan tunggakan iuran ${REHAB_MIN_MONTHS} sampai ${REHAB_MAX_MONTHS} bulan.`,
    `2. Tunggakan dapat dicicil paling banyak ${REHAB_MAX_INSTALMENTS} kali atau setengah dari ` +
      `jumlah bulan tunggakan, mana yang lebih sedikit. Untuk tunggakan Anda: paling banyak ` +
      `${c.rehabMaxInstalments} kali cicilan.`,
    "3. Setiap cicilan dibayar bersama iuran bulan berjalan.",
    `4. Pendaftaran melalui aplikasi Mobile JKN atau ${CARE_CENTER}.`,
    "5. Status kepesertaan JKN Anda aktif kembali setelah cicilan terakhir dibayar.",
    `Pembayaran cicilan menggunakan nomor Virtual Account Anda: ${c.virtualAccount}.`,
  ].join("\n");
}

/** "Berhenti": confirmed once. */
export const optedOutText = () =>
  "Baik, Bapak/Ibu. Kami tidak akan mengirim pesan WhatsApp lagi. Informasi selanjutnya dari " +
  "BPJS Kesehatan akan dikirim melalui SMS. Terima kasih.";

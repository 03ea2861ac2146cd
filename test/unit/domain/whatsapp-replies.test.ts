import { describe, expect, it } from "vitest";
import {
  askCallbackWindowText,
  callbackConfirmedText,
  optedOutText,
  paymentReceivedText,
  paymentToBeCheckedText,
  rehabText,
} from "../../../functions/domain/whatsapp-replies";

const eligible = { rehabEligible: true, rehabMaxInstalments: 5, virtualAccount: "8888800001000000010" };
const notEligible = { rehabEligible: false, rehabMaxInstalments: 0, virtualAccount: "8888800001000000010" };

const all = [
  paymentReceivedText(),
  paymentToBeCheckedText(),
  askCallbackWindowText(),
  callbackConfirmedText("EVENING"),
  rehabText(eligible),
  rehabText(notEligible),
  optedOutText(),
];

describe("WhatsApp answers", () => {
  it("gives the REHAB steps with the participant's own number of instalments", () => {
    const text = rehabText(eligible);
    expect(text).toContain("4 sampai 24 bulan");
    expect(text).toContain("paling banyak 12 kali atau setengah");
    expect(text).toContain("paling banyak 5 kali cicilan");
    expect(text).toContain("bersama iuran bulan berjalan");
    expect(text).toContain("Mobile JKN atau BPJS Kesehatan Care Center 165");
    expect(text).toContain("aktif kembali setelah cicilan terakhir");
  });

  it("says politely when the participant cannot join REHAB, and how to pay", () => {
    const text = rehabText(notEligible);
    expect(text).toMatch(/^Terima kasih .* Mohon maaf, .*tidak memenuhi ketentuan Program REHAB/);
    expect(text).toContain("Virtual Account 8888800001000000010");
    expect(text).not.toContain("cicilan");
  });

  it("names the chosen callback window in local time", () => {
    expect(callbackConfirmedText("EVENING")).toContain("sore hari pukul 16.00-20.00 waktu setempat");
    expect(callbackConfirmedText("MORNING")).toContain("pagi hari pukul 08.00-12.00");
  });

  it("tells a participant whose payment has not arrived that it will be checked", () => {
    expect(paymentToBeCheckedText()).toContain("Pembayaran Anda akan kami periksa");
    expect(paymentReceivedText()).toContain("sudah kami terima");
    expect(optedOutText()).toContain("melalui SMS");
  });

  it("never carries a link, and addresses the participant formally", () => {
    for (const text of all) {
      expect(text).not.toMatch(/https?:|www\.|\.com|wa\.me|bit\.ly/i);
      expect(text).not.toMatch(/\b(kamu|lu|gue)\b/i);
    }
  });
});

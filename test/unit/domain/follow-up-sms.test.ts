import { describe, expect, it } from "vitest";
import type { Case } from "../../../functions/domain/case";
import { followUpSmsText } from "../../../functions/domain/follow-up-sms";
import type { FollowUp } from "../../../functions/domain/follow-ups";
import { smsSegments, TemplateError } from "../../../functions/domain/sms-template";
import { caseOf, WIB } from "../../fixtures/dialing";

const PROMISE = {
  amount: 280_000,
  date: "2026-11-23",
  status: "PENDING",
  agentId: "a",
  recordedAt: "x",
} as const;
const c: Case = caseOf(WIB, { name: "SITI AMINAH", amountPaid: 280_000, promise: PROMISE });
const EVE: FollowUp = { purpose: "PROMISE_EVE", occasion: "2026-11-23" };
const MISSED: FollowUp = { purpose: "MISSED_CALL", occasion: "2026-11-19" };
const THANKS: FollowUp = { purpose: "THANK_YOU", occasion: "PAID" };

describe("follow-up SMS texts", () => {
  it("reminds of the promised date and amount, with the family's VA", () => {
    expect(followUpSmsText(c, EVE)).toBe(
      "Yth. Bpk/Ibu Siti, Anda bersedia membayar iuran JKN sebesar Rp280.000 pada " +
        "23 November 2026. Terima kasih. Pembayaran melalui VA " +
        `${c.virtualAccount} di bank, minimarket, Kantor Pos atau Mobile JKN. Abaikan pesan ini bila Anda ` +
        "sudah membayar. BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.",
    );
  });

  it("after a missed call names Care Center 165 to verify it, and no amount", () => {
    const text = followUpSmsText(c, MISSED);
    expect(text).toBe(
      "Yth. Bpk/Ibu Siti, petugas BPJS Kesehatan mencoba menghubungi Anda pada 19 November 2026 mengenai " +
        "iuran JKN Anda. Untuk memastikan panggilan tersebut resmi, silakan hubungi Care Center 165. " +
        "BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.",
    );
    expect(text).not.toMatch(/Rp/);
  });

  it("thanks for the payment and invites autodebet; a participant on autodebet checks the balance", () => {
    expect(followUpSmsText(c, THANKS)).toBe(
      "Yth. Bpk/Ibu Siti, terima kasih, pembayaran iuran JKN Anda sebesar Rp280.000 telah kami terima. " +
        "Agar iuran tidak tertunggak lagi, daftarkan autodebet melalui Mobile JKN, kantor cabang BPJS " +
        "Kesehatan atau Care Center 165. BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.",
    );
    expect(followUpSmsText({ ...c, autodebet: true }, THANKS)).toContain(
      "pastikan saldo autodebet Anda cukup",
    );
  });

  it("every text is GSM-7 in at most two segments, with no link and the personal-account warning", () => {
    const names = ["SITI AMINAH", "", "Wa Ode Nurhayati", "H. MUHAMMAD HERU SUSANTO, S.E.", "Zoë Ñáñez"];
    for (const name of names) {
      for (const f of [EVE, MISSED, THANKS]) {
        const text = followUpSmsText({ ...c, name, amountPaid: 99_999_999 }, f);
        expect(smsSegments(text)).toMatchObject({ encoding: "GSM-7" });
        expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
        expect(text).not.toMatch(/https?:|www\.|\.id\b|\.com\b/);
        expect(text).toContain("tidak pernah meminta transfer ke rekening pribadi");
      }
    }
  });

  it("reminds a participant on a REHAB plan of the instalment's due date, naming no amount, in two segments", () => {
    const f: FollowUp = { purpose: "REHAB_INSTALMENT", occasion: "2026-12-10" };
    expect(followUpSmsText(c, f)).toBe(
      "Yth. Bpk/Ibu Siti, cicilan REHAB iuran JKN Anda jatuh tempo 10 Desember 2026. Besar cicilan ada " +
        `di Mobile JKN atau Care Center 165. Mohon dibayar melalui VA ${c.virtualAccount} di bank, ` +
        "minimarket, Kantor Pos atau Mobile JKN. BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.",
    );
    // The longest date, a long name and a 20-digit VA: the name gives way, the rest fits.
    const longest = { ...c, name: "Mohammadsyahrial Abdurrahman", virtualAccount: "8".repeat(20) };
    for (const occasion of ["2026-09-30", "2026-11-30", "2026-12-10"]) {
      const text = followUpSmsText(longest, { purpose: "REHAB_INSTALMENT", occasion });
      expect(smsSegments(text)).toMatchObject({ encoding: "GSM-7" });
      expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
      expect(text).not.toMatch(/Rp|https?:/);
      expect(text).toContain("tidak pernah meminta transfer ke rekening pribadi");
    }
  });

  it("keeps 'ignore this if you paid' on a promise eve before the name", () => {
    const long = {
      ...c,
      name: "Mohammadsyahrial",
      promise: { ...PROMISE, date: "2026-09-30", amount: 99_999_999 },
    };
    const text = followUpSmsText(long, { purpose: "PROMISE_EVE", occasion: "2026-09-30" });
    expect(text).toContain("Abaikan pesan ini bila Anda sudah membayar.");
  });

  it("greets without a name it cannot use", () => {
    expect(followUpSmsText({ ...c, name: "M." }, MISSED)).toMatch(/^Yth\. Bpk\/Ibu, petugas/);
  });

  it("refuses a promise eve without a promise, and a VA that is not digits", () => {
    const { promise: _, ...none } = c;
    expect(() => followUpSmsText(none, EVE)).toThrow(TemplateError);
    expect(() => followUpSmsText({ ...c, virtualAccount: "88-88" }, EVE)).toThrow(TemplateError);
  });
});

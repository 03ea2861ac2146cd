import { describe, expect, it } from "vitest";
import { classifyParticipant } from "../../../functions/domain/arrears-mapping";
import { formatRupiah } from "../../../functions/domain/money";
import { computeArrearsAmount } from "../../../functions/domain/premiums";
import {
  friendlyFirstName,
  type ReminderCase,
  reminderSms,
  smsSegments,
} from "../../../functions/domain/sms-template";
import { type Bucket, bucketFor, DEFAULT_STRATEGY } from "../../../functions/domain/strategy";
import { virtualAccountNumber } from "../../../functions/domain/virtual-account";
import { generateArrearsRows } from "../../../functions/sample/population";

const VA = "8888801000000005";

/** A case as map-arrears would open it, for raw months in arrears. */
function reminderCase(months: number, overrides: Partial<ReminderCase> = {}): [ReminderCase, Bucket] {
  const bucket = bucketFor(months, DEFAULT_STRATEGY);
  if (!bucket) throw new Error(`no bucket for ${months}`);
  const classification = classifyParticipant(
    {
      participantId: "0001000000005",
      monthsInArrears: months,
      premiumClass: 3,
      familyMembers: 1,
      contactable: true,
      arrearsAmount: computeArrearsAmount({ monthsInArrears: months, premiumClass: 3, familyMembers: 1 }),
    },
    DEFAULT_STRATEGY,
  );
  if (!classification.eligible) throw new Error("not eligible");
  return [
    {
      name: "Siti Aminah",
      countedMonths: classification.countedMonths,
      amountDue: classification.amountDue,
      virtualAccount: VA,
      bucketId: classification.bucketId,
      rehabEligible: classification.rehab.eligible,
      rehabMaxInstalments: classification.rehab.maxInstalments,
      autodebet: false,
      ...overrides,
    },
    bucket,
  ];
}

const sms = (months: number, overrides: Partial<ReminderCase> = {}) =>
  reminderSms(...reminderCase(months, overrides));

function expectDeliverable(text: string) {
  const s = smsSegments(text);
  expect(s.encoding).toBe("GSM-7");
  expect(s.segments).toBeLessThanOrEqual(2);
  expect(text).not.toMatch(/http|www\.|:\/\/|\.com|\.id\b/i);
  expect(text).not.toMatch(/rekening (pribadi|saya|petugas)|transfer ke/i);
  expect(text).toContain("Abaikan jika sudah membayar");
  expect(text.endsWith("BPJS Kesehatan")).toBe(true);
}

describe("smsSegments", () => {
  it("counts GSM-7 single and concatenated messages", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", segments: 1, length: 160 });
    expect(smsSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", segments: 2, length: 161 });
    expect(smsSegments("a".repeat(306))).toEqual({ encoding: "GSM-7", segments: 2, length: 306 });
    expect(smsSegments("a".repeat(307))).toEqual({ encoding: "GSM-7", segments: 3, length: 307 });
  });

  it("counts extension characters as two septets and never splits one across parts", () => {
    expect(smsSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", segments: 1, length: 160 });
    expect(smsSegments("[]{}^~|\\").length).toBe(16);
    // 152 plain + "€" needs 154 > 153 in the first part: the escape moves to the second.
    expect(smsSegments(`${"a".repeat(152)}€${"a".repeat(152)}`).segments).toBe(3);
  });

  it("switches to UCS-2 for one character outside GSM-7", () => {
    expect(smsSegments("Nur’aini")).toEqual({ encoding: "UCS-2", segments: 1, length: 8 });
    expect(smsSegments("é".repeat(70)).encoding).toBe("GSM-7");
    expect(smsSegments("ā".repeat(71))).toEqual({ encoding: "UCS-2", segments: 2, length: 71 });
  });
});

describe("friendlyFirstName", () => {
  it.each([
    ["Siti Aminah", "Siti"],
    ["SITI AMINAH", "Siti"],
    ["H. MUHAMMAD HERU SUSANTO, S.E.", "Muhammad"],
    ["Hj. Ramlah Katili, S.Pd.", "Ramlah"],
    ["Sumiyati, S.H.", "Sumiyati"],
    ["Nainggolan, Robert", "Robert"],
    ['Decky "Obet" Wenas', "Decky"],
    ["M. Yusuf", "Yusuf"],
    ["WA ODE HADIJA", "Wa Ode"],
    ["NUR'AINI SUSANTI", "Nur'aini"],
    ["Nur’aini Susanti", "Nur'aini"],
    ['"Obet" Decky Wenas', "Decky"],
    ["Zoë “Ochi” Tan", "Zoe"],
    ["José Müller", "Jose"],
    ["Łukasz Ødegård", "Lukasz"],
    ["李小龙", ""],
    ["Wolfeschlegelsteinhausenbergerdorff Senior", ""],
  ])("%s -> %s", (name, expected) => {
    expect(friendlyFirstName(name)).toBe(expected);
  });
});

describe("reminderSms", () => {
  it("reminds a 2-3 months case gently, with everything needed to pay", () => {
    const text = sms(3);
    expect(text).toBe(
      "Yth. Bpk/Ibu Siti, kami ingatkan iuran JKN Anda belum dibayar: tunggakan 3 bulan, Rp105.000. " +
        `Bayar ke VA ${VA} di bank/ATM, Indomaret/Alfamart, Kantor Pos, Mobile JKN, autodebet. ` +
        "Abaikan jika sudah membayar. BPJS Kesehatan",
    );
    expect(text).not.toContain("REHAB");
    expectDeliverable(text);
  });

  it.each(DEFAULT_STRATEGY.buckets.map((b) => [b.id, b.maxMonths ?? 30] as const))(
    "writes a deliverable reminder for bucket %s",
    (_id, months) => {
      const [c, bucket] = reminderCase(months);
      const text = reminderSms(c, bucket);
      expectDeliverable(text);
      expect(text).toContain("Yth. Bpk/Ibu Siti,");
      expect(text).toContain(`tunggakan ${c.countedMonths} bulan`);
      expect(text).toContain(formatRupiah(c.amountDue));
      expect(text).toContain(`VA ${VA}`);
      expect(text).toContain("bank/ATM, Indomaret/Alfamart, Kantor Pos, Mobile JKN");
      expect(text.includes("program REHAB (cicilan) lewat Mobile JKN / Care Center 165")).toBe(
        bucket.treatments.includes("REHAB_OFFER"),
      );
    },
  );

  it("offers REHAB with the instalments the participant may take", () => {
    expect(sms(5)).toContain(
      "Bisa dicicil s.d. 2x: program REHAB (cicilan) lewat Mobile JKN / Care Center 165.",
    );
    expect(sms(24)).toContain("s.d. 12x");
  });

  it("counts 30 months as 24 and states the capped amount", () => {
    const text = sms(30);
    expect(text).toContain("tunggakan 24 bulan, Rp840.000.");
    expect(text).not.toContain("30");
  });

  it("suggests autodebet only to participants not on it; reminds the others of their balance", () => {
    expect(sms(2)).toContain("Mobile JKN, autodebet.");
    const onAutodebet = sms(2, { autodebet: true });
    expect(onAutodebet).not.toContain("Mobile JKN, autodebet");
    expect(onAutodebet).toContain("Pastikan saldo rekening autodebet cukup.");
  });

  it.each([
    [0, "Rp0"],
    [35_000, "Rp35.000"],
    [1_234_567, "Rp1.234.567"],
    [21_600_000, "Rp21.600.000"],
  ])("formats an amount due of %d as %s", (amountDue, formatted) => {
    expect(sms(14, { amountDue })).toContain(`tunggakan 14 bulan, ${formatted}.`);
  });

  it("keeps names with non-GSM characters in GSM-7", () => {
    for (const name of ["Nur’aini", "José Ñúñez", "Zoë “Ochi” Tan", "Đặng Thị Ánh", "李小龙"]) {
      const text = sms(8, { name });
      expectDeliverable(text);
    }
    expect(sms(8, { name: "Nur’aini" })).toContain("Yth. Bpk/Ibu Nur'aini,");
    expect(sms(8, { name: "李小龙" })).toContain("Yth. Bpk/Ibu, iuran");
  });

  it("stays within two segments for long names and huge amounts by giving up optional parts", () => {
    const long = "Hj. Welhelmina Fransiska Latumahina-Pattiasina Sahetapy Wattimena, S.Kep., M.Kes.";
    const text = sms(20, { name: long, amountDue: Number.MAX_SAFE_INTEGER });
    expectDeliverable(text);
    expect(text).toContain(formatRupiah(Number.MAX_SAFE_INTEGER));
    expect(text).toContain(`VA ${VA}`);
    expect(text).toContain("tunggakan 20 bulan");
  });

  it("never writes more than two GSM-7 segments over thousands of generated participants", () => {
    const rows = generateArrearsRows({ seed: 7, count: 4_000 });
    let checked = 0;
    for (const row of rows) {
      const months = Number(row.monthsInArrears);
      const bucket = bucketFor(months, DEFAULT_STRATEGY);
      if (!bucket) continue;
      const premiumClass = Number(row.premiumClass) as 1 | 2 | 3;
      const familyMembers = Number(row.familyMembers || "1");
      const amountDue = row.arrearsAmount
        ? Number(row.arrearsAmount)
        : computeArrearsAmount({ monthsInArrears: months, premiumClass, familyMembers });
      const classification = classifyParticipant(
        {
          participantId: row.participantId,
          monthsInArrears: months,
          premiumClass,
          familyMembers,
          contactable: true,
          arrearsAmount: amountDue,
        },
        DEFAULT_STRATEGY,
      );
      if (!classification.eligible) continue;
      const text = reminderSms(
        {
          name: row.name,
          countedMonths: classification.countedMonths,
          amountDue,
          virtualAccount: virtualAccountNumber(row.participantId),
          bucketId: classification.bucketId,
          rehabEligible: classification.rehab.eligible,
          rehabMaxInstalments: classification.rehab.maxInstalments,
          autodebet: row.autodebet === "true",
        },
        bucket,
      );
      expectDeliverable(text);
      expect(text).toContain(virtualAccountNumber(row.participantId));
      expect(text).toContain(`tunggakan ${classification.countedMonths} bulan`);
      checked++;
    }
    expect(checked).toBeGreaterThan(2_500);
  });
});

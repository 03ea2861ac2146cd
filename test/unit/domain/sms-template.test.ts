import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { classifyParticipant } from "../../../functions/domain/arrears-mapping";
import { formatRupiah } from "../../../functions/domain/money";
import { computeArrearsAmount } from "../../../functions/domain/premiums";
import {
  followUpSms,
  friendlyFirstName,
  type ReminderCase,
  reminderSms,
  smsSegments,
} from "../../../functions/domain/sms-template";
import { type Bucket, bucketFor, DEFAULT_STRATEGY } from "../../../functions/domain/strategy";
import { virtualAccountNumber } from "../../../functions/domain/virtual-account";
import type { ArrearsColumn } from "../../../functions/import/arrears-import";
import { type ArrearsRow, generateArrearsRows } from "../../../local/sample/population";

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
      monthsInArrears: months,
      countedMonths: classification.countedMonths,
      amountDue: classification.amountDue,
      virtualAccount: VA,
      bucketId: classification.bucketId,
      autodebet: false,
      ...overrides,
    },
    bucket,
  ];
}

/** A generated or sample row as map-arrears would make it a case, or undefined below the minimum. */
function caseOfRow(row: ArrearsRow) {
  const months = Number(row.monthsInArrears);
  const bucket = bucketFor(months, DEFAULT_STRATEGY);
  if (!bucket) return undefined;
  const premiumClass = Number(row.premiumClass) as 1 | 2 | 3;
  const familyMembers = Number(row.familyMembers || "1");
  const amountDue = row.arrearsAmount
    ? Number(row.arrearsAmount)
    : computeArrearsAmount({ monthsInArrears: months, premiumClass, familyMembers });
  const k = classifyParticipant(
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
  if (!k.eligible) return undefined;
  return {
    bucket,
    name: row.name,
    monthsInArrears: months,
    countedMonths: k.countedMonths,
    amountDue,
    amountPaid: 0,
    virtualAccount: virtualAccountNumber(row.participantId),
    bucketId: k.bucketId,
    autodebet: row.autodebet === "true",
    rehabEligible: k.rehab.eligible,
    rehabMaxInstalments: k.rehab.maxInstalments,
  };
}

function sampleRows(): ArrearsRow[] {
  const file = readFileSync(new URL("../../../data/sample-arrears.csv", import.meta.url), "utf8");
  return (
    parse(file, { columns: true }) as (Record<ArrearsColumn, string> & Partial<Record<string, string>>)[]
  ).map((r) => ({
    participantId: r.participant_id,
    name: r.name,
    phone: r.phone,
    branchCode: r.branch_code,
    premiumClass: r.class,
    monthsInArrears: r.months_in_arrears,
    arrearsAmount: r.arrears_amount,
    lastPaidPeriod: r.last_paid_period,
    autodebet: r.autodebet,
    familyMembers: r.family_members,
    kabupaten: r.kabupaten ?? "",
    kecamatan: r.kecamatan ?? "",
    desa: r.desa ?? "",
    address: r.address ?? "",
    preferredChannel: r.preferred_channel ?? "",
    rehabPlan: r.rehab_plan ?? "",
    rehabInstalments: r.rehab_instalments ?? "",
    deceased: r.deceased ?? "",
    doNotContactUntil: r.do_not_contact_until ?? "",
    doNotContactReason: r.do_not_contact_reason ?? "",
    visitRequested: r.visit_requested ?? "",
  }));
}

const sms = (months: number, overrides: Partial<ReminderCase> = {}) =>
  reminderSms(...reminderCase(months, overrides));

const NEVER_PERSONAL_ACCOUNT = "BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.";

/** What every reminder and follow-up must be: two GSM-7 segments at most, no link, the warning. */
function expectDeliverable(text: string) {
  const s = smsSegments(text);
  expect(s.encoding).toBe("GSM-7");
  expect(s.segments).toBeLessThanOrEqual(2);
  expect(text).not.toMatch(/http|www\.|:\/\/|\.com|\.id\b/i);
  expect(text.endsWith(NEVER_PERSONAL_ACCOUNT)).toBe(true);
  // No other account, no person to pay, no informal wording.
  expect(text.replace(NEVER_PERSONAL_ACCOUNT, "")).not.toMatch(/rekening (pribadi|saya|petugas)|transfer/i);
  expect(text).not.toMatch(/\blewat\b|\bs\.d\.|\d+x\b/);
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
  it("writes formal Indonesian with everything needed to pay, and the warning", () => {
    expect(sms(8)).toBe(
      "Yth. Bpk/Ibu Siti, tunggakan iuran JKN Anda 8 bulan, total Rp280.000. " +
        `Silakan bayar melalui VA ${VA} di bank, minimarket, Kantor Pos atau Mobile JKN. ` +
        "Daftarkan autodebet di Mobile JKN. Abaikan pesan ini bila Anda sudah membayar. " +
        "BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.",
    );
  });

  it.each(DEFAULT_STRATEGY.buckets.map((b) => [b.id, b.maxMonths ?? 30] as const))(
    "writes a deliverable reminder for bucket %s",
    (_id, months) => {
      const [c, bucket] = reminderCase(months);
      const text = reminderSms(c, bucket);
      expectDeliverable(text);
      expect(text).toContain("Yth. Bpk/Ibu Siti,");
      expect(text).toContain(`tunggakan iuran JKN Anda ${months} bulan`);
      expect(text).toContain(`, total ${formatRupiah(c.amountDue)}.`);
      expect(text).toContain(`melalui VA ${VA} di bank, minimarket, Kantor Pos atau Mobile JKN.`);
      expect(text).toContain("Abaikan pesan ini bila Anda sudah membayar.");
    },
  );

  it("asks firmly, never threateningly, from 13 months", () => {
    expect(sms(12)).toContain(`Silakan bayar melalui VA ${VA}`);
    expect(sms(13)).toContain(`Mohon segera dilunasi melalui VA ${VA}`);
  });

  it("states the real months and that only 24 of them are counted", () => {
    expect(sms(30)).toContain("tunggakan iuran JKN Anda 30 bulan (dihitung 24 bulan), total Rp840.000.");
    expect(sms(24)).toContain("tunggakan iuran JKN Anda 24 bulan, total Rp840.000.");
  });

  it("offers autodebet in a sentence of its own, never as a place to pay; reminds those on it of their balance", () => {
    const offered = sms(2);
    expect(offered).toContain("Daftarkan autodebet di Mobile JKN.");
    expect(offered).toMatch(/di bank, minimarket, Kantor Pos atau Mobile JKN\. Daftarkan autodebet/);
    const onAutodebet = sms(2, { autodebet: true });
    expect(onAutodebet).not.toContain("Daftarkan autodebet");
    expect(onAutodebet).toContain("Pastikan saldo autodebet Anda cukup.");
    // With more room (no name), the longer wording; with less, the shorter.
    expect(sms(2, { name: "" })).toContain("Daftarkan autodebet melalui Mobile JKN.");
    expect(sms(8, { autodebet: true, amountDue: 1_234_567 })).toContain("Pastikan saldo autodebet cukup.");
  });

  it.each([
    [0, "Rp0"],
    [35_000, "Rp35.000"],
    [1_234_567, "Rp1.234.567"],
    [21_600_000, "Rp21.600.000"],
  ])("formats an amount due of %d as %s", (amountDue, formatted) => {
    expect(sms(14, { amountDue })).toContain(`tunggakan iuran JKN Anda 14 bulan, total ${formatted}.`);
  });

  it("keeps the worst realistic case to two segments with every sentence that matters", () => {
    // 24+ months, the longest amount a family can owe, a 16-digit VA, a long name.
    const long = "Hj. Welhelmina Fransiska Latumahina-Pattiasina Sahetapy Wattimena, S.Kep., M.Kes.";
    const text = sms(99, { name: long, amountDue: 999_999_999 });
    expectDeliverable(text);
    expect(text).toContain("tunggakan iuran JKN Anda 99 bulan (dihitung 24 bulan), total Rp999.999.999.");
    expect(text).toContain(`Mohon segera dilunasi melalui VA ${VA} di`);
    expect(text).toContain("Abaikan pesan ini bila Anda sudah membayar.");
  });

  it("never fails a wave: absurd amounts, months and accounts still fit, the optional parts give way", () => {
    const text = sms(30, {
      monthsInArrears: Number.MAX_SAFE_INTEGER,
      amountDue: Number.MAX_SAFE_INTEGER,
      virtualAccount: "8".repeat(20),
    });
    expectDeliverable(text);
    expect(text).toContain(formatRupiah(Number.MAX_SAFE_INTEGER));
    expect(text).toContain(`VA ${"8".repeat(20)}`);
  });

  it("keeps names with non-GSM characters in GSM-7", () => {
    for (const name of ["Nur’aini", "José Ñúñez", "Zoë “Ochi” Tan", "Đặng Thị Ánh", "李小龙"]) {
      const text = sms(8, { name });
      expectDeliverable(text);
    }
    expect(sms(8, { name: "Nur’aini" })).toContain("Yth. Bpk/Ibu Nur'aini,");
    expect(sms(8, { name: "李小龙" })).toContain("Yth. Bpk/Ibu, tunggakan");
  });

  it.each([
    ["every participant of data/sample-arrears.csv", sampleRows(), 1_500],
    ["4,000 more generated participants", generateArrearsRows({ seed: 7, count: 4_000 }), 3_000],
  ])("fits two GSM-7 segments, reminder and follow-ups, for %s", (_, rows, atLeast) => {
    let checked = 0;
    for (const row of rows) {
      const c = caseOfRow(row);
      if (!c) continue;
      const text = reminderSms(c, c.bucket);
      expectDeliverable(text);
      expect(text).toContain(`VA ${c.virtualAccount}`);
      expect(text).toContain(`tunggakan iuran JKN Anda ${c.monthsInArrears} bulan`);
      expect(text).toContain("Abaikan pesan ini bila Anda sudah membayar.");
      for (const info of ["PAYMENT", "AUTODEBET", ...(c.rehabEligible ? ["REHAB" as const] : [])] as const)
        expectDeliverable(followUpSms(c, info));
      checked++;
    }
    expect(checked).toBeGreaterThan(atLeast);
  });
});

import { describe, expect, it } from "vitest";
import type { WorklistLine } from "../../../functions/domain/kader-worklist";
import {
  renderWorklistCsv,
  renderWorklistHtml,
  triedText,
  weekLabel,
} from "../../../functions/reports/kader-worklist";

const line = (participantId: string, over: Partial<WorklistLine> = {}): WorklistLine => ({
  campaignId: "SEMARANG#2026-11",
  branchCode: "SEMARANG",
  period: "2026-11",
  participantId,
  kaderId: "SMG-K01",
  reason: "NOT_CONTACTABLE",
  name: "Siti Aminah",
  area: { kabupaten: "Kota Semarang", kecamatan: "Tembalang", desa: "Mekarsari" },
  address: "Jl. Mulawarman Raya No. 12, RT 03/RW 05",
  monthsInArrears: 26,
  amountDue: 1_234_567,
  virtualAccount: "8888800010000001",
  rehabEligible: true,
  priority: 5000,
  tried: { callAttempts: 0, smsSent: 0, whatsappSent: 0 },
  handedOffAt: "2026-11-30T10:00:00.000Z",
  week: "2026-W49",
  ...over,
});

const KADER = { kaderId: "SMG-K01", name: "Siti Rukayah", kecamatan: "Tembalang", desa: "Mekarsari" };
const page = (lines: WorklistLine[], kader: typeof KADER | null = KADER) =>
  renderWorklistHtml({
    branchCode: "SEMARANG",
    period: "2026-11",
    ...(kader ? { kader } : {}),
    lines,
    generatedAt: new Date("2026-12-01T02:00:00Z"),
    timeZone: "Asia/Jakarta",
  });

describe("a kader's printable worklist", () => {
  const html = page([
    line("0001000000001"),
    line("0001000000002", {
      name: "Budi <Santoso>",
      area: { kabupaten: "Kota Semarang", kecamatan: "Tembalang", desa: "Rowosari" },
      reason: "NO_ANSWER_ALL_ATTEMPTS",
      rehabEligible: false,
      tried: { callAttempts: 3, lastOutcome: "NO_ANSWER", smsSent: 2, whatsappSent: 1 },
      week: "2026-W48",
    }),
  ]);

  it("names the kader, their area and the week, in Indonesian, for A4 paper", () => {
    expect(html).toContain('<html lang="id">');
    expect(html).toContain("Daftar kunjungan kader JKN: Siti Rukayah");
    expect(html).toContain("Kecamatan Tembalang, Desa/Kelurahan Mekarsari");
    expect(html).toContain("Minggu ke-49 (30 Nov - 6 Des 2026): 1 peserta");
    expect(html).toContain("Minggu ke-48 (23 Nov - 29 Nov 2026): 1 peserta");
    expect(html).toContain("@page{size:A4");
  });

  it("lists what a visit needs: name, desa, address, months, amount, VA, REHAB, what was tried, why", () => {
    expect(html).toContain(
      '<td>1</td><td>Siti Aminah</td><td>Mekarsari</td><td>Jl. Mulawarman Raya No. 12, RT 03/RW 05</td><td class="num">26</td><td class="num">Rp1.234.567</td><td>8888800010000001</td><td>ya</td><td>Belum ada</td><td>Tidak ada nomor telepon yang dapat dihubungi</td>',
    );
    expect(html).toContain("<td>Budi &lt;Santoso&gt;</td><td>Rowosari</td>");
    expect(html).toContain(
      "<td>tidak</td><td>3 kali ditelepon (terakhir: tidak diangkat), 2 SMS, 1 pesan WhatsApp</td><td>Tidak menjawab setelah semua panggilan</td>",
    );
  });

  it("says kader never collect money, and runs nothing and fetches nothing", () => {
    expect(html).toContain("Kader tidak pernah menerima uang.");
    expect(html).toContain("Pembayaran iuran hanya melalui saluran resmi");
    expect(html).not.toMatch(/<script|<link|<img|https?:|src=/i);
  });

  it("leaves out the participants who paid in full since the hand-off, and says how many", () => {
    const paid = page([line("0001000000001"), line("0001000000002", { name: "Budi Santoso", paid: true })]);
    expect(paid).not.toContain("Budi Santoso");
    expect(paid).toContain("Minggu ke-49 (30 Nov - 6 Des 2026): 1 peserta");
    expect(paid).toContain(
      "1 peserta lain dalam daftar ini sudah melunasi tunggakannya: tidak perlu dikunjungi.",
    );
  });

  it("shows the supervisor why a line has no kader", () => {
    const none = page([line("0001000000003", { kaderId: undefined, unassigned: "NO_KADER" })], null);
    expect(none).toContain("Daftar kunjungan tanpa kader: cabang SEMARANG");
    expect(none).toContain("<td>Belum ada kader di wilayah ini</td>");
  });
});

describe("what was tried", () => {
  it("is 'Belum ada' when nothing was", () => {
    expect(triedText(line("0001000000001"))).toBe("Belum ada");
  });
});

describe("the week's label", () => {
  it("spans a year's end", () => {
    expect(weekLabel("2026-W53")).toBe("Minggu ke-53 (28 Des - 3 Jan 2027)");
  });
});

describe("the worklist CSV", () => {
  it("starts with the eight agreed columns and lists the kader's lines before those without one", () => {
    const csv = renderWorklistCsv([
      line("0001000000003", { kaderId: undefined, unassigned: "OVER_CAPACITY" }),
      line("0001000000001", {
        tried: { callAttempts: 3, lastOutcome: "NO_ANSWER", smsSent: 1, whatsappSent: 0 },
      }),
    ]);
    const [header, first, second] = csv.split("\n");
    expect(
      header?.startsWith("participant_id,branch_code,kecamatan,desa,kader_id,reason,months,amount_due,"),
    ).toBe(true);
    expect(first).toBe(
      '0001000000001,SEMARANG,Tembalang,Mekarsari,SMG-K01,NOT_CONTACTABLE,26,1234567,Kota Semarang,Siti Aminah,"Jl. Mulawarman Raya No. 12, RT 03/RW 05",8888800010000001,true,3,NO_ANSWER,1,0,,2026-W49,2026-11-30T10:00:00.000Z,SEMARANG#2026-11,false',
    );
    expect(second?.split(",").slice(0, 8)).toEqual([
      "0001000000003",
      "SEMARANG",
      "Tembalang",
      "Mekarsari",
      "",
      "NOT_CONTACTABLE",
      "26",
      "1234567",
    ]);
    expect(csv.endsWith("\n")).toBe(true);
  });
});

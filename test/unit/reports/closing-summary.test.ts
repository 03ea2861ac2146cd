import { describe, expect, it } from "vitest";
import { campaignReport } from "../../../functions/domain/campaign-report";
import { closingSummary } from "../../../functions/reports/closing-summary";
import { sampleReportInput } from "../../fixtures/campaign-report";

describe("the supervisors' e-mail when a campaign closes", () => {
  const report = campaignReport(sampleReportInput());
  // 2026-12-01 09:00 UTC is 17:00 in Gorontalo (WITA).
  const summary = closingSummary(
    report,
    { name: "Kantor Cabang Gorontalo", timeZone: "Asia/Makassar" },
    new Date("2026-12-01T09:00:00Z"),
  );

  it("names the branch and the month as supervisors read them, and the time in the branch's zone", () => {
    expect(summary.subject).toBe("telecollect: kampanye Kantor Cabang Gorontalo November 2026 selesai");
    expect(summary.message.split("\n")[0]).toBe(
      "Kampanye Kantor Cabang Gorontalo November 2026 selesai pada 1 Desember 2026 pukul 17.00 WITA.",
    );
  });

  it("gives the funnel with the reminders on either channel, the money in rupiah, in Indonesian", () => {
    const t = report.total;
    expect(summary.message.split("\n").slice(1)).toEqual([
      `Sasaran ${t.targeted} kasus: pengingat terkirim ${t.reminded} (lewat SMS ${t.smsSent}), ditelepon ${t.called}, terhubung ${t.contacted}, janji bayar ${t.promised}, lunas ${t.paid}.`,
      "Terkumpul Rp220.000 dari tunggakan Rp1.790.000.",
      `Janji ditepati ${t.promisesKept}, ingkar ${t.promisesBroken}; ${t.notContactable} peserta perlu pembaruan kontak.`,
    ]);
    expect(summary.message).not.toMatch(/closed|Targeted|Collected/);
  });
});

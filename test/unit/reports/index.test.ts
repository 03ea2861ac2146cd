import { describe, expect, it } from "vitest";
import { campaignReport } from "../../../functions/domain/campaign-report";
import { isReportFormat, REPORT_FORMATS, renderReport } from "../../../functions/reports";
import { formatCount, formatDuration, formatRate } from "../../../functions/reports/figures";
import { sampleReportInput } from "../../fixtures/campaign-report";

const report = campaignReport(sampleReportInput());

describe("report figures, id-ID", () => {
  it("formats counts, rates and durations the Indonesian way", () => {
    expect(formatCount(1_234_567)).toBe("1.234.567");
    expect(formatRate(5 / 6, 6)).toBe("83,3%");
    expect(formatRate(0, 0)).toBe("-");
    expect(formatRate(0, 3)).toBe("0,0%");
    expect(formatDuration(3_900)).toBe("1 j 05 m");
  });
});

describe("report renderers", () => {
  it("offers the four formats", () => {
    expect(REPORT_FORMATS).toEqual(["table", "json", "csv", "html"]);
    expect(isReportFormat("html")).toBe(true);
    expect(isReportFormat("pdf")).toBe(false);
  });

  it("table: headline figures, categories with '-' for rates over nothing, agents, days, roll", () => {
    const text = renderReport(report, "table");
    expect(text).toMatch(/Terkumpul\s+Rp220\.000/);
    expect(text).toMatch(/Tingkat kontak\s+83,3%/);
    const emptyCategory = text.split("\n").find((l) => l.startsWith("24+ bulan"));
    expect(emptyCategory?.split(/\s{2,}/)).toContain("-");
    expect(text).toMatch(/^A1\s+2\s+0 j 07 m/m);
    expect(text).toMatch(/^2026-11-14\s+0\s+0\s+2\s+1\s+1\s+1\s+Rp100\.000$/m);
    expect(text).toContain("Perpindahan kategori dari GORONTALO#2026-10 (peserta baru: 3)");
    expect(text).toMatch(/Bukan nomor peserta\s+1/);
  });

  it("table: the reminders' segments, and unconfirmed SMS per category", () => {
    const text = renderReport(report, "table");
    expect(text).toMatch(/^Pengingat terkirim\s+5$/m);
    expect(text).toMatch(/^Total segmen\s+8$/m);
    expect(text).toMatch(/^Segmen per pengingat\s+1,60$/m);
    expect(text).toMatch(/^Segmen terbanyak per pengingat\s+2$/m);
    expect(text).toContain("SMS belum terkonfirmasi");
    const none = renderReport(campaignReport(sampleReportInput({ events: [] })), "table");
    expect(none).toMatch(/^Segmen per pengingat\s+-$/m);
  });

  it("table and html: the period and the time as supervisors read them, in the branch's zone", () => {
    expect(renderReport(report, "table").split("\n")[0]).toBe(
      "Laporan kampanye GORONTALO#2026-11 (November 2026), dibuat 2026-11-30 12:00 WITA",
    );
    expect(renderReport(report, "html")).toContain(
      "periode November 2026 · dibuat 2026-11-30 12:00 WITA</p>",
    );
  });

  it("json: the report itself", () => {
    expect(JSON.parse(renderReport(report, "json"))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("csv: one figure per row, raw numbers", () => {
    const lines = renderReport(report, "csv").trimEnd().split("\n");
    expect(lines[0]).toBe("section,key,metric,value");
    expect(lines).toContain("total,GORONTALO#2026-11,amountCollected,220000");
    expect(lines).toContain("bucket,M04_06,contacted,1");
    expect(lines).toContain("agent,A2,callSeconds,480");
    expect(lines).toContain("day,2026-11-21,amountPaid,50000");
    expect(lines).toContain("roll,M02_03,to:M04_06,1");
    expect(lines).toContain("roll,NEW,participants,3");
    expect(lines).toContain("contactUpdates,GORONTALO#2026-11,NO_PHONE,1");
    expect(lines).toContain("total,GORONTALO#2026-11,smsUnconfirmed,0");
    expect(lines).toContain("reminders,GORONTALO#2026-11,segments,8");
    expect(lines).toContain("reminders,GORONTALO#2026-11,segmentsPerReminder,1.6");
    expect(lines).toContain("reminders,GORONTALO#2026-11,maxSegments,2");
  });

  it("html: self-contained, headline figures marked, names escaped", () => {
    const html = renderReport(
      { ...report, byAgent: [{ ...(report.byAgent[0] as (typeof report.byAgent)[0]), agentId: "<b>x</b>" }] },
      "html",
      { title: "Laporan & ringkasan" },
    );
    expect(html).not.toMatch(/<script|https?:\/\/|<link|<img/i);
    expect(html).toContain('data-figure="amountCollected" data-value="220000"');
    expect(html).toContain("<title>Laporan &amp; ringkasan</title>");
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(html).toContain("@media print");
    expect(html).toContain("<h2>SMS pengingat</h2>");
    expect(html).toContain("<td>Segmen per pengingat</td><td>1,60</td>");
    expect(html).toContain("<th>SMS belum terkonfirmasi</th>");
  });
});

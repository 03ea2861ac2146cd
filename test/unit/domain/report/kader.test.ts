import { describe, expect, it } from "vitest";
import { campaignReport, type ReportEvent } from "../../../../functions/domain/campaign-report";
import { renderReportCsv, renderReportTable } from "../../../../functions/reports";
import { renderHtmlReport } from "../../../../functions/reports/html";
import { pid, reportCases, sampleReportInput } from "../../../fixtures/campaign-report";

const visit = (n: number, at: string, kaderId: string, outcome: string): ReportEvent => ({
  kind: "KADER_VISIT",
  at,
  participantId: pid(n),
  agentId: `kader:${kaderId}`,
  detail: { outcome, kaderId },
});
const payment = (n: number, at: string, amount: number): ReportEvent => ({
  kind: "PAYMENT_APPLIED",
  at,
  participantId: pid(n),
  amount,
});

/**
 * K01 visits 5 (promise, paid 120.000 after), 6 (not home; paid 40.000 before the visit: not K01's);
 * K02 visits 7 twice (not home, then a promise), and 7 pays 30.000 after the second visit;
 * 5 is visited by K02 after its payment, which stays K01's.
 */
const kaderEvents: ReportEvent[] = [
  visit(5, "2026-11-14T03:00:00Z", "GTO-K01", "VISITED_PROMISED"),
  payment(5, "2026-11-18T02:00:00Z", 120_000),
  payment(6, "2026-11-13T02:00:00Z", 40_000),
  visit(6, "2026-11-14T03:10:00Z", "GTO-K01", "NOT_HOME"),
  visit(7, "2026-11-14T03:00:00Z", "GTO-K02", "NOT_HOME"),
  visit(7, "2026-11-21T03:00:00Z", "GTO-K02", "VISITED_PROMISED"),
  payment(7, "2026-11-24T05:00:00Z", 30_000),
  visit(5, "2026-11-21T03:00:00Z", "GTO-K02", "MOVED"),
];
const report = campaignReport(sampleReportInput({ events: kaderEvents }));

describe("campaign report per kader", () => {
  it("counts visits, outcomes, promises and the payments after each kader's visit", () => {
    expect(report.byKader).toEqual([
      {
        kaderId: "GTO-K01",
        visits: 2,
        promises: 1,
        byOutcome: { VISITED_PROMISED: 1, NOT_HOME: 1 },
        paymentsAfterVisit: 1,
        amountAfterVisit: 120_000,
      },
      {
        kaderId: "GTO-K02",
        visits: 3,
        promises: 1,
        byOutcome: { NOT_HOME: 1, VISITED_PROMISED: 1, MOVED: 1 },
        paymentsAfterVisit: 1,
        amountAfterVisit: 30_000,
      },
    ]);
  });

  it("a promise made at a visit is the kader's, not a row of the agents table", () => {
    const kaderPromise = {
      amount: 300_000,
      date: "2026-11-20",
      status: "PENDING" as const,
      agentId: "kader:GTO-K01",
      recordedAt: "2026-11-14T03:00:00.000Z",
    };
    const cases = reportCases.map((c) => (c.participantId === pid(5) ? { ...c, promise: kaderPromise } : c));
    const withPromise = campaignReport(sampleReportInput({ cases, events: kaderEvents }));
    expect(withPromise.byAgent.map((a) => a.agentId)).not.toContain("kader:GTO-K01");
  });

  it("a campaign without visits has no kader rows", () => {
    expect(campaignReport(sampleReportInput()).byKader).toEqual([]);
  });
});

describe("rendered per kader, in Indonesian", () => {
  it("the HTML report's Kunjungan kader table", () => {
    const html = renderHtmlReport(report);
    expect(html).toContain("<h2>Kunjungan kader</h2>");
    expect(html).toContain(
      "<th>Kader</th><th>Kunjungan</th><th>Janji bayar</th><th>Pembayaran sesudah kunjungan</th><th>Nominal</th>",
    );
    expect(html).toContain("<tr><td>GTO-K01</td><td>2</td><td>1</td><td>1</td><td>Rp120.000</td></tr>");
    expect(renderHtmlReport(campaignReport(sampleReportInput()))).toContain("Belum ada kunjungan kader.");
  });

  it("the terminal table", () => {
    const text = renderReportTable(report);
    expect(text).toContain("Kunjungan kader");
    const k02 = text.split("\n").find((l) => l.startsWith("GTO-K02"));
    expect(k02?.split(/\s{2,}/).filter(Boolean)).toEqual(["GTO-K02", "3", "1", "1", "Rp30.000"]);
  });

  it("the CSV report", () => {
    const csv = renderReportCsv(report);
    expect(csv).toContain("kader,GTO-K01,visits,2\n");
    expect(csv).toContain("kader,GTO-K01,amountAfterVisit,120000\n");
    expect(csv).toContain("kader,GTO-K02,outcome:MOVED,1\n");
  });
});

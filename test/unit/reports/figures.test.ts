import { describe, expect, it } from "vitest";
import { type CampaignReport, campaignReport } from "../../../functions/domain/campaign-report";
import { channelTable } from "../../../functions/reports/figures";
import { sampleReportInput } from "../../fixtures/campaign-report";

const report = campaignReport(sampleReportInput());

describe("the messages-per-channel table", () => {
  it("counts the REHAB instalment reminders in their own column, beside the due-soon ones", () => {
    const counted = {
      ...report,
      channels: report.channels.map((c) => ({ ...c, rehabInstalment: c.channel === "WHATSAPP" ? 3 : 1 })),
    };
    const table = channelTable(counted);
    expect(table.columns.slice(0, 4)).toEqual(["Saluran", "Terkirim", "Jatuh tempo", "Cicilan REHAB"]);
    expect(table.rows.map((r) => [r[0], r[3]])).toEqual([
      ["WhatsApp", "3"],
      ["SMS", "1"],
    ]);
  });

  it("shows none for a report stored before the instalment reminder", () => {
    const stored = {
      ...report,
      channels: report.channels.map(({ rehabInstalment: _, ...c }) => c),
    } as CampaignReport;
    expect(channelTable(stored).rows.map((r) => r[3])).toEqual(["0", "0"]);
  });

  it("counts the reminders sent again in their own column; none in a report stored before them", () => {
    const counted = {
      ...report,
      channels: report.channels.map((c) => ({ ...c, reminderAgain: c.channel === "WHATSAPP" ? 12 : 0 })),
    };
    const table = channelTable(counted);
    expect(table.columns[4]).toBe("Pengingat ulang");
    expect(table.rows.map((r) => [r[0], r[4]])).toEqual([
      ["WhatsApp", "12"],
      ["SMS", "0"],
    ]);
    const stored = {
      ...report,
      channels: report.channels.map(({ reminderAgain: _, ...c }) => c),
    } as CampaignReport;
    expect(channelTable(stored).rows.map((r) => r[4])).toEqual(["0", "0"]);
  });
});

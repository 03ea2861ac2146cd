import type { CampaignReport, FunnelFigures } from "../../functions/domain/campaign-report";
import { formatRupiah } from "../../functions/domain/money";
import { csvRecord } from "../../functions/import/csv";
import { CliError } from "../errors";
import { count, renderTable } from "./table";

export const REPORT_FORMATS = ["table", "json", "csv", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

function tableRow(category: string, f: FunnelFigures): string[] {
  return [
    category,
    count(f.targeted),
    count(f.smsSent),
    count(f.called),
    count(f.contacted),
    count(f.promised),
    count(f.paid),
    formatRupiah(f.amountDue),
    formatRupiah(f.amountCollected),
    percent(f.contactRate),
    percent(f.collectionRate),
  ];
}

function reportTable(report: CampaignReport): string {
  const right = (header: string) => ({ header, align: "right" as const });
  const statuses = Object.entries(report.finalStatuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `  ${status.padEnd(30)}${count(n)}`);
  return [
    renderTable(
      [
        { header: "category" },
        right("targeted"),
        right("SMS sent"),
        right("called"),
        right("contacted"),
        right("promised"),
        right("paid"),
        right("due"),
        right("collected"),
        right("contact"),
        right("collection"),
      ],
      [...report.byBucket.map((b) => tableRow(b.label, b)), tableRow("total", report.total)],
    ),
    "",
    "Cases by status:",
    ...statuses,
  ].join("\n");
}

const CSV_COLUMNS = [
  "bucket_id",
  "label",
  "targeted",
  "sms_sent",
  "called",
  "contacted",
  "promised",
  "paid",
  "amount_due",
  "amount_collected",
  "contact_rate",
  "collection_rate",
];

function reportCsv(report: CampaignReport): string {
  const row = (id: string, label: string, f: FunnelFigures) =>
    csvRecord([
      id,
      label,
      ...[
        f.targeted,
        f.smsSent,
        f.called,
        f.contacted,
        f.promised,
        f.paid,
        f.amountDue,
        f.amountCollected,
      ].map(String),
      f.contactRate.toFixed(4),
      f.collectionRate.toFixed(4),
    ]);
  return [
    csvRecord(CSV_COLUMNS),
    ...report.byBucket.map((b) => row(b.bucketId, b.label, b)),
    row("TOTAL", "total", report.total),
  ].join("\n");
}

/**
 * The HTML report's integration point: the renderer of cli/report/ replaces this body with its
 * call once merged; until then the format is refused.
 */
function reportHtml(_report: CampaignReport): string {
  throw new CliError("--format html: not yet available (the HTML report is being built in cli/report/)");
}

export function renderReport(report: CampaignReport, format: ReportFormat): string {
  switch (format) {
    case "table":
      return reportTable(report);
    case "json":
      return JSON.stringify(report, null, 2);
    case "csv":
      return reportCsv(report);
    case "html":
      return reportHtml(report);
  }
}

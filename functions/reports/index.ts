/**
 * The one report-rendering module: the CLI's `campaign report` and `cases`, and `npm start`'s
 * report pages and cases.csv, render through it. It lives with the Lambda code because the
 * supervisor API will serve `GET .../report?format=html|csv|json` from a Lambda.
 */
import type { CampaignReport } from "../domain/campaign-report";
import { renderReportCsv } from "./csv";
import { type HtmlReportOptions, renderHtmlReport } from "./html";
import { renderReportTable } from "./table";

export { renderReportCsv } from "./csv";
export { type HtmlReportOptions, renderHtmlReport } from "./html";
export { renderReportTable } from "./table";

export const REPORT_FORMATS = ["table", "json", "csv", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const isReportFormat = (value: string): value is ReportFormat =>
  (REPORT_FORMATS as readonly string[]).includes(value);

/** The report in one format, as the whole text of a file or of standard output. */
export function renderReport(
  report: CampaignReport,
  format: ReportFormat,
  options: HtmlReportOptions = {},
): string {
  switch (format) {
    case "table":
      return renderReportTable(report);
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "csv":
      return renderReportCsv(report);
    case "html":
      return renderHtmlReport(report, options);
  }
}

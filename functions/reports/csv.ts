import type { CampaignReport } from "../domain/campaign-report";
import { csvRecord } from "../import/csv";

/**
 * The report as one long CSV (`section,key,metric,value`): every figure on its own row, raw
 * numbers (rates 0..1, rupiah as integers), ready for a spreadsheet's pivot table.
 */
export function renderReportCsv(report: CampaignReport): string {
  const rows: string[][] = [["section", "key", "metric", "value"]];
  const add = (section: string, key: string, figures: object) => {
    for (const [metric, value] of Object.entries(figures)) {
      if (typeof value === "number") rows.push([section, key, metric, String(value)]);
    }
  };
  add("total", report.campaignId, report.total);
  for (const b of report.byBucket) add("bucket", b.bucketId, b);
  for (const a of report.byAgent) add("agent", a.agentId, a);
  for (const d of report.byDay) add("day", d.date, d);
  // Keys: the kabupaten, or kabupaten/kecamatan; "" where the snapshot named none.
  for (const a of report.byArea.byKabupaten) add("kabupaten", a.kabupaten ?? "", a);
  for (const a of report.byArea.byKecamatan) add("kecamatan", `${a.kabupaten ?? ""}/${a.kecamatan ?? ""}`, a);
  for (const k of report.byKader ?? []) {
    add("kader", k.kaderId, k);
    for (const [outcome, n] of Object.entries(k.byOutcome))
      rows.push(["kader", k.kaderId, `outcome:${outcome}`, String(n)]);
  }
  add("reminders", report.campaignId, report.reminders);
  for (const c of report.channels) add("channel", c.channel, c);
  for (const r of report.roll?.rows ?? []) {
    add("roll", r.fromBucketId, r);
    for (const [to, n] of Object.entries(r.to)) rows.push(["roll", r.fromBucketId, `to:${to}`, String(n)]);
  }
  if (report.roll) rows.push(["roll", "NEW", "participants", String(report.roll.newParticipants)]);
  add("contactUpdates", report.campaignId, report.contactUpdates);
  add("finalStatuses", report.campaignId, report.finalStatuses);
  return `${rows.map(csvRecord).join("\n")}\n`;
}

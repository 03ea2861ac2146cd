import type { CampaignReport, FunnelFigures } from "../domain/campaign-report";
import { localTimeText } from "../domain/local-time";
import { periodLabel } from "../domain/period";
import {
  agentTable,
  bucketLabel,
  CATEGORY_COLUMNS,
  contactUpdateTable,
  dayTable,
  formatCount,
  formatRate,
  headlines,
  kabupatenTable,
  kaderTable,
  kecamatanTable,
  RATE_COLUMNS,
  type ReportTable,
  reminderTable,
} from "./figures";
import { renderTable } from "./text-table";

const right = (header: string) => ({ header, align: "right" as const });

/** The first `textColumns` columns are text, the others figures. */
const textTable = ({ columns, rows }: ReportTable, textColumns = 1) =>
  renderTable(
    [
      ...columns.slice(0, textColumns).map((header) => ({ header })),
      ...columns.slice(textColumns).map(right),
    ],
    rows,
  );

const C = CATEGORY_COLUMNS;
const TEXT_CATEGORY_COLUMNS = [
  C.targeted,
  C.reminded,
  C.smsSent,
  C.smsFailed,
  C.smsUnconfirmed,
  C.called,
  C.callAttempts,
  C.contacted,
  C.promised,
  C.paid,
  ...RATE_COLUMNS,
  C.amountCollected,
  C.amountDue,
];

const funnelRow = (label: string, f: FunnelFigures) => [
  label,
  ...TEXT_CATEGORY_COLUMNS.map((c) => c.cell(f)),
];

/** The report as plain-text tables for a terminal, labelled in Indonesian. */
export function renderReportTable(report: CampaignReport): string {
  const sections: string[] = [
    `Laporan kampanye ${report.campaignId} (${periodLabel(report.period)}), dibuat ${localTimeText(new Date(report.generatedAt), report.timeZone)}`,
    renderTable(
      [{ header: "Angka utama" }, right("Nilai")],
      headlines(report).map((h) => [h.label, h.text]),
    ),
    `Per kategori\n${renderTable(
      [{ header: "Kategori" }, ...TEXT_CATEGORY_COLUMNS.map((c) => right(c.header))],
      [...report.byBucket.map((b) => funnelRow(b.label, b)), funnelRow("Total", report.total)],
    )}`,
    `Per kabupaten/kota\n${textTable(kabupatenTable(report))}`,
    `Per kecamatan\n${textTable(kecamatanTable(report), 2)}`,
    `SMS pengingat\n${textTable(reminderTable(report))}`,
    `Per petugas\n${textTable(agentTable(report))}`,
    `Kunjungan kader\n${textTable(kaderTable(report))}`,
    `Per hari\n${textTable(dayTable(report))}`,
  ];
  if (report.roll) {
    const ids = report.byBucket.map((b) => b.bucketId);
    sections.push(
      `Perpindahan kategori dari ${report.roll.previousCampaignId} (peserta baru: ${formatCount(report.roll.newParticipants)})\n${renderTable(
        [
          { header: "Kategori lalu" },
          right("Peserta"),
          ...ids.map((id) => right(bucketLabel(report, id))),
          right("Keluar"),
          right("Naik"),
          right("Pulih"),
        ],
        report.roll.rows.map((r) => [
          bucketLabel(report, r.fromBucketId),
          formatCount(r.participants),
          ...ids.map((id) => formatCount(r.to[id] ?? 0)),
          formatCount(r.left),
          formatRate(r.rollForwardRate, r.participants),
          formatRate(r.cureRate, r.participants),
        ]),
      )}`,
    );
  }
  sections.push(`Perlu pembaruan data kontak\n${textTable(contactUpdateTable(report))}`);
  return `${sections.join("\n\n")}\n`;
}

import type { CampaignReport, FunnelFigures } from "../../functions/domain/campaign-report";
import { formatRupiah } from "../../functions/domain/money";
import { renderTable } from "../format/table";
import {
  bucketLabel,
  CONTACT_UPDATE_LABELS,
  formatCount,
  formatDuration,
  formatRate,
  headlines,
  RATES,
  rateOf,
} from "./figures";

const right = (header: string) => ({ header, align: "right" as const });

function funnelRow(label: string, f: FunnelFigures): string[] {
  return [
    label,
    formatCount(f.targeted),
    formatCount(f.smsSent),
    formatCount(f.smsFailed),
    formatCount(f.called),
    formatCount(f.callAttempts),
    formatCount(f.contacted),
    formatCount(f.promised),
    formatCount(f.paid),
    ...RATES.map((r) => rateOf(f, r.key)),
    formatRupiah(f.amountCollected),
    formatRupiah(f.amountDue),
  ];
}

/** The report as plain-text tables for a terminal, labelled in Indonesian. */
export function renderReportTable(report: CampaignReport): string {
  const sections: string[] = [
    `Laporan kampanye ${report.campaignId} (${report.timeZone}), dibuat ${report.generatedAt}`,
    renderTable(
      [{ header: "Angka utama" }, right("Nilai")],
      headlines(report).map((h) => [h.label, h.text]),
    ),
    `Per kategori\n${renderTable(
      [
        { header: "Kategori" },
        right("Sasaran"),
        right("SMS"),
        right("SMS gagal"),
        right("Ditelepon"),
        right("Panggilan"),
        right("Terhubung"),
        right("Janji"),
        right("Lunas"),
        ...RATES.map((r) => right(r.label)),
        right("Terkumpul"),
        right("Tunggakan"),
      ],
      [...report.byBucket.map((b) => funnelRow(b.label, b)), funnelRow("Total", report.total)],
    )}`,
    `Per petugas\n${renderTable(
      [
        { header: "Petugas" },
        right("Panggilan"),
        right("Durasi"),
        right("Kontak"),
        right("Tepat sasaran"),
        right("Janji"),
        right("Ditepati"),
        right("Ingkar"),
        right("Janji bayar"),
        right("Janji ditepati"),
        right("Terkumpul setelah janji"),
      ],
      report.byAgent.map((a) => [
        a.agentId,
        formatCount(a.callsHandled),
        formatDuration(a.callSeconds),
        formatCount(a.contacts),
        formatCount(a.rightPartyContacts),
        formatCount(a.promises),
        formatCount(a.promisesKept),
        formatCount(a.promisesBroken),
        formatRate(a.promiseToPayRate, a.rightPartyContacts),
        formatRate(a.promiseKeptRate, a.promisesKept + a.promisesBroken),
        formatRupiah(a.amountCollectedAfterPromise),
      ]),
    )}`,
    `Per hari\n${renderTable(
      [
        { header: "Tanggal" },
        right("SMS"),
        right("Panggilan"),
        right("Terhubung"),
        right("Janji"),
        right("Pembayaran"),
        right("Nominal"),
      ],
      report.byDay.map((d) => [
        d.date,
        formatCount(d.smsSent),
        formatCount(d.callAttempts),
        formatCount(d.contacts),
        formatCount(d.promises),
        formatCount(d.payments),
        formatRupiah(d.amountPaid),
      ]),
    )}`,
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
  sections.push(
    `Perlu pembaruan data kontak\n${renderTable(
      [{ header: "Alasan" }, right("Peserta")],
      Object.entries(CONTACT_UPDATE_LABELS).map(([reason, label]) => [
        label,
        formatCount(report.contactUpdates[reason as keyof typeof CONTACT_UPDATE_LABELS]),
      ]),
    )}`,
  );
  return `${sections.join("\n\n")}\n`;
}

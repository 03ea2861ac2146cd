/**
 * A kader's worklist, printable (one self-contained A4 HTML page, Indonesian) and as CSV. Both
 * hold personal data (name, address): for the kader and the supervisor only, never a log.
 */

import type { CallOutcome, DispositionCode } from "../domain/case";
import type { Kader } from "../domain/kader";
import type { HandoffReason, UnassignedReason } from "../domain/kader-handoff";
import { byRoute, type WorklistLine } from "../domain/kader-worklist";
import { localTimeText } from "../domain/local-time";
import { formatRupiah } from "../domain/money";
import { periodLabel } from "../domain/period";
import { csvRecord } from "../import/csv";
import { esc, htmlDocument } from "./html-page";

export const REASON_LABELS: Readonly<Record<HandoffReason, string>> = {
  NOT_CONTACTABLE: "Tidak ada nomor telepon yang dapat dihubungi",
  WRONG_NUMBER: "Nomor telepon salah",
  NO_ANSWER_ALL_ATTEMPTS: "Tidak menjawab setelah semua panggilan",
  MONTHS_24_PLUS: "Menunggak 24 bulan atau lebih",
  VISIT_REQUESTED: "Peserta meminta dikunjungi",
};

const UNASSIGNED_LABELS: Readonly<Record<UnassignedReason, string>> = {
  NO_AREA: "Wilayah peserta tidak diketahui",
  NO_KADER: "Belum ada kader di wilayah ini",
  AMBIGUOUS_KECAMATAN: "Nama kecamatan ada di lebih dari satu kabupaten/kota",
  OVER_CAPACITY: "Kapasitas kader minggu ini sudah penuh",
};

const OUTCOME_LABELS: Readonly<Record<CallOutcome | DispositionCode, string>> = {
  ANSWERED: "diangkat",
  NO_ANSWER: "tidak diangkat",
  BUSY: "sibuk",
  INVALID_NUMBER: "nomor tidak aktif",
  FAILED: "gagal tersambung",
  AGENT_UNAVAILABLE: "petugas tidak tersedia",
  PROMISE_TO_PAY: "berjanji membayar",
  PAID_ALREADY: "menyatakan sudah membayar",
  REFUSES: "menolak membayar",
  WRONG_NUMBER: "salah sambung",
  CALL_BACK_LATER: "minta dihubungi lagi",
  WANTS_REHAB: "berminat program REHAB",
  UPDATED_PHONE: "nomor diperbarui",
  OTHER: "lainnya",
};

/** What the phone and messages already tried, in a sentence. */
export function triedText(line: WorklistLine): string {
  const { callAttempts, lastOutcome, smsSent, whatsappSent } = line.tried;
  const parts = [
    callAttempts > 0
      ? `${callAttempts} kali ditelepon${lastOutcome ? ` (terakhir: ${OUTCOME_LABELS[lastOutcome]})` : ""}`
      : "",
    smsSent > 0 ? `${smsSent} SMS` : "",
    whatsappSent > 0 ? `${whatsappSent} pesan WhatsApp` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "Belum ada";
}

const STYLE = `
*{box-sizing:border-box}
body{font-family:"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1d2733;margin:0;line-height:1.35}
main{max-width:1100px;margin:0 auto;padding:20px}
header{border-bottom:3px solid #0a7d3b;margin-bottom:10px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:16px 0 6px;color:#0a5c2c}h3{font-size:13px;margin:10px 0 4px}
.meta{color:#56616d;font-size:12px;margin:0 0 8px}
.warning{border:2px solid #b3261e;padding:8px 10px;font-size:13px;margin:10px 0}
table{border-collapse:collapse;width:100%;font-size:11px}
th,td{padding:4px;border:1px solid #b8c0c8;text-align:left;vertical-align:top}
th{background:#eef2f5}
td.num{text-align:right;white-space:nowrap}
.note{font-size:11px;color:#56616d}
@media print{
  main{max-width:none;padding:0}body{font-size:9pt}
  tr{break-inside:avoid}thead{display:table-header-group}
  @page{size:A4 landscape;margin:10mm}
}`;

export interface WorklistPage {
  branchCode: string;
  period: string;
  /** Absent: the lines no kader took, for the supervisor. */
  kader?: Pick<Kader, "kaderId" | "name" | "kecamatan" | "desa">;
  lines: readonly WorklistLine[];
  generatedAt: Date;
  timeZone: string;
}

/** `2026-W49` as "Minggu ke-49 (30 Nov - 6 Des 2026)". */
export function weekLabel(week: string): string {
  const [year, number] = [Number(week.slice(0, 4)), Number(week.slice(6))];
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * 86_400_000 + (number - 1) * 7 * 86_400_000;
  const day = (at: number, withYear: boolean) =>
    new Date(at).toLocaleDateString("id-ID", {
      day: "numeric",
      month: "short",
      ...(withYear ? { year: "numeric" } : {}),
      timeZone: "UTC",
    });
  return `Minggu ke-${number} (${day(monday, false)} - ${day(monday + 6 * 86_400_000, true)})`;
}

const areaText = (area: WorklistLine["area"]) =>
  [area.kabupaten, area.kecamatan].filter(Boolean).join(", ") || "Tanpa wilayah";

function lineRow(line: WorklistLine, index: number, withUnassigned: boolean): string {
  const cells = [
    String(index + 1),
    esc(line.name),
    esc(line.area.desa ?? "-"),
    esc(line.address ?? "-"),
    `<td class="num">${line.monthsInArrears}</td>`,
    `<td class="num">${formatRupiah(line.amountDue)}</td>`,
    esc(line.virtualAccount),
    line.rehabEligible ? "ya" : "tidak",
    esc(triedText(line)),
    esc(REASON_LABELS[line.reason]),
    ...(withUnassigned ? [esc(line.unassigned ? UNASSIGNED_LABELS[line.unassigned] : "-")] : []),
  ];
  return `<tr>${cells.map((c) => (c.startsWith("<td") ? c : `<td>${c}</td>`)).join("")}</tr>`;
}

function weekSection(week: string, lines: readonly WorklistLine[], supervisor: boolean): string {
  const heads = ["No", "Nama", "Desa/kelurahan", "Alamat", "Bulan tunggakan", "Jumlah tagihan", "Nomor VA"];
  heads.push(
    "REHAB",
    "Yang sudah dicoba",
    "Alasan kunjungan",
    ...(supervisor ? ["Mengapa tanpa kader"] : []),
  );
  const byArea = new Map<string, WorklistLine[]>();
  for (const line of [...lines].sort(byRoute)) {
    const key = areaText(line.area);
    byArea.set(key, [...(byArea.get(key) ?? []), line]);
  }
  const tables = [...byArea].map(
    ([area, rows]) =>
      `<h3>${esc(area)}</h3><table><thead><tr>${heads.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows
        .map((line, i) => lineRow(line, i, supervisor))
        .join("")}</tbody></table>`,
  );
  return `<section><h2>${esc(weekLabel(week))}: ${lines.length} peserta</h2>${tables.join("")}</section>`;
}

/** One kader's worklist (or the lines without a kader) as a page to print: no script, nothing fetched. */
export function renderWorklistHtml(page: WorklistPage): string {
  const title = page.kader
    ? `Daftar kunjungan kader JKN: ${page.kader.name}`
    : `Daftar kunjungan tanpa kader: cabang ${page.branchCode}`;
  const served = page.kader
    ? `Kader ${esc(page.kader.kaderId)} · wilayah: Kecamatan ${esc(page.kader.kecamatan)}${page.kader.desa ? `, Desa/Kelurahan ${esc(page.kader.desa)}` : " (seluruh kecamatan)"} · `
    : "";
  return htmlPage(title, served, page, worklistBody(page));
}

/** The weeks' tables, newest first; lines paid since the hand-off are left out and counted. */
function worklistBody(page: WorklistPage): string {
  const open = page.lines.filter((l) => !l.paid);
  const paid = page.lines.length - open.length;
  const weeks = [...new Set(open.map((l) => l.week))].sort().reverse();
  const tables =
    weeks.length === 0
      ? `<p class="note">Tidak ada peserta dalam daftar ini.</p>`
      : weeks
          .map((w) =>
            weekSection(
              w,
              open.filter((l) => l.week === w),
              !page.kader,
            ),
          )
          .join("\n");
  return paid > 0
    ? `${tables}\n<p class="note">${paid} peserta lain dalam daftar ini sudah melunasi tunggakannya: tidak perlu dikunjungi.</p>`
    : tables;
}

function htmlPage(title: string, served: string, page: WorklistPage, body: string): string {
  return htmlDocument({
    title,
    style: STYLE,
    meta: `${served}Cabang ${esc(page.branchCode)} · periode ${periodLabel(page.period)} · dicetak ${esc(localTimeText(page.generatedAt, page.timeZone))}`,
    body: `<p class="warning"><strong>Kader tidak pernah menerima uang.</strong> Pembayaran iuran hanya melalui saluran resmi: nomor virtual account (VA) peserta di bank, kantor pos atau gerai mitra, atau autodebet. Jangan menerima titipan uang dalam bentuk apa pun.</p>
${body}
<p class="note">Data pribadi: daftar ini hanya untuk kunjungan. Jangan dibagikan, difoto atau ditinggalkan; musnahkan setelah kunjungan selesai. Jumlah tagihan adalah sisa tunggakan saat daftar dibuat.</p>`,
  });
}

/** The CSV's columns: the eight the issue names first, then the rest a visit needs. */
const CSV_COLUMNS: readonly [string, (l: WorklistLine) => string | number | boolean | undefined][] = [
  ["participant_id", (l) => l.participantId],
  ["branch_code", (l) => l.branchCode],
  ["kecamatan", (l) => l.area.kecamatan],
  ["desa", (l) => l.area.desa],
  ["kader_id", (l) => l.kaderId],
  ["reason", (l) => l.reason],
  ["months", (l) => l.monthsInArrears],
  ["amount_due", (l) => l.amountDue],
  ["kabupaten", (l) => l.area.kabupaten],
  ["name", (l) => l.name],
  ["address", (l) => l.address],
  ["virtual_account", (l) => l.virtualAccount],
  ["rehab_eligible", (l) => l.rehabEligible],
  ["call_attempts", (l) => l.tried.callAttempts],
  ["last_outcome", (l) => l.tried.lastOutcome],
  ["sms_sent", (l) => l.tried.smsSent],
  ["whatsapp_sent", (l) => l.tried.whatsappSent],
  ["unassigned", (l) => l.unassigned],
  ["week", (l) => l.week],
  ["handed_off_at", (l) => l.handedOffAt],
  ["campaign_id", (l) => l.campaignId],
  ["paid_since", (l) => l.paid === true],
];

/** Header and one record per line, by branch, kader (none last), then route; trailing newline. */
export function renderWorklistCsv(lines: readonly WorklistLine[]): string {
  const sorted = [...lines].sort(
    (a, b) =>
      a.branchCode.localeCompare(b.branchCode) ||
      (a.kaderId ?? "\uffff").localeCompare(b.kaderId ?? "\uffff") ||
      byRoute(a, b),
  );
  const records = [
    csvRecord(CSV_COLUMNS.map(([column]) => column)),
    ...sorted.map((line) => csvRecord(CSV_COLUMNS.map(([, value]) => String(value(line) ?? "")))),
  ];
  return `${records.join("\n")}\n`;
}

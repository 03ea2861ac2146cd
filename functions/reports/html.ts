import type { CampaignReport, DayFigures, FunnelFigures } from "../domain/campaign-report";
import { localTimeText } from "../domain/local-time";
import { formatRupiah } from "../domain/money";
import { periodLabel } from "../domain/period";
import {
  agentTable,
  bucketLabel,
  channelTable,
  contactUpdateTable,
  dayTable,
  FUNNEL_STEPS,
  formatCount,
  formatRate,
  headlines,
  kabupatenTable,
  kaderTable,
  kecamatanTable,
  REPORT_CATEGORY_COLUMNS,
  reminderTable,
} from "./figures";
import { esc, htmlDocument } from "./html-page";

export interface HtmlReportOptions {
  /** Page title; defaults to "Laporan kampanye <campaignId>". */
  title?: string;
}

const COLORS = { calls: "#1f6fb2", contacts: "#58a55c", payments: "#e08a1e" };

const STYLE = `
*{box-sizing:border-box}
body{font-family:"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1d2733;margin:0;background:#f4f6f8;line-height:1.4}
main{max-width:1200px;margin:0 auto;padding:24px}
header{border-bottom:4px solid #0a7d3b;margin-bottom:16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px;color:#0a5c2c}h3{font-size:14px;margin:12px 0 4px}
.meta{color:#56616d;font-size:13px;margin:0 0 10px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px}
.card{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:10px 12px}
.card .label{display:block;font-size:12px;color:#56616d}.card .value{display:block;font-size:20px;font-weight:600}
section{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:12px 16px;margin-top:16px}
table{border-collapse:collapse;width:100%;font-size:12px}
th,td{padding:3px 5px;border-bottom:1px solid #e4e8ec;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}th{background:#eef2f5;font-weight:600;white-space:normal;vertical-align:bottom}
.scroll{overflow-x:auto}
tr.total td{font-weight:600;border-top:2px solid #9aa5b1}
.funnels{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}
.step{display:grid;grid-template-columns:96px 1fr 64px;align-items:center;gap:6px;font-size:12px;margin:2px 0}
.bar{background:#e4e8ec;height:14px;border-radius:3px;overflow:hidden}
.bar span{display:block;height:100%;background:#0a7d3b}
.legend{font-size:12px;color:#56616d}.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}
.note{font-size:12px;color:#56616d}
svg text{font-size:10px;fill:#56616d}
@media print{
  body{background:#fff;font-size:10pt}main{max-width:none;padding:0}
  section,.card{border-color:#999;break-inside:avoid}
  .bar span,.legend i,svg rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}
  @page{size:A4 landscape;margin:12mm}
}`;

function headlineCards(report: CampaignReport): string {
  return headlines(report)
    .map(
      (h) =>
        `<div class="card" data-figure="${esc(h.figure)}" data-value="${h.value}"><span class="label">${esc(h.label)}</span><span class="value">${esc(h.text)}</span></div>`,
    )
    .join("");
}

function funnel(label: string, f: FunnelFigures): string {
  if (f.targeted === 0) return `<div><h3>${esc(label)}</h3><p class="note">Tidak ada peserta.</p></div>`;
  const steps = FUNNEL_STEPS.map(({ key, label: stepLabel }) => {
    const n = f[key];
    const width = ((n / f.targeted) * 100).toFixed(1);
    return `<div class="step"><span>${esc(stepLabel)}</span><div class="bar"><span style="width:${width}%"></span></div><span>${formatCount(n)}</span></div>`;
  }).join("");
  return `<div><h3>${esc(label)}</h3>${steps}</div>`;
}

interface Series {
  label: string;
  color: string;
  value: (d: DayFigures) => number;
  text: (n: number) => string;
}

/** Grouped bars per day, inline SVG: one group per local date, one bar per series. */
function dayChart(days: readonly DayFigures[], series: readonly Series[], title: string): string {
  if (days.length === 0) return `<p class="note">Belum ada kegiatan.</p>`;
  const height = 180;
  const top = 14;
  const bottom = 34;
  const group = Math.max(16, Math.min(80, Math.floor(1000 / days.length)));
  const bar = Math.max(4, Math.floor((group - 6) / series.length));
  const width = days.length * group + 10;
  const max = Math.max(1, ...days.flatMap((d) => series.map((s) => s.value(d))));
  const scale = (n: number) => (n / max) * (height - top - bottom);
  const bars = days
    .map((d, i) => {
      const x0 = 10 + i * group;
      const rects = series
        .map((s, j) => {
          const h = scale(s.value(d));
          const y = height - bottom - h;
          return `<rect x="${x0 + j * bar}" y="${y.toFixed(1)}" width="${bar - 1}" height="${h.toFixed(1)}" fill="${s.color}"><title>${esc(`${d.date} ${s.label}: ${s.text(s.value(d))}`)}</title></rect>`;
        })
        .join("");
      const label = `<text x="${x0 + (group - 6) / 2}" y="${height - bottom + 12}" text-anchor="middle">${d.date.slice(8)}/${d.date.slice(5, 7)}</text>`;
      return rects + label;
    })
    .join("");
  const legend = series.map((s) => `<i style="background:${s.color}"></i>${esc(s.label)}`).join("");
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="max-width:100%;height:auto"><line x1="8" x2="${width}" y1="${height - bottom}" y2="${height - bottom}" stroke="#9aa5b1"/><text x="10" y="10">maks ${esc(series[0]?.text(max) ?? String(max))}</text>${bars}</svg><p class="legend">${legend}</p>`;
}

function table(headers: readonly string[], rows: readonly string[][], totalRow?: string[]): string {
  const head = `<tr>${headers.map((h) => `<th>${esc(h)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("");
  const total = totalRow
    ? `<tr class="total">${totalRow.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`
    : "";
  return `<div class="scroll"><table><thead>${head}</thead><tbody>${body}${total}</tbody></table></div>`;
}

function rollSection(report: CampaignReport): string {
  const roll = report.roll;
  if (!roll) return `<p class="note">Tidak ada kampanye periode sebelumnya untuk dibandingkan.</p>`;
  const ids = report.byBucket.map((b) => b.bucketId);
  return `<p class="meta">Kategori peserta pada ${esc(roll.previousCampaignId)} dibandingkan periode ini. Peserta baru: ${formatCount(roll.newParticipants)}.</p>${table(
    [
      "Kategori lalu",
      "Peserta",
      ...ids.map((id) => `→ ${bucketLabel(report, id)}`),
      "Keluar (pulih)",
      "Naik kategori",
      "Tingkat pulih",
    ],
    roll.rows.map((r) => [
      bucketLabel(report, r.fromBucketId),
      formatCount(r.participants),
      ...ids.map((id) => formatCount(r.to[id] ?? 0)),
      formatCount(r.left),
      formatRate(r.rollForwardRate, r.participants),
      formatRate(r.cureRate, r.participants),
    ]),
  )}`;
}

function categoryTable(report: CampaignReport): string {
  const row = (label: string, f: FunnelFigures) => [label, ...REPORT_CATEGORY_COLUMNS.map((c) => c.cell(f))];
  return table(
    ["Kategori", ...REPORT_CATEGORY_COLUMNS.map((c) => c.header)],
    report.byBucket.map((b) => row(b.label, b)),
    row("Total", report.total),
  );
}

/** Calls and payments per day: two charts and the table. */
function daySection(report: CampaignReport): string {
  const days = dayTable(report);
  return `<h2>Panggilan per hari</h2>${dayChart(
    report.byDay,
    [
      { label: "Panggilan", color: COLORS.calls, value: (d) => d.callAttempts, text: formatCount },
      { label: "Terhubung", color: COLORS.contacts, value: (d) => d.contacts, text: formatCount },
    ],
    "Panggilan dan kontak per hari",
  )}
<h2>Pembayaran per hari</h2>${dayChart(
    report.byDay,
    [{ label: "Nominal dibayar", color: COLORS.payments, value: (d) => d.amountPaid, text: formatRupiah }],
    "Nominal pembayaran per hari",
  )}
${table(days.columns, days.rows)}`;
}

/** The report as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched). */
export function renderHtmlReport(report: CampaignReport, options: HtmlReportOptions = {}): string {
  const title = options.title ?? `Laporan kampanye ${report.campaignId}`;
  const agents = agentTable(report);
  const contactUpdates = contactUpdateTable(report);
  const reminders = reminderTable(report);
  const channels = channelTable(report);
  const kabupaten = kabupatenTable(report);
  const kecamatan = kecamatanTable(report);
  const kader = kaderTable(report);
  const meta = `Cabang ${esc(report.branchCode)} · periode ${periodLabel(report.period)} · dibuat ${esc(localTimeText(new Date(report.generatedAt), report.timeZone))}`;
  return htmlDocument({
    title,
    style: STYLE,
    meta,
    body: `<div class="cards">${headlineCards(report)}</div>
<section><h2>Corong per kategori</h2><p class="note">Sasaran → SMS terkirim → ditelepon → terhubung → janji bayar → lunas (jumlah peserta).</p>
<div class="funnels">${report.byBucket.map((b) => funnel(b.label, b)).join("")}</div></section>
<section><h2>Kinerja per kategori</h2>${categoryTable(report)}</section>
<section><h2>Per kabupaten/kota</h2><p class="note">Tunggakan dan hasil menurut wilayah peserta dalam data tunggakan; "Tanpa wilayah": data tidak menyebut wilayahnya.</p>${table(kabupaten.columns, kabupaten.rows)}</section>
<section><h2>Per kecamatan</h2>${table(kecamatan.columns, kecamatan.rows)}</section>
<section><h2>SMS pengingat</h2><p class="note">Satu pengingat per peserta per gelombang; SMS belum terkonfirmasi mungkin sudah terkirim dan tidak dikirim ulang.</p>${table(reminders.columns, reminders.rows)}</section>
<section><h2>Pesan per saluran</h2><p class="note">WhatsApp lebih dulu; SMS bila WhatsApp tidak tersedia, gagal, atau tidak diterima tepat waktu. Pembayaran dihitung pada saluran pesan terakhir sebelum pembayaran. "Jatuh tempo": pengingat sebelum tanggal jatuh tempo kepada peserta yang menunggak satu bulan (bukan kasus kampanye). "Cicilan REHAB": pengingat cicilan sebelum tanggal jatuh tempo kepada peserta program REHAB (tidak ditelepon). "Pengingat ulang": pengingat yang dikirim sekali lagi lewat WhatsApp karena yang pertama sudah diterima tetapi belum dibaca.</p>${table(channels.columns, channels.rows)}</section>
<section>${daySection(report)}</section>
<section><h2>Kinerja per petugas</h2>${
      agents.rows.length === 0
        ? `<p class="note">Belum ada panggilan yang ditangani petugas.</p>`
        : table(agents.columns, agents.rows)
    }</section>
<section><h2>Kunjungan kader</h2><p class="note">Pembayaran dihitung untuk kader yang terakhir mengunjungi peserta sebelum pembayaran. Kader tidak pernah menerima uang.</p>${
      kader.rows.length === 0
        ? `<p class="note">Belum ada kunjungan kader.</p>`
        : table(kader.columns, kader.rows)
    }</section>
<section><h2>Perpindahan kategori</h2>${rollSection(report)}</section>
<section><h2>Perlu pembaruan data kontak</h2><p class="meta" data-figure="notContactableDetail" data-value="${report.total.notContactable}">${formatCount(report.total.notContactable)} peserta tidak dapat dihubungi.</p>${table(contactUpdates.columns, contactUpdates.rows)}</section>
<p class="note">Definisi: tingkat kontak = terhubung / ditelepon; kontak tepat sasaran = berbicara dengan peserta / terhubung; janji bayar = janji / kontak tepat sasaran; janji ditepati = ditepati / (ditepati + ingkar); tingkat lunas = lunas / sasaran. "-" berarti tidak ada yang dapat dihitung.</p>
`,
  });
}

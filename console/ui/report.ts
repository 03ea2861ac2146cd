import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { FUNNEL_STEPS, headlines, REPORT_CATEGORY_COLUMNS } from "../../functions/reports/figures";
import { type CampaignReport, campaignPath } from "../api";
import { formatCount, timeLabel } from "../format";
import type { SectionProps } from "./section";
import { failureText, StatusLine, saveBlob } from "./status";

const COLUMNS = REPORT_CATEGORY_COLUMNS;

/** The campaign's report: the HTML report's figures here, the page itself and the CSV on request. */
export function ReportSection(props: SectionProps) {
  const [report, setReport] = useState<CampaignReport | null>(null);
  const [status, setStatus] = useState({ text: "", error: false });
  const path = `${campaignPath(props.branch.code, props.period)}/report`;
  const file = `laporan-${props.branch.code.toLowerCase()}-${props.period}`;

  async function run(what: string, action: () => Promise<void>) {
    setStatus({ text: `${what}…`, error: false });
    try {
      await action();
      setStatus({ text: "", error: false });
    } catch (e) {
      setStatus({ text: failureText(e), error: true });
    }
  }
  const show = () =>
    run("Memuat laporan", async () => {
      const answer = await props.api.get<CampaignReport>(`${path}?format=json`);
      setReport(answer);
      props.learnBuckets(Object.fromEntries(answer.byBucket.map((b) => [b.bucketId, b.label])));
    });
  const openHtml = () => {
    // Opened now, while the click still counts as the user's, and filled once the page has come.
    const tab = window.open("", "_blank");
    return run("Membuka laporan", async () => {
      const page = await props.api.blob(`${path}?format=html`);
      if (tab) tab.location.href = URL.createObjectURL(page);
      else saveBlob(page, `${file}.html`);
    });
  };
  const csv = () =>
    run("Mengunduh CSV", async () => saveBlob(await props.api.blob(`${path}?format=csv`), `${file}.csv`));

  return html`<section aria-labelledby="report-title">
    <h2 id="report-title">Laporan</h2>
    <div class="actions">
      <button type="button" onClick=${show}>Tampilkan laporan</button>
      <button type="button" class="secondary" onClick=${openHtml}>Buka laporan HTML</button>
      <button type="button" class="secondary" onClick=${csv}>Unduh CSV laporan</button>
    </div>
    <${StatusLine} ...${status} />
    ${report && html`<${ReportFigures} report=${report} timeZone=${props.branch.timeZone} />`}
  </section>`;
}

function ReportFigures({ report, timeZone }: { report: CampaignReport; timeZone: string }) {
  const row = (label: string, f: CampaignReport["total"]) =>
    html`<tr><th scope="row">${label}</th>${COLUMNS.map((c) => html`<td>${c.cell(f)}</td>`)}</tr>`;
  return html`<p class="meta">Dibuat ${timeLabel(report.generatedAt, timeZone)}</p>
    <dl class="figures">
      ${headlines(report).map(
        (h) =>
          html`<div data-figure=${h.figure} data-value=${h.value}><dt>${h.label}</dt><dd>${h.text}</dd></div>`,
      )}
    </dl>
    <div class="table-box">
      <table>
        <caption>Corong per kategori (jumlah peserta)</caption>
        <thead><tr><th scope="col">Kategori</th>${FUNNEL_STEPS.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
        <tbody>
          ${report.byBucket.map(
            (b) =>
              html`<tr><th scope="row">${b.label}</th>${FUNNEL_STEPS.map((s) => html`<td>${formatCount(b[s.key])}</td>`)}</tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="table-box">
      <table class="category">
        <caption>Kinerja per kategori</caption>
        <thead><tr><th scope="col">Kategori</th>${COLUMNS.map((c) => html`<th scope="col">${c.header}</th>`)}</tr></thead>
        <tbody>${report.byBucket.map((b) => row(b.label, b))}</tbody>
        <tfoot>${row("Total", report.total)}</tfoot>
      </table>
    </div>`;
}

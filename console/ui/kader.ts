import { html } from "htm/preact";
import { useState } from "preact/hooks";
import type {
  CampaignKaderWorklists,
  KaderWorklistView,
  WorklistLineView,
} from "../../functions/services/supervisor/kader-worklists";
import { campaignPath } from "../api";
import { areaLabel, formatCount, formatRupiah, monthsLabel } from "../format";
import { triedLabel, unassignedLabel, visitReasonLabel } from "../labels";
import type { SectionProps } from "./section";
import { failureText, StatusLine } from "./status";

/**
 * Kader JKN: each kader's worklist of the month and the lines of areas without a kader. It holds
 * names and addresses, so it loads only when asked (each read is recorded on the branch).
 */
export function KaderSection(props: SectionProps) {
  const [worklists, setWorklists] = useState<CampaignKaderWorklists | null>(null);
  const [status, setStatus] = useState({ text: "", error: false });

  async function load() {
    setStatus({ text: "Memuat daftar kunjungan…", error: false });
    try {
      const path = `${campaignPath(props.branch.code, props.period)}/kader-worklists`;
      const answer = await props.api.get<CampaignKaderWorklists>(path);
      setWorklists(answer);
      setStatus({ text: `${formatCount(answer.lineCount)} kunjungan.`, error: false });
    } catch (e) {
      setWorklists(null);
      setStatus({ text: failureText(e), error: true });
    }
  }

  return html`<section aria-labelledby="kader-title">
    <h2 id="kader-title">Kader JKN</h2>
    <p class="hint">Daftar kunjungan memuat nama dan alamat peserta; setiap pembukaan dicatat.</p>
    <button type="button" class="secondary" onClick=${load}>Tampilkan daftar kunjungan</button>
    <${StatusLine} ...${status} />
    ${worklists && html`<${KaderTable} kader=${worklists.kader} />`}
    ${worklists && html`<${Unassigned} areas=${worklists.unassigned} />`}
  </section>`;
}

function KaderTable(props: { kader: KaderWorklistView[] }) {
  const [open, setOpen] = useState<string | null>(null);
  if (props.kader.length === 0) return html`<p>Belum ada kader pada daftar kader cabang ini.</p>`;
  return html`<div class="table-box">
    <table class="kader">
      <caption>Kader dan daftar kunjungannya</caption>
      <thead>
        <tr>
          <th scope="col">Kader</th><th scope="col">Desa/kecamatan</th><th scope="col">Jumlah kunjungan</th>
          <th scope="col">Kapasitas per minggu</th><th scope="col">Daftar</th>
        </tr>
      </thead>
      <tbody>
        ${props.kader.map((k) => {
          const shown = open === k.kaderId;
          return html`<tr key=${k.kaderId}>
              <th scope="row">${k.name ?? "(tidak lagi terdaftar)"} <span class="muted">${k.kaderId}</span></th>
              <td>${areaLabel(k)}</td><td>${formatCount(k.lines.length)}</td>
              <td>${k.capacityPerWeek === undefined ? "-" : formatCount(k.capacityPerWeek)}</td>
              <td>
                <button type="button" class="secondary" aria-expanded=${shown} onClick=${() => setOpen(shown ? null : k.kaderId)}>${shown ? "Tutup" : "Lihat"} daftar ${k.name ?? k.kaderId}</button>
              </td>
            </tr>
            ${
              shown &&
              html`<tr key=${`${k.kaderId}/lines`}><td colspan="5">
                <${Lines} lines=${k.lines} caption=${`Daftar kunjungan ${k.name ?? k.kaderId}`} />
              </td></tr>`
            }`;
        })}
      </tbody>
    </table>
  </div>`;
}

function Unassigned(props: { areas: CampaignKaderWorklists["unassigned"] }) {
  return html`<h3>Belum ada kader</h3>
    ${props.areas.length === 0 && html`<p>Semua kunjungan sudah mendapat kader.</p>`}
    ${props.areas.map(
      (a) =>
        html`<${Lines} lines=${a.lines} caption=${`Belum ada kader: ${areaLabel(a.area, true)}`} unassigned=${true} />`,
    )}`;
}

function Lines(props: { lines: WorklistLineView[]; caption: string; unassigned?: boolean }) {
  if (props.lines.length === 0) return html`<p>Belum ada kunjungan untuk kader ini.</p>`;
  return html`<div class="table-box">
    <table class="worklist">
      <caption>${props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">No. kartu</th><th scope="col">Nama</th><th scope="col">Alamat</th>
          <th scope="col">Desa/kecamatan</th><th scope="col">Tunggakan</th><th scope="col">Jumlah tagihan</th>
          <th scope="col">Virtual account</th><th scope="col">REHAB</th><th scope="col">Alasan kunjungan</th>
          <th scope="col">Yang sudah dicoba</th>${props.unassigned && html`<th scope="col">Mengapa tanpa kader</th>`}
        </tr>
      </thead>
      <tbody>
        ${props.lines.map(
          (l) => html`<tr key=${l.participantId}>
            <td>${l.participantId}</td><td>${l.name}${l.paid ? " (sudah lunas)" : ""}</td><td>${l.address ?? "-"}</td>
            <td>${areaLabel(l.area)}</td><td>${monthsLabel(l.monthsInArrears)}</td><td>${formatRupiah(l.amountDue)}</td>
            <td>${l.virtualAccount}</td><td>${l.rehabEligible ? "Memenuhi syarat" : "Tidak"}</td>
            <td>${visitReasonLabel(l.reason)}</td><td>${triedLabel(l.tried)}</td>
            ${props.unassigned && html`<td>${l.unassigned ? unassignedLabel(l.unassigned) : "-"}</td>`}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

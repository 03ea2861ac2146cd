import { html } from "htm/preact";
import { useRef, useState } from "preact/hooks";
import { type CaseRow, campaignPath } from "../api";
import { formatCount, formatRupiah } from "../format";
import { CASE_STATUS_LABELS, caseStatusLabel, outcomeLabel } from "../labels";
import type { SectionProps } from "./section";
import { failureText, StatusLine, saveBlob } from "./status";

/** The cases to follow up, masked as the API gives them, filtered by status and category. */
export function CasesSection(props: SectionProps) {
  const [filter, setFilter] = useState({ status: "", bucket: "" });
  const [rows, setRows] = useState<CaseRow[] | null>(null);
  const [seenBuckets, setSeenBuckets] = useState<string[]>([]);
  const [status, setStatus] = useState({ text: "", error: false });
  const base = `${campaignPath(props.branch.code, props.period)}/cases`;
  const query = (format: string, f = filter) =>
    `${base}?${new URLSearchParams({ status: f.status, bucket: f.bucket, format })}`;
  const label = (bucketId: string) => props.bucketLabels[bucketId] ?? bucketId;
  // Only the answer to the latest request is shown: an earlier, slower one must not overwrite it.
  const latest = useRef(0);

  async function load(f = filter) {
    const request = ++latest.current;
    setStatus({ text: "Memuat kasus…", error: false });
    try {
      const answer = await props.api.get<{ cases: CaseRow[]; count: number }>(query("json", f));
      if (request !== latest.current) return;
      setRows(answer.cases);
      setSeenBuckets((seen) => [...new Set([...seen, ...answer.cases.map((c) => c.bucketId)])]);
      setStatus({ text: `${formatCount(answer.count)} kasus.`, error: false });
    } catch (e) {
      if (request === latest.current) setStatus({ text: failureText(e), error: true });
    }
  }
  function change(name: "status" | "bucket", event: Event) {
    const next = { ...filter, [name]: (event.target as HTMLSelectElement).value };
    setFilter(next);
    if (rows) void load(next);
  }
  async function csv() {
    try {
      const file = `kasus-${props.branch.code.toLowerCase()}-${props.period}.csv`;
      saveBlob(await props.api.blob(query("csv")), file);
    } catch (e) {
      setStatus({ text: failureText(e), error: true });
    }
  }

  const buckets = [...new Set([...Object.keys(props.bucketLabels), ...seenBuckets])];
  return html`<section aria-labelledby="cases-title">
    <h2 id="cases-title">Kasus untuk ditindaklanjuti</h2>
    <div class="inline">
      <${CaseFilters} filter=${filter} buckets=${buckets} label=${label} change=${change} />
      <div class="actions">
        <button type="button" onClick=${() => load()}>Tampilkan kasus</button>
        <button type="button" class="secondary" onClick=${csv}>Unduh CSV</button>
      </div>
    </div>
    <${StatusLine} ...${status} />
    ${rows && html`<${CaseTable} rows=${rows} label=${label} />`}
  </section>`;
}

function CaseTable(props: { rows: CaseRow[]; label: (bucketId: string) => string }) {
  if (props.rows.length === 0) return html`<p>Tidak ada kasus dengan filter ini.</p>`;
  return html`<div class="table-box">
    <table class="cases">
      <caption>Kasus (data peserta disamarkan)</caption>
      <thead>
        <tr>
          <th scope="col">No. kartu</th><th scope="col">Nama</th><th scope="col">Telepon</th><th scope="col">Kategori</th>
          <th scope="col">Status</th><th scope="col">Tunggakan</th><th scope="col">Dibayar</th><th scope="col">SMS</th>
          <th scope="col">Panggilan</th><th scope="col">Hasil terakhir</th><th scope="col">Janji bayar</th>
        </tr>
      </thead>
      <tbody>
        ${props.rows.map(
          (c) => html`<tr>
            <td>${c.participantId}</td><td>${c.name}</td><td>${c.phone || "-"}</td><td>${props.label(c.bucketId)}</td>
            <td>${caseStatusLabel(c.status)}</td><td>${formatRupiah(c.amountDue)}</td><td>${formatRupiah(c.amountPaid)}</td>
            <td>${formatCount(c.smsSent)}</td><td>${formatCount(c.callAttempts)}</td><td>${c.lastOutcome ? outcomeLabel(c.lastOutcome) : "-"}</td>
            <td>${c.promiseDate || "-"}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function CaseFilters(props: {
  filter: { status: string; bucket: string };
  buckets: string[];
  label: (bucketId: string) => string;
  change: (name: "status" | "bucket", event: Event) => void;
}) {
  const { filter, change } = props;
  return html`<div class="field">
      <label for="case-status">Status</label>
      <select id="case-status" value=${filter.status} onChange=${(e: Event) => change("status", e)}>
        <option value="">Semua</option>
        ${Object.entries(CASE_STATUS_LABELS).map(([code, text]) => html`<option value=${code}>${text}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="case-bucket">Kategori</label>
      <select id="case-bucket" value=${filter.bucket} onChange=${(e: Event) => change("bucket", e)}>
        <option value="">Semua</option>
        ${props.buckets.map((id) => html`<option value=${id}>${props.label(id)}</option>`)}
      </select>
    </div>`;
}

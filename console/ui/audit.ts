import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import type { AuditRecord } from "../api";
import { timeLabel } from "../format";
import { auditActionLabel } from "../labels";
import type { SectionProps } from "./section";
import { failureText, StatusLine } from "./status";

/** The branch's record: who did what, when (in the branch's zone), and how it ended. */
export function AuditSection(props: SectionProps) {
  const [records, setRecords] = useState<AuditRecord[] | null>(null);
  const [failure, setFailure] = useState("");
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    props.api
      .get<{ records: AuditRecord[] }>(
        `/api/branches/${encodeURIComponent(props.branch.code)}/audit?limit=100`,
      )
      .then(
        (answer) => setRecords(answer.records),
        (e) => setFailure(failureText(e)),
      );
  }, [props.branch.code, props.version, asked]);

  return html`<section aria-labelledby="audit-title">
    <h2 id="audit-title">Catatan cabang</h2>
    <button type="button" class="secondary" onClick=${() => setAsked((n) => n + 1)}>Perbarui catatan</button>
    ${failure && html`<${StatusLine} text=${failure} error=${true} />`}
    ${records?.length === 0 && html`<p>Belum ada tindakan tercatat.</p>`}
    ${
      records &&
      records.length > 0 &&
      html`<div class="table-box">
      <table class="audit">
        <caption>Tindakan terakhir (terbaru di atas)</caption>
        <thead>
          <tr><th scope="col">Waktu</th><th scope="col">Pengguna</th><th scope="col">Tindakan</th><th scope="col">Sasaran</th><th scope="col">Hasil</th><th scope="col">Alamat IP</th></tr>
        </thead>
        <tbody>
          ${records.map(
            (r) => html`<tr>
              <td>${timeLabel(r.at, props.branch.timeZone)}</td><td>${r.username}</td><td>${auditActionLabel(r.action)}</td>
              <td>${r.target}</td><td>${r.outcome}</td><td>${r.sourceIp}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`
    }
  </section>`;
}

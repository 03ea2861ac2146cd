import { html } from "htm/preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Api, Upload } from "../api";
import { formatCount } from "../format";
import { uploadStatusLabel } from "../labels";
import { failureText, pollInterval, StatusLine } from "./status";

/** False once the component is gone, so a poll that outlives it stops. */
function useAlive() {
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  return alive;
}

/** Asks the API for an upload address and PUTs the file there (no token: the address is the permission). */
async function sendFile(api: Api, file: File) {
  const created = await api.post<{ uploadId: string; uploadUrl: string }>("/api/snapshots", {
    filename: file.name,
  });
  const put = await fetch(created.uploadUrl, {
    method: "PUT",
    headers: { "content-type": "text/csv" },
    body: file,
  });
  if (!put.ok) throw new Error(`upload ${put.status}`);
  return created;
}

/** The month's arrears snapshot: upload a CSV, wait for its import, read what it imported and rejected. */
export function SnapshotSection(props: { api: Api }) {
  const [upload, setUpload] = useState<Upload | null>(null);
  const [status, setStatus] = useState({ text: "", error: false });
  const [busy, setBusy] = useState(false);
  const alive = useAlive();

  async function poll(uploadId: string) {
    for (;;) {
      const answer = await props.api.get<Upload>(`/api/snapshots/${encodeURIComponent(uploadId)}`);
      if (!alive.current) return;
      setUpload(answer);
      if (answer.status !== "PENDING") return answer;
      await new Promise((resolve) => setTimeout(resolve, pollInterval()));
    }
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const file =
      (new FormData(event.currentTarget as HTMLFormElement).get("snapshot") as File | null) ?? null;
    if (!file || file.size === 0) {
      setStatus({ text: "Pilih berkas CSV terlebih dahulu.", error: true });
      return;
    }
    setBusy(true);
    setUpload(null);
    setStatus({ text: `Mengunggah ${file.name}…`, error: false });
    try {
      const created = await sendFile(props.api, file);
      setStatus({ text: "Berkas terunggah; impor sedang diproses…", error: false });
      const done = await poll(created.uploadId);
      if (done)
        setStatus({
          text: `Impor ${uploadStatusLabel(done.status).toLowerCase()}.`,
          error: done.status === "FAILED",
        });
    } catch (e) {
      setStatus({ text: failureText(e), error: true });
    } finally {
      setBusy(false);
    }
  }

  return html`<section aria-labelledby="snapshot-title">
    <h2 id="snapshot-title">Unggah data tunggakan</h2>
    <form onSubmit=${submit} class="inline">
      <div class="field">
        <label for="snapshot">Berkas CSV data tunggakan</label>
        <input id="snapshot" name="snapshot" type="file" accept=".csv,text/csv" />
      </div>
      <button type="submit" disabled=${busy}>Unggah</button>
    </form>
    <${StatusLine} ...${status} />
    ${upload && upload.status !== "PENDING" && html`<${ImportResult} upload=${upload} />`}
  </section>`;
}

function ImportResult({ upload }: { upload: Upload }) {
  const s = upload.summary;
  return html`<div class="import-result">
    ${upload.error && html`<p class="error">${upload.error}</p>`}
    ${
      s &&
      html`<dl class="figures">
        <div><dt>Baris dibaca</dt><dd>${formatCount(s.read)}</dd></div>
        <div><dt>Diimpor</dt><dd data-figure="imported">${formatCount(s.imported)}</dd></div>
        <div><dt>Ditolak</dt><dd data-figure="rejected">${formatCount(s.rejected)}</dd></div>
        <div><dt>Tidak dapat dihubungi</dt><dd>${formatCount(s.notContactable)}</dd></div>
      </dl>
      <div class="table-box">
        <table>
          <caption>Hasil impor per cabang</caption>
          <thead><tr><th scope="col">Cabang</th><th scope="col">Diimpor</th><th scope="col">Tidak dapat dihubungi</th></tr></thead>
          <tbody>
            ${Object.entries(s.byBranch).map(
              ([code, b]) =>
                html`<tr><th scope="row">${code}</th><td>${formatCount(b.imported)}</td><td>${formatCount(b.notContactable)}</td></tr>`,
            )}
          </tbody>
        </table>
      </div>`
    }
    ${(upload.rejections?.length ?? 0) > 0 && html`<${Rejections} upload=${upload} />`}
  </div>`;
}

function Rejections({ upload }: { upload: Upload }) {
  const rows = upload.rejections ?? [];
  return html`<div class="table-box">
    <table class="rejections">
      <caption>Baris ditolak${rows.length === 200 ? " (200 pertama)" : ""}</caption>
      <thead>
        <tr><th scope="col">Baris</th><th scope="col">Kolom</th><th scope="col">Alasan</th><th scope="col">Keterangan</th></tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr><td>${r.line}</td><td>${r.field}</td><td>${r.reason}</td><td>${r.message}</td></tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

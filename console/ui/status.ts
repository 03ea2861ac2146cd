import { html } from "htm/preact";
import { ApiError } from "../api";

/** A section's status line, read out by screen readers as it changes. */
export function StatusLine(props: { text: string; error?: boolean }) {
  return html`<p class=${props.error ? "status error" : "status"} role="status" aria-live="polite">
    ${props.text}
  </p>`;
}

/** What a failed call tells the supervisor, in Indonesian, with the API's message as detail. */
export function failureText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "Sesi berakhir. Silakan masuk kembali.";
    if (error.status === 403) return "Anda tidak memiliki akses ke cabang ini.";
    if (error.status === 404) return "Data tidak ditemukan.";
    const fields = (error.body.fields ?? []).map((f) => `${f.field}: ${f.message}`).join("; ");
    return `Permintaan ditolak (${error.status}): ${fields || error.body.message}`;
  }
  return "Server tidak dapat dihubungi. Periksa koneksi lalu coba lagi.";
}

/** The polling interval: `?poll=MS` in the address (tests), else five seconds. */
export function pollInterval(): number {
  const ms = Number(new URLSearchParams(location.search).get("poll"));
  return Number.isFinite(ms) && ms >= 100 ? ms : 5000;
}

/** Saves a blob under `filename` through a temporary link. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

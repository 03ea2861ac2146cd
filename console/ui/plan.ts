import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { ApiError, type DryRun, type StartAnswer } from "../api";
import { dayLabel, formatCount, formatRupiah, periodLabel } from "../format";
import { refusalLabel, startOutcomeLabel } from "../labels";
import { BarChart } from "./chart";
import { ConfirmDialog } from "./dialog";
import type { SectionProps } from "./section";
import { failureText, StatusLine } from "./status";

/** The dry run (what the campaign would map and call) and the start, with confirmation. */
export function PlanSection(props: SectionProps) {
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  const [status, setStatus] = useState({ text: "", error: false });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const path = `/api/branches/${encodeURIComponent(props.branch.code)}/campaigns`;
  const title = `${props.branch.name} ${periodLabel(props.period)}`;

  async function plan() {
    setBusy(true);
    setStatus({ text: "Menghitung rencana…", error: false });
    try {
      const answer = await props.api.post<DryRun>(path, { period: props.period, dryRun: true });
      setDryRun(answer);
      props.learnBuckets(Object.fromEntries(answer.plan.buckets.map((b) => [b.bucketId, b.label])));
      setStatus({ text: `Rencana ${title} dihitung.`, error: false });
    } catch (e) {
      setStatus({ text: failureText(e), error: true });
    } finally {
      setBusy(false);
    }
  }

  async function start() {
    setConfirming(false);
    setBusy(true);
    try {
      const answer = await props.api.post<StartAnswer>(path, { period: props.period });
      setStatus({ text: startOutcomeLabel(answer.outcome), error: false });
      props.changed();
    } catch (e) {
      const refused = e instanceof ApiError && e.status === 409;
      setStatus({
        text: refused ? refusalLabel(e.body as { reason?: string; message: string }) : failureText(e),
        error: true,
      });
    } finally {
      setBusy(false);
    }
  }

  return html`<section aria-labelledby="plan-title">
    <h2 id="plan-title">Rencana kampanye</h2>
    <div class="actions">
      <button type="button" onClick=${plan} disabled=${busy}>Hitung rencana</button>
      <button type="button" onClick=${() => setConfirming(true)} disabled=${busy || !dryRun || Boolean(dryRun.refused)}>
        Mulai kampanye
      </button>
    </div>
    <${StatusLine} ...${status} />
    ${dryRun?.refused && html`<p class="refused">${refusalLabel(dryRun.refused)}</p>`}
    ${dryRun && html`<${PlanFigures} dryRun=${dryRun} />`}
    ${
      confirming &&
      html`<${ConfirmDialog} title=${`Mulai kampanye ${title}?`} confirmLabel="Mulai" onConfirm=${start} onClose=${() => setConfirming(false)}>
      <p>SMS pengingat akan dikirim dan petugas akan mulai menelepon peserta pada hari penelponan.</p>
    <//>`
    }
  </section>`;
}

function PlanFigures({ dryRun }: { dryRun: DryRun }) {
  const { plan } = dryRun;
  const c = plan.capacity;
  return html`<div class="table-box">
      <table class="plan">
        <caption>Peserta per kategori</caption>
        <thead>
          <tr><th scope="col">Kategori</th><th scope="col">Peserta</th><th scope="col">Dapat ditelepon</th><th scope="col">Tunggakan</th></tr>
        </thead>
        <tbody>
          ${plan.buckets.map(
            (b) =>
              html`<tr><th scope="row">${b.label}</th><td>${formatCount(b.participants)}</td><td>${formatCount(b.callable)}</td><td>${formatRupiah(b.amountDue)}</td></tr>`,
          )}
        </tbody>
        <tfoot>
          <tr><th scope="row">Total</th><td>${formatCount(plan.total.participants)}</td><td>${formatCount(plan.total.callable)}</td><td data-figure="amountDue">${formatRupiah(plan.total.amountDue)}</td></tr>
        </tfoot>
      </table>
    </div>
    <p data-figure="below">Di bawah ${formatCount(plan.minMonths)} bulan tunggakan (tidak dipetakan): ${formatCount(plan.belowMinMonths)} peserta.</p>
    <p data-figure="capacity">
      ${`Kapasitas panggilan: ${formatCount(c.agents)} petugas × ${formatCount(c.callingDays)} hari × ${formatCount(c.callsPerAgentDay)} panggilan = `}
      <strong>${formatCount(c.calls)} panggilan</strong>
      ${` (paling banyak ${formatCount(plan.maxAttempts)} panggilan dibutuhkan: ${formatCount(plan.total.callable)} peserta × ${formatCount(plan.attemptsPerCase)} percobaan).`}
    </p>
    <${BarChart}
      labels=${plan.buckets.map((b) => b.label)}
      values=${plan.buckets.map((b) => b.participants)}
      title="Peserta per kategori"
      description=${plan.buckets.map((b) => `${b.label}: ${formatCount(b.participants)} peserta`).join("; ")}
    />
    <h3>Hari penelponan (${formatCount(plan.callingDays.length)})</h3>
    ${
      plan.callingDays.length === 0
        ? html`<p>Tidak ada hari penelponan tersisa.</p>`
        : html`<ol class="days">${plan.callingDays.map((d) => html`<li><time datetime=${d}>${dayLabel(d)}</time></li>`)}</ol>`
    }`;
}

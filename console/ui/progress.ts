import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError, type CampaignStatus, campaignPath } from "../api";
import { formatCount, formatRupiah, percentLabel, periodLabel, timeLabel, whenLabel } from "../format";
import { isRunning, phaseLabel, refusalLabel } from "../labels";
import { Dialog } from "./dialog";
import type { SectionProps } from "./section";
import { failureText, pollInterval, StatusLine } from "./status";

/** The campaign as it runs: polled while running, with the stop (a reason, then confirmation). */
export function ProgressSection(props: SectionProps) {
  const [campaign, setCampaign] = useState<CampaignStatus | null | "none">(null);
  const [status, setStatus] = useState({ text: "", error: false });
  const [stopping, setStopping] = useState(false);
  const path = campaignPath(props.branch.code, props.period);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let alive = true;
    const load = async () => {
      try {
        const answer = await props.api.get<CampaignStatus>(path);
        if (!alive) return;
        setCampaign(answer);
        if (isRunning(answer.phase)) timer = setTimeout(load, pollInterval());
      } catch (e) {
        if (!alive) return;
        if (e instanceof ApiError && e.status === 404) setCampaign("none");
        else setStatus({ text: failureText(e), error: true });
      }
    };
    void load();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [path, props.version]);

  async function stop(reason: string) {
    setStopping(false);
    try {
      await props.api.post(`${path}/stop`, { reason });
      setStatus({ text: "Kampanye dihentikan.", error: false });
      props.changed();
    } catch (e) {
      const refused = e instanceof ApiError && e.status === 409;
      setStatus({
        text: refused ? refusalLabel({ reason: "NOT_RUNNING", message: "" }) : failureText(e),
        error: true,
      });
    }
  }

  return html`<section aria-labelledby="progress-title">
    <h2 id="progress-title">Kemajuan kampanye</h2>
    ${campaign === "none" && html`<p>Kampanye ${periodLabel(props.period)} belum dimulai.</p>`}
    ${campaign && campaign !== "none" && html`<${Figures} campaign=${campaign} timeZone=${props.branch.timeZone} />`}
    ${
      campaign &&
      campaign !== "none" &&
      isRunning(campaign.phase) &&
      html`<button type="button" class="danger" onClick=${() => setStopping(true)}>Hentikan kampanye</button>`
    }
    <${StatusLine} ...${status} />
    ${
      stopping &&
      html`<${StopDialog} title=${`Hentikan kampanye ${props.branch.name} ${periodLabel(props.period)}?`} onStop=${stop} onClose=${() => setStopping(false)} />`
    }
  </section>`;
}

function Figures({ campaign, timeZone }: { campaign: CampaignStatus; timeZone: string }) {
  const p = campaign.progress;
  const day = campaign.callingDay;
  return html`<p class="phase">Tahap: <strong data-phase=${campaign.phase}>${phaseLabel(campaign.phase)}</strong></p>
    ${day && html`<p data-figure="callingDay">Hari penelponan ${day.n} dari ${day.of}</p>`}
    <label for="settled">Kasus selesai: ${formatCount(p.settled)} dari ${formatCount(campaign.cases)} (${percentLabel(p.settled, campaign.cases)})</label>
    <progress id="settled" max=${Math.max(1, campaign.cases)} value=${p.settled}></progress>
    <dl class="figures">
      <div><dt>Kasus</dt><dd>${formatCount(campaign.cases)}</dd></div>
      <div><dt>Pengingat terkirim</dt><dd data-figure="reminded">${formatCount(p.reminded)}</dd></div>
      <div><dt>SMS terkirim</dt><dd data-figure="smsSent">${formatCount(p.smsSent)}</dd></div>
      <div><dt>Ditelepon</dt><dd data-figure="called">${formatCount(p.called)}</dd></div>
      <div><dt>Lunas</dt><dd data-figure="paid">${formatCount(p.paid)}</dd></div>
      <div><dt>Terkumpul</dt><dd data-figure="amountCollected">${formatRupiah(p.amountCollected)}</dd></div>
    </dl>
    ${campaign.execution?.startDate && html`<p>Dimulai: ${timeLabel(campaign.execution.startDate, timeZone)}</p>`}
    ${day?.next && html`<p>Hari penelponan berikutnya: ${whenLabel(day.next, timeZone)}</p>`}
    ${
      campaign.stopped &&
      campaign.phase === "STOPPED" &&
      html`<p class="stopped">Dihentikan oleh ${campaign.stopped.by} pada ${timeLabel(campaign.stopped.at, timeZone)}: ${campaign.stopped.reason}</p>`
    }
    ${campaign.failure && html`<p class="error">Gagal: ${campaign.failure.error}</p>`}
    <p class="meta">Diperbarui ${timeLabel(campaign.now, timeZone)}</p>`;
}

function StopDialog(props: { title: string; onStop: (reason: string) => void; onClose: () => void }) {
  const [error, setError] = useState("");
  function submit(event: SubmitEvent) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get("reason") ?? "").trim();
    if (!reason) {
      setError("Alasan wajib diisi.");
      return;
    }
    props.onStop(reason.slice(0, 500));
  }
  return html`<${Dialog} title=${props.title} onClose=${props.onClose}>
    <form onSubmit=${submit} noValidate>
      <p>Tidak ada SMS atau panggilan baru setelah kampanye dihentikan; data kasus tetap tersimpan.</p>
      <label for="stop-reason">Alasan</label>
      <textarea id="stop-reason" name="reason" required maxLength=${500} rows=${3} aria-invalid=${Boolean(error)} aria-describedby="stop-error"></textarea>
      <p id="stop-error" class="error" role="alert">${error}</p>
      <div class="actions">
        <button type="button" class="secondary" onClick=${props.onClose}>Batal</button>
        <button type="submit" class="danger">Hentikan</button>
      </div>
    </form>
  <//>`;
}

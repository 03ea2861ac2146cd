import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import type { Api, Branch, Me } from "../api";
import { currentPeriod, periodChoices, periodLabel } from "../format";
import { AuditSection } from "./audit";
import { CasesSection } from "./cases";
import { KaderSection } from "./kader";
import { PlanSection } from "./plan";
import { ProgressSection } from "./progress";
import { RepliesSection } from "./replies";
import { ReportSection } from "./report";
import type { SectionProps } from "./section";
import { SnapshotSection } from "./snapshot";
import { failureText, StatusLine } from "./status";

/** The signed-in supervisor's month: only the branches of /api/me exist here. */
export function Workspace(props: { api: Api; onSignOut: () => void }) {
  const [me, setMe] = useState<Me | null>(null);
  const [failure, setFailure] = useState("");
  const [code, setCode] = useState("");

  useEffect(() => {
    props.api.get<Me>("/api/me").then(
      (answer) => {
        setMe(answer);
        setCode(answer.branches[0]?.code ?? "");
      },
      (e) => setFailure(failureText(e)),
    );
  }, [props.api]);

  const branch = me?.branches.find((b) => b.code === code);
  return html`<header class="top">
      <span class="brand">Konsol Penagihan</span>
      ${me && html`<span class="user">${me.username}</span>`}
      <button type="button" class="secondary" onClick=${props.onSignOut}>Keluar</button>
    </header>
    <main>
      ${!me && html`<${StatusLine} text=${failure || "Memuat…"} error=${Boolean(failure)} />`}
      ${me && me.branches.length === 0 && html`<p>Akun Anda belum terdaftar pada cabang mana pun.</p>`}
      ${me && html`<${SnapshotSection} api=${props.api} />`}
      ${me && me.branches.length > 1 && html`<${BranchPicker} branches=${me.branches} code=${code} onPick=${setCode} />`}
      ${branch && html`<${BranchMonth} key=${branch.code} api=${props.api} branch=${branch} now=${new Date(me?.now ?? Date.now())} />`}
    </main>`;
}

function BranchPicker(props: { branches: Branch[]; code: string; onPick: (code: string) => void }) {
  return html`<div class="field">
    <label for="branch">Cabang</label>
    <select id="branch" value=${props.code} onChange=${(e: Event) => props.onPick((e.target as HTMLSelectElement).value)}>
      ${props.branches.map((b) => html`<option value=${b.code}>${b.name} (${b.zone})</option>`)}
    </select>
  </div>`;
}

/** One branch: its period picker and the month at a glance. */
function BranchMonth(props: { api: Api; branch: Branch; now: Date }) {
  const { branch } = props;
  // The server's month, not the browser's: the local runtime's clock is simulated.
  const today = currentPeriod(props.now, branch.timeZone);
  const [period, setPeriod] = useState(today);
  const [version, setVersion] = useState(0);
  const [bucketLabels, setBucketLabels] = useState<Record<string, string>>({});
  const [started, setStarted] = useState<string[]>([]);

  useEffect(() => {
    props.api
      .get<{ campaigns: { period: string }[] }>(`/api/branches/${encodeURIComponent(branch.code)}/campaigns`)
      .then((answer) => setStarted(answer.campaigns.map((c) => c.period)))
      .catch(() => setStarted([]));
  }, [branch.code, version]);

  const periods = [...new Set([...periodChoices(today), ...started])].sort().reverse();
  const section: SectionProps = {
    api: props.api,
    branch,
    period,
    version,
    changed: () => setVersion((v) => v + 1),
    bucketLabels,
    learnBuckets: (labels) => setBucketLabels((known) => ({ ...known, ...labels })),
  };
  const key = `${branch.code}/${period}`;
  return html`<section class="branch" aria-labelledby="branch-title">
      <h1 id="branch-title">${branch.name} <span class="zone">${branch.zone}</span></h1>
      <div class="field">
        <label for="period">Periode</label>
        <select id="period" value=${period} onChange=${(e: Event) => setPeriod((e.target as HTMLSelectElement).value)}>
          ${periods.map(
            (p) =>
              html`<option value=${p}>${periodLabel(p)}${started.includes(p) ? " (ada kampanye)" : ""}</option>`,
          )}
        </select>
      </div>
    </section>
    <${PlanSection} key=${`plan/${key}`} ...${section} />
    <${ProgressSection} key=${`progress/${key}`} ...${section} />
    <${ReportSection} key=${`report/${key}`} ...${section} />
    <${CasesSection} key=${`cases/${key}`} ...${section} />
    <${RepliesSection} key=${`replies/${key}`} ...${section} />
    <${KaderSection} key=${`kader/${key}`} ...${section} />
    <${AuditSection} key=${`audit/${branch.code}`} ...${section} />`;
}

import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import type { ParticipantReply } from "../../functions/services/supervisor/replies";
import { campaignPath } from "../api";
import { timeLabel } from "../format";
import { replyLabel } from "../labels";
import type { SectionProps } from "./section";
import { failureText, StatusLine } from "./status";

/** The participants' WhatsApp replies of the month: buttons and free text, newest first. */
export function RepliesSection(props: SectionProps) {
  const [replies, setReplies] = useState<ParticipantReply[] | null>(null);
  const [failure, setFailure] = useState("");
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    // Reading the replies is recorded as the supervisor's: only when asked.
    if (asked === 0) return;
    props.api
      .get<{ replies: ParticipantReply[] }>(`${campaignPath(props.branch.code, props.period)}/replies`)
      .then(
        (answer) => {
          setReplies(answer.replies);
          setFailure("");
        },
        (e) => {
          setReplies(null);
          setFailure(failureText(e));
        },
      );
  }, [props.branch.code, props.period, props.version, asked]);

  return html`<section aria-labelledby="replies-title">
    <h2 id="replies-title">Balasan peserta</h2>
    <button type="button" class="secondary" onClick=${() => setAsked((n) => n + 1)}>Tampilkan balasan</button>
    ${failure && html`<${StatusLine} text=${failure} error=${true} />`}
    ${replies?.length === 0 && html`<p>Belum ada balasan WhatsApp.</p>`}
    ${
      replies &&
      replies.length > 0 &&
      html`<div class="table-box">
      <table class="replies">
        <caption>Balasan WhatsApp (terbaru di atas; nomor kartu disamarkan)</caption>
        <thead>
          <tr><th scope="col">Waktu</th><th scope="col">Peserta</th><th scope="col">Balasan</th></tr>
        </thead>
        <tbody>
          ${replies.map(
            (r) => html`<tr>
              <td>${timeLabel(r.at, props.branch.timeZone)}</td><td>${r.participant}</td>
              <td>${r.text ?? replyLabel(r.reply ?? "OTHER")}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`
    }
  </section>`;
}

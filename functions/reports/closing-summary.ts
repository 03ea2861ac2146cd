import type { Branch } from "../domain/branches";
import type { CampaignReport } from "../domain/campaign-report";
import { clockText, localDateTime, zoneName } from "../domain/local-time";
import { formatRupiah } from "../domain/money";
import { periodLabel } from "../domain/period";
import { indonesianDate } from "../domain/whatsapp-templates";
import { formatCount } from "./figures";

/**
 * The e-mail the supervisors' topic sends when a campaign closes, in Indonesian: the month as
 * "November 2026", the time in the branch's zone, aggregate figures only (no participant).
 */
export function closingSummary(
  report: CampaignReport,
  branch: Pick<Branch, "name" | "timeZone">,
  closedAt: Date,
): { subject: string; message: string } {
  const t = report.total;
  const campaign = `${branch.name} ${periodLabel(report.period)}`;
  const local = localDateTime(closedAt, branch.timeZone);
  const when = `${indonesianDate(local.date)} pukul ${clockText(local.minutes, ".")} ${zoneName(branch.timeZone)}`;
  const n = formatCount;
  return {
    subject: `telecollect: kampanye ${campaign} selesai`,
    message: [
      `Kampanye ${campaign} selesai pada ${when}.`,
      `Sasaran ${n(t.targeted)} kasus: pengingat terkirim ${n(t.reminded)} (lewat SMS ${n(t.smsSent)}), ` +
        `ditelepon ${n(t.called)}, terhubung ${n(t.contacted)}, janji bayar ${n(t.promised)}, lunas ${n(t.paid)}.`,
      `Terkumpul ${formatRupiah(t.amountCollected)} dari tunggakan ${formatRupiah(t.amountDue)}.`,
      `Janji ditepati ${n(t.promisesKept)}, ingkar ${n(t.promisesBroken)}; ` +
        `${n(t.notContactable)} peserta perlu pembaruan kontak.`,
    ].join("\n"),
  };
}

/** The report's kader table: visits, their outcomes and promises, and the payments that followed. */
import type { ReportEvent } from "./events";

export interface KaderFigures {
  kaderId: string;
  /** KADER_VISIT interactions of this kader. */
  visits: number;
  /** Visits that ended with a promise to pay (VISITED_PROMISED). */
  promises: number;
  /** Visits per outcome (NOT_HOME, MOVED...). */
  byOutcome: Record<string, number>;
  /** Payments whose participant this kader visited last before the payment. */
  paymentsAfterVisit: number;
  amountAfterVisit: number;
}

const kaderOf = (e: ReportEvent) =>
  typeof e.detail?.kaderId === "string" && e.detail.kaderId !== "" ? e.detail.kaderId : undefined;

/**
 * One row per kader with a visit, by kader id. A payment counts for the kader of the participant's
 * latest visit at or before it: the visit is what the payment followed (kader never collect money,
 * the payment came through the webhook).
 */
export function byKader(events: readonly ReportEvent[]): KaderFigures[] {
  const rows = new Map<string, KaderFigures>();
  const visitsOf = new Map<string, { at: number; kaderId: string }[]>();
  for (const e of events) {
    const kaderId = kaderOf(e);
    if (e.kind !== "KADER_VISIT" || !kaderId) continue;
    const row = rows.get(kaderId) ?? emptyFigures(kaderId);
    rows.set(kaderId, row);
    row.visits++;
    const outcome = String(e.detail?.outcome ?? "");
    row.byOutcome[outcome] = (row.byOutcome[outcome] ?? 0) + 1;
    if (outcome === "VISITED_PROMISED") row.promises++;
    const visits = visitsOf.get(e.participantId) ?? [];
    visits.push({ at: Date.parse(e.at), kaderId });
    visitsOf.set(e.participantId, visits);
  }
  for (const e of events) {
    if (e.kind !== "PAYMENT_APPLIED") continue;
    const at = Date.parse(e.at);
    const last = (visitsOf.get(e.participantId) ?? [])
      .filter((v) => v.at <= at)
      .reduce<{ at: number; kaderId: string } | undefined>((a, v) => (!a || v.at >= a.at ? v : a), undefined);
    const row = last ? rows.get(last.kaderId) : undefined;
    if (!row) continue;
    row.paymentsAfterVisit++;
    row.amountAfterVisit += e.amount ?? 0;
  }
  return [...rows.values()].sort((a, b) => a.kaderId.localeCompare(b.kaderId));
}

function emptyFigures(kaderId: string): KaderFigures {
  return { kaderId, visits: 0, promises: 0, byOutcome: {}, paymentsAfterVisit: 0, amountAfterVisit: 0 };
}

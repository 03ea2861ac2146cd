import type { Case } from "./case";
import type { CampaignStrategy } from "./strategy";

/** The funnel of one category (or of the whole campaign). Rates are 0..1, 0 when nothing to divide. */
export interface FunnelFigures {
  targeted: number;
  smsSent: number;
  called: number;
  contacted: number;
  promised: number;
  paid: number;
  amountDue: number;
  amountCollected: number;
  contactRate: number;
  collectionRate: number;
}

export interface CampaignReport {
  campaignId: string;
  total: FunnelFigures;
  byBucket: (FunnelFigures & { bucketId: string; label: string })[];
  finalStatuses: Record<string, number>;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

function funnel(cases: readonly Case[]): FunnelFigures {
  const count = (test: (c: Case) => boolean) => cases.reduce((n, c) => n + (test(c) ? 1 : 0), 0);
  const called = count((c) => c.callAttempts > 0);
  const contacted = count((c) => c.contacted === true);
  return {
    targeted: cases.length,
    smsSent: count((c) => c.smsSent > 0),
    called,
    contacted,
    promised: count((c) => c.promise !== undefined),
    paid: count((c) => c.status === "PAID"),
    amountDue: cases.reduce((n, c) => n + c.amountDue, 0),
    amountCollected: cases.reduce((n, c) => n + c.amountPaid, 0),
    contactRate: ratio(contacted, called),
    collectionRate: ratio(
      count((c) => c.status === "PAID"),
      cases.length,
    ),
  };
}

/** Per-category and total figures of a campaign from its cases (definitions in docs/reports.md). */
export function campaignReport(
  campaignId: string,
  cases: readonly Case[],
  strategy: CampaignStrategy,
): CampaignReport {
  const finalStatuses: Record<string, number> = {};
  for (const c of cases) {
    const key = c.status === "CLOSED" ? `CLOSED:${c.closeReason ?? "UNKNOWN"}` : c.status;
    finalStatuses[key] = (finalStatuses[key] ?? 0) + 1;
  }
  return {
    campaignId,
    total: funnel(cases),
    byBucket: strategy.buckets.map((b) => ({
      bucketId: b.id,
      label: b.label,
      ...funnel(cases.filter((c) => c.bucketId === b.id)),
    })),
    finalStatuses,
  };
}

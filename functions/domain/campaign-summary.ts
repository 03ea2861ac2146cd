import type { Case } from "./case";
import type { CampaignStrategy } from "./strategy";

export interface BucketSummary {
  bucketId: string;
  label: string;
  cases: number;
  amountDue: number;
  notContactable: number;
  rehabEligible: number;
  /** Average call priority, 0..10000. */
  averagePriority: number;
}

/** Per-bucket figures of one campaign's cases, in the strategy's bucket order; empty buckets included. */
export function summarizeByBucket(cases: Iterable<Case>, strategy: CampaignStrategy): BucketSummary[] {
  const rows = new Map<string, BucketSummary & { prioritySum: number }>();
  for (const bucket of strategy.buckets) {
    rows.set(bucket.id, {
      bucketId: bucket.id,
      label: bucket.label,
      cases: 0,
      amountDue: 0,
      notContactable: 0,
      rehabEligible: 0,
      averagePriority: 0,
      prioritySum: 0,
    });
  }
  for (const c of cases) {
    const row = rows.get(c.bucketId);
    if (!row)
      throw new Error(`case ${c.caseId} is in bucket ${c.bucketId}, which the strategy does not define`);
    row.cases++;
    row.amountDue += c.amountDue;
    row.prioritySum += c.priority;
    if (!c.contactable) row.notContactable++;
    if (c.rehabEligible) row.rehabEligible++;
  }
  return [...rows.values()].map(({ prioritySum, ...row }) => ({
    ...row,
    averagePriority: row.cases === 0 ? 0 : Math.round(prioritySum / row.cases),
  }));
}

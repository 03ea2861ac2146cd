/** The report's roll table: where last period's participants are by category this period. */
import type { Case } from "../case";
import { ratio } from "./events";

/** The previous period's campaign of the same branch, as the roll table reads it. */
export interface PreviousCampaign {
  campaignId: string;
  cases: readonly Pick<Case, "participantId" | "bucketId">[];
}

/** Where one previous-period category's participants are this period. */
export interface RollRow {
  fromBucketId: string;
  participants: number;
  /** Participants per current category id. */
  to: Record<string, number>;
  /** In the previous campaign, not in this one: no longer in arrears past the minimum. */
  left: number;
  rolledBack: number;
  stayed: number;
  rolledForward: number;
  rollForwardRate: number;
  cureRate: number;
}

export interface RollFigures {
  previousCampaignId: string;
  rows: RollRow[];
  /** In this campaign, not in the previous one. */
  newParticipants: number;
}

/** Each previous category's participants against their category now (categories in strategy order). */
export function rollFigures(
  bucketIds: readonly string[],
  previous: PreviousCampaign,
  cases: readonly Pick<Case, "participantId" | "bucketId">[],
): RollFigures {
  const now = new Map(cases.map((c) => [c.participantId, c.bucketId]));
  const before = new Set(previous.cases.map((c) => c.participantId));
  const rank = (bucketId: string) => bucketIds.indexOf(bucketId);
  const rows = bucketIds.map((fromBucketId) => {
    const row: RollRow = {
      fromBucketId,
      participants: 0,
      to: Object.fromEntries(bucketIds.map((id) => [id, 0])),
      left: 0,
      rolledBack: 0,
      stayed: 0,
      rolledForward: 0,
      rollForwardRate: 0,
      cureRate: 0,
    };
    for (const p of previous.cases) {
      if (p.bucketId !== fromBucketId) continue;
      row.participants++;
      const to = now.get(p.participantId);
      if (to === undefined) {
        row.left++;
        continue;
      }
      row.to[to] = (row.to[to] ?? 0) + 1;
      const step = rank(to) - rank(fromBucketId);
      if (step > 0) row.rolledForward++;
      else if (step < 0) row.rolledBack++;
      else row.stayed++;
    }
    row.rollForwardRate = ratio(row.rolledForward, row.participants);
    row.cureRate = ratio(row.left, row.participants);
    return row;
  });
  return {
    previousCampaignId: previous.campaignId,
    rows,
    newParticipants: cases.filter((c) => !before.has(c.participantId)).length,
  };
}

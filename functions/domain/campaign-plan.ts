import { classifyParticipant } from "./arrears-mapping";
import type { Branch } from "./branches";
import { nextCallingDay } from "./calling-days";
import type { Participant } from "./participant";
import type { CampaignStrategy } from "./strategy";

export interface BucketPlan {
  bucketId: string;
  label: string;
  participants: number;
  /** With a usable phone and the CALL treatment: the dialer would call them. */
  callable: number;
  amountDue: number;
}

export interface CampaignPlan {
  branchCode: string;
  period: string;
  buckets: BucketPlan[];
  total: Omit<BucketPlan, "bucketId" | "label">;
  belowMinMonths: number;
  /** The strategy's minimum months in arrears of a case. */
  minMonths: number;
  callingDays: string[];
  capacity: { agents: number; callingDays: number; callsPerAgentDay: number; calls: number };
  /** Attempts the callable cases may take at most (callable x attemptsPerCase). */
  maxAttempts: number;
  /** The strategy's call attempts per case in a campaign. */
  attemptsPerCase: number;
}

interface PlanInput {
  branch: Branch;
  period: string;
  strategy: CampaignStrategy;
  participants: readonly Participant[];
  belowMinMonths: number;
  now: Date;
  callsPerAgentDay: number;
}

/**
 * What a campaign start would map and how many calls the branch can make, computed from the
 * participants as map-arrears classifies them, without writing anything.
 */
export function planCampaign(input: PlanInput): CampaignPlan {
  const { buckets, belowMinMonths } = bucketsOf(input);
  const total = {
    participants: buckets.reduce((n, b) => n + b.participants, 0),
    callable: buckets.reduce((n, b) => n + b.callable, 0),
    amountDue: buckets.reduce((n, b) => n + b.amountDue, 0),
  };
  const callingDays = callingDaysOf(input);
  const agents = input.branch.agentsOnShift;
  return {
    branchCode: input.branch.code,
    period: input.period,
    buckets,
    total,
    belowMinMonths,
    minMonths: input.strategy.minMonths,
    callingDays,
    capacity: {
      agents,
      callingDays: callingDays.length,
      callsPerAgentDay: input.callsPerAgentDay,
      calls: agents * callingDays.length * input.callsPerAgentDay,
    },
    maxAttempts: total.callable * input.strategy.frequencyCap.perCampaign,
    attemptsPerCase: input.strategy.frequencyCap.perCampaign,
  };
}

/** The participants in the strategy's buckets as map-arrears classifies them; the rest count as below. */
function bucketsOf(input: PlanInput): { buckets: BucketPlan[]; belowMinMonths: number } {
  const buckets = new Map<string, BucketPlan>(
    input.strategy.buckets.map((b) => [
      b.id,
      { bucketId: b.id, label: b.label, participants: 0, callable: 0, amountDue: 0 },
    ]),
  );
  let below = input.belowMinMonths;
  for (const p of input.participants) {
    const c = classifyParticipant(p, input.strategy);
    const bucket = c.eligible ? buckets.get(c.bucketId) : undefined;
    if (!c.eligible || !bucket) {
      below++;
      continue;
    }
    bucket.participants++;
    if (c.treatments.includes("CALL")) bucket.callable++;
    bucket.amountDue += c.amountDue;
  }
  return { buckets: [...buckets.values()], belowMinMonths: below };
}

/** The campaign's calling days (from `graceDays` after `now` to the end of the period), as the dialer plans them. */
export function callingDaysOf(input: Pick<PlanInput, "branch" | "period" | "strategy" | "now">): string[] {
  const callingDays: string[] = [];
  for (let afterDay: string | undefined; ; ) {
    const day = nextCallingDay({
      now: input.now,
      timeZone: input.branch.timeZone,
      window: input.branch.contactWindow,
      period: input.period,
      graceDays: input.strategy.graceDays,
      ...(afterDay ? { afterDay } : {}),
    });
    if (!day) return callingDays;
    callingDays.push(day.day);
    afterDay = day.day;
  }
}

import { randomUUID } from "node:crypto";
import { classifyParticipant } from "../domain/arrears-mapping";
import { type Case, campaignIdOf, openCase } from "../domain/case";
import { type CampaignStrategy, DEFAULT_STRATEGY, parseStrategy } from "../domain/strategy";
import type { CampaignStore } from "../store/campaigns";
import type { CaseStore } from "../store/cases";
import type { ParticipantPage, ParticipantStore } from "../store/participants";

export interface MapArrearsInput {
  branchCode: string;
  period: string;
  strategy?: CampaignStrategy;
  cursor?: string;
}

export interface MapArrearsResult {
  campaignId: string;
  /** Cases created by this invocation. */
  created: number;
  /** Eligible participants whose case already existed (a re-run or a resumed page). */
  existing: number;
  /** Participants of the branch below the strategy's minimum months (counted on the first page only). */
  skipped: number;
  /** Cases created by this invocation per bucket id. */
  byBucket: Record<string, number>;
  /** Created cases without a usable phone: no SMS, no call, listed for a contact-data update. */
  notContactable: number;
  /** Present when the time budget ran out: call again with it. */
  cursor?: string;
}

export interface MapArrearsDeps {
  participants: ParticipantStore;
  cases: Pick<CaseStore, "findExisting" | "putNew">;
  campaigns: CampaignStore;
}

export interface MapArrearsOptions {
  now: Date;
  /** Stop starting new pages after this many ms (checked between pages). */
  timeBudgetMs: number;
  /** The invocation's hard deadline (epoch ms): the mapping lease expires then. */
  deadline: number;
  /** Monotonic ms clock for the budget; the Lambda's own, injectable for tests. */
  elapsedClock?: () => number;
  pageSize?: number;
}

/**
 * Creates one case per eligible participant of a branch for campaign `<branch>#<period>`.
 * Idempotent: the campaign's mapping lease (a conditional write) makes one invocation at a time
 * the only writer of the campaign's cases, and each page is checked for existing cases before
 * writing, except during the campaign's very first mapping invocation, when none can exist.
 */
export async function mapArrears(
  deps: MapArrearsDeps,
  input: MapArrearsInput,
  options: MapArrearsOptions,
): Promise<MapArrearsResult> {
  const clock = options.elapsedClock ?? (() => performance.now());
  const started = clock();
  const campaignId = campaignIdOf(input.branchCode, input.period);
  const token = randomUUID();
  const lease = await deps.campaigns.acquireMappingLease({
    campaignId,
    branchCode: input.branchCode,
    period: input.period,
    strategy: input.strategy ?? DEFAULT_STRATEGY,
    token,
    until: new Date(options.deadline),
    now: options.now,
  });
  // The strategy stored with the campaign wins, so every page of one campaign uses the same rules.
  const strategy = parseStrategy(lease.campaign.strategy);
  const result: MapArrearsResult = {
    campaignId,
    created: 0,
    existing: 0,
    skipped: 0,
    byBucket: {},
    notContactable: 0,
  };
  const seen = new Set<string>();
  let done = false;
  const fetchPage = (cursor?: string) =>
    deps.participants.pageInArrears(input.branchCode, strategy.minMonths, cursor, options.pageSize);
  try {
    if (!input.cursor)
      result.skipped = await deps.participants.countBelow(input.branchCode, strategy.minMonths);
    let page: ParticipantPage = await fetchPage(input.cursor);
    for (;;) {
      // Read the next page while this one is written.
      const next = page.cursor ? fetchPage(page.cursor) : undefined;
      next?.catch(() => undefined);
      const cases: Case[] = [];
      for (const participant of page.participants) {
        if (seen.has(participant.participantId)) continue;
        seen.add(participant.participantId);
        const classification = classifyParticipant(participant, strategy);
        if (!classification.eligible) continue;
        cases.push(
          openCase(
            participant,
            classification,
            { branchCode: input.branchCode, period: input.period },
            options.now,
          ),
        );
      }
      const existing = lease.firstEver
        ? new Set<string>()
        : await deps.cases.findExisting(
            campaignId,
            cases.map((c) => c.participantId),
          );
      const fresh = cases.filter((c) => !existing.has(c.participantId));
      await deps.cases.putNew(fresh);
      result.existing += existing.size;
      result.created += fresh.length;
      for (const c of fresh) {
        result.byBucket[c.bucketId] = (result.byBucket[c.bucketId] ?? 0) + 1;
        if (!c.contactable) result.notContactable++;
      }
      if (!next) {
        done = true;
        break;
      }
      if (clock() - started >= options.timeBudgetMs) {
        result.cursor = page.cursor;
        break;
      }
      page = await next;
    }
  } finally {
    await deps.campaigns.releaseMappingLease({
      campaignId,
      token,
      created: result.created,
      done,
      now: options.now,
    });
  }
  return result;
}

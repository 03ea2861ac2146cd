import type { Clock } from "../channels/clock";
import { type Branch, branchTimeZone } from "../domain/branches";
import { type CampaignReport, campaignReport } from "../domain/campaign-report";
import { campaignIdOf, previousCampaignIdOf } from "../domain/case";
import { parseStrategy } from "../domain/strategy";
import type { Campaign, CampaignStore } from "../store/campaigns";
import type { CaseStore } from "../store/cases";
import { allCases } from "../store/cursor";
import type { InteractionStore } from "../store/interactions";

/** What a report reads: the campaign, its cases and audit trail, and last month's cases. */
export interface ReportDeps {
  clock: Clock;
  branches: ReadonlyMap<string, Branch>;
  campaigns: Pick<CampaignStore, "get">;
  cases: Pick<CaseStore, "page">;
  interactions: Pick<InteractionStore, "allByCampaign">;
}

/**
 * A campaign's report, built now from the stores, or undefined when the campaign does not exist.
 */
export async function buildCampaignReport(
  deps: ReportDeps,
  input: { branchCode: string; period: string },
): Promise<CampaignReport | undefined> {
  const campaign = await deps.campaigns.get(campaignIdOf(input.branchCode, input.period));
  return campaign ? reportOf(deps, campaign) : undefined;
}

/**
 * Reads what the report needs: the campaign's cases, its audit trail (byCampaign index) and the
 * previous period's cases of the same branch when that campaign exists (for the roll table).
 */
export async function reportOf(
  deps: ReportDeps,
  campaign: Pick<Campaign, "campaignId" | "branchCode" | "period" | "strategy">,
): Promise<CampaignReport> {
  const { campaignId, branchCode, period } = campaign;
  const previousId = previousCampaignIdOf(branchCode, period);
  const [cases, events, previous] = await Promise.all([
    allCases(deps.cases, campaignId),
    deps.interactions.allByCampaign(campaignId),
    deps.campaigns.get(previousId),
  ]);
  return campaignReport({
    campaignId,
    branchCode,
    period,
    strategy: parseStrategy(campaign.strategy),
    timeZone: branchTimeZone(deps.branches, branchCode),
    cases,
    events,
    ...(previous
      ? { previous: { campaignId: previousId, cases: await allCases(deps.cases, previousId) } }
      : {}),
    now: deps.clock.now(),
  });
}

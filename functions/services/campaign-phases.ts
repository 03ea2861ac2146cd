import type { Clock } from "../channels/clock";
import type { SupervisorNotifier } from "../channels/notifier";
import type { Branch } from "../domain/branches";
import { nextCallingDay } from "../domain/calling-days";
import type { CampaignReport } from "../domain/campaign-report";
import { campaignIdOf } from "../domain/case";
import { closeReasonFor } from "../domain/case-closing";
import { lastDayOfPeriod } from "../domain/period";
import { parseStrategy } from "../domain/strategy";
import { FatalError } from "../errors";
import { closingSummary } from "../reports/closing-summary";
import type { CampaignStore } from "../store/campaigns";
import type { CaseStore } from "../store/cases";
import type { InteractionStore } from "../store/interactions";
import { type BrokenPromiseDeps, sweepPromises } from "./broken-promises";
import { reportOf } from "./campaign-report";
import type { HandoffTally, KaderHandoff } from "./kader-handoff";

/** What every phase of a campaign's state machine works with. */
export interface PhaseDeps {
  clock: Clock;
  branches: ReadonlyMap<string, Branch>;
  campaigns: CampaignStore;
  cases: CaseStore;
  interactions: InteractionStore;
}

export class CampaignNotFoundError extends Error {
  override name = FatalError.CampaignNotFound;
}

export class UnknownBranchError extends Error {
  override name = FatalError.UnknownBranch;
}

async function campaignOf(deps: PhaseDeps, branchCode: string, period: string) {
  const campaignId = campaignIdOf(branchCode, period);
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign)
    throw new CampaignNotFoundError(`campaign ${campaignId} does not exist: map its arrears first`);
  const branch = deps.branches.get(branchCode);
  if (!branch) throw new UnknownBranchError(`branch ${branchCode} is not configured`);
  return { campaignId, campaign, branch, strategy: parseStrategy(campaign.strategy) };
}

export interface PlanResult {
  done: boolean;
  day?: string;
  opensAt?: string;
  /** Promises past their date + grace found still pending and marked BROKEN now. */
  promisesBroken: number;
  /** Promises for a date in the period whose date + grace has not passed: the campaign waits for them. */
  promisesPending: number;
  /** The kader hand-off after a calling day, when the deployment hands off. */
  handOff?: HandoffTally;
}

/**
 * The campaign's next calling day (for the first, after the grace days from the end of the
 * reminder wave's own pass, not from its SMS fallback pass), or done when no day is
 * left in the period, or no case may still be called and no promise for a date in the period is
 * pending (such a promise keeps its eve's message, its payment and its follow-up in the campaign).
 * First marks overdue promises broken.
 */
export async function planCallingDay(
  deps: PhaseDeps & {
    dialQueue: BrokenPromiseDeps["dialQueue"];
    handOff?: KaderHandoff | undefined;
  },
  input: { branchCode: string; period: string; afterDay?: string | null },
): Promise<PlanResult> {
  const { campaignId, campaign, branch, strategy } = await campaignOf(deps, input.branchCode, input.period);
  const now = deps.clock.now();
  const promises = await sweepPromises(deps, {
    campaignId,
    timeZone: branch.timeZone,
    graceDays: strategy.calls.promiseGraceDays,
    now,
    pendingUntil: lastDayOfPeriod(input.period),
  });
  const counts = { promisesBroken: promises.broken, promisesPending: promises.pending };
  // The end of a calling day: what the phone could not do goes to the kader.
  const handOff =
    deps.handOff && input.afterDay
      ? { handOff: await deps.handOff({ branchCode: input.branchCode, period: input.period }) }
      : {};
  const next =
    promises.pending > 0 || (await deps.cases.hasCallable(campaignId))
      ? nextCallingDay({
          now,
          timeZone: branch.timeZone,
          window: branch.contactWindow,
          period: input.period,
          graceDays: strategy.graceDays,
          ...(campaign.remindedAt ? { graceFrom: new Date(campaign.remindedAt) } : {}),
          ...(input.afterDay ? { afterDay: input.afterDay } : {}),
        })
      : undefined;
  if (!next) return { done: true, ...counts, ...handOff };
  await deps.campaigns.setPhase(campaignId, "DIALING", now, { nextCallingDay: next.day });
  return {
    done: false,
    day: next.day,
    opensAt: next.opensAt.toISOString(),
    ...counts,
    ...handOff,
  };
}

export interface CloseResult {
  closed: number;
  cursor?: string;
  report?: CampaignReport;
  handOff?: HandoffTally;
}

/**
 * Closes the campaign's still-open cases with their last outcome, page by page; on the last page
 * stores the report on the campaign and sends the summary to the supervisors.
 */
export async function closeCampaign(
  deps: PhaseDeps & { notifier: SupervisorNotifier; handOff?: KaderHandoff | undefined },
  input: { branchCode: string; period: string; cursor?: string | null },
): Promise<CloseResult> {
  const { campaignId, campaign, branch } = await campaignOf(deps, input.branchCode, input.period);
  const now = deps.clock.now();
  const page = await deps.cases.page(campaignId, input.cursor ?? undefined);
  let closed = 0;
  for (const c of page.cases.filter((c) => c.status === "OPEN")) {
    const reason = closeReasonFor(c);
    if (await deps.cases.close(campaignId, c.participantId, reason, now)) {
      closed++;
      await deps.interactions.record({
        caseId: c.caseId,
        campaignId,
        participantId: c.participantId,
        branchCode: c.branchCode,
        kind: "CASE_CLOSED",
        at: now.toISOString(),
        dedupeKey: "close",
        detail: { closeReason: reason },
      });
    }
  }
  if (page.cursor) return { closed, cursor: page.cursor };
  // Every case closed: those closed because the phone failed them go to the kader.
  const handOff = deps.handOff
    ? { handOff: await deps.handOff({ branchCode: input.branchCode, period: input.period }) }
    : {};

  // Bounded (per category, agent and day): it fits the campaign item next to the rest.
  const report = await reportOf(deps, campaign);
  await deps.campaigns.setPhase(campaignId, "CLOSED", now, { report, closedAt: now.toISOString() });
  const summary = closingSummary(report, branch, now);
  await deps.notifier.notify(summary.subject, summary.message);
  return { closed, report, ...handOff };
}

/** What the state machine's Catch hands over: the error name and its cause. */
export interface ExecutionFailure {
  Error?: string;
  Cause?: string;
}

export async function recordCampaignFailure(
  deps: Pick<PhaseDeps, "campaigns" | "clock">,
  input: { branchCode: string; period: string; failure: ExecutionFailure },
): Promise<{ error: string; cause: string }> {
  const now = deps.clock.now();
  const error = input.failure.Error ?? "States.TaskFailed";
  const cause = (input.failure.Cause ?? "no cause given").slice(0, 2_000);
  const campaignId = campaignIdOf(input.branchCode, input.period);
  if (await deps.campaigns.get(campaignId)) {
    await deps.campaigns.setPhase(campaignId, "FAILED", now, {
      failure: { error, cause, at: now.toISOString() },
    });
  }
  return { error, cause: `campaign ${campaignId} failed: ${error}: ${cause}` };
}

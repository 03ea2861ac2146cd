/**
 * What a supervisor does to a branch's campaign of a month, for the supervisor API and the CLI:
 * dry run, start (resuming a stopped one), status and progress, stop.
 */
import type { Clock } from "../../channels/clock";
import type { CampaignExecutions, CampaignStops, ExecutionSummary } from "../../channels/workflows";
import type { Branch } from "../../domain/branches";
import { campaignExecutionName, MAX_RUNS } from "../../domain/campaign-naming";
import { callingDaysOf, planCampaign } from "../../domain/campaign-plan";
import { checkCampaignStart } from "../../domain/campaign-start-rule";
import { type Case, campaignIdOf } from "../../domain/case";
import { localDate } from "../../domain/local-time";
import type { Participant } from "../../domain/participant";
import { isReminded } from "../../domain/report/funnel";
import { type CampaignStrategy, DEFAULT_STRATEGY, parseStrategy } from "../../domain/strategy";
import type { Campaign, CampaignSupervisionStore } from "../../store/campaigns";
import type { CaseStore } from "../../store/cases";
import { allCases } from "../../store/cursor";
import type { ParticipantStore } from "../../store/participants";
import { CampaignStartRefusedError, startCampaign } from "../start-campaign";

export interface CampaignControlDeps {
  campaigns: CampaignSupervisionStore;
  executions: CampaignExecutions;
  clock: Clock;
}

export interface CampaignState {
  campaignId: string;
  campaign?: Campaign;
  /** The latest run (`-rN`) of the campaign's execution. */
  execution?: ExecutionSummary;
}

async function latestExecution(executions: CampaignExecutions, branchCode: string, period: string) {
  let latest: ExecutionSummary | undefined;
  for (let run = 1; run <= MAX_RUNS; run++) {
    const execution = await executions.describe(campaignExecutionName(branchCode, period, run));
    if (!execution) break;
    latest = execution;
  }
  return latest;
}

/** The campaign item and its latest execution; neither exists before the first start. */
export async function campaignStateOf(
  deps: Pick<CampaignControlDeps, "campaigns" | "executions">,
  branchCode: string,
  period: string,
): Promise<CampaignState> {
  const campaignId = campaignIdOf(branchCode, period);
  const [campaign, execution] = await Promise.all([
    deps.campaigns.get(campaignId),
    latestExecution(deps.executions, branchCode, period),
  ]);
  return { campaignId, ...(campaign ? { campaign } : {}), ...(execution ? { execution } : {}) };
}

/** What a start would map and the calls the branch can make; writes nothing, contacts nobody. */
export async function dryRunCampaign(
  deps: { participants: Pick<ParticipantStore, "pageInArrears" | "countBelow">; clock: Clock },
  input: { branch: Branch; period: string; callsPerAgentDay: number; strategy?: CampaignStrategy },
) {
  const strategy = input.strategy ?? DEFAULT_STRATEGY;
  const participants: Participant[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.participants.pageInArrears(input.branch.code, strategy.minMonths, cursor);
    participants.push(...page.participants);
    cursor = page.cursor;
  } while (cursor);
  const now = deps.clock.now();
  const plan = planCampaign({
    branch: input.branch,
    period: input.period,
    strategy,
    participants,
    belowMinMonths: await deps.participants.countBelow(input.branch.code, strategy.minMonths),
    now,
    callsPerAgentDay: input.callsPerAgentDay,
  });
  const check = checkCampaignStart({
    branch: input.branch,
    period: input.period,
    graceDays: strategy.graceDays,
    now,
  });
  return { plan, refused: check.ok ? null : { reason: check.reason, message: check.message } };
}

/**
 * Starts (or resumes) the campaign; refused (CampaignStartRefusedError) when its period is over or
 * has no calling day left, unless `force`. A stopped campaign's new run is checked the same way
 * before its stop mark is lifted.
 */
export async function startBranchCampaign(
  deps: CampaignControlDeps,
  input: { branch: Branch; period: string; strategy?: CampaignStrategy; force?: boolean },
) {
  const campaignId = campaignIdOf(input.branch.code, input.period);
  const force = input.force === true;
  const stored = await deps.campaigns.get(campaignId);
  // A campaign keeps the strategy it started with: a new run is checked, and runs, under it.
  const strategy = stored ? parseStrategy(stored.strategy) : input.strategy;
  if (stored?.stopped) {
    const check = checkCampaignStart({
      branch: input.branch,
      period: input.period,
      graceDays: (strategy ?? DEFAULT_STRATEGY).graceDays,
      now: deps.clock.now(),
    });
    if (!check.ok && !force) {
      throw new CampaignStartRefusedError(check);
    }
    await deps.campaigns.clearStopped(campaignId);
  }
  return startCampaign(deps, {
    branch: input.branch,
    period: input.period,
    force,
    ...(strategy ? { strategy } : {}),
  });
}

/** A stop of a campaign that does not run. */
export class CampaignNotRunningError extends Error {
  override name = "CampaignNotRunningError";
}

/** Stops the running execution (no new SMS, no new call) and marks the campaign STOPPED with who and why. */
export async function stopBranchCampaign(
  deps: CampaignControlDeps & { stops: CampaignStops },
  input: { branch: Branch; period: string; by: string; reason: string },
) {
  const { branch, period } = input;
  const state = await campaignStateOf(deps, branch.code, period);
  const running = state.execution?.status === "RUNNING" ? state.execution : undefined;
  if (!running) {
    if (state.campaign?.status === "STOPPED") {
      return { outcome: "ALREADY_STOPPED" as const, stopped: state.campaign.stopped ?? null };
    }
    throw new CampaignNotRunningError(
      `campaign ${branch.code} ${period} is not running (phase ${state.campaign?.status ?? "-"}, execution ${state.execution?.status ?? "none"}): nothing to stop`,
    );
  }
  await deps.stops.stop(running.name, "CampaignStopped", `stopped by ${input.by}: ${input.reason}`);
  const now = deps.clock.now();
  await deps.campaigns.markStopped({
    campaignId: state.campaignId,
    branchCode: branch.code,
    period,
    by: input.by,
    reason: input.reason,
    now,
  });
  return {
    outcome: "STOPPED" as const,
    execution: running.name,
    by: input.by,
    reason: input.reason,
    at: now.toISOString(),
  };
}

function countStatuses(cases: readonly Case[]) {
  const byStatus: Record<string, number> = {};
  for (const c of cases) {
    const key = c.status === "CLOSED" ? `CLOSED:${c.closeReason ?? "UNKNOWN"}` : c.status;
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  return byStatus;
}

/**
 * Which calling day the campaign is on: of the `of` calling days its period had when it was
 * created, the `n` whose date has come in the branch's zone (until it closed or stopped).
 */
function callingDayOf(branch: Branch, campaign: Campaign, now: Date) {
  const days = callingDaysOf({
    branch,
    period: campaign.period,
    strategy: campaign.strategy ?? DEFAULT_STRATEGY,
    now: new Date(campaign.createdAt),
  });
  const ended = campaign.closedAt ?? (campaign.status === "STOPPED" ? campaign.stopped?.at : undefined);
  const today = localDate(ended ? new Date(ended) : now, branch.timeZone);
  return {
    n: days.filter((day) => day <= today).length,
    of: days.length,
    today,
    next: campaign.status === "DIALING" ? (campaign.nextCallingDay ?? null) : null,
  };
}

/** Phase, execution, cases per status and progress; undefined before the campaign's first start. */
export async function campaignProgress(
  deps: Pick<CampaignControlDeps, "campaigns" | "executions" | "clock"> & { cases: Pick<CaseStore, "page"> },
  input: { branch: Branch; period: string },
) {
  const { branch, period } = input;
  const state = await campaignStateOf(deps, branch.code, period);
  if (!state.campaign && !state.execution) return undefined;
  const cases = await allCases(deps.cases, state.campaignId);
  const campaign = state.campaign;
  return {
    campaignId: state.campaignId,
    branchCode: branch.code,
    period,
    phase: campaign?.status ?? "STARTING",
    execution: state.execution ?? null,
    cases: cases.length,
    byStatus: countStatuses(cases),
    progress: {
      settled: cases.filter((c) => c.status !== "OPEN").length,
      reminded: cases.filter(isReminded).length,
      smsSent: cases.filter((c) => c.smsSent > 0).length,
      called: cases.filter((c) => c.callAttempts > 0).length,
      paid: cases.filter((c) => c.status === "PAID").length,
      amountCollected: cases.reduce((n, c) => n + c.amountPaid, 0),
    },
    callingDay: campaign ? callingDayOf(branch, campaign, deps.clock.now()) : null,
    nextCallingDay: campaign?.status === "DIALING" ? (campaign.nextCallingDay ?? null) : null,
    stopped: campaign?.stopped ?? null,
    failure: campaign?.failure ?? null,
    now: deps.clock.now().toISOString(),
  };
}

export type CampaignProgress = NonNullable<Awaited<ReturnType<typeof campaignProgress>>>;

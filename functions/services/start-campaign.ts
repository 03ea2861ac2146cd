import type { Clock } from "../channels/clock";
import type { CampaignExecutions, ExecutionSummary } from "../channels/workflows";
import type { Branch } from "../domain/branches";
import { campaignExecutionName, MAX_RUNS, RESUMABLE_STATUSES } from "../domain/campaign-naming";
import {
  checkCampaignStart,
  type StartRefusal,
  type StartRefusalReason,
} from "../domain/campaign-start-rule";
import { localDate } from "../domain/local-time";
import { periodOf } from "../domain/period";
import { type CampaignStrategy, DEFAULT_STRATEGY } from "../domain/strategy";

export type StartOutcome = "STARTED" | "RESUMED" | "ALREADY_RUNNING" | "ALREADY_COMPLETED";

export interface StartCampaignResult {
  outcome: StartOutcome;
  period: string;
  execution: ExecutionSummary;
  /** Started although the rule refuses it (`force`): what the supervisor overrode. */
  forced?: StartRefusal;
}

export class TooManyRunsError extends Error {
  override name = "TooManyRunsError";
}

/** The campaign's period is over or has no calling day left; nothing was started. */
export class CampaignStartRefusedError extends Error {
  override name = "CampaignStartRefusedError";
  readonly reason: StartRefusalReason;

  constructor(refusal: StartRefusal) {
    super(refusal.message);
    this.reason = refusal.reason;
  }
}

/** What an existing execution of that name means for a start; undefined when a new run may resume it. */
function existingOutcome(execution: ExecutionSummary): StartOutcome | undefined {
  if (execution.status === "SUCCEEDED") return "ALREADY_COMPLETED";
  if (execution.status === "RUNNING" || !RESUMABLE_STATUSES.has(execution.status)) return "ALREADY_RUNNING";
  return undefined;
}

/**
 * Starts the campaign of a branch and period (default: the current month in the branch's zone).
 * A second start is a no-op that says so; a failed or stopped campaign resumes under `-r2`, `-r3`.
 * A new run is refused when the period is over or has no calling day left (it would text people
 * about a lost month, then close their cases unattempted), unless `force`.
 */
export async function startCampaign(
  deps: { executions: CampaignExecutions; clock: Clock },
  input: { branch: Branch; period?: string; strategy?: CampaignStrategy; force?: boolean },
): Promise<StartCampaignResult> {
  const now = deps.clock.now();
  const period = input.period ?? periodOf(localDate(now, input.branch.timeZone));
  const check = checkCampaignStart({
    branch: input.branch,
    period,
    graceDays: (input.strategy ?? DEFAULT_STRATEGY).graceDays,
    now,
  });
  const executionInput = { branchCode: input.branch.code, period, strategy: input.strategy ?? null };
  for (let run = 1; run <= MAX_RUNS; run++) {
    const name = campaignExecutionName(input.branch.code, period, run);
    const existing = await deps.executions.describe(name);
    const known = existing && existingOutcome(existing);
    if (existing && known) return { outcome: known, period, execution: existing };
    if (existing) continue;
    if (!check.ok && !input.force) throw new CampaignStartRefusedError(check);
    const { started, execution } = await deps.executions.start(name, executionInput);
    if (started) {
      return {
        outcome: run === 1 ? "STARTED" : "RESUMED",
        period,
        execution,
        ...(check.ok ? {} : { forced: { reason: check.reason, message: check.message } }),
      };
    }
    // Started by someone else meanwhile.
    const raced = existingOutcome(execution);
    if (raced) return { outcome: raced, period, execution };
  }
  throw new TooManyRunsError(
    `campaign ${input.branch.code} ${period} already ran ${MAX_RUNS} times without completing: look at its failures`,
  );
}

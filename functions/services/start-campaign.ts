import type { Clock } from "../channels/clock";
import type { CampaignExecutions, ExecutionSummary } from "../channels/workflows";
import type { Branch } from "../domain/branches";
import { localDateTime } from "../domain/calling-window";
import { campaignExecutionName, MAX_RUNS, periodOf, RESUMABLE_STATUSES } from "../domain/campaign-naming";
import type { CampaignStrategy } from "../domain/strategy";

export type StartOutcome = "STARTED" | "RESUMED" | "ALREADY_RUNNING" | "ALREADY_COMPLETED";

export interface StartCampaignResult {
  outcome: StartOutcome;
  period: string;
  execution: ExecutionSummary;
}

export class TooManyRunsError extends Error {
  override name = "TooManyRunsError";
}

/**
 * Starts the campaign of a branch and period (default: the current month in the branch's zone).
 * A second start is a no-op that says so; a failed or stopped campaign resumes under `-r2`, `-r3`.
 */
export async function startCampaign(
  deps: { executions: CampaignExecutions; clock: Clock },
  input: { branch: Branch; period?: string; strategy?: CampaignStrategy },
): Promise<StartCampaignResult> {
  const period = input.period ?? periodOf(localDateTime(deps.clock.now(), input.branch.timeZone).date);
  const executionInput = { branchCode: input.branch.code, period, strategy: input.strategy ?? null };
  for (let run = 1; run <= MAX_RUNS; run++) {
    const name = campaignExecutionName(input.branch.code, period, run);
    const { started, execution } = await deps.executions.start(name, executionInput);
    if (started) return { outcome: run === 1 ? "STARTED" : "RESUMED", period, execution };
    if (execution.status === "RUNNING") return { outcome: "ALREADY_RUNNING", period, execution };
    if (execution.status === "SUCCEEDED") return { outcome: "ALREADY_COMPLETED", period, execution };
    if (!RESUMABLE_STATUSES.has(execution.status)) return { outcome: "ALREADY_RUNNING", period, execution };
  }
  throw new TooManyRunsError(
    `campaign ${input.branch.code} ${period} already ran ${MAX_RUNS} times without completing: look at its failures`,
  );
}

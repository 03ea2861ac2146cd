import type { CampaignExecutions, ExecutionSummary } from "../functions/channels/workflows";
import { campaignExecutionName, MAX_RUNS } from "../functions/domain/campaign-naming";
import { campaignIdOf } from "../functions/domain/case";
import { type Campaign, DynamoCampaignStore } from "../functions/store/campaigns";
import { CliError } from "./errors";
import type { Target } from "./target";

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

/** The campaign item and its latest execution; CliError when neither exists. */
export async function campaignState(
  target: Target,
  branchCode: string,
  period: string,
): Promise<CampaignState> {
  const campaignId = campaignIdOf(branchCode, period);
  const [campaign, execution] = await Promise.all([
    new DynamoCampaignStore(target.doc, target.tables.campaigns).get(campaignId),
    latestExecution(target.executions, branchCode, period),
  ]);
  if (!campaign && !execution) {
    throw new CliError(
      `campaign ${branchCode} ${period} not found in ${target.description}: start it with \`telecollect campaign start --branch ${branchCode} --period ${period}\``,
    );
  }
  return {
    campaignId,
    ...(campaign ? { campaign } : {}),
    ...(execution ? { execution } : {}),
  };
}

import { type CampaignState, campaignStateOf } from "../functions/services/supervisor/campaigns";
import { DynamoCampaignStore } from "../functions/store/campaigns";
import { CliError } from "./errors";
import type { Target } from "./target";

/** The campaign item and its latest execution; CliError when neither exists. */
export async function campaignState(
  target: Target,
  branchCode: string,
  period: string,
): Promise<CampaignState> {
  const state = await campaignStateOf(
    {
      campaigns: new DynamoCampaignStore(target.doc, target.tables.campaigns),
      executions: target.executions,
    },
    branchCode,
    period,
  );
  if (!state.campaign && !state.execution) {
    throw new CliError(
      `campaign ${branchCode} ${period} not found in ${target.description}: start it with \`telecollect campaign start --branch ${branchCode} --period ${period}\``,
    );
  }
  return state;
}

import { z } from "zod";
import { UnknownBranchError } from "../services/campaign-phases";
import { CampaignStartRefusedError, startCampaign } from "../services/start-campaign";
import { campaignRef } from "./campaign-input";
import { stepFunctionsExecutions } from "./shared/aws/campaign-executions";
import { type NamedAdapters, ports } from "./shared/composition-root";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger } from "./shared/powertools";
import { strategyOf } from "./shared/strategy";

/** The monthly schedule's target: it knows the branch, this computes the period and the name. */
const schema = z.object({
  branchCode: campaignRef.branchCode,
  period: campaignRef.period.optional(),
});

const adapters = { campaignExecutions: stepFunctionsExecutions } satisfies NamedAdapters;

/**
 * A period with no calling day left is refused as `campaign start` refuses it, with no override:
 * the invocation fails with CampaignStartRefusedError, so the Lambda errors alarm pages the
 * supervisors (its retries refuse the same way, then it lands in the dead-letter queue).
 */
export const handler = lambdaHandler(schema, async (event) => {
  const p = ports(adapters);
  const branch = p.branches.get(event.branchCode);
  if (!branch) throw new UnknownBranchError(`branch ${event.branchCode} is not configured`);
  const result = await startCampaign(
    { executions: p.executions(), clock: p.clock },
    {
      branch,
      ...(event.period ? { period: event.period } : {}),
      ...strategyOf(p.config.channels),
    },
  ).catch((error: unknown) => {
    if (error instanceof CampaignStartRefusedError) {
      logger.error("campaign start refused", { branchCode: event.branchCode, reason: error.reason });
    }
    throw error;
  });
  logger.info("campaign start", {
    branchCode: event.branchCode,
    period: result.period,
    outcome: result.outcome,
  });
  return { outcome: result.outcome, period: result.period, executionName: result.execution.name };
});

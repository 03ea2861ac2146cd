import { SFNClient } from "@aws-sdk/client-sfn";
import { z } from "zod";
import { StepFunctionsCampaignExecutions } from "../channels/workflows/step-functions";
import { ConfigError } from "../config";
import { describeIssues, ENVIRONMENT } from "../domain/validation";
import { UnknownBranchError } from "../services/campaign-phases";
import { CampaignStartRefusedError, startCampaign } from "../services/start-campaign";
import { campaignRef } from "./campaign-input";
import { dependencies } from "./shared/dependencies";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger } from "./shared/powertools";

/** The monthly schedule's target: it knows the branch, this computes the period and the name. */
const schema = z.object({
  branchCode: campaignRef.branchCode,
  period: campaignRef.period.optional(),
});

const envSchema = z.object({
  CAMPAIGN_STATE_MACHINE_ARN: z.string().regex(/^arn:aws[a-z-]*:states:/, "must be a state machine ARN"),
});

let executions: StepFunctionsCampaignExecutions | undefined;

function campaignExecutions() {
  if (executions) return executions;
  const env = envSchema.safeParse(process.env);
  if (!env.success)
    throw new ConfigError(`invalid environment: ${describeIssues(env.error.issues, ENVIRONMENT)}`);
  executions = new StepFunctionsCampaignExecutions(new SFNClient({}), env.data.CAMPAIGN_STATE_MACHINE_ARN);
  return executions;
}

/**
 * A period with no calling day left is refused as `campaign start` refuses it, with no override:
 * the invocation fails with CampaignStartRefusedError, so the Lambda errors alarm pages the
 * supervisors (its retries refuse the same way, then it lands in the dead-letter queue).
 */
export const handler = lambdaHandler(schema, async (event) => {
  const deps = dependencies();
  const branch = deps.branches.get(event.branchCode);
  if (!branch) throw new UnknownBranchError(`branch ${event.branchCode} is not configured`);
  const result = await startCampaign(
    { executions: campaignExecutions(), clock: deps.clock },
    { branch, ...(event.period ? { period: event.period } : {}) },
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

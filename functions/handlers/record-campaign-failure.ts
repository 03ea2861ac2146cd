import { z } from "zod";
import { recordCampaignFailure } from "../services/campaign-phases";
import { campaignRef } from "./campaign-input";
import { ports } from "./shared/composition-root";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger } from "./shared/powertools";

const schema = z.object({
  ...campaignRef,
  failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }),
});

export const handler = lambdaHandler(schema, async (event) => {
  const result = await recordCampaignFailure(ports(), event);
  logger.error("campaign failed", {
    branchCode: event.branchCode,
    period: event.period,
    error: result.error,
  });
  return result;
});

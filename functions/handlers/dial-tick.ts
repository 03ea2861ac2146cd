import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { z } from "zod";
import { dialTick } from "../services/dial-tick";
import { campaignRef } from "./campaign-input";
import { connectDialer } from "./shared/aws/dialer";
import { type NamedAdapters, ports } from "./shared/composition-root";
import { dialingDependencies } from "./shared/dialing";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger, metrics } from "./shared/powertools";

export const dialTickInputSchema = z.object({
  ...campaignRef,
  day: z.iso.date("must be the local calling day YYYY-MM-DD"),
});

export type DialTickEvent = z.infer<typeof dialTickInputSchema>;

const adapters = { dialer: connectDialer } satisfies NamedAdapters;

/** One tick of a branch's progressive dialer; the dialing-day state machine waits until nextTickAt. */
export const handler = lambdaHandler(dialTickInputSchema, async (event: DialTickEvent) => {
  const result = await dialTick(dialingDependencies(ports(adapters), logger), event);
  metrics.addDimension("branch", event.branchCode);
  metrics.addMetric("CallsStarted", MetricUnit.Count, result.started);
  metrics.addMetric("CallsReconciled", MetricUnit.Count, result.reconciled);
  if (result.started > 0 || result.reconciled > 0 || result.dayDone)
    logger.info("dial tick", { ...event, ...result });
  return result;
});

import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context } from "aws-lambda";
import { z } from "zod";
import { campaignStrategySchema } from "../domain/strategy";
import { mapArrears } from "../services/map-arrears";
import { campaignRef, pageCursor } from "./campaign-input";
import { ports } from "./shared/composition-root";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger, metrics } from "./shared/powertools";

export const mapArrearsInputSchema = z.object({
  ...campaignRef,
  strategy: campaignStrategySchema.nullish(),
  cursor: pageCursor,
});

export type MapArrearsEvent = z.infer<typeof mapArrearsInputSchema>;

/** Time kept back from the Lambda timeout to release the lease and return the cursor. */
const SAFETY_MARGIN_MS = 15_000;

const mapArrearsHandler = async (event: MapArrearsEvent, context: Context) => {
  const p = ports();
  const remaining = context.getRemainingTimeInMillis();
  const now = p.clock.now();
  const result = await mapArrears(
    p,
    { ...event, cursor: event.cursor ?? undefined, strategy: event.strategy ?? undefined },
    {
      now,
      timeBudgetMs: Math.max(1, Math.min(p.config.mapArrears.timeBudgetMs, remaining - SAFETY_MARGIN_MS)),
      deadline: now.getTime() + remaining,
      // The runtime's clock, not the process's: a simulated month maps in the same pages on any machine.
      elapsedClock: () => p.clock.now().getTime(),
    },
  );
  metrics.addDimension("branch", event.branchCode);
  metrics.addMetric("CasesCreated", MetricUnit.Count, result.created);
  logger.info("mapped arrears page", {
    campaignId: result.campaignId,
    created: result.created,
    existing: result.existing,
    skipped: result.skipped,
    more: Boolean(result.cursor),
  });
  return result;
};

export const handler = lambdaHandler(mapArrearsInputSchema, mapArrearsHandler);

import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { z } from "zod";
import { closeCampaign } from "../services/campaign-phases";
import { campaignRef, pageCursor } from "./campaign-input";
import { snsTopicNotifier } from "./shared/aws/supervisors";
import { type NamedAdapters, ports } from "./shared/composition-root";
import { kaderHandoffOf } from "./shared/kader-handoff";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger, metrics } from "./shared/powertools";

const schema = z.object({ ...campaignRef, cursor: pageCursor });
const adapters = { supervisors: snsTopicNotifier } satisfies NamedAdapters;

export const handler = lambdaHandler(schema, async (event) => {
  const p = ports(adapters);
  const result = await closeCampaign({ ...p, notifier: p.notifier(), handOff: kaderHandoffOf(p) }, event);
  if (result.report) {
    metrics.addDimension("branch", event.branchCode);
    metrics.addMetric("AmountCollected", MetricUnit.Count, result.report.total.amountCollected);
    metrics.addMetric("CasesPaid", MetricUnit.Count, result.report.total.paid);
    logger.info("campaign closed", {
      campaignId: result.report.campaignId,
      ...result.report.finalStatuses,
      kaderHandoff: result.handOff,
    });
  }
  // The state machine needs only the paging state; the report stays on the campaign item.
  return { closed: result.closed, ...(result.cursor ? { cursor: result.cursor } : {}) };
});

import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { z } from "zod";
import { sendFollowUps } from "../services/follow-ups";
import { campaignRef } from "./campaign-input";
import { snsSmsSender } from "./shared/aws/sms";
import { socialMessagingWhatsAppSender } from "./shared/aws/whatsapp";
import { type NamedAdapters, ports } from "./shared/composition-root";
import { followUpDependencies } from "./shared/follow-ups";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger, metrics } from "./shared/powertools";

const schema = z.object({ ...campaignRef });

const adapters = { sms: snsSmsSender, whatsapp: socialMessagingWhatsAppSender } satisfies NamedAdapters;

/** When a calling day's window opens: the day's promise eves and the thank-yous since the last sweep. */
export const handler = lambdaHandler(schema, async (event) => {
  const tally = await sendFollowUps(followUpDependencies(ports(adapters)), event);
  metrics.addDimension("branch", event.branchCode);
  metrics.addMetric("FollowUpsSent", MetricUnit.Count, tally.sent);
  metrics.addMetric("FollowUpsFailed", MetricUnit.Count, tally.failed);
  logger.info("follow-ups", { branchCode: event.branchCode, period: event.period, ...tally });
  return tally;
});

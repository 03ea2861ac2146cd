import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { z } from "zod";
import {
  InvalidMessagingEventError,
  type MessagingEvent,
  parseSocialMessagingEvent,
} from "../domain/whatsapp-events";
import { type MessagingEventOutcome, recordMessagingEvents } from "../services/messaging-events";
import { snsSmsSender } from "./shared/aws/sms";
import { socialMessagingWhatsAppSender } from "./shared/aws/whatsapp";
import { type NamedAdapters, ports } from "./shared/composition-root";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger, metrics } from "./shared/powertools";

/** The SNS notification of the WABA's event destination; unknown fields are ignored. */
export const messagingSnsEventSchema = z.looseObject({
  Records: z.array(z.looseObject({ Sns: z.looseObject({ Message: z.string() }) })).min(1),
});

/** Free-form answers to replies (REHAB steps, acknowledgements) go out on WhatsApp; a failed message's SMS by SNS. */
const adapters = { sms: snsSmsSender, whatsapp: socialMessagingWhatsAppSender } satisfies NamedAdapters;

const METRIC: Record<MessagingEventOutcome, string> = {
  APPLIED: "MessagingEventsApplied",
  UNCHANGED: "MessagingEventsUnchanged",
  DROPPED: "MessagingEventsDropped",
};

/** A message not in End User Messaging Social's shape is logged (the field, no values) and dropped: no retry fixes it. */
function eventsOf(message: string): MessagingEvent[] {
  try {
    return parseSocialMessagingEvent(message);
  } catch (error) {
    if (!(error instanceof InvalidMessagingEventError)) throw error;
    logger.warn("messaging event dropped", { reason: error.message });
    metrics.addMetric(METRIC.DROPPED, MetricUnit.Count, 1);
    return [];
  }
}

/**
 * WhatsApp statuses and replies from End User Messaging Social (SNS): unordered, possibly repeated.
 * A status ahead of its message's record
 * throws MessageNotRecordedError, and SNS's retries of the async invocation deliver it again.
 */
export const handler = lambdaHandler(messagingSnsEventSchema, async (event) => {
  const p = ports(adapters);
  const events = event.Records.flatMap((record) => eventsOf(record.Sns.Message));
  const outcomes = await recordMessagingEvents(
    {
      messages: p.messages,
      profiles: p.profiles,
      cases: p.cases,
      caseReplies: p.caseReplies,
      caseSms: p.caseSms,
      followUps: p.caseFollowUps,
      dueSoon: p.dueSoon,
      campaigns: p.campaigns,
      interactions: p.interactions,
      branches: p.branches,
      whatsapp: p.whatsapp(),
      rateLimiter: p.rateLimiter,
      get sms() {
        return p.sms();
      },
      smsPerSecond: p.config.quotas.smsPerSecond,
      whatsappPerSecond: p.config.quotas.whatsappPerSecond,
      clock: p.clock,
      log: logger,
    },
    events,
  );
  for (const outcome of outcomes) metrics.addMetric(METRIC[outcome], MetricUnit.Count, 1);
  return { events: outcomes.length };
});

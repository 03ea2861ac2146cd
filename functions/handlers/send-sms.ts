import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context } from "aws-lambda";
import { z } from "zod";
import { sendSms } from "../services/send-sms";
import { campaignRef, pageCursor } from "./campaign-input";
import { snsSmsSender } from "./shared/aws/sms";
import { socialMessagingWhatsAppSender } from "./shared/aws/whatsapp";
import { type NamedAdapters, ports } from "./shared/composition-root";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger, metrics } from "./shared/powertools";

export const sendSmsInputSchema = z.object({
  ...campaignRef,
  wave: z.int().min(1, "must be 1 or more").default(1),
  /** The wave's SMS fallback pass (WhatsApp reminders not delivered in time). */
  fallback: z.boolean().default(false),
  cursor: pageCursor,
});

export type SendSmsEvent = z.infer<typeof sendSmsInputSchema>;

const adapters = { sms: snsSmsSender, whatsapp: socialMessagingWhatsAppSender } satisfies NamedAdapters;

/** Real time the wave may use per invocation; the state machine loops on the cursor. */
const TIME_BUDGET_MS = 60_000;
/** Kept back from the Lambda timeout for the group in flight (retries back off up to ~7 s) and the return. */
const SAFETY_MARGIN_MS = 20_000;

const sendSmsHandler = async (event: SendSmsEvent, context: Context) => {
  const p = ports(adapters);
  const remaining = context.getRemainingTimeInMillis();
  const result = await sendSms(
    {
      clock: p.clock,
      branches: p.branches,
      campaigns: p.campaigns,
      cases: p.cases,
      caseSms: p.caseSms,
      interactions: p.interactions,
      rateLimiter: p.rateLimiter,
      sms: p.sms(),
      smsPerSecond: p.config.quotas.smsPerSecond,
      whatsapp: p.whatsapp(),
      whatsappPerSecond: p.config.quotas.whatsappPerSecond,
      messages: p.messages,
      profiles: p.profiles,
    },
    { ...event, cursor: event.cursor ?? undefined },
    { timeBudgetMs: Math.max(1, Math.min(TIME_BUDGET_MS, remaining - SAFETY_MARGIN_MS)) },
  );
  metrics.addDimension("branch", event.branchCode);
  metrics.addMetric("RemindersSent", MetricUnit.Count, result.sent);
  metrics.addMetric("WhatsAppSent", MetricUnit.Count, result.whatsapp);
  metrics.addMetric("SmsSent", MetricUnit.Count, result.sent - result.whatsapp);
  metrics.addMetric("SmsSegments", MetricUnit.Count, result.segments);
  metrics.addMetric("SmsFailed", MetricUnit.Count, result.failed);
  metrics.addMetric("SmsUnconfirmed", MetricUnit.Count, result.unconfirmed);
  // The cursor is left out: it holds a card number.
  const { cursor, ...counts } = result;
  logger.info("sms wave page", {
    branchCode: event.branchCode,
    period: event.period,
    wave: event.wave,
    ...counts,
    segmentsPerReminder: result.sent === 0 ? 0 : result.segments / result.sent,
    more: Boolean(cursor),
  });
  return result;
};

export const handler = lambdaHandler(sendSmsInputSchema, sendSmsHandler);

import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { z } from "zod";
import { CONTACT_EVENT_TYPES } from "../channels/dialer";
import { callOutcomeOf } from "../channels/dialer/connect";
import { agentIdOf } from "../domain/agent";
import { type ContactEvent, recordContactEvent } from "../services/call-outcome";
import { sendMissedCallFollowUp } from "../services/follow-ups";
import { connectDialer } from "./shared/aws/dialer";
import { snsSmsSender } from "./shared/aws/sms";
import { socialMessagingWhatsAppSender } from "./shared/aws/whatsapp";
import { type NamedAdapters, ports } from "./shared/composition-root";
import { freeingDependencies } from "./shared/dialing";
import { followUpDependencies } from "./shared/follow-ups";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger, metrics } from "./shared/powertools";

const agentInfoSchema = z.looseObject({
  agentArn: z.string().optional(),
  connectedToAgentTimestamp: z.string().optional(),
});

/** The EventBridge envelope of an Amazon Connect contact event; unknown fields are ignored. */
export const contactEventSchema = z.looseObject({
  source: z.string(),
  "detail-type": z.string(),
  time: z.string().optional(),
  detail: z.looseObject({
    eventType: z.string(),
    contactId: z.string().min(1),
    initiationMethod: z.string().optional(),
    disconnectReason: z.string().optional(),
    connectedToSystemTimestamp: z.string().optional(),
    disconnectTimestamp: z.string().optional(),
    agentInfo: agentInfoSchema.optional(),
    // The admin guide's own sample spells it this way once.
    AgentInfo: agentInfoSchema.optional(),
  }),
});

export type ConnectContactEvent = z.infer<typeof contactEventSchema>;

/** A freed agent gets the next call at once (the dialer); an unanswered call gets its follow-up. */
const adapters = {
  dialer: connectDialer,
  sms: snsSmsSender,
  whatsapp: socialMessagingWhatsAppSender,
} satisfies NamedAdapters;

const instant = (...candidates: (string | undefined)[]) => {
  for (const c of candidates) {
    const at = c ? new Date(c) : undefined;
    if (at && !Number.isNaN(at.getTime())) return at;
  }
  return undefined;
};

/** What the dialer needs from a Connect event; undefined for events it does not act on. */
export function toContactEvent(event: ConnectContactEvent, now: Date): ContactEvent | undefined {
  if (event.source !== "aws.connect" || event["detail-type"] !== "Amazon Connect Contact Event")
    return undefined;
  const d = event.detail;
  // Only calls we started (StartOutboundVoiceContact); inbound calls share the instance.
  if (d.initiationMethod && d.initiationMethod !== "API") return undefined;
  const agent = d.agentInfo ?? d.AgentInfo;
  const agentId = agentIdOf(agent?.agentArn);
  if ((CONTACT_EVENT_TYPES as readonly string[]).includes(d.eventType)) {
    const talkedFrom = instant(agent?.connectedToAgentTimestamp);
    const talkedTo = instant(d.disconnectTimestamp);
    return {
      contactId: d.contactId,
      outcome: callOutcomeOf({
        disconnectReason: d.disconnectReason,
        connectedToAgent: Boolean(agent?.connectedToAgentTimestamp),
        connectedToSystem: Boolean(d.connectedToSystemTimestamp),
      }),
      agentId,
      at: instant(d.disconnectTimestamp, event.time) ?? now,
      disconnectReason: d.disconnectReason,
      ...(talkedFrom && talkedTo
        ? { talkSeconds: Math.max(0, Math.round((talkedTo.getTime() - talkedFrom.getTime()) / 1000)) }
        : {}),
    };
  }
  return undefined;
}

/** Amazon Connect contact events (EventBridge): unordered, possibly repeated, best effort. */
export const handler = lambdaHandler(contactEventSchema, async (event: ConnectContactEvent) => {
  const p = ports(adapters);
  const contactEvent = toContactEvent(event, p.clock.now());
  if (!contactEvent) {
    metrics.addMetric("ContactEventsIgnored", MetricUnit.Count, 1);
    return { status: "IGNORED" as const };
  }
  const followUps = followUpDependencies(p);
  const result = await recordContactEvent(
    {
      ...freeingDependencies(p, logger),
      sendMissedCallFollowUp: (c, options) => sendMissedCallFollowUp(followUps, c, options),
    },
    contactEvent,
  );
  metrics.addMetric(
    result.status === "APPLIED" ? "ContactEventsApplied" : "ContactEventsSkipped",
    MetricUnit.Count,
    1,
  );
  if (result.status === "UNKNOWN_CONTACT") {
    logger.info("contact event for no call in flight, ignored", {
      contactId: contactEvent.contactId,
      eventType: event.detail.eventType,
    });
  }
  return result;
});

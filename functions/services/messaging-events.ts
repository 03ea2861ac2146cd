import { type InteractionKind, interactionFor } from "../domain/interaction";
import { maskPhone } from "../domain/masking";
import { profileAfterStatus, type WhatsAppStatus } from "../domain/messaging";
import { DEFAULT_STRATEGY } from "../domain/strategy";
import type { MessagingEvent } from "../domain/whatsapp-events";
import { RetryableError } from "../errors";
import { smsForFailedWhatsApp } from "./failed-whatsapp";
import type { MessagingEventOutcome, MessagingEventsDeps } from "./messaging-deps";
import { recordInbound } from "./messaging-replies";

export type { MessagingEventOutcome, MessagingEventsDeps } from "./messaging-deps";

/** A status for a message the send has not recorded yet (the two race): the delivery retries. */
export class MessageNotRecordedError extends Error {
  override name = RetryableError.MessageNotRecorded;
}

/** Past this, a status for a message still unknown is not a race: it is dropped. */
const RACE_WINDOW_MS = 60 * 60 * 1000;

const STATUS_INTERACTION: Record<WhatsAppStatus, InteractionKind> = {
  SENT: "WHATSAPP_SENT",
  DELIVERED: "WHATSAPP_DELIVERED",
  READ: "WHATSAPP_READ",
  FAILED: "WHATSAPP_FAILED",
};

/**
 * Records WhatsApp statuses and the participants' replies, in order. Events come unordered and
 * possibly repeated: each is applied at most once (forward-only statuses, deduplicated
 * interactions, one answer per reply).
 */
export async function recordMessagingEvents(
  deps: MessagingEventsDeps,
  events: readonly MessagingEvent[],
): Promise<MessagingEventOutcome[]> {
  const outcomes: MessagingEventOutcome[] = [];
  for (const event of events) {
    outcomes.push(
      event.kind === "STATUS" ? await recordStatus(deps, event) : await recordInbound(deps, event),
    );
  }
  return outcomes;
}

/** A status ahead of its message's record is retried; one older than the race window is dropped. */
function unknownMessage(deps: MessagingEventsDeps, e: MessagingEvent & { kind: "STATUS" }): "DROPPED" {
  const masked = e.phone ? maskPhone(e.phone) : "unknown";
  if (e.messageId && deps.clock.now().getTime() - Date.parse(e.at) < RACE_WINDOW_MS) {
    throw new MessageNotRecordedError(
      `WhatsApp ${e.status} for ${e.messageId} (to ${masked}) before its record`,
    );
  }
  deps.log.info("WhatsApp status for no message of ours, dropped", { status: e.status, phone: masked });
  return "DROPPED";
}

async function recordStatus(
  deps: MessagingEventsDeps,
  e: MessagingEvent & { kind: "STATUS" },
): Promise<MessagingEventOutcome> {
  const message = e.messageId ? await deps.messages.get(e.messageId) : undefined;
  if (!message) return unknownMessage(deps, e);
  const updated = await deps.messages.applyStatus(message.messageId, e.status, e.at);
  if (!updated) return "UNCHANGED";
  await deps.interactions.record(
    interactionFor(
      message,
      STATUS_INTERACTION[e.status],
      new Date(e.at),
      `${message.messageId}#${e.status}`,
      {
        detail: {
          channel: message.channel,
          purpose: message.purpose,
          phone: maskPhone(message.phone),
          ...(e.errorCode !== undefined ? { errorCode: e.errorCode } : {}),
        },
      },
    ),
  );
  if (message.wave) {
    await deps.caseSms.markDelivery(
      message.campaignId,
      message.participantId,
      message.wave,
      updated.status,
      e.at,
    );
  }
  const campaign = await deps.campaigns.get(message.campaignId);
  const settings = (campaign?.strategy ?? DEFAULT_STRATEGY).messaging.whatsapp;
  const profile = await deps.profiles.update(message.participantId, (current) =>
    profileAfterStatus(
      current,
      { participantId: message.participantId, phone: message.phone, status: e.status, at: e.at },
      settings,
    ),
  );
  if (updated.status === "FAILED") {
    // A repeat of this status changes nothing above, so it never gets here twice; the claims guard the rest.
    const sms = await smsForFailedWhatsApp(deps, message, profile, campaign);
    deps.log.info("failed WhatsApp message, its SMS", {
      purpose: message.purpose,
      sms,
      phone: maskPhone(message.phone),
    });
  }
  return "APPLIED";
}

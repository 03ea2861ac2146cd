import type { ButtonChoice } from "../domain/messaging";
import { FatalError } from "../errors";

/**
 * Port for WhatsApp: AWS End User Messaging Social in AWS (whatsapp/social-messaging.ts), a seeded
 * simulator locally (local/adapters/whatsapp-simulator.ts). Statuses and replies come back
 * asynchronously as events (functions/domain/whatsapp-events.ts) to the messaging-events handler.
 */

/** An approved template (templates/whatsapp/<name>.json), Indonesian, with its body parameters. */
export interface WhatsAppTemplateMessage {
  /** E.164, +62... */
  phone: string;
  template: string;
  /** The body's {{1}}, {{2}}, ... in order. */
  parameters: readonly string[];
  /** Our message id (messageIdOf): sent as biz_opaque_callback_data, so statuses name it. */
  messageId: string;
  /** The quick-reply buttons' choices, in the template's button order (payloads carry messageId). */
  buttons: readonly ButtonChoice[];
}

/**
 * A free-form message: allowed only within 24 hours of the participant's last message to us
 * (the customer-service window), e.g. the REHAB steps after "Info REHAB".
 */
export interface WhatsAppTextMessage {
  phone: string;
  text: string;
  messageId: string;
  /** Up to 3 reply buttons (interactive message), e.g. the callback windows. */
  buttons?: readonly ButtonChoice[];
}

export class WhatsAppSendError extends Error {
  override name = FatalError.WhatsAppSend;
  constructor(
    message: string,
    /** Throttling and transient faults: worth another try after a backoff. */
    readonly retryable: boolean,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface WhatsAppSender {
  /** Sends one template message; throws WhatsAppSendError. */
  sendTemplate(message: WhatsAppTemplateMessage): Promise<{ providerMessageId: string }>;
  /** Sends one free-form message inside the 24-hour window; throws WhatsAppSendError. */
  sendText(message: WhatsAppTextMessage): Promise<{ providerMessageId: string }>;
}

import { FatalError } from "../errors";
import type { ButtonChoice, WhatsAppStatus } from "./messaging";

/**
 * What the WhatsApp Business Account's event destination reports, read from AWS End User Messaging
 * Social's envelope (an SNS message: the AWS header and `whatsAppWebhookEntry`, Meta's webhook
 * entry as a JSON string). Personal data (numbers, texts) stays in these values: mask before logging.
 */
export type MessagingEvent =
  | {
      kind: "STATUS";
      /** Meta's message id (wamid...). */
      providerMessageId: string;
      /** Ours (biz_opaque_callback_data), when the message carried it. */
      messageId?: string;
      status: WhatsAppStatus;
      /** ISO UTC, from Meta's timestamp. */
      at: string;
      /** Meta's error code of a failed message (131026: not on WhatsApp / undeliverable). */
      errorCode?: number;
      /** The recipient, E.164. */
      phone?: string;
    }
  | {
      kind: "INBOUND";
      providerMessageId: string;
      /** The sender, E.164 (+62...). */
      phone: string;
      at: string;
      /** A button of one of our messages (quick reply or callback window). */
      button?: { messageId: string; choice: ButtonChoice };
      /** Free text (or a button we cannot read back). */
      text?: string;
      /** Meta's id of the message replied to (context.id), when any. */
      repliedTo?: string;
    };

/** An event that is not End User Messaging Social's shape: logged (masked) and dropped, never retried. */
export class InvalidMessagingEventError extends Error {
  override name = FatalError.InvalidEvent;
}

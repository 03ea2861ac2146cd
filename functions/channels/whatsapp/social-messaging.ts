import { SendWhatsAppMessageCommand, type SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import type { WhatsAppConfig } from "../../config";
import { type ButtonChoice, buttonPayload, CALLBACK_WINDOWS, QUICK_REPLIES } from "../../domain/messaging";
import { describeSdkError, sdkErrorFacts, withoutSdkMessage } from "../sdk-error";
import {
  WhatsAppSendError,
  type WhatsAppSender,
  type WhatsAppTemplateMessage,
  type WhatsAppTextMessage,
} from "../whatsapp";

const OPERATION = "SendWhatsAppMessage";

/** The service or Meta is busy or failed for a moment: the message was not taken, try later. */
const RETRYABLE = new Set([
  "ThrottledRequestException",
  "LimitExceededException",
  "InternalServiceException",
  "DependencyException",
]);

/** About this message or the account's access: another try sends the same refusal. */
const REFUSED = new Set([
  "ValidationException",
  "InvalidParametersException",
  "AccessDeniedException",
  "AccessDeniedByMetaException",
  "ResourceNotFoundException",
]);

/** The request never reached the service: safe to send again. */
const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** Interactive messages take at most 3 reply buttons, each title at most 20 characters. */
const MAX_REPLY_BUTTONS = 3;
const MAX_TITLE = 20;

/**
 * An SDK error as the port's WhatsAppSendError, named by the error's name and never quoting its
 * message (it can quote the recipient). Undefined for an error no service answered (a bug, missing
 * credentials): the caller lets it through.
 */
export function toWhatsAppSendError(error: unknown): WhatsAppSendError | undefined {
  if (error instanceof WhatsAppSendError) return error;
  const facts = sdkErrorFacts(error);
  const { name, status, fault, code, throttling } = facts;
  const described = describeSdkError(OPERATION, facts);
  if (RETRYABLE.has(name) || throttling || status === 429)
    return new WhatsAppSendError(described, true, name);
  if (REFUSED.has(name)) return new WhatsAppSendError(described, false, name);
  if ((status !== undefined && status >= 500) || fault === "server")
    return new WhatsAppSendError(described, true, name);
  if (status !== undefined) return new WhatsAppSendError(described, false, name);
  if (code && NOT_CONNECTED.has(code)) return new WhatsAppSendError(described, true, code);
  // No answer after the request went out: it may have been sent, so it is not sent again.
  if (name === "TimeoutError" || name === "RequestTimeout" || code === "ECONNRESET" || code === "ETIMEDOUT")
    return new WhatsAppSendError(`${described}: outcome unknown`, false, "OUTCOME_UNKNOWN");
  return undefined;
}

const buttonTitle = (choice: ButtonChoice) =>
  choice.kind === "QUICK_REPLY" ? QUICK_REPLIES[choice.reply] : CALLBACK_WINDOWS[choice.window].label;

/** The Cloud API's recipient: the E.164 number's digits, without "+". */
function recipient(phone: string): string {
  if (!/^\+[1-9]\d{7,14}$/.test(phone))
    throw new WhatsAppSendError("the phone number is not E.164", false, "InvalidPhoneNumber");
  return phone.slice(1);
}

/** A template message as the WhatsApp Cloud API takes it: body parameters, one payload per quick reply. */
export function templateMessageJson(message: WhatsAppTemplateMessage) {
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: recipient(message.phone),
    type: "template",
    biz_opaque_callback_data: message.messageId,
    template: {
      name: message.template,
      language: { code: "id" },
      components: [
        { type: "body", parameters: message.parameters.map((text) => ({ type: "text", text })) },
        ...message.buttons.map((choice, index) => ({
          type: "button",
          sub_type: "quick_reply",
          index: String(index),
          parameters: [{ type: "payload", payload: buttonPayload(message.messageId, choice) }],
        })),
      ],
    },
  };
}

/** A free-form message: plain text, or an interactive message with reply buttons. */
export function textMessageJson(message: WhatsAppTextMessage) {
  const envelope = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: recipient(message.phone),
    biz_opaque_callback_data: message.messageId,
  };
  const buttons = message.buttons ?? [];
  if (buttons.length === 0)
    return { ...envelope, type: "text", text: { preview_url: false, body: message.text } };
  if (buttons.length > MAX_REPLY_BUTTONS || buttons.some((b) => buttonTitle(b).length > MAX_TITLE))
    throw new WhatsAppSendError("at most 3 reply buttons of 20 characters", false, "InvalidButtons");
  return {
    ...envelope,
    type: "interactive",
    interactive: {
      type: "button",
      body: { text: message.text },
      action: {
        buttons: buttons.map((choice) => ({
          type: "reply",
          reply: { id: buttonPayload(message.messageId, choice), title: buttonTitle(choice) },
        })),
      },
    },
  };
}

/** The AWS adapter of the WhatsApp port: one SendWhatsAppMessage per message, from the WABA's number. */
export class SocialMessagingWhatsAppSender implements WhatsAppSender {
  constructor(
    /** Build it with maxAttempts 1: retries are the caller's, paced like the SMS wave's. */
    private readonly client: SocialMessagingClient,
    private readonly config: WhatsAppConfig,
  ) {}

  async sendTemplate(message: WhatsAppTemplateMessage): Promise<{ providerMessageId: string }> {
    return this.send(templateMessageJson(message));
  }

  async sendText(message: WhatsAppTextMessage): Promise<{ providerMessageId: string }> {
    return this.send(textMessageJson(message));
  }

  private async send(json: object): Promise<{ providerMessageId: string }> {
    let providerMessageId: string | undefined;
    try {
      const out = await this.client.send(
        new SendWhatsAppMessageCommand({
          originationPhoneNumberId: this.config.phoneNumberId,
          metaApiVersion: this.config.metaApiVersion,
          message: new TextEncoder().encode(JSON.stringify(json)),
        }),
      );
      providerMessageId = out.messageId;
    } catch (error) {
      throw toWhatsAppSendError(error) ?? withoutSdkMessage(error, OPERATION);
    }
    // Accepted without an id: it may go out, so it must not be sent again.
    if (!providerMessageId)
      throw new WhatsAppSendError(`${OPERATION} answered without a messageId`, false, "OUTCOME_UNKNOWN");
    return { providerMessageId };
  }
}

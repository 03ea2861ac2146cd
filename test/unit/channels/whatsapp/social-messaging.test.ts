import {
  AccessDeniedException,
  InternalServiceException,
  InvalidParametersException,
  ResourceNotFoundException,
  SendWhatsAppMessageCommand,
  SocialMessagingClient,
  ThrottledRequestException,
  ValidationException,
} from "@aws-sdk/client-socialmessaging";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import {
  WhatsAppSendError,
  type WhatsAppTemplateMessage,
  type WhatsAppTextMessage,
} from "../../../../functions/channels/whatsapp";
import { SocialMessagingWhatsAppSender } from "../../../../functions/channels/whatsapp/social-messaging";
import { messageIdOf } from "../../../../functions/domain/messaging";

const social = mockClient(SocialMessagingClient);
const client = new SocialMessagingClient({ region: "ap-southeast-1", maxAttempts: 1 });
const PHONE_NUMBER_ID = "phone-number-id-0123456789abcdef0123456789abcdef";
const sender = new SocialMessagingWhatsAppSender(client, {
  phoneNumberId: PHONE_NUMBER_ID,
  metaApiVersion: "v20.0",
});

const messageId = messageIdOf("SEMARANG#2026-11#0001000000001#REMINDER#1");

const reminder: WhatsAppTemplateMessage = {
  phone: "+6281234567890",
  template: "telecollect_pengingat",
  parameters: ["Bapak/Ibu Siti", "8 bulan", "Rp280.000", "8888801000000005"],
  messageId,
  buttons: [
    { kind: "QUICK_REPLY", reply: "PAID" },
    { kind: "QUICK_REPLY", reply: "CALL_ME" },
    { kind: "QUICK_REPLY", reply: "STOP" },
  ],
};

/** The one command sent, with its message bytes read back as the JSON the Cloud API gets. */
function sentCommand() {
  const calls = social.commandCalls(SendWhatsAppMessageCommand);
  expect(calls).toHaveLength(1);
  const input = calls[0]?.args[0].input;
  expect(input?.message).toBeInstanceOf(Uint8Array);
  return {
    ...input,
    message: JSON.parse(new TextDecoder().decode(input?.message)) as unknown,
  };
}

beforeEach(() => social.reset());

describe("End User Messaging Social WhatsApp sender", () => {
  it("sends a template with its body parameters, our id as callback data and each button's payload", async () => {
    social.on(SendWhatsAppMessageCommand).resolves({ messageId: "wamid.1" });
    await expect(sender.sendTemplate(reminder)).resolves.toEqual({ providerMessageId: "wamid.1" });
    expect(sentCommand()).toEqual({
      originationPhoneNumberId: PHONE_NUMBER_ID,
      metaApiVersion: "v20.0",
      message: {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: "6281234567890",
        type: "template",
        biz_opaque_callback_data: messageId,
        template: {
          name: "telecollect_pengingat",
          language: { code: "id" },
          components: [
            {
              type: "body",
              parameters: [
                { type: "text", text: "Bapak/Ibu Siti" },
                { type: "text", text: "8 bulan" },
                { type: "text", text: "Rp280.000" },
                { type: "text", text: "8888801000000005" },
              ],
            },
            {
              type: "button",
              sub_type: "quick_reply",
              index: "0",
              parameters: [{ type: "payload", payload: `${messageId}:PAID` }],
            },
            {
              type: "button",
              sub_type: "quick_reply",
              index: "1",
              parameters: [{ type: "payload", payload: `${messageId}:CALL_ME` }],
            },
            {
              type: "button",
              sub_type: "quick_reply",
              index: "2",
              parameters: [{ type: "payload", payload: `${messageId}:STOP` }],
            },
          ],
        },
      },
    });
  });

  it("sends free text without a link preview", async () => {
    social.on(SendWhatsAppMessageCommand).resolves({ messageId: "wamid.2" });
    const text: WhatsAppTextMessage = { phone: "+6281234567890", text: "Langkah REHAB: ...", messageId };
    await sender.sendText(text);
    expect(sentCommand().message).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "6281234567890",
      biz_opaque_callback_data: messageId,
      type: "text",
      text: { preview_url: false, body: "Langkah REHAB: ..." },
    });
  });

  it("sends a question with reply buttons as an interactive message: ids are the payloads", async () => {
    social.on(SendWhatsAppMessageCommand).resolves({ messageId: "wamid.3" });
    await sender.sendText({
      phone: "+6281234567890",
      text: "Kapan kami dapat menelepon Anda?",
      messageId,
      buttons: [
        { kind: "CALLBACK_WINDOW", window: "MORNING" },
        { kind: "CALLBACK_WINDOW", window: "AFTERNOON" },
        { kind: "CALLBACK_WINDOW", window: "EVENING" },
      ],
    });
    expect(sentCommand().message).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "6281234567890",
      biz_opaque_callback_data: messageId,
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Kapan kami dapat menelepon Anda?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: `${messageId}:WINDOW_MORNING`, title: "Pagi 08.00-12.00" } },
            { type: "reply", reply: { id: `${messageId}:WINDOW_AFTERNOON`, title: "Siang 12.00-16.00" } },
            { type: "reply", reply: { id: `${messageId}:WINDOW_EVENING`, title: "Sore 16.00-20.00" } },
          ],
        },
      },
    });
  });

  it("refuses more than three reply buttons and a number that is not E.164, sending nothing", async () => {
    const four = (["PAID", "CALL_ME", "REHAB_INFO", "STOP"] as const).map((reply) => ({
      kind: "QUICK_REPLY" as const,
      reply,
    }));
    await expect(
      sender.sendText({ phone: "+6281234567890", text: "x", messageId, buttons: four }),
    ).rejects.toMatchObject({
      code: "InvalidButtons",
      retryable: false,
    });
    await expect(sender.sendTemplate({ ...reminder, phone: "081234567890" })).rejects.toMatchObject({
      code: "InvalidPhoneNumber",
      retryable: false,
    });
    expect(social.commandCalls(SendWhatsAppMessageCommand)).toHaveLength(0);
  });

  const meta = (status: number) => ({ $metadata: { httpStatusCode: status, requestId: "r-1" } });

  it.each([
    [
      "ThrottledRequestException",
      new ThrottledRequestException({ message: "slow down +6281234567890", ...meta(429) }),
      true,
    ],
    [
      "InternalServiceException",
      new InternalServiceException({ message: "oops +6281234567890", ...meta(500) }),
      true,
    ],
    [
      "ValidationException",
      new ValidationException({ message: "bad to: 6281234567890", ...meta(400) }),
      false,
    ],
    [
      "InvalidParametersException",
      new InvalidParametersException({ message: "template param 6281234567890", ...meta(400) }),
      false,
    ],
    [
      "AccessDeniedException",
      new AccessDeniedException({ message: "denied 6281234567890", ...meta(403) }),
      false,
    ],
    [
      "ResourceNotFoundException",
      new ResourceNotFoundException({ message: "no phone-number-id", ...meta(404) }),
      false,
    ],
  ])("maps %s to a WhatsAppSendError named after it, retryable: %s", async (name, error, retryable) => {
    social.on(SendWhatsAppMessageCommand).rejects(error);
    const thrown = await sender.sendTemplate(reminder).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(WhatsAppSendError);
    expect(thrown).toMatchObject({ code: name, retryable });
    // The SDK's message may quote the number: the mapped error never does.
    expect((thrown as Error).message).toBe(
      `SendWhatsAppMessage: ${name} (HTTP ${error.$metadata.httpStatusCode}, request r-1)`,
    );
  });

  it("treats a timeout as possibly sent, never to be retried; a refused connection as retryable", async () => {
    social
      .on(SendWhatsAppMessageCommand)
      .rejects(Object.assign(new Error("timed out"), { name: "TimeoutError" }));
    await expect(sender.sendTemplate(reminder)).rejects.toMatchObject({
      code: "OUTCOME_UNKNOWN",
      retryable: false,
    });
    social.reset();
    social
      .on(SendWhatsAppMessageCommand)
      .rejects(Object.assign(new Error("connect"), { code: "ECONNREFUSED" }));
    await expect(sender.sendTemplate(reminder)).rejects.toMatchObject({
      code: "ECONNREFUSED",
      retryable: true,
    });
  });

  it("lets an error no service answered (a bug, missing credentials) through unchanged", async () => {
    const bug = new TypeError("cannot read properties of undefined");
    social.on(SendWhatsAppMessageCommand).rejects(bug);
    await expect(sender.sendTemplate(reminder)).rejects.toBe(bug);
  });

  it("treats an answer without a messageId as possibly sent, never to be retried", async () => {
    social.on(SendWhatsAppMessageCommand).resolves({});
    await expect(sender.sendTemplate(reminder)).rejects.toMatchObject({
      code: "OUTCOME_UNKNOWN",
      retryable: false,
    });
  });
});

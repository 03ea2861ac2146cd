import { describe, expect, it } from "vitest";
import { buttonPayload, messageIdOf } from "../../../functions/domain/messaging";
import {
  InvalidMessagingEventError,
  parseSocialMessagingEvent,
} from "../../../functions/domain/whatsapp-events";
import {
  buttonReplyValue,
  buttonValue,
  snsMessage,
  statusValue,
  textValue,
} from "../../support/social-messaging";

const messageId = messageIdOf("JKT01#2026-12#0001234567890#REMINDER#1");
const phone = "+6281234567890";
const at = "2026-12-07T03:04:05.000Z";

describe("parseSocialMessagingEvent", () => {
  it("reads a delivery status with our message id and the recipient in E.164", () => {
    const events = parseSocialMessagingEvent(
      snsMessage(statusValue({ wamid: "wamid.HBgN", status: "delivered", at, to: phone, messageId })),
    );
    expect(events).toEqual([
      { kind: "STATUS", providerMessageId: "wamid.HBgN", messageId, status: "DELIVERED", at, phone },
    ]);
  });

  it("reads a failure's error code", () => {
    const [event] = parseSocialMessagingEvent(
      snsMessage(statusValue({ wamid: "wamid.X", status: "failed", at, to: phone, messageId })),
    );
    expect(event).toMatchObject({ kind: "STATUS", status: "FAILED", errorCode: 131026 });
  });

  it("leaves out a callback data that is not our message id, and statuses it does not know", () => {
    const value = statusValue({ wamid: "wamid.Y", status: "read", at, to: phone, messageId: "campaign-x" });
    const other = { ...value.statuses[0], id: "wamid.Z", status: "deleted" };
    const events = parseSocialMessagingEvent(snsMessage({ statuses: [...value.statuses, other] }));
    expect(events).toEqual([{ kind: "STATUS", providerMessageId: "wamid.Y", status: "READ", at, phone }]);
  });

  it("reads a quick-reply button of ours back to its message and choice", () => {
    const payload = buttonPayload(messageId, { kind: "QUICK_REPLY", reply: "PAID" });
    const [event] = parseSocialMessagingEvent(
      snsMessage(buttonValue({ wamid: "wamid.B", from: phone, at, payload, text: "Sudah bayar" })),
    );
    expect(event).toEqual({
      kind: "INBOUND",
      providerMessageId: "wamid.B",
      phone,
      at,
      button: { messageId, choice: { kind: "QUICK_REPLY", reply: "PAID" } },
      repliedTo: "wamid.reminder",
    });
  });

  it("reads a callback window chosen on an interactive message", () => {
    const id = buttonPayload(messageId, { kind: "CALLBACK_WINDOW", window: "EVENING" });
    const [event] = parseSocialMessagingEvent(
      snsMessage(buttonReplyValue({ wamid: "wamid.C", from: phone, at, id, title: "Sore 16.00-20.00" })),
    );
    expect(event).toMatchObject({
      button: { messageId, choice: { kind: "CALLBACK_WINDOW", window: "EVENING" } },
    });
  });

  it("takes a button that is not ours as its words", () => {
    const [event] = parseSocialMessagingEvent(
      snsMessage(buttonValue({ wamid: "wamid.D", from: phone, at, payload: "promo-1", text: "Berhenti" })),
    );
    expect(event).toMatchObject({ kind: "INBOUND", text: "Berhenti" });
    expect(event).not.toHaveProperty("button");
  });

  it("reads free text as text, and a message with no text (an image) as neither", () => {
    const [text] = parseSocialMessagingEvent(
      snsMessage(textValue({ wamid: "wamid.E", from: phone, at, body: "sudah bayar kemarin" })),
    );
    expect(text).toEqual({
      kind: "INBOUND",
      providerMessageId: "wamid.E",
      phone,
      at,
      text: "sudah bayar kemarin",
    });
    const image = textValue({ wamid: "wamid.F", from: phone, at, body: "" });
    const [first] = image.messages;
    const [event] = parseSocialMessagingEvent(
      snsMessage({ ...image, messages: [{ ...first, type: "image", text: undefined, image: { id: "1" } }] }),
    );
    expect(event).toEqual({ kind: "INBOUND", providerMessageId: "wamid.F", phone, at });
  });

  it("ignores changes of other fields", () => {
    const message = JSON.parse(snsMessage({}));
    message.whatsAppWebhookEntry = JSON.stringify({
      id: "1",
      changes: [{ field: "message_template_status_update", value: { event: "APPROVED" } }],
    });
    expect(parseSocialMessagingEvent(JSON.stringify(message))).toEqual([]);
  });

  it("names the field of a message that is not End User Messaging Social's shape", () => {
    expect(() => parseSocialMessagingEvent("not json")).toThrow(InvalidMessagingEventError);
    expect(() => parseSocialMessagingEvent(JSON.stringify({ context: {} }))).toThrow(/whatsAppWebhookEntry/);
    const value = statusValue({ wamid: "wamid.G", status: "sent", at, to: phone });
    const bad = { statuses: [{ ...value.statuses[0], timestamp: "yesterday" }] };
    expect(() => parseSocialMessagingEvent(snsMessage(bad))).toThrow(
      /whatsAppWebhookEntry\.changes\[0\]\.value\.statuses\[0\]\.timestamp/,
    );
    const message = JSON.parse(snsMessage({}));
    message.whatsAppWebhookEntry = "{changes";
    expect(() => parseSocialMessagingEvent(JSON.stringify(message))).toThrow(
      /whatsAppWebhookEntry: not JSON/,
    );
  });
});

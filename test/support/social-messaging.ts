/**
 * End User Messaging Social's SNS messages as AWS documents them ("WhatsApp event destinations"):
 * the AWS header, and Meta's webhook entry as a JSON string, in the shapes of Meta's webhook
 * reference (statuses, text, template quick-reply buttons, interactive button replies).
 */

const WABA_ID = "102290129340398";
const PHONE_NUMBER_ID = "106540352242922";

export const unixSeconds = (iso: string) => String(Math.floor(Date.parse(iso) / 1000));

/** The SNS message carrying one change of field "messages" with `value`'s statuses or messages. */
export function snsMessage(value: Record<string, unknown>, at = "2026-12-07T03:00:00Z"): string {
  const entry = {
    id: WABA_ID,
    changes: [
      {
        field: "messages",
        value: {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: "622150001650", phone_number_id: PHONE_NUMBER_ID },
          ...value,
        },
      },
    ],
  };
  return JSON.stringify({
    context: {
      MetaWabaIds: [
        { wabaId: WABA_ID, arn: "arn:aws:social-messaging:ap-southeast-1:123456789012:waba/0a1b2c3d" },
      ],
      MetaPhoneNumberIds: [
        {
          metaPhoneNumberId: PHONE_NUMBER_ID,
          arn: "arn:aws:social-messaging:ap-southeast-1:123456789012:phone-number-id/4e5f6a7b",
        },
      ],
    },
    whatsAppWebhookEntry: JSON.stringify(entry),
    aws_account_id: "123456789012",
    message_timestamp: at,
    messageId: "6d69f07a-c317-4278-9d5c-6a84078419ec",
  });
}

export function statusValue(input: {
  wamid: string;
  status: "sent" | "delivered" | "read" | "failed";
  at: string;
  to: string;
  messageId?: string;
  errorCode?: number;
}) {
  return {
    statuses: [
      {
        id: input.wamid,
        status: input.status,
        timestamp: unixSeconds(input.at),
        recipient_id: input.to.replace("+", ""),
        ...(input.messageId ? { biz_opaque_callback_data: input.messageId } : {}),
        ...(input.status === "failed"
          ? {
              errors: [
                {
                  code: input.errorCode ?? 131026,
                  title: "Message undeliverable",
                  error_data: { details: "Message Undeliverable." },
                },
              ],
            }
          : {
              conversation: { id: "c0ffee", origin: { type: "utility" } },
              pricing: { billable: true, pricing_model: "CBP", category: "utility" },
            }),
      },
    ],
  };
}

const contact = (from: string) => ({
  contacts: [{ profile: { name: "Budi" }, wa_id: from.replace("+", "") }],
});

const inbound = (input: { wamid: string; from: string; at: string; repliedTo?: string }) => ({
  from: input.from.replace("+", ""),
  id: input.wamid,
  timestamp: unixSeconds(input.at),
  ...(input.repliedTo ? { context: { from: "622150001650", id: input.repliedTo } } : {}),
});

export function textValue(input: { wamid: string; from: string; at: string; body: string }) {
  return {
    ...contact(input.from),
    messages: [{ ...inbound(input), type: "text", text: { body: input.body } }],
  };
}

/** A template's quick-reply button: Meta sends its payload and its words. */
export function buttonValue(input: {
  wamid: string;
  from: string;
  at: string;
  payload: string;
  text: string;
  repliedTo?: string;
}) {
  return {
    ...contact(input.from),
    messages: [
      {
        ...inbound({ ...input, repliedTo: input.repliedTo ?? "wamid.reminder" }),
        type: "button",
        button: { payload: input.payload, text: input.text },
      },
    ],
  };
}

/** An interactive message's reply button (the callback windows). */
export function buttonReplyValue(input: {
  wamid: string;
  from: string;
  at: string;
  id: string;
  title: string;
}) {
  return {
    ...contact(input.from),
    messages: [
      {
        ...inbound({ ...input, repliedTo: "wamid.ask" }),
        type: "interactive",
        interactive: { type: "button_reply", button_reply: { id: input.id, title: input.title } },
      },
    ],
  };
}

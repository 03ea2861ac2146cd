import { createHash } from "node:crypto";

/*
 * What AWS End User Messaging Social publishes to the WABA's event destination (an SNS topic), as
 * the SNS message's string: the AWS header (`context`, account, timestamp, id) and Meta's webhook
 * entry as a JSON string. The simulator writes these, so the local runtime feeds the events
 * handler exactly what it reads in AWS.
 */

/** The simulated WABA and its number, with Meta's ids and the EUM Social resources' ARNs. */
export const SIMULATED_WABA = {
  accountId: "000000000000",
  region: "ap-southeast-1",
  wabaId: "100000000000001",
  wabaResourceId: "0a0b0c0d0e0f40008000a0b0c0d0e0f0",
  metaPhoneNumberId: "100000000000002",
  phoneNumberResourceId: "1a1b1c1d1e1f40008000a1b1c1d1e1f1",
  /** The business number participants see (Care Center's 1500400 on a Jakarta line). */
  displayPhoneNumber: "62211500400",
} as const;

export type MetaStatusName = "sent" | "delivered" | "read" | "failed";

export interface MetaError {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
}

/** One entry of `statuses` in Meta's webhook. */
export interface MetaStatus {
  id: string;
  status: MetaStatusName;
  /** Unix seconds, as a string. */
  timestamp: string;
  recipient_id: string;
  biz_opaque_callback_data?: string;
  pricing?: { billable: boolean; pricing_model: "PMP"; category: "utility" | "service" };
  errors?: MetaError[];
}

interface MetaInboundBase {
  from: string;
  id: string;
  timestamp: string;
  /** The message replied to (a button always names it). */
  context?: { from: string; id: string };
}

/** One entry of `messages` in Meta's webhook: free text, a template's quick reply, an interactive reply. */
export type MetaInbound = MetaInboundBase &
  (
    | { type: "text"; text: { body: string } }
    | { type: "button"; button: { payload: string; text: string } }
    | {
        type: "interactive";
        interactive: { type: "button_reply"; button_reply: { id: string; title: string } };
      }
  );

/** Meta's error for a number not on WhatsApp (or otherwise undeliverable). */
export const UNDELIVERABLE: MetaError = {
  code: 131026,
  title: "Message undeliverable",
  message: "Message undeliverable",
  error_data: { details: "Message Undeliverable." },
};

export const unixSeconds = (at: Date) => String(Math.floor(at.getTime() / 1000));

/** A stable UUID-shaped id from a key (the envelope's `messageId`). */
function uuidOf(key: string): string {
  const h = createHash("sha256").update(key).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Meta's webhook entry for the WABA: one change of field `messages` with statuses or inbound messages. */
export function webhookEntry(value: { statuses: MetaStatus[] } | { messages: MetaInbound[] }) {
  const w = SIMULATED_WABA;
  const contacts =
    "messages" in value ? value.messages.map((m) => ({ profile: { name: "Peserta" }, wa_id: m.from })) : [];
  return {
    id: w.wabaId,
    changes: [
      {
        field: "messages",
        value: {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: w.displayPhoneNumber, phone_number_id: w.metaPhoneNumberId },
          ...(contacts.length > 0 ? { contacts } : {}),
          ...value,
        },
      },
    ],
  };
}

/** The SNS message End User Messaging Social publishes for one webhook entry; `key` makes its id. */
export function snsMessageOf(entry: ReturnType<typeof webhookEntry>, at: Date, key: string): string {
  const w = SIMULATED_WABA;
  const arn = (resource: string) => `arn:aws:social-messaging:${w.region}:${w.accountId}:${resource}`;
  return JSON.stringify({
    context: {
      MetaWabaIds: [{ wabaId: w.wabaId, arn: arn(`waba/${w.wabaResourceId}`) }],
      MetaPhoneNumberIds: [
        { metaPhoneNumberId: w.metaPhoneNumberId, arn: arn(`phone-number-id/${w.phoneNumberResourceId}`) },
      ],
    },
    whatsAppWebhookEntry: JSON.stringify(entry),
    aws_account_id: w.accountId,
    message_timestamp: at.toISOString(),
    messageId: uuidOf(key),
  });
}

import { z } from "zod";
import { FatalError } from "../errors";
import { type ButtonChoice, isMessageId, parseButtonPayload, type WhatsAppStatus } from "./messaging";
import { describeIssues } from "./validation";

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

const digits = z.string().regex(/^\d{6,15}$/, "must be the number's digits");
const unixSeconds = z.string().regex(/^\d{9,11}$/, "must be unix seconds");

const statusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: unixSeconds,
  recipient_id: digits.optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(z.looseObject({ code: z.number().optional() })).optional(),
});

const inboundSchema = z.looseObject({
  from: digits,
  id: z.string().min(1),
  timestamp: unixSeconds,
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  button: z.looseObject({ payload: z.string().optional(), text: z.string().optional() }).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string().optional() }).optional(),
    })
    .optional(),
  context: z.looseObject({ id: z.string().optional() }).optional(),
});

const entrySchema = z.looseObject({
  changes: z.array(
    z.looseObject({
      field: z.string(),
      value: z
        .looseObject({
          statuses: z.array(statusSchema).optional(),
          messages: z.array(inboundSchema).optional(),
        })
        .optional(),
    }),
  ),
});

const envelopeSchema = z.looseObject({
  context: z.looseObject({ MetaWabaIds: z.array(z.unknown()).optional() }).optional(),
  whatsAppWebhookEntry: z.string().min(2),
});

const STATUS_OF: Record<string, WhatsAppStatus> = {
  sent: "SENT",
  delivered: "DELIVERED",
  read: "READ",
  failed: "FAILED",
};

const isoOfUnix = (seconds: string) => new Date(Number(seconds) * 1000).toISOString();
const e164 = (number: string) => `+${number}`;

function parsed<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const naming = root === "(message)" ? { whole: root } : { root };
  throw new InvalidMessagingEventError(
    `invalid messaging event: ${describeIssues(result.error.issues, naming)}`,
  );
}

function json(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidMessagingEventError(`invalid messaging event: ${field}: not JSON`);
  }
}

function statusEvent(s: z.output<typeof statusSchema>): MessagingEvent | undefined {
  // Meta has more statuses (deleted, warning...): none of them moves a message of ours.
  const status = STATUS_OF[s.status];
  if (!status) return undefined;
  const errorCode = s.errors?.[0]?.code;
  return {
    kind: "STATUS",
    providerMessageId: s.id,
    ...(s.biz_opaque_callback_data && isMessageId(s.biz_opaque_callback_data)
      ? { messageId: s.biz_opaque_callback_data }
      : {}),
    status,
    at: isoOfUnix(s.timestamp),
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(s.recipient_id ? { phone: e164(s.recipient_id) } : {}),
  };
}

/** A button's payload read back, or its words as text when it is not one of ours. */
function answerOf(
  m: z.output<typeof inboundSchema>,
): Pick<MessagingEvent & { kind: "INBOUND" }, "button" | "text"> {
  const pressed =
    m.type === "button"
      ? { payload: m.button?.payload, words: m.button?.text }
      : m.type === "interactive" && m.interactive?.button_reply
        ? { payload: m.interactive.button_reply.id, words: m.interactive.button_reply.title }
        : undefined;
  if (!pressed) return m.type === "text" && m.text ? { text: m.text.body } : {};
  const button = pressed.payload ? parseButtonPayload(pressed.payload) : undefined;
  if (button) return { button };
  return pressed.words ? { text: pressed.words } : {};
}

function inboundEvent(m: z.output<typeof inboundSchema>): MessagingEvent {
  return {
    kind: "INBOUND",
    providerMessageId: m.id,
    phone: e164(m.from),
    at: isoOfUnix(m.timestamp),
    ...answerOf(m),
    ...(m.context?.id ? { repliedTo: m.context.id } : {}),
  };
}

/**
 * The events in one SNS message from End User Messaging Social, in Meta's order: statuses of our
 * messages and the participants' messages. Fields Meta adds are ignored; a message whose shape is
 * not this one throws InvalidMessagingEventError naming the field.
 */
export function parseSocialMessagingEvent(snsMessage: string): MessagingEvent[] {
  const envelope = parsed(envelopeSchema, json(snsMessage, "(message)"), "(message)");
  const entry = parsed(
    entrySchema,
    json(envelope.whatsAppWebhookEntry, "whatsAppWebhookEntry"),
    "whatsAppWebhookEntry",
  );
  return entry.changes
    .filter((change) => change.field === "messages" && change.value)
    .flatMap((change) => [
      ...(change.value?.statuses ?? []).flatMap((s) => statusEvent(s) ?? []),
      ...(change.value?.messages ?? []).map(inboundEvent),
    ]);
}

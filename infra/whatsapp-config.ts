import { z } from "zod";

/** End User Messaging Social's ids: a prefix and 32 hex digits (the ARN names the digits alone). */
export const WHATSAPP_PHONE_NUMBER_ID = /^phone-number-id-([0-9a-f]{32})$/;
const WABA_ID = /^waba-[0-9a-f]{32}$/;
export const DEFAULT_META_API_VERSION = "v20.0";

/**
 * WhatsApp through AWS End User Messaging Social, optional: without it the stack deploys no
 * WhatsApp resources and reminders go by SMS only. The WABA and its phone number are linked
 * in the console beforehand (docs/deploy.md, "WhatsApp (optional)").
 */
export const whatsappSchema = z.strictObject({
  /** The sending number, linked in the stack's region. */
  phoneNumberId: z
    .string()
    .regex(
      WHATSAPP_PHONE_NUMBER_ID,
      "must be an End User Messaging Social phone number id: phone-number-id- and 32 lower-case hex digits (not the ARN, not Meta's numeric id)",
    ),
  /** The WhatsApp Business Account holding the number: named in the events topic's output. */
  wabaId: z
    .string()
    .regex(WABA_ID, "must be an End User Messaging Social WABA id: waba- and 32 lower-case hex digits")
    .optional(),
  /** The Graph API version SendWhatsAppMessage passes to Meta. */
  metaApiVersion: z
    .string()
    .regex(/^v\d{1,3}\.\d{1,2}$/, 'must be a Meta Graph API version like "v20.0"')
    .default(DEFAULT_META_API_VERSION),
});

/** The WhatsApp channel's settings: its variables, their checks, and what a handler reads of them. */
import { z } from "zod";

/** EUM Social's id of the WABA's number, or its ARN (the API takes either). */
const WHATSAPP_PHONE_NUMBER_ID =
  /^(phone-number-id-[0-9a-f]{32}|arn:aws[a-z-]*:social-messaging:[a-z0-9-]+:\d{12}:phone-number-id\/[0-9a-f]{32})$/;

export const whatsappEnvSchema = z.object({
  /** Unset or blank: WhatsApp is not configured, SMS only. */
  WHATSAPP_PHONE_NUMBER_ID: z
    .string()
    .regex(WHATSAPP_PHONE_NUMBER_ID, "must be phone-number-id- and 32 hex digits, or its ARN")
    .optional(),
  WHATSAPP_META_API_VERSION: z
    .string()
    .regex(/^v\d{1,3}\.\d{1,3}$/, "must be a Meta Graph API version like v20.0")
    .default("v20.0"),
});

export interface WhatsAppConfig {
  /** EUM Social's phone-number-id-... (or its ARN), from GetLinkedWhatsAppBusinessAccount. */
  phoneNumberId: string;
  /** Meta's Graph API version the messages are written for. */
  metaApiVersion: string;
  /** The ARN's region, when the number is named by ARN; the function's region otherwise. */
  region?: string;
}

/** The settings, or undefined when no number is set: WhatsApp is not configured, SMS only. */
export function whatsappSettingsOf(e: z.output<typeof whatsappEnvSchema>): WhatsAppConfig | undefined {
  const id = e.WHATSAPP_PHONE_NUMBER_ID;
  if (!id) return undefined;
  const region = /^arn:[^:]+:social-messaging:([^:]+):/.exec(id)?.[1];
  return { phoneNumberId: id, metaApiVersion: e.WHATSAPP_META_API_VERSION, ...(region ? { region } : {}) };
}

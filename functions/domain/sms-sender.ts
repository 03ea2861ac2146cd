import { z } from "zod";

/**
 * How reminders are sent as SMS, one rule for the deployment's config and for the SMS channel
 * that reads it back from its environment.
 */

/** The alphanumeric sender id registered for Indonesia: what participants see as the sender. */
export const senderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9]{1,11}$/, "must be 1-11 letters or digits, no spaces")
  .refine((id) => /[A-Za-z]/.test(id), "must contain at least one letter");

export const SMS_TYPES = ["Transactional", "Promotional"] as const;
export type SmsType = (typeof SMS_TYPES)[number];

/** Transactional by default: higher delivery priority, the type reminders of a debt are. */
export const smsTypeSchema = z.enum(SMS_TYPES).default("Transactional");

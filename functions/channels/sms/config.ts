import { z } from "zod";
import { ConfigError } from "../../config";

const smsEnvSchema = z.object({
  /** Registered alphanumeric sender id; Indonesia requires one (operators' letters of authorization). */
  SMS_SENDER_ID: z
    .string()
    .regex(/^[A-Za-z0-9]{1,11}$/, "must be 1-11 letters or digits, no spaces")
    .refine((id) => /[A-Za-z]/.test(id), "must contain at least one letter")
    .optional(),
  /** Transactional: higher delivery priority, the type reminders of a debt are. */
  SMS_TYPE: z.enum(["Transactional", "Promotional"]).default("Transactional"),
});

export interface SmsConfig {
  smsType: "Transactional" | "Promotional";
  senderId?: string;
}

/** Reads the SMS channel's environment; the error names each bad variable. */
export function loadSmsConfig(env: NodeJS.ProcessEnv = process.env): SmsConfig {
  // An empty variable (a blank CDK context value) means "not configured".
  const parsed = smsEnvSchema.safeParse({
    SMS_SENDER_ID: env.SMS_SENDER_ID || undefined,
    SMS_TYPE: env.SMS_TYPE || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join("; ")}`);
  }
  return {
    smsType: parsed.data.SMS_TYPE,
    ...(parsed.data.SMS_SENDER_ID ? { senderId: parsed.data.SMS_SENDER_ID } : {}),
  };
}

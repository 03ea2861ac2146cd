import { z } from "zod";
import { ConfigError } from "../../config";
import { type SmsType, senderIdSchema, smsTypeSchema } from "../../domain/sms-sender";
import { describeIssues, ENVIRONMENT } from "../../domain/validation";

const smsEnvSchema = z.object({
  SMS_SENDER_ID: senderIdSchema.optional(),
  SMS_TYPE: smsTypeSchema,
});

export interface SmsConfig {
  smsType: SmsType;
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
    throw new ConfigError(`invalid environment: ${describeIssues(parsed.error.issues, ENVIRONMENT)}`);
  }
  return {
    smsType: parsed.data.SMS_TYPE,
    ...(parsed.data.SMS_SENDER_ID ? { senderId: parsed.data.SMS_SENDER_ID } : {}),
  };
}

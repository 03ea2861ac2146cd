import { z } from "zod";
import { ConfigError } from "../../config";

const CONNECT_ID = /^[A-Za-z0-9:/_-]{1,256}$/;

const connectEnvSchema = z.object({
  /** The instance id (or ARN) of the Amazon Connect instance that places the calls. */
  CONNECT_INSTANCE_ID: z
    .string({ error: "required: the Amazon Connect instance id" })
    .regex(CONNECT_ID, "must be an Amazon Connect instance id or ARN"),
  /** The outbound flow: queues the answered call to the telecollecting agents. */
  CONNECT_CONTACT_FLOW_ID: z
    .string({ error: "required: the id of the outbound contact flow" })
    .regex(CONNECT_ID, "must be a contact flow id or ARN"),
  /** Queue whose outbound caller id is used. */
  CONNECT_QUEUE_ID: z.string().regex(CONNECT_ID, "must be a queue id or ARN").optional(),
  /** Caller id claimed on the instance, E.164. */
  CONNECT_SOURCE_PHONE_NUMBER: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number like +6521234567")
    .optional(),
  /** Connect has no Jakarta region: the instance usually lives in ap-southeast-1. */
  CONNECT_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region like ap-southeast-1")
    .optional(),
});

export interface ConnectConfig {
  instanceId: string;
  contactFlowId: string;
  queueId?: string;
  sourcePhoneNumber?: string;
  region?: string;
}

/** Reads the dialer's environment; the error names each bad variable. */
export function loadConnectConfig(env: NodeJS.ProcessEnv = process.env): ConnectConfig {
  // An empty variable (a blank CDK context value) means "not configured".
  const raw = {
    CONNECT_INSTANCE_ID: env.CONNECT_INSTANCE_ID || undefined,
    CONNECT_CONTACT_FLOW_ID: env.CONNECT_CONTACT_FLOW_ID || undefined,
    CONNECT_QUEUE_ID: env.CONNECT_QUEUE_ID || undefined,
    CONNECT_SOURCE_PHONE_NUMBER: env.CONNECT_SOURCE_PHONE_NUMBER || undefined,
    CONNECT_REGION: env.CONNECT_REGION || undefined,
  };
  const parsed = connectEnvSchema.safeParse(raw);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  // Checked on its own so that one message lists every problem at once.
  if (!raw.CONNECT_QUEUE_ID && !raw.CONNECT_SOURCE_PHONE_NUMBER) {
    problems.push(
      "CONNECT_QUEUE_ID: set CONNECT_QUEUE_ID or CONNECT_SOURCE_PHONE_NUMBER (the caller id of outbound calls)",
    );
  }
  if (!parsed.success || problems.length > 0)
    throw new ConfigError(`invalid environment: ${problems.join("; ")}`);
  const e = parsed.data;
  return {
    instanceId: e.CONNECT_INSTANCE_ID,
    contactFlowId: e.CONNECT_CONTACT_FLOW_ID,
    ...(e.CONNECT_QUEUE_ID ? { queueId: e.CONNECT_QUEUE_ID } : {}),
    ...(e.CONNECT_SOURCE_PHONE_NUMBER ? { sourcePhoneNumber: e.CONNECT_SOURCE_PHONE_NUMBER } : {}),
    ...(e.CONNECT_REGION ? { region: e.CONNECT_REGION } : {}),
  };
}

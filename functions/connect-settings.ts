/** The Amazon Connect channel's settings: its variables, their checks, and what a handler reads of them. */
import { z } from "zod";
import type { FieldIssue } from "./domain/validation";

const CONNECT_ID = /^[A-Za-z0-9:/_-]{1,256}$/;

export const connectEnvSchema = z.object({
  /** The instance id (or ARN) of the Amazon Connect instance that places the calls. */
  CONNECT_INSTANCE_ID: z
    .string({ error: "required: the Amazon Connect instance id" })
    .regex(CONNECT_ID, "must be an Amazon Connect instance id or ARN"),
  /** The outbound flow: queues the answered call to the telecollecting agents. */
  CONNECT_CONTACT_FLOW_ID: z.string().regex(CONNECT_ID, "must be a contact flow id or ARN").optional(),
  /**
   * Or the outbound flow's name, looked up once: for functions that the flow itself reaches
   * (through the agent guide), whose environment cannot name the flow's id.
   */
  CONNECT_CONTACT_FLOW_NAME: z.string().min(1).max(127).optional(),
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
  /** The outbound flow, by id or by name (resolved with ListContactFlows). */
  contactFlow: { id: string } | { name: string };
  queueId?: string;
  sourcePhoneNumber?: string;
  region?: string;
}

/** The two settings where one of a pair will do: each missing pair is one issue. */
export function connectChoiceIssues(raw: Readonly<Record<string, string | undefined>>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!raw.CONNECT_CONTACT_FLOW_ID && !raw.CONNECT_CONTACT_FLOW_NAME) {
    issues.push({
      field: "CONNECT_CONTACT_FLOW_ID",
      message: "required (or CONNECT_CONTACT_FLOW_NAME): the outbound contact flow",
    });
  }
  if (!raw.CONNECT_QUEUE_ID && !raw.CONNECT_SOURCE_PHONE_NUMBER) {
    issues.push({
      field: "CONNECT_QUEUE_ID",
      message: "set CONNECT_QUEUE_ID or CONNECT_SOURCE_PHONE_NUMBER (the caller id of outbound calls)",
    });
  }
  return issues;
}

export function connectSettingsOf(e: z.output<typeof connectEnvSchema>): ConnectConfig {
  return {
    instanceId: e.CONNECT_INSTANCE_ID,
    contactFlow: e.CONNECT_CONTACT_FLOW_ID
      ? { id: e.CONNECT_CONTACT_FLOW_ID }
      : { name: e.CONNECT_CONTACT_FLOW_NAME ?? "" },
    ...(e.CONNECT_QUEUE_ID ? { queueId: e.CONNECT_QUEUE_ID } : {}),
    ...(e.CONNECT_SOURCE_PHONE_NUMBER ? { sourcePhoneNumber: e.CONNECT_SOURCE_PHONE_NUMBER } : {}),
    ...(e.CONNECT_REGION ? { region: e.CONNECT_REGION } : {}),
  };
}

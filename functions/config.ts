/**
 * The handlers' configuration: their environment, read and validated once per container, the
 * channels' settings included. Names shared with the CDK app, the CLI and the local runtime live
 * in contracts.ts.
 */
import { z } from "zod";
import {
  type ConnectConfig,
  connectChoiceIssues,
  connectEnvSchema,
  connectSettingsOf,
} from "./connect-settings";
import type { RetentionPolicy, TableNames } from "./contracts";
import { type Branch, parseBranches, SAMPLE_BRANCHES } from "./domain/branches";
import { MAX_PAID_PER_CASE } from "./domain/money";
import { DEFAULT_PAYMENT_LIMITS, type PaymentLimits } from "./domain/payment";
import { senderIdSchema, smsTypeSchema } from "./domain/sms-sender";
import { type CampaignStrategy, parseStrategyOverrides } from "./domain/strategy";
import { describeFieldIssues, ENVIRONMENT, type FieldIssue, fieldIssues } from "./domain/validation";
import { FatalError } from "./errors";
import { retentionEnvSchema } from "./retention-settings";
import { type WhatsAppConfig, whatsappEnvSchema, whatsappSettingsOf } from "./whatsapp-settings";

export type { ConnectConfig } from "./connect-settings";
export type { WhatsAppConfig } from "./whatsapp-settings";

/**
 * What a function talks to besides its tables, each with its own settings; the same names as the
 * stack's function catalog, which grants each function its channels and sets their variables.
 */
export type Channel =
  /** SNS Publish straight to phone numbers (SMS). */
  | "sms"
  /** End User Messaging Social SendWhatsAppMessage; without a number set, no WhatsApp: SMS only. */
  | "whatsapp"
  /** SNS Publish to the supervisors' topic. */
  | "supervisors"
  /** Amazon Connect StartOutboundVoiceContact / DescribeContact on the instance. */
  | "dialer"
  /** Reads the payment webhook's secret. */
  | "webhookSecret"
  /** Starts and describes executions of the campaign state machine. */
  | "campaignExecutions"
  /** Stops executions of the campaign state machine (a supervisor's stop, with a reason). */
  | "campaignStops"
  /** Presigns uploads: s3:PutObject on the uploads bucket's `uploads/*`. */
  | "snapshotUploads"
  /** Reads uploaded snapshots: s3:GetObject on the uploads bucket's `uploads/*`. */
  | "snapshotDownloads";

/** A variable set, as `process.env` (the Lambda environment) or handed in by the local runtime and tests. */
export type Variables = Readonly<Record<string, string | undefined>>;

const tableName = z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/, "must be a DynamoDB table name");

const runtimeEnvSchema = z.object({
  PARTICIPANTS_TABLE: tableName,
  CAMPAIGNS_TABLE: tableName,
  CASES_TABLE: tableName,
  INTERACTIONS_TABLE: tableName,
  PAYMENTS_TABLE: tableName,
  LIMITS_TABLE: tableName,
  AUDIT_TABLE: tableName,
  MESSAGES_TABLE: tableName,
  PROFILES_TABLE: tableName,
  KADER_TABLE: tableName,
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** The console's Cognito app client and its pool's region (the supervisor API's GET /api/config). */
  SUPERVISOR_USER_POOL_CLIENT_ID: z
    .string()
    .regex(/^[\w+]{1,128}$/, "must be a Cognito app client id")
    .optional(),
  AWS_REGION: z.string().optional(),
  /** Calls one agent makes in a calling day: the dry run's capacity. */
  CALLS_PER_AGENT_DAY: z.coerce.number().int().min(1).max(500).default(60),
  MAP_ARREARS_TIME_BUDGET_MS: z.coerce.number().int().min(1).default(60_000),
  MAP_ARREARS_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** JSON array of branches (code, name, timeZone, contactWindow, agentsOnShift); the sample ones when unset. */
  BRANCHES: z.string().optional(),
  /** Account-wide quotas shared by all campaigns (AWS defaults: 20 SMS/s, 2 call starts/s, 10 calls). */
  SMS_PER_SECOND: z.coerce.number().int().min(1).default(20),
  /** WhatsApp sends per second, account-wide: kept under the phone number's throughput. */
  WHATSAPP_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(20),
  CALL_STARTS_PER_SECOND: z.coerce.number().int().min(1).default(2),
  CONNECT_MAX_CONCURRENT_CALLS: z.coerce.number().int().min(1).default(10),
  /** The payment webhook's limits: one payment's maximum (rupiah) and how old a paidAt may be. */
  PAYMENT_MAX_AMOUNT: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAID_PER_CASE)
    .default(DEFAULT_PAYMENT_LIMITS.maxAmount),
  PAYMENT_PAID_AT_WINDOW_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3_650)
    .default(DEFAULT_PAYMENT_LIMITS.paidAtWindowDays),
});

const smsEnvSchema = z.object({
  /** Registered alphanumeric sender id; Indonesia requires one (docs/deploy.md, section 1). */
  SMS_SENDER_ID: senderIdSchema.optional(),
  SMS_TYPE: smsTypeSchema,
});

const supervisorsEnvSchema = z.object({
  SUPERVISORS_TOPIC_ARN: z
    .string({ error: "required: the supervisors' SNS topic ARN" })
    .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/, "must be an SNS topic ARN"),
});

/** How long the webhook keeps its keys before reading Secrets Manager again, unless configured. */
export const DEFAULT_SECRET_CACHE_SECONDS = 300;

const webhookSecretEnvSchema = z.object({
  /** Secret name or ARN in Secrets Manager; set by CDK. */
  WEBHOOK_SECRET_ID: z
    .string({ error: "required: the payment webhook's secret in Secrets Manager" })
    .min(1, "required: the payment webhook's secret in Secrets Manager"),
  WEBHOOK_SECRET_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600)
    .default(DEFAULT_SECRET_CACHE_SECONDS),
});

const campaignExecutionsEnvSchema = z.object({
  CAMPAIGN_STATE_MACHINE_ARN: z
    .string({ error: "required: the campaign state machine's ARN" })
    .regex(/^arn:aws[a-z-]*:states:/, "must be a state machine ARN"),
  /** The deployment's strategy (JSON, only what differs from the defaults): every campaign starts with it. */
  CAMPAIGN_STRATEGY: z.string().optional(),
});

const snapshotsEnvSchema = z.object({
  UPLOADS_BUCKET: z
    .string({ error: "required: the snapshot uploads bucket" })
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name"),
});

export interface SmsConfig {
  smsType: "Transactional" | "Promotional";
  senderId?: string;
}

/** Each channel's settings, present for the channels the function needs. */
export interface ChannelConfig {
  sms?: SmsConfig;
  /** Absent when the deployment has no WhatsApp number: messages go by SMS. */
  whatsapp?: WhatsAppConfig;
  connect?: ConnectConfig;
  supervisorsTopicArn?: string;
  webhookSecret?: { secretId: string; cacheSeconds: number };
  campaignStateMachineArn?: string;
  /** The strategy campaigns start with, when the deployment sets one (CAMPAIGN_STRATEGY); else the defaults. */
  campaignStrategy?: CampaignStrategy;
  uploadsBucket?: string;
}

export type RuntimeConfig = {
  tables: TableNames;
  dynamoEndpoint?: string;
  mapArrears: { timeBudgetMs: number; writeConcurrency: number };
  /** Days each table keeps an item after its last write (the TTL `expiresAt`). */
  retention: RetentionPolicy;
  branches: Branch[];
  quotas: {
    smsPerSecond: number;
    whatsappPerSecond: number;
    callStartsPerSecond: number;
    maxConcurrentCalls: number;
  };
  payments: PaymentLimits;
  channels: ChannelConfig;
  /** How the console signs in: Cognito in AWS, the local runtime's session endpoint otherwise. */
  signIn: { kind: "cognito"; region: string; clientId: string } | { kind: "local" };
  callsPerAgentDay: number;
};

export class ConfigError extends Error {
  override name = FatalError.Config;
}

/** Collects the problems of every part, so one error names every bad variable. */
class Problems {
  readonly list: FieldIssue[] = [];

  parse<S extends z.ZodType>(schema: S, env: Variables): z.output<S> | undefined {
    const parsed = schema.safeParse(env);
    if (parsed.success) return parsed.data;
    this.list.push(...fieldIssues(parsed.error.issues, ENVIRONMENT));
    return undefined;
  }
}

/** An empty variable (a blank CDK context value) means "not configured". */
function blankAsUnset(env: Variables, names: readonly string[]): Variables {
  return Object.fromEntries(names.map((name) => [name, env[name] || undefined]));
}

function smsConfig(env: Variables, problems: Problems): SmsConfig | undefined {
  const e = problems.parse(smsEnvSchema, blankAsUnset(env, ["SMS_SENDER_ID", "SMS_TYPE"]));
  return e && { smsType: e.SMS_TYPE, ...(e.SMS_SENDER_ID ? { senderId: e.SMS_SENDER_ID } : {}) };
}

function whatsappConfig(env: Variables, problems: Problems): WhatsAppConfig | undefined {
  const e = problems.parse(whatsappEnvSchema, blankAsUnset(env, Object.keys(whatsappEnvSchema.shape)));
  return e && whatsappSettingsOf(e);
}

function connectConfig(env: Variables, problems: Problems): ConnectConfig | undefined {
  const raw = blankAsUnset(env, Object.keys(connectEnvSchema.shape));
  const e = problems.parse(connectEnvSchema, raw);
  // Checked on their own so that one message lists every problem at once.
  const before = problems.list.length;
  problems.list.push(...connectChoiceIssues(raw));
  if (!e || problems.list.length > before) return undefined;
  return connectSettingsOf(e);
}

/** The settings of the channels in `needs`; a channel not needed is neither read nor required. */
function channelConfig(env: Variables, needs: readonly Channel[], problems: Problems): ChannelConfig {
  const channels: ChannelConfig = {};
  if (needs.includes("sms")) {
    const sms = smsConfig(env, problems);
    if (sms) channels.sms = sms;
  }
  if (needs.includes("whatsapp")) {
    const whatsapp = whatsappConfig(env, problems);
    if (whatsapp) channels.whatsapp = whatsapp;
  }
  if (needs.includes("dialer")) {
    const connect = connectConfig(env, problems);
    if (connect) channels.connect = connect;
  }
  if (needs.includes("supervisors")) {
    const e = problems.parse(supervisorsEnvSchema, blankAsUnset(env, ["SUPERVISORS_TOPIC_ARN"]));
    if (e) channels.supervisorsTopicArn = e.SUPERVISORS_TOPIC_ARN;
  }
  if (needs.includes("webhookSecret")) {
    const names = ["WEBHOOK_SECRET_ID", "WEBHOOK_SECRET_CACHE_SECONDS"];
    const e = problems.parse(webhookSecretEnvSchema, blankAsUnset(env, names));
    if (e)
      channels.webhookSecret = {
        secretId: e.WEBHOOK_SECRET_ID,
        cacheSeconds: e.WEBHOOK_SECRET_CACHE_SECONDS,
      };
  }
  if (needs.includes("campaignExecutions") || needs.includes("campaignStops")) {
    const names = ["CAMPAIGN_STATE_MACHINE_ARN", "CAMPAIGN_STRATEGY"];
    const e = problems.parse(campaignExecutionsEnvSchema, blankAsUnset(env, names));
    if (e) channels.campaignStateMachineArn = e.CAMPAIGN_STATE_MACHINE_ARN;
    const strategy = campaignStrategyOf(e?.CAMPAIGN_STRATEGY, problems);
    if (strategy) channels.campaignStrategy = strategy;
  }
  if (needs.includes("snapshotUploads") || needs.includes("snapshotDownloads")) {
    const e = problems.parse(snapshotsEnvSchema, blankAsUnset(env, ["UPLOADS_BUCKET"]));
    if (e) channels.uploadsBucket = e.UPLOADS_BUCKET;
  }
  return channels;
}

function campaignStrategyOf(json: string | undefined, problems: Problems): CampaignStrategy | undefined {
  if (!json) return undefined;
  try {
    return parseStrategyOverrides(JSON.parse(json));
  } catch (error) {
    problems.list.push({ field: "CAMPAIGN_STRATEGY", message: (error as Error).message });
    return undefined;
  }
}

function branchesOf(json: string | undefined, problems: Problems): Branch[] {
  if (!json) return SAMPLE_BRANCHES;
  try {
    return parseBranches(JSON.parse(json));
  } catch (error) {
    problems.list.push({ field: "BRANCHES", message: (error as Error).message });
    return [];
  }
}

/** Days each table keeps an item, from the retention settings. */
function retentionOf(r: z.output<typeof retentionEnvSchema>): RetentionPolicy {
  return {
    participants: r.PARTICIPANT_RETENTION_DAYS,
    cases: r.CASE_RETENTION_DAYS,
    // A campaign is kept as long as its cases: the report and their figures refer to it.
    campaigns: r.CASE_RETENTION_DAYS,
    interactions: r.INTERACTION_RETENTION_DAYS,
    payments: r.PAYMENT_RETENTION_DAYS,
    limits: r.LIMIT_RETENTION_DAYS,
    // The supervisors' record is an audit trail like the interactions.
    audit: r.INTERACTION_RETENTION_DAYS,
    messages: r.INTERACTION_RETENTION_DAYS,
    // What was learned about a participant, and kader worklists, go with their snapshot row.
    profiles: r.PARTICIPANT_RETENTION_DAYS,
    kader: r.PARTICIPANT_RETENTION_DAYS,
  };
}

/**
 * Reads and validates the handlers' environment once at start-up, with the settings of the
 * channels the function `needs`; the message names every bad variable.
 */
export function loadRuntimeConfig(
  env: Variables = process.env,
  needs: readonly Channel[] = [],
): RuntimeConfig {
  const problems = new Problems();
  const e = problems.parse(runtimeEnvSchema, env);
  const r = problems.parse(retentionEnvSchema, blankAsUnset(env, Object.keys(retentionEnvSchema.shape)));
  const branches = branchesOf(env.BRANCHES, problems);
  const channels = channelConfig(env, needs, problems);
  if (!e || !r || problems.list.length > 0) {
    throw new ConfigError(`invalid environment: ${describeFieldIssues(problems.list)}`);
  }
  return {
    tables: {
      participants: e.PARTICIPANTS_TABLE,
      campaigns: e.CAMPAIGNS_TABLE,
      cases: e.CASES_TABLE,
      interactions: e.INTERACTIONS_TABLE,
      payments: e.PAYMENTS_TABLE,
      limits: e.LIMITS_TABLE,
      audit: e.AUDIT_TABLE,
      messages: e.MESSAGES_TABLE,
      profiles: e.PROFILES_TABLE,
      kader: e.KADER_TABLE,
    },
    ...(e.DYNAMODB_ENDPOINT ? { dynamoEndpoint: e.DYNAMODB_ENDPOINT } : {}),
    mapArrears: {
      timeBudgetMs: e.MAP_ARREARS_TIME_BUDGET_MS,
      writeConcurrency: e.MAP_ARREARS_WRITE_CONCURRENCY,
    },
    retention: retentionOf(r),
    branches,
    quotas: {
      smsPerSecond: e.SMS_PER_SECOND,
      whatsappPerSecond: e.WHATSAPP_PER_SECOND,
      callStartsPerSecond: e.CALL_STARTS_PER_SECOND,
      maxConcurrentCalls: e.CONNECT_MAX_CONCURRENT_CALLS,
    },
    payments: { maxAmount: e.PAYMENT_MAX_AMOUNT, paidAtWindowDays: e.PAYMENT_PAID_AT_WINDOW_DAYS },
    signIn:
      e.SUPERVISOR_USER_POOL_CLIENT_ID && e.AWS_REGION
        ? { kind: "cognito", region: e.AWS_REGION, clientId: e.SUPERVISOR_USER_POOL_CLIENT_ID }
        : { kind: "local" },
    callsPerAgentDay: e.CALLS_PER_AGENT_DAY,
    channels,
  };
}

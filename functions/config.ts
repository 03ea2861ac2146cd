/**
 * The handlers' configuration: their environment, read and validated once per container. Names
 * shared with the CDK app, the CLI and the local runtime live in contracts.ts.
 */
import { z } from "zod";
import { DEFAULT_INTERACTION_RETENTION_DAYS, type TableNames } from "./contracts";
import { type Branch, parseBranches, SAMPLE_BRANCHES } from "./domain/branches";
import { MAX_PAID_PER_CASE } from "./domain/money";
import { DEFAULT_PAYMENT_LIMITS, type PaymentLimits } from "./domain/payment";
import { FatalError } from "./errors";

const tableName = z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/, "must be a DynamoDB table name");

const runtimeEnvSchema = z.object({
  PARTICIPANTS_TABLE: tableName,
  CAMPAIGNS_TABLE: tableName,
  CASES_TABLE: tableName,
  INTERACTIONS_TABLE: tableName,
  PAYMENTS_TABLE: tableName,
  LIMITS_TABLE: tableName,
  DYNAMODB_ENDPOINT: z.url().optional(),
  MAP_ARREARS_TIME_BUDGET_MS: z.coerce.number().int().min(1).default(60_000),
  MAP_ARREARS_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  INTERACTION_RETENTION_DAYS: z.coerce.number().int().min(1).default(DEFAULT_INTERACTION_RETENTION_DAYS),
  /** JSON array of branches (code, name, timeZone, contactWindow, agentsOnShift); the sample ones when unset. */
  BRANCHES: z.string().optional(),
  /** Account-wide quotas shared by all campaigns (AWS defaults: 20 SMS/s, 2 call starts/s, 10 calls). */
  SMS_PER_SECOND: z.coerce.number().int().min(1).default(20),
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

export type RuntimeConfig = {
  tables: TableNames;
  dynamoEndpoint?: string;
  mapArrears: { timeBudgetMs: number; writeConcurrency: number };
  interactionRetentionDays: number;
  branches: Branch[];
  quotas: { smsPerSecond: number; callStartsPerSecond: number; maxConcurrentCalls: number };
  payments: PaymentLimits;
};

export class ConfigError extends Error {
  override name = FatalError.Config;
}

/** Reads and validates the handlers' environment once at start-up; the message names every bad variable. */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const parsed = runtimeEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  let branches: Branch[];
  try {
    branches = e.BRANCHES ? parseBranches(JSON.parse(e.BRANCHES)) : SAMPLE_BRANCHES;
  } catch (error) {
    throw new ConfigError(`invalid environment: BRANCHES: ${(error as Error).message}`);
  }
  return {
    tables: {
      participants: e.PARTICIPANTS_TABLE,
      campaigns: e.CAMPAIGNS_TABLE,
      cases: e.CASES_TABLE,
      interactions: e.INTERACTIONS_TABLE,
      payments: e.PAYMENTS_TABLE,
      limits: e.LIMITS_TABLE,
    },
    ...(e.DYNAMODB_ENDPOINT ? { dynamoEndpoint: e.DYNAMODB_ENDPOINT } : {}),
    mapArrears: {
      timeBudgetMs: e.MAP_ARREARS_TIME_BUDGET_MS,
      writeConcurrency: e.MAP_ARREARS_WRITE_CONCURRENCY,
    },
    interactionRetentionDays: e.INTERACTION_RETENTION_DAYS,
    branches,
    quotas: {
      smsPerSecond: e.SMS_PER_SECOND,
      callStartsPerSecond: e.CALL_STARTS_PER_SECOND,
      maxConcurrentCalls: e.CONNECT_MAX_CONCURRENT_CALLS,
    },
    payments: { maxAmount: e.PAYMENT_MAX_AMOUNT, paidAtWindowDays: e.PAYMENT_PAID_AT_WINDOW_DAYS },
  };
}

import { z } from "zod";
import type { TableName } from "./store/schemas";

/** Physical table names, one per logical table; every handler gets these through its environment. */
export type TableNames = Record<TableName, string>;

const tableName = z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/, "must be a DynamoDB table name");

const runtimeEnvSchema = z.object({
  PARTICIPANTS_TABLE: tableName,
  CAMPAIGNS_TABLE: tableName,
  CASES_TABLE: tableName,
  INTERACTIONS_TABLE: tableName,
  PAYMENTS_TABLE: tableName,
  DYNAMODB_ENDPOINT: z.url().optional(),
  MAP_ARREARS_TIME_BUDGET_MS: z.coerce.number().int().min(1).default(60_000),
  MAP_ARREARS_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  INTERACTION_RETENTION_DAYS: z.coerce.number().int().min(1).default(1825),
});

export type RuntimeConfig = {
  tables: TableNames;
  dynamoEndpoint?: string;
  mapArrears: { timeBudgetMs: number; writeConcurrency: number };
  interactionRetentionDays: number;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads and validates the handlers' environment once at start-up; the message names every bad variable. */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const parsed = runtimeEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return {
    tables: {
      participants: e.PARTICIPANTS_TABLE,
      campaigns: e.CAMPAIGNS_TABLE,
      cases: e.CASES_TABLE,
      interactions: e.INTERACTIONS_TABLE,
      payments: e.PAYMENTS_TABLE,
    },
    ...(e.DYNAMODB_ENDPOINT ? { dynamoEndpoint: e.DYNAMODB_ENDPOINT } : {}),
    mapArrears: {
      timeBudgetMs: e.MAP_ARREARS_TIME_BUDGET_MS,
      writeConcurrency: e.MAP_ARREARS_WRITE_CONCURRENCY,
    },
    interactionRetentionDays: e.INTERACTION_RETENTION_DAYS,
  };
}

/** The environment variables that carry the table names, for the local runtime and CDK. */
export function tableEnvironment(tables: TableNames): Record<string, string> {
  return {
    PARTICIPANTS_TABLE: tables.participants,
    CAMPAIGNS_TABLE: tables.campaigns,
    CASES_TABLE: tables.cases,
    INTERACTIONS_TABLE: tables.interactions,
    PAYMENTS_TABLE: tables.payments,
  };
}

export function prefixedTableNames(prefix: string): TableNames {
  return {
    participants: `${prefix}participants`,
    campaigns: `${prefix}campaigns`,
    cases: `${prefix}cases`,
    interactions: `${prefix}interactions`,
    payments: `${prefix}payments`,
  };
}

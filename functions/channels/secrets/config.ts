import { z } from "zod";
import { ConfigError } from "../../config";
import { describeIssues, ENVIRONMENT } from "../../domain/validation";
import { type SecretSource, StaticSecretSource } from "./index";
import { DEFAULT_SECRET_CACHE_SECONDS, SecretsManagerSecretSource } from "./secrets-manager";

/** The local adapter's secret when TELECOLLECT_WEBHOOK_SECRET is unset. Refused in Lambda. */
export const LOCAL_DEFAULT_WEBHOOK_SECRET = "local-dev-secret-change-me";

const secretsEnvSchema = z.object({
  /** Secret name or ARN in Secrets Manager; set by CDK in AWS. */
  WEBHOOK_SECRET_ID: z.string().min(1).optional(),
  WEBHOOK_SECRET_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600)
    .default(DEFAULT_SECRET_CACHE_SECONDS),
  /** The local adapter's secret. */
  TELECOLLECT_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  /** The local adapter's previous secret, still accepted while the channels move to the new one. */
  TELECOLLECT_WEBHOOK_SECRET_PREVIOUS: z.string().min(16, "must be at least 16 characters").optional(),
  /** Set by the Lambda runtime: there the local default would be a published secret. */
  AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
});

export type SecretsConfig =
  | { adapter: "secrets-manager"; secretId: string; cacheSeconds: number }
  | { adapter: "local"; secret: string; previous?: string };

/** Secrets Manager when a secret id is configured, the environment otherwise. */
export function loadSecretsConfig(env: NodeJS.ProcessEnv = process.env): SecretsConfig {
  const parsed = secretsEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`invalid environment: ${describeIssues(parsed.error.issues, ENVIRONMENT)}`);
  }
  const e = parsed.data;
  if (e.WEBHOOK_SECRET_ID) {
    return {
      adapter: "secrets-manager",
      secretId: e.WEBHOOK_SECRET_ID,
      cacheSeconds: e.WEBHOOK_SECRET_CACHE_SECONDS,
    };
  }
  if (e.AWS_LAMBDA_FUNCTION_NAME && !e.TELECOLLECT_WEBHOOK_SECRET) {
    throw new ConfigError("invalid environment: WEBHOOK_SECRET_ID: required in Lambda");
  }
  return {
    adapter: "local",
    secret: e.TELECOLLECT_WEBHOOK_SECRET ?? LOCAL_DEFAULT_WEBHOOK_SECRET,
    ...(e.TELECOLLECT_WEBHOOK_SECRET_PREVIOUS ? { previous: e.TELECOLLECT_WEBHOOK_SECRET_PREVIOUS } : {}),
  };
}

export function secretSourceFromEnv(env: NodeJS.ProcessEnv = process.env): SecretSource {
  const config = loadSecretsConfig(env);
  return config.adapter === "secrets-manager"
    ? new SecretsManagerSecretSource({ secretId: config.secretId, ttlMs: config.cacheSeconds * 1000 })
    : new StaticSecretSource(config.secret, config.previous);
}

let current: SecretSource | undefined;

/** One source per container, so the Secrets Manager cache outlives invocations. */
export function webhookSecrets(): SecretSource {
  current ??= secretSourceFromEnv();
  return current;
}

/** For the local runtime and tests; undefined rebuilds from the environment on next use. */
export function overrideWebhookSecrets(source: SecretSource | undefined): void {
  current = source;
}

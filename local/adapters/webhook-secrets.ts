import { z } from "zod";
import type { SecretSource } from "../../functions/channels/secrets/index";
import { ConfigError } from "../../functions/config";

/** The local adapter's secret when TELECOLLECT_WEBHOOK_SECRET is unset (never used in AWS). */
export const LOCAL_DEFAULT_WEBHOOK_SECRET = "local-dev-secret-change-me";

/**
 * The local adapter of the webhook-secrets port: fixed keys, the current one first and, while
 * rotating, the previous one.
 */
export class StaticSecretSource implements SecretSource {
  private readonly secrets: readonly string[];
  constructor(current: string, previous?: string) {
    this.secrets = previous && previous !== current ? [current, previous] : [current];
  }
  async webhookSecrets() {
    return this.secrets;
  }
}

const localSecretsSchema = z.object({
  TELECOLLECT_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  /** Still accepted while the channels move to the new secret. */
  TELECOLLECT_WEBHOOK_SECRET_PREVIOUS: z.string().min(16, "must be at least 16 characters").optional(),
});

export interface LocalSecretsConfig {
  secret: string;
  previous?: string;
}

/** TELECOLLECT_WEBHOOK_SECRET (or the documented default) and TELECOLLECT_WEBHOOK_SECRET_PREVIOUS. */
export function loadLocalSecretsConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): LocalSecretsConfig {
  const parsed = localSecretsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return {
    secret: e.TELECOLLECT_WEBHOOK_SECRET ?? LOCAL_DEFAULT_WEBHOOK_SECRET,
    ...(e.TELECOLLECT_WEBHOOK_SECRET_PREVIOUS ? { previous: e.TELECOLLECT_WEBHOOK_SECRET_PREVIOUS } : {}),
  };
}

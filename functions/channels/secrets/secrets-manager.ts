import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { type SecretSource, SecretUnavailableError } from "./index";

export const DEFAULT_SECRET_CACHE_SECONDS = 300;

export interface SecretsManagerOptions {
  secretId: string;
  ttlMs?: number;
  client?: Pick<SecretsManagerClient, "send">;
  /** Injectable for tests. */
  nowMs?: () => number;
}

/**
 * AWS adapter: GetSecretValue (AWSCURRENT, a plain SecretString), cached so a busy webhook does
 * not call Secrets Manager per delivery; concurrent misses share one request.
 */
export class SecretsManagerSecretSource implements SecretSource {
  private readonly client: Pick<SecretsManagerClient, "send">;
  private readonly ttlMs: number;
  private readonly nowMs: () => number;
  private cached?: { value: string; until: number };
  private pending?: Promise<string>;

  constructor(private readonly options: SecretsManagerOptions) {
    this.client = options.client ?? new SecretsManagerClient({});
    this.ttlMs = options.ttlMs ?? DEFAULT_SECRET_CACHE_SECONDS * 1000;
    this.nowMs = options.nowMs ?? Date.now;
  }

  async webhookSecret(): Promise<string> {
    if (this.cached && this.nowMs() < this.cached.until) return this.cached.value;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetch(): Promise<string> {
    const id = this.options.secretId;
    let value: string | undefined;
    try {
      const out = await this.client.send(new GetSecretValueCommand({ SecretId: id }));
      value = out.SecretString;
    } catch (error) {
      throw new SecretUnavailableError(`webhook secret ${id}: ${(error as Error).message}`, { cause: error });
    }
    if (!value) throw new SecretUnavailableError(`webhook secret ${id} has no SecretString`);
    this.cached = { value, until: this.nowMs() + this.ttlMs };
    return value;
  }
}

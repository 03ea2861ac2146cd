import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { DEFAULT_SECRET_CACHE_SECONDS } from "../../config";
import { type SecretSource, SecretUnavailableError } from "./index";

export interface SecretsManagerOptions {
  secretId: string;
  ttlMs?: number;
  client?: Pick<SecretsManagerClient, "send">;
  /** Injectable for tests. */
  nowMs?: () => number;
}

type Stage = "AWSCURRENT" | "AWSPREVIOUS";

/**
 * AWS adapter: GetSecretValue of the AWSCURRENT and AWSPREVIOUS versions (plain SecretStrings),
 * so deliveries signed with either key pass while the channels move to a new one. Cached so a
 * busy webhook does not call Secrets Manager per delivery; concurrent misses share one read.
 */
export class SecretsManagerSecretSource implements SecretSource {
  private readonly client: Pick<SecretsManagerClient, "send">;
  private readonly ttlMs: number;
  private readonly nowMs: () => number;
  private cached?: { values: readonly string[]; readAt: number };
  private pending?: Promise<readonly string[]>;

  constructor(private readonly options: SecretsManagerOptions) {
    this.client = options.client ?? new SecretsManagerClient({});
    this.ttlMs = options.ttlMs ?? DEFAULT_SECRET_CACHE_SECONDS * 1000;
    this.nowMs = options.nowMs ?? Date.now;
  }

  async webhookSecrets(options: { maxAgeMs?: number } = {}): Promise<readonly string[]> {
    const maxAge = Math.min(this.ttlMs, options.maxAgeMs ?? this.ttlMs);
    if (this.cached && this.nowMs() - this.cached.readAt < maxAge) return this.cached.values;
    this.pending ??= this.read().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async read(): Promise<readonly string[]> {
    const readAt = this.nowMs();
    const [current, previous] = await Promise.all([this.version("AWSCURRENT"), this.version("AWSPREVIOUS")]);
    if (!current)
      throw new SecretUnavailableError(`webhook secret ${this.options.secretId} has no SecretString`);
    const values = previous && previous !== current ? [current, previous] : [current];
    this.cached = { values, readAt };
    return values;
  }

  private async version(stage: Stage): Promise<string | undefined> {
    const id = this.options.secretId;
    try {
      const out = await this.client.send(new GetSecretValueCommand({ SecretId: id, VersionStage: stage }));
      return out.SecretString;
    } catch (error) {
      // A secret never rotated has no AWSPREVIOUS version.
      if (stage === "AWSPREVIOUS" && (error as Error).name === "ResourceNotFoundException") return undefined;
      throw new SecretUnavailableError(`webhook secret ${id} (${stage}): ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

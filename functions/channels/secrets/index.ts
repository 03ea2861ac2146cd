/**
 * Port for the payment webhook's shared secrets: Secrets Manager in AWS (secrets-manager.ts), the
 * environment locally (local/adapters/webhook-secrets.ts). During a rotation a delivery may be
 * signed with either of two keys.
 */
export interface SecretSource {
  /**
   * The keys deliveries may be signed with: the current one first, then the previous one while a
   * rotation may still be under way. Cached; `maxAgeMs` asks for keys read at most that long ago
   * (a signature no cached key matches may be the new key of a rotation that just happened).
   * Throws SecretUnavailableError.
   */
  webhookSecrets(options?: { maxAgeMs?: number }): Promise<readonly string[]>;
}

export class SecretUnavailableError extends Error {
  override name = "SecretUnavailableError";
}

/** Port for the payment webhook's shared secret: Secrets Manager in AWS (secrets-manager.ts), the environment locally. */
export interface SecretSource {
  /** The HMAC secret the payment channels sign with; throws SecretUnavailableError. */
  webhookSecret(): Promise<string>;
}

export class SecretUnavailableError extends Error {
  override name = "SecretUnavailableError";
}

/** Local adapter: a fixed secret (TELECOLLECT_WEBHOOK_SECRET, or the documented local default). */
export class StaticSecretSource implements SecretSource {
  constructor(private readonly secret: string) {}
  async webhookSecret() {
    return this.secret;
  }
}

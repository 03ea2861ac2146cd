import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SecretsManagerSecretSource } from "../../../channels/secrets/secrets-manager";
import type { BuildContext } from "../composition-root";
import { settings } from "./settings";

/** Kept for the container's life by the root, so the Secrets Manager cache outlives invocations. */
export const secretsManagerWebhookSecrets = ({ config }: BuildContext) => {
  const secret = settings(config.channels.webhookSecret, "webhookSecret");
  return new SecretsManagerSecretSource({
    secretId: secret.secretId,
    ttlMs: secret.cacheSeconds * 1000,
    client: new SecretsManagerClient({}),
  });
};

import {
  GetSecretValueCommand,
  InternalServiceError,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { SecretUnavailableError } from "../../../../functions/channels/secrets/index";
import { SecretsManagerSecretSource } from "../../../../functions/channels/secrets/secrets-manager";
import { loadLocalSecretsConfig, StaticSecretSource } from "../../../../local/adapters/webhook-secrets";

/** The local adapter as the local runtime builds it from its environment. */
const localSource = (env: Record<string, string>) => {
  const local = loadLocalSecretsConfig(env);
  return new StaticSecretSource(local.secret, local.previous);
};

const sm = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: "ap-southeast-1", maxAttempts: 1 });
const SECRET_ID =
  "arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:telecollect/payment-webhook-AbCdEf";
const meta = { $metadata: { httpStatusCode: 400 } };
const noPrevious = () =>
  new ResourceNotFoundException({
    message: "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS",
    ...meta,
  });

let ms = 0;
const source = (ttlMs = 300_000) =>
  new SecretsManagerSecretSource({ secretId: SECRET_ID, ttlMs, client, nowMs: () => ms });
const inputs = () => sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input);

beforeEach(() => {
  sm.reset();
  ms = 0;
});

describe("Secrets Manager webhook secrets", () => {
  it("reads AWSCURRENT and AWSPREVIOUS by stage, current first", async () => {
    sm.on(GetSecretValueCommand, { SecretId: SECRET_ID, VersionStage: "AWSCURRENT" })
      .resolves({ SecretString: "new-key" })
      .on(GetSecretValueCommand, { SecretId: SECRET_ID, VersionStage: "AWSPREVIOUS" })
      .resolves({ SecretString: "old-key" });
    await expect(source().webhookSecrets()).resolves.toEqual(["new-key", "old-key"]);
    expect(inputs()).toEqual([
      { SecretId: SECRET_ID, VersionStage: "AWSCURRENT" },
      { SecretId: SECRET_ID, VersionStage: "AWSPREVIOUS" },
    ]);
  });

  it("has only the current key when the secret was never rotated", async () => {
    sm.on(GetSecretValueCommand, { VersionStage: "AWSCURRENT" })
      .resolves({ SecretString: "only-key" })
      .on(GetSecretValueCommand, { VersionStage: "AWSPREVIOUS" })
      .rejects(noPrevious());
    await expect(source().webhookSecrets()).resolves.toEqual(["only-key"]);
  });

  it("caches both for the TTL, shares one read between concurrent callers, and re-reads when asked for fresher keys", async () => {
    sm.on(GetSecretValueCommand, { VersionStage: "AWSCURRENT" })
      .resolves({ SecretString: "key-1" })
      .on(GetSecretValueCommand, { VersionStage: "AWSPREVIOUS" })
      .rejects(noPrevious());
    const s = source();
    await Promise.all([s.webhookSecrets(), s.webhookSecrets(), s.webhookSecrets()]);
    expect(inputs()).toHaveLength(2);
    ms = 60_000;
    await expect(s.webhookSecrets()).resolves.toEqual(["key-1"]);
    expect(inputs()).toHaveLength(2);
    sm.on(GetSecretValueCommand, { VersionStage: "AWSCURRENT" })
      .resolves({ SecretString: "key-2" })
      .on(GetSecretValueCommand, { VersionStage: "AWSPREVIOUS" })
      .resolves({ SecretString: "key-1" });
    await expect(s.webhookSecrets({ maxAgeMs: 30_000 })).resolves.toEqual(["key-2", "key-1"]);
    expect(inputs()).toHaveLength(4);
    ms = 70_000;
    await expect(s.webhookSecrets({ maxAgeMs: 30_000 })).resolves.toEqual(["key-2", "key-1"]);
    expect(inputs()).toHaveLength(4);
    ms = 60_000 + 300_000;
    await s.webhookSecrets();
    expect(inputs()).toHaveLength(6);
  });

  it("fails as unavailable when either read fails otherwise, or the current one is empty", async () => {
    sm.on(GetSecretValueCommand, { VersionStage: "AWSCURRENT" })
      .resolves({ SecretString: "key" })
      .on(GetSecretValueCommand, { VersionStage: "AWSPREVIOUS" })
      .rejects(new InternalServiceError({ message: "try later", ...meta }));
    await expect(source().webhookSecrets()).rejects.toThrow(SecretUnavailableError);
    sm.reset();
    sm.on(GetSecretValueCommand, { VersionStage: "AWSCURRENT" })
      .resolves({})
      .on(GetSecretValueCommand, { VersionStage: "AWSPREVIOUS" })
      .rejects(noPrevious());
    await expect(source().webhookSecrets()).rejects.toThrow("has no SecretString");
    sm.reset();
    sm.on(GetSecretValueCommand, { VersionStage: "AWSCURRENT" }).rejects(noPrevious());
    await expect(source().webhookSecrets()).rejects.toThrow(SecretUnavailableError);
  });
});

describe("local webhook secrets", () => {
  it("accept a previous secret from the environment while rotating", async () => {
    const env = {
      TELECOLLECT_WEBHOOK_SECRET: "current-local-secret-0123",
      TELECOLLECT_WEBHOOK_SECRET_PREVIOUS: "previous-local-secret-0123",
    };
    expect(loadLocalSecretsConfig(env)).toEqual({
      secret: "current-local-secret-0123",
      previous: "previous-local-secret-0123",
    });
    await expect(localSource(env).webhookSecrets()).resolves.toEqual([
      "current-local-secret-0123",
      "previous-local-secret-0123",
    ]);
    await expect(
      localSource({ TELECOLLECT_WEBHOOK_SECRET: "current-local-secret-0123" }).webhookSecrets(),
    ).resolves.toEqual(["current-local-secret-0123"]);
    expect(() => loadLocalSecretsConfig({ ...env, TELECOLLECT_WEBHOOK_SECRET_PREVIOUS: "short" })).toThrow(
      "TELECOLLECT_WEBHOOK_SECRET_PREVIOUS: must be at least 16 characters",
    );
  });
});

import {
  CreateSecretCommand,
  GetSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { pseudonymSecretName, SecretsManagerPseudonymKeys } from "../../../cli/pseudonym-keys";

const sm = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: "ap-southeast-1", maxAttempts: 1 });
const NAME = pseudonymSecretName("Telecollect");
const KEY_HEX = "0f".repeat(32);
const notFound = () => new ResourceNotFoundException({ message: "no such secret", $metadata: {} });
const keys = () => new SecretsManagerPseudonymKeys(client, NAME);

beforeEach(() => sm.reset());

describe("the pseudonym key in Secrets Manager", () => {
  it("is named after the stack, outside it", () => {
    expect(NAME).toBe("telecollect/Telecollect/erasure-pseudonym-key");
  });

  it("reads as nothing when no erasure made it, and is not made by a read", async () => {
    sm.on(GetSecretValueCommand).rejects(notFound());
    await expect(keys().read()).resolves.toBeUndefined();
    expect(sm.commandCalls(CreateSecretCommand)).toEqual([]);
  });

  it("is made once with 32 random bytes in hex, then read back", async () => {
    sm.on(GetSecretValueCommand).rejectsOnce(notFound()).resolves({ SecretString: KEY_HEX });
    sm.on(CreateSecretCommand).resolves({});
    await expect(keys().readOrCreate()).resolves.toEqual(Buffer.from(KEY_HEX, "hex"));
    const input = sm.commandCalls(CreateSecretCommand)[0]?.args[0].input;
    expect(input).toEqual({
      Name: NAME,
      Description: "telecollect: key of the pseudonyms of erased participants (docs/data-protection.md)",
      SecretString: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(input?.SecretString).not.toBe(KEY_HEX);
  });

  it("made meanwhile by another erasure: that key is used, not a second one", async () => {
    sm.on(GetSecretValueCommand).rejectsOnce(notFound()).resolves({ SecretString: KEY_HEX });
    sm.on(CreateSecretCommand).rejects(new ResourceExistsException({ message: "exists", $metadata: {} }));
    await expect(keys().readOrCreate()).resolves.toEqual(Buffer.from(KEY_HEX, "hex"));
  });

  it("a secret that is not a key is refused, naming the secret", async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: "hunter2" });
    await expect(keys().read()).rejects.toThrow(`secret ${NAME}: not a pseudonym key`);
  });
});

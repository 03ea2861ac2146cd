import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  type SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { CliError } from "./errors";
import { PSEUDONYM_KEY_BYTES } from "./participant-data/erasure";

/**
 * Port: the secret key of erasure pseudonyms, one per target, made on the first erasure. Secrets
 * Manager for a stack, a file of the CLI's home for the local runtime. Without the key nobody can
 * tell whose a pseudonym is; with it, an export finds the erasure record of a card number.
 */
export interface PseudonymKeys {
  /** The key, or undefined when none was made (no erasure was ever run on this target). */
  read(): Promise<Uint8Array | undefined>;
  /** The key, made of 32 random bytes on the first call. */
  readOrCreate(): Promise<Uint8Array>;
}

/** The secret's name for a stack: outside the stack, so a redeployment never replaces it. */
export const pseudonymSecretName = (stack: string) => `telecollect/${stack}/erasure-pseudonym-key`;

const parseKey = (hex: string, where: string): Uint8Array => {
  const key = Buffer.from(hex.trim(), "hex");
  if (key.length < PSEUDONYM_KEY_BYTES || !/^[0-9a-f]+$/i.test(hex.trim())) {
    throw new CliError(`${where}: not a pseudonym key (expected ${PSEUDONYM_KEY_BYTES * 2}+ hex digits)`);
  }
  return key;
};

const newKeyHex = () => randomBytes(PSEUDONYM_KEY_BYTES).toString("hex");

/** AWS adapter: a Secrets Manager secret (SecretString: the key in hex). */
export class SecretsManagerPseudonymKeys implements PseudonymKeys {
  constructor(
    private readonly client: Pick<SecretsManagerClient, "send">,
    private readonly secretName: string,
  ) {}

  async read() {
    try {
      const out = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretName }));
      return parseKey(out.SecretString ?? "", `secret ${this.secretName}`);
    } catch (error) {
      if ((error as Error).name === "ResourceNotFoundException") return undefined;
      throw error;
    }
  }

  async readOrCreate() {
    const existing = await this.read();
    if (existing) return existing;
    try {
      await this.client.send(
        new CreateSecretCommand({
          Name: this.secretName,
          Description: "telecollect: key of the pseudonyms of erased participants (docs/data-protection.md)",
          SecretString: newKeyHex(),
        }),
      );
    } catch (error) {
      // Another erasure made it meanwhile: use that one.
      if ((error as Error).name !== "ResourceExistsException") throw error;
    }
    const made = await this.read();
    if (!made) throw new CliError(`secret ${this.secretName} was created but cannot be read`);
    return made;
  }
}

/** Local adapter: a file only the user may read, made once (never overwritten). */
export class FilePseudonymKeys implements PseudonymKeys {
  constructor(private readonly path: string) {}

  async read() {
    try {
      return parseKey(await readFile(this.path, "utf8"), this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async readOrCreate() {
    try {
      await writeFile(this.path, `${newKeyHex()}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const key = await this.read();
    if (!key) throw new CliError(`${this.path}: the pseudonym key file vanished`);
    return key;
  }
}

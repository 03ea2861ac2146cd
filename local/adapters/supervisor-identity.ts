import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ConfigError } from "../../functions/config";
import type { Branch } from "../../functions/domain/branches";
import { NATIONAL_GROUP, PERSONAL_DATA_GROUP } from "../../functions/domain/supervisor";

/** The sample users' password when TELECOLLECT_LOCAL_PASSWORD is unset (never used in AWS). */
export const LOCAL_DEFAULT_PASSWORD = "telecollect-lokal";

/** How long a local token lives: as the console's Cognito ID token (8 hours). */
const TOKEN_SECONDS = 8 * 3600;
const ISSUER = "telecollect-local";
const AUDIENCE = "telecollect-console";

export interface LocalSupervisorUser {
  username: string;
  groups: string[];
}

/**
 * `spv-<branch in lower case>` for each branch, `nasional` for every branch, and `petugas-pdp`, the
 * national office's data protection officer, who may also read personal data unmasked.
 */
export function sampleSupervisors(branches: readonly Branch[]): LocalSupervisorUser[] {
  return [
    ...branches.map((b) => ({ username: `spv-${b.code.toLowerCase()}`, groups: [b.code] })),
    { username: "nasional", groups: [NATIONAL_GROUP] },
    { username: "petugas-pdp", groups: [NATIONAL_GROUP, PERSONAL_DATA_GROUP] },
  ];
}

export function loadLocalPassword(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const parsed = z
    .string()
    .min(8)
    .optional()
    .safeParse(env.TELECOLLECT_LOCAL_PASSWORD || undefined);
  if (!parsed.success) {
    throw new ConfigError("invalid environment: TELECOLLECT_LOCAL_PASSWORD: must be at least 8 characters");
  }
  return parsed.data ?? LOCAL_DEFAULT_PASSWORD;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * What stands in locally for the Cognito user pool (sign-in with a password gives an ID token)
 * and for the HTTP API's JWT authorizer (a request's bearer token is checked before the handler
 * runs, and its claims reach the handler as API Gateway passes them). Tokens are HS256 JWTs under
 * a key made at start-up, with Cognito's ID-token claims.
 */
export class LocalSupervisorIdentity {
  private readonly key = randomBytes(32);
  private readonly users: ReadonlyMap<string, LocalSupervisorUser>;

  constructor(
    users: readonly LocalSupervisorUser[],
    private readonly password: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.users = new Map(users.map((u) => [u.username, u]));
  }

  /** A token for the user, or undefined for an unknown user or a wrong password. */
  signIn(username: string, password: string): { token: string; expiresAt: string } | undefined {
    const user = this.users.get(username);
    if (!user || !sameText(password, this.password)) return undefined;
    const iat = Math.floor(this.now().getTime() / 1000);
    const claims = {
      sub: `local-${user.username}`,
      "cognito:username": user.username,
      "cognito:groups": user.groups,
      token_use: "id",
      iss: ISSUER,
      aud: AUDIENCE,
      iat,
      exp: iat + TOKEN_SECONDS,
    };
    const unsigned = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
    return {
      token: `${unsigned}.${this.sign(unsigned)}`,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
    };
  }

  /**
   * The claims of a valid `Authorization: Bearer` value, as the JWT authorizer hands them to the
   * function (an array claim as one string `[A B]`); undefined when it is missing, forged or expired.
   */
  claimsOf(authorization: string | undefined): Record<string, unknown> | undefined {
    const token = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    const [header, payload, signature] = token?.split(".") ?? [];
    if (!header || !payload || !signature || !sameText(signature, this.sign(`${header}.${payload}`)))
      return undefined;
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    const now = this.now().getTime() / 1000;
    if (
      claims.iss !== ISSUER ||
      claims.aud !== AUDIENCE ||
      typeof claims.exp !== "number" ||
      claims.exp <= now
    ) {
      return undefined;
    }
    return Object.fromEntries(
      Object.entries(claims).map(([name, value]) => [
        name,
        Array.isArray(value) ? `[${value.join(" ")}]` : value,
      ]),
    );
  }

  private sign(unsigned: string): string {
    return createHmac("sha256", this.key).update(unsigned).digest("base64url");
  }
}

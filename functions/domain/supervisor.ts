import type { Branch } from "./branches";
import { zoneName } from "./local-time";

/** The group that holds every branch. */
export const NATIONAL_GROUP = "NASIONAL";

/**
 * The role (a group of its own) that may read participants' personal data unmasked, each read
 * recorded with its reason: decided by the server from the token, never by the client.
 */
export const PERSONAL_DATA_GROUP = "AKSES_DATA_PRIBADI";

/** A signed-in supervisor and the branches their groups let them act on. */
export interface Supervisor {
  username: string;
  branchCodes: readonly string[];
  /** Holds PERSONAL_DATA_GROUP. */
  readsPersonalData: boolean;
  /** Holds NATIONAL_GROUP: reads the record of unmasked reads. */
  national: boolean;
}

/**
 * A token's groups: Cognito puts an array in `cognito:groups`; API Gateway's JWT authorizer hands
 * an array claim to the function as one string, `[GORONTALO NASIONAL]`.
 */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === "string");
  if (typeof claim !== "string") return [];
  return claim
    .replace(/^\[|\]$/g, "")
    .split(/[\s,]+/)
    .filter((g) => g.length > 0);
}

/** The supervisor a token's claims name, or undefined when they name no user. */
export function supervisorOf(
  claims: Readonly<Record<string, unknown>>,
  branches: readonly Branch[],
): Supervisor | undefined {
  const username = claims["cognito:username"] ?? claims.username;
  if (typeof username !== "string" || username.length === 0) return undefined;
  const groups = new Set(groupsOf(claims["cognito:groups"]));
  const national = groups.has(NATIONAL_GROUP);
  return {
    username,
    branchCodes: branches.filter((b) => national || groups.has(b.code)).map((b) => b.code),
    readsPersonalData: groups.has(PERSONAL_DATA_GROUP),
    national,
  };
}

export const holdsBranch = (supervisor: Supervisor, branchCode: string) =>
  supervisor.branchCodes.includes(branchCode);

/** A branch as the console shows it: its name and the zone's Indonesian label. */
export function branchView(branch: Branch) {
  return {
    code: branch.code,
    name: branch.name,
    timeZone: branch.timeZone,
    zone: zoneName(branch.timeZone),
  };
}

import { basename } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DialerError } from "../../functions/channels/dialer";
import { SmsSendError } from "../../functions/channels/sms";
import type { TableName } from "../../functions/store/schemas";
import {
  FUNCTION_CATALOG,
  FUNCTION_IDS,
  type FunctionId,
  type TableAccess,
} from "../../infra/function-catalog";
import { type DynamoAccess, DynamoAccessRecorder } from "../../local/dynamo-access";
import { chance } from "../../local/sim/random";
import { localRun } from "./local-run";

/**
 * The function catalog against what the handlers really send: two simulated months on DynamoDB
 * Local (one plain; one with SNS and Connect throttling, lost call events and every campaign's
 * close failing into record-campaign-failure), every DynamoDB request attributed to the handler
 * invoked. Whatever a handler uses, its role must grant (or AWS would answer AccessDenied); whatever
 * its role grants, a month must use, unless the catalog says which rare path needs it.
 */
const recorder = new DynamoAccessRecorder();
let used: Record<string, DynamoAccess[]> = {};

/** The catalog id of a function as the local runtime names it (its handler file). */
const catalogIdOf = Object.fromEntries(
  FUNCTION_IDS.map((fid) => [basename(FUNCTION_CATALOG[fid].entry, ".ts"), fid]),
) as Record<string, FunctionId>;

const tablesOf = (fid: FunctionId) => FUNCTION_CATALOG[fid].tables as Partial<Record<TableName, TableAccess>>;

/** A recorded use as the grant it needs: the action on the table, or the index queried. */
const grantOf = (a: DynamoAccess) => (a.index ? a.index : a.action);

function isGranted(fid: FunctionId, a: DynamoAccess): boolean {
  const access = tablesOf(fid)[a.table];
  if (!access) return false;
  if (a.index) return a.action === "Query" && (access.indexes ?? []).includes(a.index);
  return (access.actions as readonly string[]).includes(a.action);
}

const grantsOf = (access: TableAccess): string[] => [...access.actions, ...(access.indexes ?? [])];

/**
 * Functions a simulated month never invokes, and why: their grants cannot be checked against it
 * (the tests of their own handlers must), so they are left out here, and if a month ever runs
 * one, it leaves this list.
 */
const OUTSIDE_THE_MONTH: Partial<Record<FunctionId, string>> = {
  supervisorApi: "the supervisor API serves the console and is not used by the simulated month",
  snapshotImport:
    "runs on a snapshot uploaded from the console; the simulated month imports its snapshot directly",
};
const inTheMonth = (fid: FunctionId) => OUTSIDE_THE_MONTH[fid] === undefined;

interface CataloguedGrant {
  fid: FunctionId;
  table: TableName;
  access: TableAccess;
  /** An action or index the catalog grants, or one it calls rare (`unexercised`). */
  kind: "granted" | "rare";
  grant: string;
  used: boolean;
}

/** Every grant and every rare-path note of the catalog, and whether the months used it. */
function catalogueGrants(): CataloguedGrant[] {
  return FUNCTION_IDS.filter(inTheMonth).flatMap((fid) => {
    const usedHere = used[basename(FUNCTION_CATALOG[fid].entry, ".ts")] ?? [];
    return (Object.entries(tablesOf(fid)) as [TableName, TableAccess][]).flatMap(([table, access]) => {
      const seen = new Set(usedHere.filter((a) => a.table === table).map(grantOf));
      const entry = (kind: CataloguedGrant["kind"], grant: string) =>
        ({ fid, table, access, kind, grant, used: seen.has(grant) }) satisfies CataloguedGrant;
      return [
        ...grantsOf(access).map((grant) => entry("granted", grant)),
        ...Object.keys(access.unexercised ?? {}).map((grant) => entry("rare", grant)),
      ];
    });
  });
}

const describeGrant = (g: CataloguedGrant) => `${g.fid}: ${g.table} ${g.grant}`;

beforeAll(async () => {
  const plain = await localRun({ participants: 80, seed: 7, period: "2026-11", dynamoAccess: recorder });
  await plain.remove();
  const faulty = await localRun({
    participants: 80,
    seed: 11,
    period: "2026-11",
    dynamoAccess: recorder,
    faults: {
      sms: (message, attempt) =>
        attempt === 1 && chance(0.15, 11, message.messageKey, "sns")
          ? new SmsSendError("Rate exceeded", true, "ThrottledException")
          : undefined,
      dialer: (call) =>
        chance(0.1, 11, call.clientToken, "connect")
          ? new DialerError("TooManyRequestsException", true, "THROTTLED")
          : undefined,
      dropEvent: (contactId) => chance(0.1, 11, contactId, "lost"),
      invocation: (name) => (name === "close-campaign" ? new Error("closing refused") : undefined),
    },
  });
  await faulty.remove();
  used = recorder.byFunction();
}, 600_000);

describe("the function catalog against the handlers' DynamoDB requests", () => {
  it("ran every catalogued function that uses a table, each one known to the catalog", () => {
    for (const name of Object.keys(used)) expect(catalogIdOf[name], name).toBeDefined();
    const ran = new Set(Object.keys(used).map((name) => catalogIdOf[name]));
    const withTables = FUNCTION_IDS.filter((fid) => Object.keys(tablesOf(fid)).length > 0).filter(inTheMonth);
    expect(withTables.filter((fid) => !ran.has(fid))).toEqual([]);
  });

  it("runs none of the functions said to be outside the month", () => {
    const ran = new Set(Object.keys(used).map((name) => catalogIdOf[name]));
    expect(FUNCTION_IDS.filter((fid) => !inTheMonth(fid) && ran.has(fid))).toEqual([]);
  });

  it("grants every action and index each handler used (no AccessDenied in AWS)", () => {
    const denied = Object.entries(used).flatMap(([name, accesses]) => {
      const fid = catalogIdOf[name] as FunctionId;
      return accesses.filter((a) => !isGranted(fid, a)).map((a) => `${fid}: ${a.table} ${grantOf(a)}`);
    });
    expect(denied).toEqual([]);
  });

  it("grants nothing a month leaves unused, but for the rare paths the catalog names", () => {
    const unused = catalogueGrants().filter(
      (g) => g.kind === "granted" && !g.used && !g.access.unexercised?.[g.grant],
    );
    expect(unused.map(describeGrant)).toEqual([]);
  });

  it("names only real grants as rare, and none a month does use", () => {
    const stale = catalogueGrants().filter(
      (g) => g.kind === "rare" && (g.used || !grantsOf(g.access).includes(g.grant)),
    );
    expect(stale.map(describeGrant)).toEqual([]);
  });
});

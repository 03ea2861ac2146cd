import { describe, expect, it } from "vitest";
import { ALL_TABLES, type TableName } from "../../functions/store/schemas";
import { SNS_ARNS } from "../../infra/constructs/sms";
import {
  FUNCTION_CATALOG,
  FUNCTION_IDS,
  type FunctionId,
  type TableAccess,
} from "../../infra/function-catalog";
import { keyActionsFor } from "../../infra/grants";
import { flatten } from "../../infra/nag";
import { asArray, defaultChildId, type Statement, statementsOfRole, synthesize } from "./helpers";

/**
 * Each function's role grants exactly the DynamoDB actions and indexes the function catalog
 * declares for it (and the table key's actions they need): nothing more, on nothing else.
 */
const { stack, template } = synthesize();

const tableIds = Object.fromEntries(
  ALL_TABLES.map((s) => [s.name, defaultChildId(stack.data.tables[s.name])]),
) as Record<TableName, string>;
const keyId = defaultChildId(stack.data.key);

const statementsOf = (fid: FunctionId) =>
  statementsOfRole(template, defaultChildId(stack.functions.get(fid).role));
const tablesOf = (fid: FunctionId) =>
  Object.entries(FUNCTION_CATALOG[fid].tables) as [TableName, TableAccess][];

/** Each (action, resource) pair a statement allows, resources flattened (`<LogicalId.Arn>/index/...`). */
const pairsOf = (statements: Statement[], effect: "Allow" | "Deny", matches: (action: string) => boolean) =>
  statements
    .filter((s) => s.Effect === effect)
    .flatMap((s) =>
      asArray(s.Action)
        .filter(matches)
        .flatMap((action) => asArray(s.Resource).map((r) => `${action} on ${flatten(r)}`)),
    )
    .sort();

/** What the catalog says the function may do to its tables, as the same pairs. */
function expectedTablePairs(fid: FunctionId): string[] {
  return tablesOf(fid)
    .flatMap(([table, access]) => [
      ...access.actions.map((action) => `dynamodb:${action} on <${tableIds[table]}.Arn>`),
      ...(access.indexes ?? []).map((index) => `dynamodb:Query on <${tableIds[table]}.Arn>/index/${index}`),
    ])
    .sort();
}

describe("IAM: DynamoDB grants derived from the function catalog", () => {
  it.each(FUNCTION_IDS)("%s: exactly the catalog's actions and indexes, on its tables only", (fid) => {
    const granted = pairsOf(statementsOf(fid), "Allow", (a) => a.startsWith("dynamodb:"));
    expect(granted).toEqual(expectedTablePairs(fid));
    expect(pairsOf(statementsOf(fid), "Allow", (a) => a === "dynamodb:*")).toEqual([]);
  });

  it.each(FUNCTION_IDS)("%s: the table key's actions its table actions need, no more", (fid) => {
    const onKey = pairsOf(statementsOf(fid), "Allow", (a) => a.startsWith("kms:")).filter((p) =>
      p.endsWith(`<${keyId}.Arn>`),
    );
    const accesses = tablesOf(fid).map(([, access]) => access);
    const needed = accesses.length > 0 ? keyActionsFor(accesses) : [];
    expect(onKey).toEqual(needed.map((action) => `${action} on <${keyId}.Arn>`).sort());
  });

  it("grants no write, batch write or delete to the functions that only read", () => {
    const allowed = (fid: FunctionId) =>
      pairsOf(statementsOf(fid), "Allow", (a) => a.startsWith("dynamodb:"));
    for (const fid of FUNCTION_IDS) {
      expect(
        allowed(fid).filter((p) => p.startsWith("dynamodb:DeleteItem")),
        fid,
      ).toEqual([]);
      expect(
        allowed(fid).filter((p) => p.startsWith("dynamodb:Scan")),
        fid,
      ).toEqual([]);
    }
    // Only the mapping writes cases in batches, the snapshot import participants, and the kader
    // hand-off (after a calling day, at close) worklist lines.
    const batchWriters = FUNCTION_IDS.filter((fid) =>
      allowed(fid).some((p) => p.startsWith("dynamodb:BatchWriteItem")),
    );
    expect(batchWriters).toEqual(["mapArrears", "planCallingDay", "closeCampaign", "snapshotImport"]);
    for (const fid of ["planCallingDay", "closeCampaign"] as const) {
      expect(allowed(fid).filter((p) => p.startsWith("dynamodb:BatchWriteItem"))).toEqual([
        `dynamodb:BatchWriteItem on <${tableIds.kader}.Arn>`,
      ]);
    }
    expect(allowed("snapshotImport").filter((p) => p.startsWith("dynamodb:BatchWriteItem"))).toEqual([
      `dynamodb:BatchWriteItem on <${tableIds.participants}.Arn>`,
    ]);
    // The supervisor API reads the kader table and writes a form's visit results one at a time.
    expect(allowed("supervisorApi").filter((p) => p.includes(`<${tableIds.kader}.Arn>`))).toEqual([
      `dynamodb:PutItem on <${tableIds.kader}.Arn>`,
      `dynamodb:Query on <${tableIds.kader}.Arn>`,
    ]);
    // The payment webhook queries one index: the participant's cases.
    expect(allowed("paymentWebhook").filter((p) => p.includes("/index/"))).toEqual([
      `dynamodb:Query on <${tableIds.cases}.Arn>/index/byParticipant`,
    ]);
  });
});

describe("IAM: SMS publishing cannot reach a topic", () => {
  const publishes = (fid: FunctionId, effect: "Allow" | "Deny") =>
    pairsOf(statementsOf(fid), effect, (a) => a === "sns:Publish");
  const topic = `<${defaultChildId(stack.sms.supervisorsTopic)}>`;

  it("denies sns:Publish on every SNS ARN to each function with the sms channel", () => {
    const sms = FUNCTION_IDS.filter((fid) => FUNCTION_CATALOG[fid].channels.some((c) => c === "sms"));
    expect(sms.sort()).toEqual([
      "contactEvents",
      "messagingEvents",
      "recordDisposition",
      "sendFollowUps",
      "sendSms",
    ]);
    for (const fid of sms) {
      expect(publishes(fid, "Deny"), fid).toEqual([`sns:Publish on ${SNS_ARNS}`]);
      expect(publishes(fid, "Allow"), fid).toEqual(["sns:Publish on *"]);
    }
  });

  it("lets the supervisors' channel publish to the supervisors' topic only, with no Deny in the way", () => {
    const supervisors = FUNCTION_IDS.filter((fid) =>
      FUNCTION_CATALOG[fid].channels.some((c) => c === "supervisors"),
    );
    expect(supervisors).toEqual(["closeCampaign"]);
    for (const fid of supervisors) {
      expect(publishes(fid, "Allow"), fid).toEqual([`sns:Publish on ${topic}`]);
      expect(publishes(fid, "Deny"), fid).toEqual([]);
    }
  });
});

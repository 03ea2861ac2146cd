import "./environment";
import { resolve } from "node:path";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { loadRuntimeConfig, type RuntimeConfig } from "../functions/config";
import { prefixedTableNames, type TableNames, tableEnvironment } from "../functions/contracts";
import { createDocumentClient } from "../functions/store/client";
import { createTables, type LocalDynamo, startLocalDynamo } from "./dynamodb";

/** What a --data-dir held when the runtime started on it. */
export interface DataDirState {
  path: string;
  /** False when the tables were created now (a new or empty directory). */
  reused: boolean;
  /** The campaigns already there, e.g. "GORONTALO#2026-11", with their phase. */
  campaigns: { campaignId: string; status: string }[];
}

export interface LocalRuntime {
  dynamo: LocalDynamo;
  tables: TableNames;
  /**
   * The handlers' config: these tables on DynamoDB Local, the rest from this process's variables
   * as a Lambda function reads its environment (e.g. PAYMENT_MAX_AMOUNT), defaults otherwise.
   */
  config: RuntimeConfig;
  doc: ReturnType<typeof createDocumentClient>;
  /** Absent when DynamoDB Local runs in memory. */
  dataDir?: DataDirState;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** Keep DynamoDB Local's data here between runs (created when missing); in memory when absent. */
  dataDir?: string;
  tablePrefix?: string;
}

/** The campaigns of a reused data directory (a handful: one per branch and month). */
async function campaignsIn(doc: LocalRuntime["doc"], table: string): Promise<DataDirState["campaigns"]> {
  const campaigns: DataDirState["campaigns"] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: table,
        ProjectionExpression: "campaignId, #status",
        ExpressionAttributeNames: { "#status": "status" },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? [])
      campaigns.push({ campaignId: String(item.campaignId), status: String(item.status) });
    start = page.LastEvaluatedKey;
  } while (start);
  return campaigns.sort((a, b) => a.campaignId.localeCompare(b.campaignId));
}

/** One line for start-up: where the data is, and whether an earlier run's campaigns are in it. */
export function describeDataDir(state: DataDirState | undefined): string {
  if (!state) return "in memory (gone when it stops)";
  if (!state.reused) return `data in ${state.path} (new)`;
  const campaigns = state.campaigns.map((c) => `${c.campaignId.replace("#", " ")} ${c.status}`);
  return `data in ${state.path}, REUSED from an earlier run: ${campaigns.length > 0 ? `campaigns ${campaigns.join(", ")}` : "no campaign yet"}`;
}

/**
 * The embedded runtime's base: DynamoDB Local with the store's tables, and the config the
 * deployed Lambda functions read from their environment, so the same handlers run in-process.
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  const dynamo = await startLocalDynamo(options.dataDir ? { dataDir: options.dataDir } : {});
  const tables = prefixedTableNames(options.tablePrefix ?? "telecollect-");
  const doc = createDocumentClient({ endpoint: dynamo.endpoint });
  let dataDir: DataDirState | undefined;
  let config: RuntimeConfig;
  try {
    config = loadRuntimeConfig({
      ...process.env,
      ...tableEnvironment(tables),
      DYNAMODB_ENDPOINT: dynamo.endpoint,
    });
    const { existing } = await createTables(dynamo.endpoint, tables);
    if (options.dataDir) {
      dataDir = {
        path: resolve(options.dataDir),
        reused: existing > 0,
        campaigns: existing > 0 ? await campaignsIn(doc, tables.campaigns) : [],
      };
    }
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
  const stopOnSignal = (signal: NodeJS.Signals) => {
    void dynamo.stop().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  return {
    dynamo,
    tables,
    config,
    doc,
    ...(dataDir ? { dataDir } : {}),
    stop: async () => {
      process.off("SIGINT", stopOnSignal);
      process.off("SIGTERM", stopOnSignal);
      await dynamo.stop();
    },
  };
}

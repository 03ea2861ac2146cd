import "./environment";
import { prefixedTableNames, type TableNames, tableEnvironment } from "../functions/config";
import { resetDependencies } from "../functions/handlers/shared/dependencies";
import { createDocumentClient } from "../functions/store/client";
import { createTables, type LocalDynamo, startLocalDynamo } from "./dynamodb";

export interface LocalRuntime {
  dynamo: LocalDynamo;
  tables: TableNames;
  doc: ReturnType<typeof createDocumentClient>;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** Keep DynamoDB Local's data here between runs; in memory when absent. */
  dataDir?: string;
  tablePrefix?: string;
}

/**
 * The embedded runtime's base: DynamoDB Local with the store's tables, and the environment the
 * deployed Lambda functions get, so the same handlers run in-process unchanged.
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  const dynamo = await startLocalDynamo(options.dataDir ? { dataDir: options.dataDir } : {});
  const tables = prefixedTableNames(options.tablePrefix ?? "telecollect-");
  try {
    await createTables(dynamo.endpoint, tables);
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
  Object.assign(process.env, tableEnvironment(tables), { DYNAMODB_ENDPOINT: dynamo.endpoint });
  resetDependencies();
  const stopOnSignal = (signal: NodeJS.Signals) => {
    void dynamo.stop().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  return {
    dynamo,
    tables,
    doc: createDocumentClient({ endpoint: dynamo.endpoint }),
    stop: async () => {
      process.off("SIGINT", stopOnSignal);
      process.off("SIGTERM", stopOnSignal);
      await dynamo.stop();
    },
  };
}

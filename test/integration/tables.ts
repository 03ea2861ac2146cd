import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { prefixedTableNames, type TableNames, tableEnvironment } from "../../functions/contracts";
import { createDocumentClient } from "../../functions/store/client";
import { createTables } from "../../local/dynamodb";

/**
 * Fresh tables on the run's DynamoDB Local, so test files never see each other's items. TTL off
 * unless asked for: tests stamp items from fixed dates that the wall clock will pass.
 */
export async function freshTables(options: { timeToLive?: boolean } = {}): Promise<{
  endpoint: string;
  tables: TableNames;
  doc: ReturnType<typeof createDocumentClient>;
}> {
  const endpoint = inject("dynamoEndpoint");
  // Without it the client would fall back to real AWS: the project must list test/global-setup.ts.
  if (!endpoint) throw new Error("no DynamoDB Local in this vitest project (see vitest.config.ts)");
  const tables = prefixedTableNames(`t${randomUUID().slice(0, 8)}-`);
  await createTables(endpoint, tables, options);
  return { endpoint, tables, doc: createDocumentClient({ endpoint }) };
}

/** The handlers' variables for these tables on the run's DynamoDB Local, with `extra` (BRANCHES...). */
export function handlerVariables(
  db: { endpoint: string; tables: TableNames },
  extra: Record<string, string> = {},
): Record<string, string> {
  return { ...tableEnvironment(db.tables), DYNAMODB_ENDPOINT: db.endpoint, ...extra };
}

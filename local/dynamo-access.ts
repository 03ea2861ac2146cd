import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TABLE_SCHEMAS, type TableName } from "../functions/store/schemas";
import { invokedFunctionName } from "./lambda";

/** One DynamoDB permission as IAM checks it: an action on a table, or Query on one of its indexes. */
export interface DynamoAccess {
  table: TableName;
  /** The IAM action without its `dynamodb:` prefix (a transaction's items count as their own actions). */
  action: string;
  index?: string;
}

interface RequestItem {
  TableName?: string;
  IndexName?: string;
}

/** IAM authorises a transaction per item: each item's action on its table. */
const TRANSACT_ITEM_ACTIONS: Record<string, string> = {
  Put: "PutItem",
  Update: "UpdateItem",
  Delete: "DeleteItem",
  ConditionCheck: "ConditionCheckItem",
  Get: "GetItem",
};

const LOGICAL_NAMES = Object.keys(TABLE_SCHEMAS) as TableName[];

/** The logical table of a physical name (`<prefix><logical>`). */
function logicalTable(physical: string): TableName {
  const table = LOGICAL_NAMES.find((name) => physical.endsWith(name));
  if (!table) throw new Error(`DynamoDB request on ${physical}, which is none of telecollect's tables`);
  return table;
}

/** A permission one request asks IAM for, on the physical table it names. */
interface Requested {
  physical: string;
  action: string;
  index?: string;
}

/** The permissions one request asks IAM for. */
function requested(command: string, input: Record<string, unknown>): Requested[] {
  const action = command.replace(/Command$/, "");
  if (action === "TransactWriteItems" || action === "TransactGetItems") {
    return (input.TransactItems as Record<string, RequestItem>[]).flatMap((item) =>
      Object.entries(item).map(([kind, request]) => ({
        physical: request.TableName ?? "",
        action: TRANSACT_ITEM_ACTIONS[kind] ?? kind,
      })),
    );
  }
  if (action === "BatchGetItem" || action === "BatchWriteItem") {
    return Object.keys(input.RequestItems as object).map((physical) => ({ physical, action }));
  }
  const { TableName, IndexName } = input as RequestItem;
  return [{ physical: TableName ?? "", action, ...(IndexName ? { index: IndexName } : {}) }];
}

const keyOf = (a: DynamoAccess) => `${a.table} ${a.action} ${a.index ?? ""}`;

/**
 * Records which DynamoDB actions, tables and indexes each handler uses, as IAM would check them,
 * attributing every request to the handler being invoked (`invokeLocally`). Requests made outside
 * a handler (the runtime's own reads) are not recorded. Only for local runs and tests.
 */
export class DynamoAccessRecorder {
  private readonly used = new Map<string, Map<string, DynamoAccess>>();

  attach(doc: DynamoDBDocumentClient): this {
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const functionName = invokedFunctionName();
        if (functionName) {
          const command = (context as { commandName?: string }).commandName ?? "unknown";
          for (const { physical, ...access } of requested(command, args.input as Record<string, unknown>)) {
            this.record(functionName, { table: logicalTable(physical), ...access });
          }
        }
        return next(args);
      },
      { step: "initialize", name: "telecollectDynamoAccessRecorder" },
    );
    return this;
  }

  /** Per function name, what it used, sorted by table, action and index. */
  byFunction(): Record<string, DynamoAccess[]> {
    return Object.fromEntries(
      [...this.used].map(([name, accesses]) => [
        name,
        [...accesses.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b))),
      ]),
    );
  }

  private record(functionName: string, access: DynamoAccess): void {
    const accesses = this.used.get(functionName) ?? new Map<string, DynamoAccess>();
    accesses.set(keyOf(access), access);
    this.used.set(functionName, accesses);
  }
}

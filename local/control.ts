import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ExecutionSummary } from "../functions/channels/workflows";
import type { ExecutionDescription, LocalStateMachines } from "./asl/runner";

/**
 * The local runtime's control API on 127.0.0.1, what Step Functions' API is in AWS for the CLI:
 *   GET  /clock                        {now}: the simulated time
 *   POST /executions {name, input}     {started, execution}: start, or the existing one by that name
 *   GET  /executions/<name>            the execution, 404 when it does not exist
 *   POST /executions/<name>/stop {error, cause}
 *   POST /shutdown                     ends the runtime (`telecollect local down`)
 * Every request carries `authorization: Bearer <token>` from the state file (mode 0600), so
 * another local user cannot drive it.
 */
export interface ControlServerOptions {
  machines: LocalStateMachines;
  stateMachine: string;
  now: () => Date;
  token: string;
  onShutdown: () => void;
}

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

export function executionSummary(d: ExecutionDescription): ExecutionSummary {
  return {
    name: d.name,
    executionArn: d.executionArn,
    status: d.status,
    startDate: d.startDate.toISOString(),
    ...(d.stopDate ? { stopDate: d.stopDate.toISOString() } : {}),
    ...(d.error ? { error: d.error } : {}),
    ...(d.cause ? { cause: d.cause } : {}),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const send = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

function authorized(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(req.headers.authorization ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const { machines } = options;
  const describe = (name: string) =>
    machines.listExecutions(options.stateMachine).find((e) => e.name === name);

  const server = createServer(async (req, res) => {
    try {
      if (!authorized(req, options.token)) return send(res, 401, { error: "unauthorized" });
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      const execution = /^\/executions\/([^/]+)(\/stop)?$/.exec(path);
      if (req.method === "GET" && path === "/clock") return send(res, 200, { now: options.now() });
      if (req.method === "POST" && path === "/shutdown") {
        send(res, 202, { stopping: true });
        options.onShutdown();
        return;
      }
      if (req.method === "POST" && path === "/executions") {
        const { name, input } = await readJson(req);
        if (typeof name !== "string") return send(res, 400, { error: "name: required string" });
        const existing = describe(name);
        if (existing) return send(res, 200, { started: false, execution: executionSummary(existing) });
        // Runs in the background; its outcome is read with GET, a failure is recorded on it.
        const started = machines.startExecution(options.stateMachine, name, input ?? {});
        return send(res, 201, { started: true, execution: executionSummary(started.describe()) });
      }
      if (execution) {
        const found = describe(decodeURIComponent(execution[1] ?? ""));
        if (!found) return send(res, 404, { error: "ExecutionDoesNotExist" });
        if (req.method === "GET" && !execution[2]) return send(res, 200, executionSummary(found));
        if (req.method === "POST" && execution[2]) {
          const { error, cause } = await readJson(req);
          await machines.stopExecution(
            found.executionArn,
            typeof error === "string" ? error : undefined,
            typeof cause === "string" ? cause : undefined,
          );
          return send(res, 200, executionSummary(describe(found.name) ?? found));
        }
      }
      send(res, 404, { error: "not found" });
    } catch (error) {
      send(res, 500, { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

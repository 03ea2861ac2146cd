import type { S3Event } from "aws-lambda";
import { z } from "zod";
import { handler as snapshotImport } from "../../functions/handlers/snapshot-import";
import { handler as supervisorApi } from "../../functions/handlers/supervisor-api";
import type { LocalSnapshotFiles } from "../adapters/snapshot-files";
import type { LocalSupervisorIdentity } from "../adapters/supervisor-identity";
import { invokeLocally } from "../lambda";
import type { HttpApiHandler, LocalAnswer, LocalService, Route } from "./server";

/** The console's files by path ("/index.html"...), as the console's build makes them. */
export type ConsoleFiles = ReadonlyMap<string, { body: Buffer; contentType: string }>;

const jsonAnswer = (status: number, body: unknown): LocalAnswer => ({
  status,
  headers: { "content-type": "application/json", "cache-control": "no-store" },
  body: JSON.stringify(body),
});

/** The supervisor API's routes as the deployed HTTP API has them: GET /api/config open, the rest behind the JWT check. */
export function supervisorApiRoutes(identity: LocalSupervisorIdentity): Route[] {
  const handler = supervisorApi as unknown as HttpApiHandler;
  const functionName = "supervisor-api";
  const api = /^\/api\/(?!session$).+/;
  const authorize = (authorization: string | undefined) => identity.claimsOf(authorization);
  return [
    { method: "GET", path: "/api/config", functionName, handler },
    ...["GET", "POST", "PUT", "DELETE"].map((method) => ({
      method,
      path: api,
      functionName,
      handler,
      authorize,
    })),
  ];
}

const sessionBody = z.object({ username: z.string(), password: z.string() });

/** Cognito's part locally: `POST /api/session {username, password}` gives an ID token. */
export function sessionService(identity: LocalSupervisorIdentity): LocalService {
  return async ({ method, url, body }) => {
    if (url.pathname !== "/api/session") return undefined;
    if (method !== "POST") return jsonAnswer(405, { error: "method not allowed" });
    let parsed: z.output<typeof sessionBody>;
    try {
      parsed = sessionBody.parse(JSON.parse((await body()).toString("utf8")));
    } catch {
      return jsonAnswer(400, { error: "BadRequest", message: "expected {username, password}" });
    }
    const session = identity.signIn(parsed.username, parsed.password);
    if (!session) return jsonAnswer(401, { error: "Unauthorized", message: "wrong username or password" });
    return jsonAnswer(200, session);
  };
}

/**
 * The uploads bucket's part locally: a PUT to an address the API gave stores the file, then the
 * import function runs on it as the bucket's notification would invoke it (after the PUT answered).
 */
export function uploadService(files: LocalSnapshotFiles, onError: (error: unknown) => void): LocalService {
  return async ({ method, url, body }) => {
    const uploadId = /^\/uploads\/([A-Za-z0-9-]{8,64})$/.exec(url.pathname)?.[1];
    if (!uploadId) return undefined;
    if (method !== "PUT") return jsonAnswer(405, { error: "method not allowed" });
    if (!files.accepts(uploadId, url.searchParams)) {
      return jsonAnswer(403, {
        error: "Forbidden",
        message: "not a valid upload address, or it has expired",
      });
    }
    await files.store(uploadId, await body());
    const event = { Records: [{ s3: { object: { key: `uploads/${uploadId}.csv` } } }] } as unknown as S3Event;
    setImmediate(() => {
      invokeLocally(snapshotImport as never, event, {
        functionName: "snapshot-import",
        timeoutMs: 900_000,
      }).catch(onError);
    });
    return { status: 200, body: "" };
  };
}

/** CloudFront's part locally: the console's files, `/` being index.html. */
export function consoleService(files: ConsoleFiles): LocalService {
  return async ({ method, url }) => {
    if (method !== "GET" || url.pathname.startsWith("/api/")) return undefined;
    const file = files.get(url.pathname === "/" ? "/index.html" : url.pathname);
    if (!file) return undefined;
    return {
      status: 200,
      headers: { "content-type": file.contentType, "cache-control": "no-cache" },
      body: file.body,
    };
  };
}

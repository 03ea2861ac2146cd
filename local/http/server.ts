import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { ANSWERS, handler as paymentWebhookHandler } from "../../functions/handlers/payment-webhook";
import { invokeLocally } from "../lambda";

/** A Lambda handler behind an API Gateway HTTP API route (payload format 2.0). */
export type HttpApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

export interface Route {
  method: string;
  /** A path, or a pattern for a route with path parameters (`ANY /api/{proxy+}`). */
  path: string | RegExp;
  functionName: string;
  handler: HttpApiHandler;
  /**
   * The route's JWT authorizer: the claims of the request's token, or undefined (401 before the
   * handler runs), handed to the handler in `requestContext.authorizer.jwt.claims` as API Gateway does.
   */
  authorize?: (authorization: string | undefined) => Record<string, unknown> | undefined;
}

/**
 * Something other than a Lambda route that the local server stands in for (the console's files,
 * Cognito's sign-in, the uploads bucket): asked first; an answer means the request was its.
 */
export type LocalService = (request: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: () => Promise<Buffer>;
}) => Promise<LocalAnswer | undefined>;

export interface LocalAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export interface HttpServerOptions {
  /** 0 (the default): any free port. */
  port?: number;
  routes?: Route[];
  /**
   * Larger bodies get 413 here, as API Gateway refuses payloads over its 10 MB limit; the
   * webhook's own, lower limit is checked by its handler, in AWS and locally alike.
   */
  maxBodyBytes?: number;
  /** A handler that threw: answered 500 and reported here (stderr by default). */
  onError?: (error: unknown) => void;
  /** Each invocation of a route's handler and its real duration (what Lambda would bill). */
  onInvoked?: (functionName: string, ms: number) => void;
  services?: readonly LocalService[];
}

export interface LocalHttpServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The routes the deployed HTTP API has: `POST /payments` (the payment webhook). */
export const DEFAULT_ROUTES: Route[] = [
  {
    method: "POST",
    path: "/payments",
    functionName: "payment-webhook",
    handler: paymentWebhookHandler as unknown as HttpApiHandler,
  },
];

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** What the local services take at most: a snapshot upload (docs/console.md says 100 MB). */
const MAX_SERVICE_BODY_BYTES = 100 * 1024 * 1024;
// API Gateway's integration timeout for HTTP APIs.
const INTEGRATION_TIMEOUT_MS = 30_000;

class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(`body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Header names lower-cased and repeated headers joined with commas, as API Gateway does. */
function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] as string).toLowerCase();
    const value = req.rawHeaders[i + 1] as string;
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return headers;
}

/** An APIGatewayProxyEventV2 for a request; the body stays byte-exact (base64 when not UTF-8). */
export function toHttpApiEvent(req: IncomingMessage, body: Buffer, routeKey: string): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const headers = headersOf(req);
  const text = body.toString("utf8");
  const isText = Buffer.from(text, "utf8").equals(body);
  const now = Date.now();
  const query =
    url.searchParams.size > 0 ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {};
  return {
    version: "2.0",
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...query,
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: headers.host ?? "127.0.0.1",
      domainPrefix: "local",
      http: {
        method: req.method ?? "GET",
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey,
      stage: "$default",
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body.length > 0 ? { body: isText ? text : body.toString("base64") } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function send(res: ServerResponse, result: APIGatewayProxyResultV2) {
  if (typeof result === "string") {
    // The string form of a payload 2.0 response: API Gateway answers 200 with it as JSON.
    res.writeHead(200, { "content-type": "application/json" }).end(result);
    return;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  const body = result.body ?? "";
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.isBase64Encoded ? Buffer.from(body, "base64") : body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));

async function answeredByService(
  services: readonly LocalService[],
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
): Promise<boolean> {
  const headers = headersOf(req);
  const body = () => readBody(req, MAX_SERVICE_BODY_BYTES);
  for (const service of services) {
    let answer: LocalAnswer | undefined;
    try {
      answer = await service({ method: req.method ?? "GET", url, headers, body });
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      answer = {
        status: 413,
        headers: { "content-type": "application/json" },
        body: '{"error":"payload too large"}',
      };
    }
    if (!answer) continue;
    req.resume();
    res.writeHead(answer.status, answer.headers ?? {}).end(answer.body);
    return true;
  }
  return false;
}

/** A request for a Lambda route: matched, body read, authorized, then the handler invoked. */
async function answerRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  routes: readonly Route[],
  options: HttpServerOptions,
): Promise<void> {
  const onPath = routes.filter((r) => (typeof r.path === "string" ? r.path === path : r.path.test(path)));
  const route = onPath.find((r) => r.method === req.method);
  if (!route) {
    req.resume();
    if (onPath.length === 0) sendJson(res, 404, { error: "not found" });
    else
      sendJson(res, 405, { error: "method not allowed" }, { allow: onPath.map((r) => r.method).join(", ") });
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendJson(res, 413, ANSWERS.tooLarge);
    return;
  }
  const event = toHttpApiEvent(req, body, `${route.method} ${route.path}`);
  if (route.authorize) {
    const claims = route.authorize(event.headers.authorization);
    if (!claims) {
      sendJson(res, 401, { message: "Unauthorized" });
      return;
    }
    (event.requestContext as { authorizer?: unknown }).authorizer = { jwt: { claims, scopes: null } };
  }
  const started = performance.now();
  const result = await invokeLocally(route.handler, event, {
    functionName: route.functionName,
    timeoutMs: INTEGRATION_TIMEOUT_MS,
  }).finally(() => options.onInvoked?.(route.functionName, performance.now() - started));
  send(res, result);
}

/**
 * A real HTTP server on 127.0.0.1 in front of the same Lambda handlers API Gateway invokes:
 * 404 for an unknown path, 405 for a known path with another method.
 */
export async function startHttpServer(options: HttpServerOptions = {}): Promise<LocalHttpServer> {
  const routes = options.routes ?? DEFAULT_ROUTES;
  const onError = options.onError ?? ((error: unknown) => console.error("local http server:", error));

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (await answeredByService(options.services ?? [], req, url, res)) return;
      await answerRoute(req, res, url.pathname, routes, options);
    } catch (error) {
      onError(error);
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

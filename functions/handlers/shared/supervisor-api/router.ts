import { z } from "zod";
import { type Supervisor, supervisorOf } from "../../../domain/supervisor";
import type { Ports } from "../composition-root";
import { logger } from "../powertools";
import { CAMPAIGN_ROUTES } from "./campaign-routes";
import { ApiError, type ApiRequest, type ApiResponse, json, type Route } from "./http";
import { KADER_ROUTES } from "./kader-routes";
import { SUPERVISOR_ROUTES } from "./supervisor-routes";

const ROUTES: readonly Route[] = [...SUPERVISOR_ROUTES, ...CAMPAIGN_ROUTES, ...KADER_ROUTES];

/** The parts of an HTTP API (payload 2.0) event the API reads. */
export const apiEventSchema = z.object({
  rawPath: z.string(),
  headers: z.record(z.string(), z.string().optional()).default({}),
  queryStringParameters: z.record(z.string(), z.string().optional()).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
  requestContext: z.object({
    requestId: z.string(),
    http: z.object({ method: z.string(), sourceIp: z.string() }),
    authorizer: z
      .object({ jwt: z.object({ claims: z.record(z.string(), z.unknown()) }).optional() })
      .optional(),
  }),
});

export type ApiEvent = z.output<typeof apiEventSchema>;

function bodyOf(event: ApiEvent): unknown {
  if (event.body === undefined || event.body === "") return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("BadRequest", "the body is not JSON", {
      fields: [{ field: "(body)", message: "not JSON" }],
    });
  }
}

function routeOf(method: string, path: string): { route: Route; params: Record<string, string> } {
  const onPath = ROUTES.filter((r) => r.pattern.test(path));
  const route = onPath.find((r) => r.method === method);
  if (!route) {
    if (onPath.length === 0) throw new ApiError("NotFound", `no route ${path}`);
    throw new ApiError("NotFound", `no route ${method} ${path}`, { allow: onPath.map((r) => r.method) });
  }
  const params = { ...route.pattern.exec(path)?.groups };
  return {
    route,
    params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, decodeURIComponent(v)])),
  };
}

/** Records the action on the branch it names, when the branch is configured (refusals included). */
async function recordAction(route: Route, request: ApiRequest, ports: Ports, outcome: number) {
  const branchCode = request.params.branch;
  if (!route.action || !branchCode || !ports.branches.has(branchCode)) return;
  const action = typeof route.action === "function" ? route.action(request) : route.action;
  const period = request.params.period ?? (request.body as { period?: unknown } | undefined)?.period;
  await ports.supervision.recordAction({
    branchCode,
    at: ports.clock.now().toISOString(),
    username: request.supervisor.username,
    action,
    target: typeof period === "string" ? period : "",
    outcome,
    sourceIp: request.sourceIp,
    requestId: request.requestId,
  });
}

/** Statuses worth a record: done, or refused for who asked (403) or what the rule says (409). */
const RECORDED = (status: number) => status < 400 || status === 403 || status === 409;

async function answerAs(supervisor: Supervisor, event: ApiEvent, ports: Ports): Promise<ApiResponse> {
  const method = event.requestContext.http.method.toUpperCase();
  const { route, params } = routeOf(method, event.rawPath);
  const request: ApiRequest = {
    method,
    path: event.rawPath,
    params,
    // `?status=&bucket=` means no filter: an empty parameter is an absent one.
    query: Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).filter(([, v]) => v !== "")),
    body: bodyOf(event),
    supervisor,
    sourceIp: event.requestContext.http.sourceIp,
    requestId: event.requestContext.requestId,
  };
  let response: ApiResponse;
  try {
    response = await route.handle(request, ports);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    response = error.response();
  }
  if (RECORDED(response.statusCode)) await recordAction(route, request, ports, response.statusCode);
  return response;
}

/**
 * The supervisor API (docs/console.md): who is asking from the token's claims (checked before by
 * API Gateway's JWT authorizer, locally by the local server), then the route.
 */
export async function answerApiRequest(event: ApiEvent, ports: Ports): Promise<ApiResponse> {
  try {
    if (event.rawPath === "/api/config" && event.requestContext.http.method.toUpperCase() === "GET") {
      const signIn = ports.config.signIn;
      return json(
        200,
        signIn.kind === "cognito"
          ? { auth: "cognito", region: signIn.region, clientId: signIn.clientId }
          : { auth: "local" },
      );
    }
    const supervisor = supervisorOf(
      event.requestContext.authorizer?.jwt?.claims ?? {},
      ports.config.branches,
    );
    if (!supervisor) throw new ApiError("Unauthorized", "sign in first: no valid token");
    return await answerAs(supervisor, event, ports);
  } catch (error) {
    if (error instanceof ApiError) return error.response();
    logger.error("supervisor API request failed", {
      error: error as Error,
      method: event.requestContext.http.method,
      path: event.rawPath,
    });
    return json(500, {
      error: "InternalError",
      message: `internal error (request ${event.requestContext.requestId})`,
    });
  }
}

import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { z } from "zod";
import type { Supervisor } from "../../../domain/supervisor";
import { type FieldIssue, fieldIssues } from "../../../domain/validation";
import type { SupervisorAction } from "../../../store/audit";
import type { Ports } from "../composition-root";

export type ApiResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

/** Nothing the API answers may be cached: it is a person's view of live, personal figures. */
const NO_STORE = { "cache-control": "no-store" };

export const json = (statusCode: number, body: unknown): ApiResponse => ({
  statusCode,
  headers: { "content-type": "application/json; charset=utf-8", ...NO_STORE },
  body: JSON.stringify(body),
});

export const text = (statusCode: number, body: string, contentType: string): ApiResponse => ({
  statusCode,
  headers: { "content-type": contentType, ...NO_STORE },
  body,
});

export type ApiErrorKind = "BadRequest" | "Unauthorized" | "Forbidden" | "NotFound" | "Conflict";

const STATUS: Record<ApiErrorKind, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
};

/** An answer other than success, as docs/console.md lists them: `{error, message, ...}`. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = STATUS[kind];
  }

  response(): ApiResponse {
    return json(this.status, { error: this.kind, message: this.message, ...this.extra });
  }
}

/** A 400 naming every bad field. */
export function badRequest(issues: readonly FieldIssue[]): ApiError {
  const message = issues.map((i) => `${i.field}: ${i.message}`).join("; ");
  return new ApiError("BadRequest", message, { fields: issues });
}

/** Parses a body, query or path part; a 400 naming each bad field otherwise. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest(fieldIssues(parsed.error.issues, { whole: "(body)" }));
  return parsed.data;
}

/** One request as the routes see it: who, what, from where. */
export interface ApiRequest {
  method: string;
  path: string;
  /** The path's parameters, by the route's pattern's group names. */
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string | undefined>>;
  /** The JSON body, parsed; undefined when there is none. */
  body: unknown;
  supervisor: Supervisor;
  sourceIp: string;
  requestId: string;
}

export interface Route {
  method: string;
  pattern: RegExp;
  /** Recorded on the branch's record (docs/console.md, "What is recorded"). */
  action?: SupervisorAction | ((request: ApiRequest) => SupervisorAction);
  handle(request: ApiRequest, ports: Ports): Promise<ApiResponse>;
}

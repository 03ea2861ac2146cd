/**
 * What an AWS SDK error says besides its message. Connect's and SNS's messages can quote the number
 * dialled or texted, so adapters describe an error from these facts and never pass its message on.
 */
export interface SdkErrorFacts {
  name: string;
  /** Node's network error code (ECONNRESET...), when the request did not get an answer. */
  code?: string;
  status?: number;
  fault?: string;
  throttling: boolean;
  requestId?: string;
}

export function sdkErrorFacts(error: unknown): SdkErrorFacts {
  const e = (typeof error === "object" && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: number; requestId?: string };
    $retryable?: { throttling?: boolean };
  };
  return {
    name: typeof e.name === "string" ? e.name : "Error",
    ...(typeof e.code === "string" ? { code: e.code } : {}),
    ...(e.$metadata?.httpStatusCode !== undefined ? { status: e.$metadata.httpStatusCode } : {}),
    ...(typeof e.$fault === "string" ? { fault: e.$fault } : {}),
    throttling: e.$retryable?.throttling === true,
    ...(e.$metadata?.requestId ? { requestId: e.$metadata.requestId } : {}),
  };
}

/** `Publish: AuthorizationErrorException (HTTP 403, request r-1)`: name, status and request id only. */
export function describeSdkError(operation: string, facts: SdkErrorFacts): string {
  const details = [
    ...(facts.code ? [facts.code] : []),
    ...(facts.status !== undefined ? [`HTTP ${facts.status}`] : []),
    ...(facts.requestId ? [`request ${facts.requestId}`] : []),
  ];
  return `${operation}: ${facts.name}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
}

/**
 * An error a service answered with (it has `$metadata`), as one that may reach logs and Step
 * Functions: same name, described without its message. Anything else (a bug, a credentials
 * provider's error) quotes nothing of the request and is returned unchanged.
 */
export function withoutSdkMessage(error: unknown, operation: string): unknown {
  if (typeof error !== "object" || error === null || !("$metadata" in error)) return error;
  const facts = sdkErrorFacts(error);
  return Object.assign(new Error(describeSdkError(operation, facts)), { name: facts.name });
}

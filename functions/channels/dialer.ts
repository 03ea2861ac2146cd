import type { CallOutcome } from "../domain/case";

/** Port for outbound calls: Amazon Connect in AWS, a simulated contact center locally. */
export interface OutboundCall {
  /** E.164 */
  phone: string;
  caseId: string;
  branchCode: string;
  /** Idempotency of the start while the contact lives: `<caseId>#<attempt>`. */
  clientToken: string;
  /** What the agent sees (contact attributes): only what the call needs, far below 32 KiB. */
  attributes: Record<string, string>;
}

export class DialerError extends Error {
  override name = "DialerError";
  constructor(
    message: string,
    readonly retryable: boolean,
    /** e.g. THROTTLED, LIMIT_EXCEEDED, DESTINATION_NOT_ALLOWED, INVALID_NUMBER, FAILED */
    readonly code: string,
  ) {
    super(message);
  }
}

/** What DescribeContact tells about a call whose events never came. */
export interface ContactDescription {
  contactId: string;
  /** Undefined while the contact is still live. */
  outcome?: CallOutcome;
  agentId?: string;
  connectedToAgentAt?: string;
  disconnectedAt?: string;
}

export interface Dialer {
  startCall(call: OutboundCall): Promise<{ contactId: string }>;
  describeContact(contactId: string): Promise<ContactDescription | undefined>;
}

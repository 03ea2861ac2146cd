import type { CallOutcome } from "../domain/case";
import { FatalError } from "../errors";

/**
 * Port for outbound calls: Amazon Connect in AWS (dialer/connect.ts), a simulated contact center
 * locally (local/adapters/contact-center.ts).
 */
export interface OutboundCall {
  /** E.164 */
  phone: string;
  caseId: string;
  branchCode: string;
  /** Idempotency of the start while the contact lives: `<caseId>#<attempt>`. */
  clientToken: string;
  /** What the agent sees (contact attributes): only what the call needs, far below 32 KiB. */
  attributes: Record<string, string>;
  /** The branch's own queue, when it has one; otherwise the deployment's. */
  queueId?: string;
}

export class DialerError extends Error {
  override name = FatalError.Dialer;
  constructor(
    message: string,
    readonly retryable: boolean,
    /** e.g. THROTTLED, LIMIT_EXCEEDED, DESTINATION_NOT_ALLOWED, INVALID_NUMBER, FAILED */
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * The Amazon Connect contact events the dialer acts on: the end of a call (COMPLETED repeats it
 * after the agent's after-contact work, and stands in when DISCONNECTED is lost). The EventBridge
 * rule forwards only these; CONNECTED_TO_AGENT and the rest add nothing the end does not record.
 */
export const CONTACT_EVENT_TYPES = ["DISCONNECTED", "COMPLETED"] as const;

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

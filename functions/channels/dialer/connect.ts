import {
  type ConnectClient,
  type Contact,
  DescribeContactCommand,
  ListContactFlowsCommand,
  StartOutboundVoiceContactCommand,
} from "@aws-sdk/client-connect";
import type { ConnectConfig } from "../../config";
import { callReferences } from "../../domain/call-attributes";
import type { CallOutcome } from "../../domain/case";
import { type ContactDescription, type Dialer, DialerError, type OutboundCall } from "../dialer";
import { describeSdkError, sdkErrorFacts } from "../sdk-error";

/** What decides an outbound call's outcome, from a contact event or DescribeContact. */
export interface DisconnectFacts {
  /** Contact event `disconnectReason` / DescribeContact `DisconnectReason`. */
  disconnectReason?: string | undefined;
  /** The call reached an agent (agentInfo.connectedToAgentTimestamp). */
  connectedToAgent: boolean;
  /** The participant picked up and the flow ran (connectedToSystemTimestamp). */
  connectedToSystem: boolean;
}

/**
 * The outcome of an ended outbound call. Reaching an agent is an answer whatever the reason the
 * line dropped; an answer that never reached an agent means none was free. Otherwise the telecom
 * disconnect reason tells busy, invalid number or no answer apart (Connect's CTR data model).
 */
export function callOutcomeOf(facts: DisconnectFacts): CallOutcome {
  if (facts.connectedToAgent) return "ANSWERED";
  switch (facts.disconnectReason) {
    case "TELECOM_BUSY":
      return "BUSY";
    case "TELECOM_NUMBER_INVALID":
      return "INVALID_NUMBER";
    case "TELECOM_TIMEOUT":
    case "TELECOM_UNANSWERED":
    case "TELECOM_ORIGINATOR_CANCEL":
      return "NO_ANSWER";
    default:
      // Picked up (the flow ran) but no agent took it: queue timeout, flow disconnect, hang-up in queue.
      return facts.connectedToSystem ? "AGENT_UNAVAILABLE" : "FAILED";
  }
}

/** Connect exception names and what they mean for the dialer. */
const ERRORS: Record<string, { retryable: boolean; code: string }> = {
  TooManyRequestsException: { retryable: true, code: "THROTTLED" },
  ThrottlingException: { retryable: true, code: "THROTTLED" },
  LimitExceededException: { retryable: true, code: "LIMIT_EXCEEDED" },
  ServiceQuotaExceededException: { retryable: true, code: "LIMIT_EXCEEDED" },
  InternalServiceException: { retryable: true, code: "INTERNAL" },
  DestinationNotAllowedException: { retryable: false, code: "DESTINATION_NOT_ALLOWED" },
  OutboundContactNotPermittedException: { retryable: false, code: "OUTBOUND_NOT_PERMITTED" },
  InvalidParameterException: { retryable: false, code: "INVALID_PARAMETER" },
  InvalidRequestException: { retryable: false, code: "INVALID_REQUEST" },
  ResourceNotFoundException: { retryable: false, code: "RESOURCE_NOT_FOUND" },
  AccessDeniedException: { retryable: false, code: "ACCESS_DENIED" },
  IdempotencyException: { retryable: false, code: "IDEMPOTENCY" },
};

/**
 * Maps an SDK error to a DialerError; faults without a Connect name (network, 5xx, 429) are
 * retryable. Never the SDK's message: Connect's can quote the number dialled.
 */
export function toDialerError(error: unknown, operation: string): DialerError {
  if (error instanceof DialerError) return error;
  const facts = sdkErrorFacts(error);
  const message = describeSdkError(operation, facts);
  const known = ERRORS[facts.name];
  if (known) return new DialerError(message, known.retryable, known.code);
  if (facts.status === 429) return new DialerError(message, true, "THROTTLED");
  if (facts.fault === "client") return new DialerError(message, false, "FAILED");
  return new DialerError(message, true, "UNAVAILABLE");
}

/** The Amazon Connect adapter of the Dialer port (StartOutboundVoiceContact, DescribeContact). */
export class ConnectDialer implements Dialer {
  private flowId: Promise<string> | undefined;

  constructor(
    private readonly client: ConnectClient,
    private readonly config: ConnectConfig,
  ) {}

  /** The outbound flow's id: configured, or found once by name among the instance's flows. */
  private contactFlowId(): Promise<string> {
    const flow = this.config.contactFlow;
    if ("id" in flow) return Promise.resolve(flow.id);
    this.flowId ??= this.findFlow(flow.name).catch((error: unknown) => {
      this.flowId = undefined;
      throw error;
    });
    return this.flowId;
  }

  private async findFlow(name: string): Promise<string> {
    let nextToken: string | undefined;
    do {
      const out = await this.client.send(
        new ListContactFlowsCommand({
          InstanceId: this.config.instanceId,
          ContactFlowTypes: ["CONTACT_FLOW"],
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      const found = out.ContactFlowSummaryList?.find((f) => f.Name === name);
      if (found?.Id) return found.Id;
      nextToken = out.NextToken;
    } while (nextToken);
    throw new DialerError(`no contact flow named "${name}" on the instance`, false, "FAILED");
  }

  async startCall(call: OutboundCall): Promise<{ contactId: string }> {
    let contactId: string | undefined;
    try {
      const contactFlowId = await this.contactFlowId();
      const out = await this.client.send(
        new StartOutboundVoiceContactCommand({
          InstanceId: this.config.instanceId,
          ContactFlowId: contactFlowId,
          DestinationPhoneNumber: call.phone,
          // The call waits in this queue for an agent (the outbound flow transfers to it).
          ...((call.queueId ?? this.config.queueId) ? { QueueId: call.queueId ?? this.config.queueId } : {}),
          ...(this.config.sourcePhoneNumber ? { SourcePhoneNumber: this.config.sourcePhoneNumber } : {}),
          ClientToken: call.clientToken,
          Attributes: call.attributes,
          // The screen pop in the agent's contact panel, even where the guide is not enabled.
          References: callReferences(call.attributes),
        }),
      );
      contactId = out.ContactId;
    } catch (error) {
      throw toDialerError(error, "StartOutboundVoiceContact");
    }
    if (!contactId) throw new DialerError("StartOutboundVoiceContact returned no ContactId", true, "FAILED");
    return { contactId };
  }

  async describeContact(contactId: string): Promise<ContactDescription | undefined> {
    let contact: Contact | undefined;
    try {
      const out = await this.client.send(
        new DescribeContactCommand({ InstanceId: this.config.instanceId, ContactId: contactId }),
      );
      contact = out.Contact;
    } catch (error) {
      if ((error as { name?: string })?.name === "ResourceNotFoundException") return undefined;
      throw toDialerError(error, "DescribeContact");
    }
    return contact ? describe(contactId, contact) : undefined;
  }
}

function describe(contactId: string, contact: Contact): ContactDescription {
  const agentAt = contact.AgentInfo?.ConnectedToAgentTimestamp;
  const description: ContactDescription = {
    contactId,
    ...(contact.AgentInfo?.Id ? { agentId: contact.AgentInfo.Id } : {}),
    ...(agentAt ? { connectedToAgentAt: agentAt.toISOString() } : {}),
  };
  // No disconnect timestamp: the call is still live.
  if (!contact.DisconnectTimestamp) return description;
  return {
    ...description,
    disconnectedAt: contact.DisconnectTimestamp.toISOString(),
    outcome: callOutcomeOf({
      disconnectReason: contact.DisconnectReason,
      connectedToAgent: Boolean(agentAt),
      connectedToSystem: Boolean(contact.ConnectedToSystemTimestamp),
    }),
  };
}

import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import {
  type MessageChannel,
  type MessagePurpose,
  nextWhatsAppStatus,
  type WhatsAppStatus,
} from "../domain/messaging";
import { expiresAt } from "../domain/retention";
import { ConcurrentUpdateError } from "./concurrent-update";
import { conditionalPut, conditionalUpdate, isConditionFailure } from "./conditional";
import { MESSAGES_BY_PHONE } from "./schemas";

/** One message we sent a participant (either channel), kept so its statuses and replies find it. */
export interface SentMessage {
  /** Ours: messageIdOf(the message's dedupe key). */
  messageId: string;
  channel: MessageChannel;
  purpose: MessagePurpose;
  campaignId: string;
  participantId: string;
  caseId: string;
  branchCode: string;
  /** E.164: inbound free text (no button, no context) finds the last message to its number. */
  phone: string;
  /** The case's wave key ("1"...) when the message is a wave's reminder. */
  wave?: string;
  /** A follow-up's occasion (its promised date, call date, `PAID`...): what its SMS needs if it fails. */
  occasion?: string;
  providerMessageId?: string;
  sentAt: string;
  /** SMS: always SENT (SNS reports no delivery here); WhatsApp: the latest status Meta reported. */
  status: WhatsAppStatus;
  statusAt: string;
  /** The participant's last message to us about it: opens WhatsApp's 24-hour window. */
  lastInboundAt?: string;
}

export interface MessageStore {
  /** Idempotent on messageId. */
  recordSent(message: SentMessage): Promise<void>;
  get(messageId: string): Promise<SentMessage | undefined>;
  /** The latest message sent to `phone` (index byPhone). */
  lastTo(phone: string): Promise<SentMessage | undefined>;
  /**
   * Applies a status when it moves the message forward (nextWhatsAppStatus); returns the message
   * as updated, or undefined when the status changed nothing.
   */
  applyStatus(messageId: string, status: WhatsAppStatus, at: string): Promise<SentMessage | undefined>;
  /** Notes an inbound message about it (the 24-hour window). */
  noteInbound(messageId: string, at: string): Promise<void>;
}

/** How often applyStatus reads again when another status changed the message under it. */
const STATUS_TRIES = 5;

export class DynamoMessageStore implements MessageStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.messages,
  ) {}

  async recordSent(message: SentMessage) {
    await conditionalPut(this.doc, {
      TableName: this.table,
      Item: { ...message, expiresAt: expiresAt(message.sentAt, this.retentionDays) },
      ConditionExpression: "attribute_not_exists(messageId)",
    });
  }

  async get(messageId: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { messageId } }));
    return out.Item ? withoutTtl(out.Item) : undefined;
  }

  async lastTo(phone: string) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: MESSAGES_BY_PHONE,
        KeyConditionExpression: "phone = :p",
        ExpressionAttributeValues: { ":p": phone },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    // The index holds keys only (a status then writes the message alone): the message is read after.
    const last = out.Items?.[0]?.messageId;
    return typeof last === "string" ? this.get(last) : undefined;
  }

  /** Read, decide (nextWhatsAppStatus), write guarded by the status read: events race each other. */
  async applyStatus(messageId: string, status: WhatsAppStatus, at: string) {
    for (let attempt = 0; attempt < STATUS_TRIES; attempt++) {
      const current = await this.get(messageId);
      if (!current) return undefined;
      const next = nextWhatsAppStatus(current.status, status);
      if (!next) return undefined;
      try {
        const out = await this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { messageId },
            UpdateExpression: "SET #status = :next, statusAt = :at, expiresAt = :ttl",
            ConditionExpression: "#status = :current",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: {
              ":next": next,
              ":at": at,
              ":current": current.status,
              ":ttl": expiresAt(laterOf(at, current.sentAt), this.retentionDays),
            },
            ReturnValues: "ALL_NEW",
          }),
        );
        return withoutTtl(out.Attributes ?? {});
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new ConcurrentUpdateError(`message ${messageId} kept changing under its status ${status}`);
  }

  async noteInbound(messageId: string, at: string) {
    await conditionalUpdate(this.doc, {
      TableName: this.table,
      Key: { messageId },
      UpdateExpression: "SET lastInboundAt = :at",
      ConditionExpression:
        "attribute_exists(messageId) AND (attribute_not_exists(lastInboundAt) OR lastInboundAt < :at)",
      ExpressionAttributeValues: { ":at": at },
    });
  }
}

const laterOf = (a: string, b: string) => (a > b ? a : b);

function withoutTtl(item: Record<string, unknown>): SentMessage {
  const { expiresAt: _ttl, ...message } = item;
  return message as unknown as SentMessage;
}

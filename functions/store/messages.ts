import type { MessageChannel, MessagePurpose, WhatsAppStatus } from "../domain/messaging";

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

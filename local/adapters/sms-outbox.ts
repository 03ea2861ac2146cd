import type { Clock } from "../../functions/channels/clock";
import { type SmsMessage, SmsSendError, type SmsSender } from "../../functions/channels/sms";
import { smsSegments } from "../../functions/domain/sms-template";

/** One SMS as the local simulator delivered it: its own record, so the full E.164 number is kept. */
export interface OutboxMessage {
  /** ISO UTC, on the (simulated) clock. */
  at: string;
  phone: string;
  caseId: string;
  messageKey: string;
  text: string;
  segments: number;
}

/** Decides whether attempt `attempt` (1-based, per messageKey) of a message fails, and how. */
export type SmsFaultInjector = (message: SmsMessage, attempt: number) => SmsSendError | undefined;

/** `at` is a Date, ready for the clock's `schedule` (a participant reacting some time later). */
export type SmsSentListener = (event: { caseId: string; phone: string; at: Date }) => void;

export interface SmsOutboxOptions {
  clock: Clock;
  fault?: SmsFaultInjector;
  /** Where a listener's error goes; by default it is rethrown outside the send, so it is never lost. */
  onListenerError?: (error: unknown) => void;
}

const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * The local adapter of the SMS port: keeps every message in memory, stamped on the clock, and
 * tells listeners (a simulated population) that a participant got one. Like SNS it refuses a
 * number that is not E.164; faults are injected to exercise retries.
 */
export class SmsOutbox implements SmsSender {
  private readonly sent: OutboxMessage[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly listeners = new Set<SmsSentListener>();

  constructor(private readonly options: SmsOutboxOptions) {}

  async send(message: SmsMessage): Promise<{ messageId: string }> {
    const attempt = (this.attempts.get(message.messageKey) ?? 0) + 1;
    this.attempts.set(message.messageKey, attempt);
    const fault = this.options.fault?.(message, attempt);
    if (fault) throw fault;
    if (!E164.test(message.phone)) {
      throw new SmsSendError("phone number is not E.164", false, "InvalidParameterException");
    }
    const at = this.options.clock.now();
    this.sent.push({
      at: at.toISOString(),
      phone: message.phone,
      caseId: message.caseId,
      messageKey: message.messageKey,
      text: message.text,
      segments: smsSegments(message.text).segments,
    });
    for (const listener of this.listeners) {
      try {
        listener({ caseId: message.caseId, phone: message.phone, at });
      } catch (error) {
        // The SMS went: a listener's bug must not turn it into a failed send.
        const report =
          this.options.onListenerError ??
          ((e: unknown) =>
            queueMicrotask(() => {
              throw e;
            }));
        report(error);
      }
    }
    return { messageId: `local-${this.sent.length}` };
  }

  /** Every message delivered so far, in order. */
  messages(): readonly OutboxMessage[] {
    return this.sent;
  }

  /** Publish attempts per messageKey, failed ones included. */
  attemptsOf(messageKey: string): number {
    return this.attempts.get(messageKey) ?? 0;
  }

  /** Calls `listener` after each delivered SMS; returns the unsubscribe function. */
  onSent(listener: SmsSentListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

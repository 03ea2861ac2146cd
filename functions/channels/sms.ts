import { FatalError } from "../errors";

/** Port for SMS: Amazon SNS in AWS (sms/sns.ts), an outbox locally (local/adapters/sms-outbox.ts). */
export interface SmsMessage {
  /** E.164, +62... */
  phone: string;
  text: string;
  caseId: string;
  /** Campaign, case and wave: the same message is never sent twice under one id. */
  messageKey: string;
}

export class SmsSendError extends Error {
  override name = FatalError.SmsSend;
  constructor(
    message: string,
    /** Throttling and transient faults: worth another try after a backoff. */
    readonly retryable: boolean,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface SmsSender {
  /** Sends one SMS; throws SmsSendError. */
  send(message: SmsMessage): Promise<{ messageId: string }>;
}

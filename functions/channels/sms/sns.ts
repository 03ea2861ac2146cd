import { type MessageAttributeValue, PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { SmsConfig } from "../../config";
import { sdkErrorFacts, withoutSdkMessage } from "../sdk-error";
import { type SmsMessage, SmsSendError, type SmsSender } from "../sms";

/** Throttling by SNS or the service in front of it: the message was not taken, try later. */
const THROTTLING = new Set([
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "KMSThrottlingException",
]);

/** About this one message: retrying cannot help, and the next message may well go. */
const MESSAGE_REJECTED = new Set([
  "InvalidParameterException",
  "InvalidParameterValueException",
  "OptedOutException",
  "EndpointDisabledException",
  "ValidationException",
]);

/**
 * About the account or the deployment (permissions, sandbox, keys): every message would fail
 * alike, so these are not mapped: the invocation fails loudly instead of failing every case.
 */
const SYSTEMIC = new Set([
  "AuthorizationErrorException",
  "InvalidSecurityException",
  "KMSAccessDeniedException",
  "KMSDisabledException",
  "KMSInvalidStateException",
  "KMSNotFoundException",
  "KMSOptInRequired",
  "CredentialsProviderError",
  "ExpiredTokenException",
  "UnrecognizedClientException",
]);

/** The request never reached SNS: safe to send again. */
const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/**
 * SNS errors to the port's SmsSendError. Never the SDK's message: it can quote the phone number.
 * Returns undefined for systemic errors, which the caller rethrows without their message.
 */
export function toSmsSendError(error: unknown): SmsSendError | undefined {
  if (error instanceof SmsSendError) return error;
  const { name, status, fault, code, throttling } = sdkErrorFacts(error);
  if (SYSTEMIC.has(name)) return undefined;
  if (THROTTLING.has(name) || throttling || status === 429) {
    return new SmsSendError(`SNS throttled the publish (${name})`, true, name);
  }
  if (MESSAGE_REJECTED.has(name)) return new SmsSendError(`SNS rejected the message (${name})`, false, name);
  if ((status !== undefined && status >= 500) || fault === "server") {
    return new SmsSendError(`SNS failed (${name}, HTTP ${status ?? "5xx"})`, true, name);
  }
  if (status !== undefined)
    return new SmsSendError(`SNS refused the publish (${name}, HTTP ${status})`, false, name);
  if (code && NOT_CONNECTED.has(code)) {
    return new SmsSendError(`SNS not reachable (${code})`, true, code);
  }
  // No answer after the request went out (timeout, reset): it may have been sent. Not retried, so
  // a participant never gets the reminder twice.
  if (name === "TimeoutError" || name === "RequestTimeout" || code === "ECONNRESET" || code === "ETIMEDOUT") {
    return new SmsSendError(`SNS publish outcome unknown (${code ?? name})`, false, "OUTCOME_UNKNOWN");
  }
  return undefined;
}

/** What a failed Publish throws: an SmsSendError, or the systemic error without the SDK's message. */
export function snsPublishError(error: unknown): unknown {
  return toSmsSendError(error) ?? withoutSdkMessage(error, "SNS Publish");
}

/** The AWS adapter of the SMS port: one SNS Publish per message, straight to the phone number. */
export class SnsSmsSender implements SmsSender {
  constructor(
    /** Build it with maxAttempts 1: retries are the service's, paced by the account-wide limiter. */
    private readonly client: SNSClient,
    private readonly config: SmsConfig,
  ) {}

  async send(message: SmsMessage): Promise<{ messageId: string }> {
    const attributes: Record<string, MessageAttributeValue> = {
      "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: this.config.smsType },
    };
    if (this.config.senderId) {
      attributes["AWS.SNS.SMS.SenderID"] = { DataType: "String", StringValue: this.config.senderId };
    }
    let messageId: string | undefined;
    try {
      const out = await this.client.send(
        new PublishCommand({
          PhoneNumber: message.phone,
          Message: message.text,
          MessageAttributes: attributes,
        }),
      );
      messageId = out.MessageId;
    } catch (error) {
      throw snsPublishError(error);
    }
    // Accepted without an id: it may go out, so it must not be sent again.
    if (!messageId) throw new SmsSendError("SNS answered without a MessageId", false, "OUTCOME_UNKNOWN");
    return { messageId };
  }
}

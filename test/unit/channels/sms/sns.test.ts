import {
  AuthorizationErrorException,
  InternalErrorException,
  InvalidParameterException,
  OptedOutException,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from "@aws-sdk/client-sns";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { type SmsMessage, SmsSendError } from "../../../../functions/channels/sms";
import { SnsSmsSender } from "../../../../functions/channels/sms/sns";
import { ConfigError, loadRuntimeConfig } from "../../../../functions/config";
import { prefixedTableNames, tableEnvironment } from "../../../../functions/contracts";

/** The SMS channel's settings, as the config of a function that sends SMS reads them. */
const loadSmsConfig = (env: Record<string, string>) =>
  loadRuntimeConfig({ ...tableEnvironment(prefixedTableNames("unit-")), ...env }, ["sms"]).channels.sms;

const sns = mockClient(SNSClient);
const client = new SNSClient({ region: "ap-southeast-1", maxAttempts: 1 });

const message: SmsMessage = {
  phone: "+6281234567890",
  text: "Yth. Bpk/Ibu Siti, iuran JKN Anda tunggakan 5 bulan, Rp175.000. Abaikan jika sudah membayar. BPJS Kesehatan",
  caseId: "SEMARANG#2026-11#0001000000001",
  messageKey: "SEMARANG#2026-11#0001000000001#wave1",
};

const meta = { $metadata: { httpStatusCode: 400 } };

beforeEach(() => sns.reset());

describe("SNS SMS sender", () => {
  it("publishes straight to the phone number as a transactional SMS with the sender id", async () => {
    sns.on(PublishCommand).resolves({ MessageId: "m-1" });
    const sender = new SnsSmsSender(client, { smsType: "Transactional", senderId: "BPJSKES" });

    await expect(sender.send(message)).resolves.toEqual({ messageId: "m-1" });

    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      PhoneNumber: "+6281234567890",
      Message: message.text,
      MessageAttributes: {
        "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
        "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: "BPJSKES" },
      },
    });
  });

  it("leaves the sender id out when none is configured", async () => {
    sns.on(PublishCommand).resolves({ MessageId: "m-2" });
    await new SnsSmsSender(client, { smsType: "Promotional" }).send(message);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toEqual({
      "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Promotional" },
    });
  });

  const sender = new SnsSmsSender(client, { smsType: "Transactional" });

  it.each([
    ["ThrottledException", new ThrottledException({ message: "Rate exceeded", ...meta }), true],
    [
      "Throttling (query protocol)",
      Object.assign(new Error("Rate exceeded"), { name: "Throttling", ...meta }),
      true,
    ],
    [
      "HTTP 429",
      Object.assign(new Error("slow down"), { name: "Unknown", $metadata: { httpStatusCode: 429 } }),
      true,
    ],
    [
      "InternalErrorException",
      new InternalErrorException({ message: "oops", $metadata: { httpStatusCode: 500 } }),
      true,
    ],
    [
      "HTTP 503",
      Object.assign(new Error("unavailable"), { name: "Unknown", $metadata: { httpStatusCode: 503 } }),
      true,
    ],
    [
      "InvalidParameterException",
      new InvalidParameterException({ message: "Invalid parameter: PhoneNumber +6281234567890", ...meta }),
      false,
    ],
    ["OptedOutException", new OptedOutException({ message: "opted out", ...meta }), false],
    ["ECONNREFUSED", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), true],
    ["a timeout (outcome unknown)", Object.assign(new Error("timed out"), { name: "TimeoutError" }), false],
  ])("maps %s to an SmsSendError, retryable: %s", async (_label, error, retryable) => {
    sns.on(PublishCommand).rejects(error);
    const thrown = await sender.send(message).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(SmsSendError);
    expect((thrown as SmsSendError).retryable).toBe(retryable);
    // SNS messages may quote the number: the mapped error never does.
    expect((thrown as SmsSendError).message).not.toContain("1234567890");
  });

  it("names the SNS exception in the error code", async () => {
    sns.on(PublishCommand).rejects(new OptedOutException({ message: "opted out", ...meta }));
    await expect(sender.send(message)).rejects.toMatchObject({ code: "OptedOutException", retryable: false });
  });

  it("lets account-level errors through by name, so a misconfiguration fails loudly, not every case", async () => {
    const denied = new AuthorizationErrorException({
      message: "User is not authorized to perform SNS:Publish on resource: +6281234567890",
      $metadata: { httpStatusCode: 403, requestId: "r-1" },
    });
    sns.on(PublishCommand).rejects(denied);
    const thrown = await sender.send(message).catch((e: unknown) => e);
    expect(thrown).not.toBeInstanceOf(SmsSendError);
    expect(thrown).toMatchObject({
      name: "AuthorizationErrorException",
      message: "SNS Publish: AuthorizationErrorException (HTTP 403, request r-1)",
    });
  });

  it("lets an error no service answered (a bug, missing credentials) through unchanged", async () => {
    const bug = new TypeError("cannot read properties of undefined");
    sns.on(PublishCommand).rejects(bug);
    await expect(sender.send(message)).rejects.toBe(bug);
  });

  it("treats an answer without a MessageId as possibly sent, never to be retried", async () => {
    sns.on(PublishCommand).resolves({});
    await expect(sender.send(message)).rejects.toMatchObject({ code: "OUTCOME_UNKNOWN", retryable: false });
  });
});

describe("SMS channel configuration", () => {
  it("defaults to transactional SMS without a sender id", () => {
    expect(loadSmsConfig({})).toEqual({ smsType: "Transactional" });
  });

  it("reads a sender id and the type", () => {
    expect(loadSmsConfig({ SMS_SENDER_ID: "BPJSKES", SMS_TYPE: "Promotional" })).toEqual({
      smsType: "Promotional",
      senderId: "BPJSKES",
    });
  });

  it.each([
    [{ SMS_SENDER_ID: "BPJS KESEHATAN" }, /SMS_SENDER_ID: must be 1-11 letters or digits/],
    [{ SMS_SENDER_ID: "12345" }, /SMS_SENDER_ID: must contain at least one letter/],
    [{ SMS_TYPE: "Urgent" }, /SMS_TYPE: /],
  ])("names the bad variable in %o", (env, message) => {
    expect(() => loadSmsConfig(env)).toThrow(ConfigError);
    expect(() => loadSmsConfig(env)).toThrow(message);
  });
});

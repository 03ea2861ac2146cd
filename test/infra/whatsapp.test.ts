import type { IConstruct } from "constructs";
import { describe, expect, it } from "vitest";
import { OUTPUTS } from "../../functions/contracts";
import { parseConfig } from "../../infra/config";
import { SOCIAL_MESSAGING_PRINCIPAL } from "../../infra/constructs/whatsapp";
import { FUNCTION_CATALOG, FUNCTION_IDS, type FunctionId } from "../../infra/function-catalog";
import { SEND_WHATSAPP_ACTION, WHATSAPP_ENV } from "../../infra/grants";
import { flatten } from "../../infra/nag";
import {
  asArray,
  defaultChildId,
  exampleConfig,
  exampleConfigInput,
  type Statement,
  statementsOfRole,
  synthesize,
} from "./helpers";

/**
 * WhatsApp through End User Messaging Social: with a phone number in the config, the WABA's
 * event destination (an encrypted topic only the service may publish to) feeds messaging-events,
 * and the whatsapp channel sends from that number only; without it, SMS only and nothing of
 * WhatsApp in the stack. synthesize() runs cdk-nag: an unacknowledged finding fails it.
 */
const PHONE_NUMBER_ID = "phone-number-id-0123456789abcdef0123456789abcdef";
const PHONE_NUMBER_ARN =
  "arn:aws:social-messaging:ap-southeast-1:111122223333:phone-number-id/0123456789abcdef0123456789abcdef";
const FROM_THIS_ACCOUNT = {
  StringEquals: { "aws:SourceAccount": "111122223333" },
  ArnLike: { "aws:SourceArn": "arn:aws:social-messaging:ap-southeast-1:111122223333:*" },
};

const config = exampleConfig({ whatsapp: { phoneNumberId: PHONE_NUMBER_ID, metaApiVersion: "v21.0" } });
const { stack, template } = synthesize(config);
const whatsApp = stack.whatsApp as NonNullable<typeof stack.whatsApp>;

const { whatsapp: _left, ...smsOnlyInput } = exampleConfigInput();
const smsOnly = synthesize(parseConfig({ ...smsOnlyInput, stackName: "SmsOnly" }, "test"));

const withWhatsApp = FUNCTION_IDS.filter((fid) =>
  (FUNCTION_CATALOG[fid].channels as readonly string[]).includes("whatsapp"),
);
const statementsOf = (s: typeof stack, t: typeof template, fid: FunctionId) =>
  statementsOfRole(t, defaultChildId(s.functions.get(fid).role));
const socialMessaging = (statements: Statement[]) =>
  statements.filter((s) => asArray(s.Action).some((a) => a.startsWith("social-messaging:")));
const envOf = (s: typeof stack, t: typeof template, fid: FunctionId) =>
  t.findResources("AWS::Lambda::Function")[defaultChildId(s.functions.get(fid).fn)]?.Properties.Environment
    .Variables;

describe("whatsapp in the config", () => {
  it("is optional, and defaults the Graph API version to v20.0", () => {
    expect(smsOnly.stack.config.whatsapp).toBeUndefined();
    expect(exampleConfig({ whatsapp: { metaApiVersion: undefined } }).whatsapp?.metaApiVersion).toBe("v20.0");
  });

  it.each([
    ["the ARN", PHONE_NUMBER_ARN],
    ["Meta's numeric id", "109876543210987"],
    ["a short id", "phone-number-id-0123abcd"],
    ["upper-case digits", "phone-number-id-0123456789ABCDEF0123456789ABCDEF"],
  ])("refuses %s as the phone number id, naming the field", (_what, phoneNumberId) => {
    expect(() => exampleConfig({ whatsapp: { phoneNumberId } })).toThrow(
      /whatsapp\.phoneNumberId: must be an End User Messaging Social phone number id.*example: "phone-number-id-/,
    );
  });

  it("refuses a WABA id, an API version or a field it does not know, naming each", () => {
    expect(() => exampleConfig({ whatsapp: { wabaId: "1234567890" } })).toThrow(/whatsapp\.wabaId: must be/);
    expect(() => exampleConfig({ whatsapp: { metaApiVersion: "20" } })).toThrow(
      /whatsapp\.metaApiVersion: must be a Meta Graph API version/,
    );
    expect(() => exampleConfig({ whatsapp: { topicArn: "x" } })).toThrow(
      /whatsapp: unknown field\(s\) 'topicArn'/,
    );
    const { phoneNumberId: _id, ...noNumber } = exampleConfigInput().whatsapp as Record<string, unknown>;
    expect(() => parseConfig({ ...exampleConfigInput(), whatsapp: noNumber }, "test")).toThrow(
      /whatsapp\.phoneNumberId: required/,
    );
  });
});

describe("with WhatsApp configured", () => {
  it("the WABA's event destination: a standard topic, encrypted with its own rotated key, SSL-only", () => {
    const topic = template.findResources("AWS::SNS::Topic")[defaultChildId(whatsApp.eventsTopic)];
    expect(topic?.Properties.KmsMasterKeyId).toEqual({
      "Fn::GetAtt": [defaultChildId(whatsApp.topicKey), "Arn"],
    });
    expect(topic?.Properties.FifoTopic).toBeUndefined();
    const key = template.findResources("AWS::KMS::Key")[defaultChildId(whatsApp.topicKey)];
    expect(key?.Properties.EnableKeyRotation).toBe(true);
    expect(defaultChildId(whatsApp.topicKey)).not.toBe(defaultChildId(stack.sms.topicKey));
  });

  it("lets End User Messaging Social of this account and region use the key, and nothing else new", () => {
    const key = template.findResources("AWS::KMS::Key")[defaultChildId(whatsApp.topicKey)];
    const statements: (Statement & { Principal: { AWS?: unknown } })[] = key?.Properties.KeyPolicy.Statement;
    const forService = statements.filter((s) =>
      JSON.stringify(s.Principal).includes(SOCIAL_MESSAGING_PRINCIPAL),
    );
    expect(forService).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: SOCIAL_MESSAGING_PRINCIPAL },
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
        Resource: "*",
        Condition: FROM_THIS_ACCOUNT,
      },
    ]);
    // The rest is the account's administration of its own key.
    expect(statements.filter((s) => s !== forService[0]).map((s) => flatten(s.Principal.AWS))).toEqual([
      "arn:<AWS::Partition>:iam::111122223333:root",
    ]);
  });

  it("the topic policy lets only End User Messaging Social of this account and region publish, over TLS", () => {
    const policies = Object.values(template.findResources("AWS::SNS::TopicPolicy")).filter((p) =>
      asArray(p.Properties.Topics).some(
        (t: { Ref?: string }) => t.Ref === defaultChildId(whatsApp.eventsTopic),
      ),
    );
    expect(policies).toHaveLength(1);
    const statements: (Statement & { Principal: unknown })[] =
      policies[0]?.Properties.PolicyDocument.Statement;
    const topicRef = { Ref: defaultChildId(whatsApp.eventsTopic) };
    expect(statements.filter((s) => s.Effect === "Allow")).toEqual([
      expect.objectContaining({
        Principal: { Service: SOCIAL_MESSAGING_PRINCIPAL },
        Action: "sns:Publish",
        Resource: topicRef,
        Condition: FROM_THIS_ACCOUNT,
      }),
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: "Deny",
        Resource: topicRef,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    );
  });

  it("messaging-events is subscribed, with an encrypted, SSL-only dead-letter queue for undelivered events", () => {
    const subscriptions = Object.values(template.findResources("AWS::SNS::Subscription")).filter(
      (s) => s.Properties.TopicArn.Ref === defaultChildId(whatsApp.eventsTopic),
    );
    const queueId = defaultChildId(whatsApp.eventsDeadLetterQueue);
    expect(subscriptions.map((s) => s.Properties)).toEqual([
      {
        Protocol: "lambda",
        TopicArn: { Ref: defaultChildId(whatsApp.eventsTopic) },
        Endpoint: { "Fn::GetAtt": [defaultChildId(stack.functions.get("messagingEvents").fn), "Arn"] },
        RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [queueId, "Arn"] } },
      },
    ]);
    const queue = template.findResources("AWS::SQS::Queue")[queueId];
    expect(queue?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
    });
    const queuePolicies = Object.values(template.findResources("AWS::SQS::QueuePolicy")).filter((p) =>
      p.Properties.Queues.some((q: { Ref?: string }) => q.Ref === queueId),
    );
    const statements = queuePolicies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sqs:SendMessage",
        Condition: { ArnEquals: { "aws:SourceArn": { Ref: defaultChildId(whatsApp.eventsTopic) } } },
      }),
    );
  });

  it("each function with the whatsapp channel may send from the configured number only, and gets its settings", () => {
    expect(withWhatsApp).toContain("messagingEvents");
    for (const fid of withWhatsApp) {
      expect(socialMessaging(statementsOf(stack, template, fid)), fid).toEqual([
        { Effect: "Allow", Action: SEND_WHATSAPP_ACTION, Resource: PHONE_NUMBER_ARN },
      ]);
      expect(envOf(stack, template, fid), fid).toMatchObject({
        [WHATSAPP_ENV.phoneNumberId]: PHONE_NUMBER_ID,
        [WHATSAPP_ENV.metaApiVersion]: "v21.0",
      });
    }
    expect(WHATSAPP_ENV).toEqual({
      phoneNumberId: "WHATSAPP_PHONE_NUMBER_ID",
      metaApiVersion: "WHATSAPP_META_API_VERSION",
    });
    for (const fid of FUNCTION_IDS.filter((f) => !withWhatsApp.includes(f))) {
      expect(socialMessaging(statementsOf(stack, template, fid)), fid).toEqual([]);
      expect(envOf(stack, template, fid)[WHATSAPP_ENV.phoneNumberId], fid).toBeUndefined();
    }
  });

  it("alarms to the supervisors' topic on messaging-events' errors and on either dead-letter queue", () => {
    const alarms = template.findResources("AWS::CloudWatch::Alarm");
    const alarm = (mode: Parameters<typeof stack.observability.alarms.get>[0]) => {
      const a = stack.observability.alarms.get(mode);
      expect(a, mode).toBeDefined();
      const properties = alarms[defaultChildId(a as IConstruct)]?.Properties;
      expect(properties.AlarmActions, mode).toEqual([{ Ref: defaultChildId(stack.sms.supervisorsTopic) }]);
      return properties;
    };
    expect(alarm("lambda-errors:messagingEvents")).toMatchObject({
      Namespace: "AWS/Lambda",
      MetricName: "Errors",
      Dimensions: [
        { Name: "FunctionName", Value: { Ref: defaultChildId(stack.functions.get("messagingEvents").fn) } },
      ],
      Threshold: 1,
    });
    expect(alarm("dlq-depth:messagingEvents")).toMatchObject({
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
    });
    expect(alarm("whatsapp-events-undelivered")).toMatchObject({
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [
        {
          Name: "QueueName",
          Value: { "Fn::GetAtt": [defaultChildId(whatsApp.eventsDeadLetterQueue), "QueueName"] },
        },
      ],
      Statistic: "Maximum",
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
    });
  });

  it("outputs the topic to set as the WABA's event destination", () => {
    expect(
      template.findOutputs(OUTPUTS.whatsAppEventsTopicArn)[OUTPUTS.whatsAppEventsTopicArn]?.Value,
    ).toEqual({
      Ref: defaultChildId(whatsApp.eventsTopic),
    });
    expect(OUTPUTS.whatsAppEventsTopicArn).toBe("WhatsAppEventsTopicArn");
  });
});

describe("without WhatsApp: SMS only", () => {
  const t = smsOnly.template;

  it("deploys no events topic, key, subscription, queue, alarm or output of WhatsApp, and no messaging-events", () => {
    expect(smsOnly.stack.whatsApp).toBeUndefined();
    expect(Object.keys(t.findResources("AWS::SNS::Topic"))).toEqual([
      defaultChildId(smsOnly.stack.sms.supervisorsTopic),
    ]);
    expect(JSON.stringify(t.toJSON())).not.toMatch(/social-messaging|WhatsApp|WHATSAPP/i);
    expect(smsOnly.stack.functions.all().map((f) => f.id)).not.toContain("messagingEvents");
    expect(() => smsOnly.stack.functions.get("messagingEvents")).toThrow(/messagingEvents is not deployed/);
    expect(Object.keys(t.findOutputs(OUTPUTS.whatsAppEventsTopicArn))).toEqual([]);
    expect(
      [...smsOnly.stack.observability.alarms.keys()].filter((m) => /messagingEvents|whatsapp/.test(m)),
    ).toEqual([]);
  });

  it("still deploys every other function, the SMS senders without WhatsApp settings or grants", () => {
    const deployed = smsOnly.stack.functions.all().map((f) => f.id);
    expect(deployed).toEqual(FUNCTION_IDS.filter((fid) => fid !== "messagingEvents"));
    for (const fid of deployed) {
      expect(socialMessaging(statementsOf(smsOnly.stack, t, fid)), fid).toEqual([]);
      expect(envOf(smsOnly.stack, t, fid)[WHATSAPP_ENV.metaApiVersion], fid).toBeUndefined();
    }
  });
});

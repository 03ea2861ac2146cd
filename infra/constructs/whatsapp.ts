import { Duration, type RemovalPolicy } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { instanceLocation, type TelecollectConfig } from "../config";
import { grantWhatsApp } from "../grants";
import { acknowledge } from "../nag";
import { WHATSAPP_PHONE_NUMBER_ID } from "../whatsapp-config";
import type { Functions } from "./functions";

export type WhatsAppSettings = NonNullable<TelecollectConfig["whatsapp"]>;

/** The service that sends WhatsApp messages and publishes the WABA's events. */
export const SOCIAL_MESSAGING_PRINCIPAL = "social-messaging.amazonaws.com";

/**
 * The phone number's ARN in the instance's account and region. The ARN names the id's 32 hex
 * digits without its `phone-number-id-` prefix (the API accepts `arn:…:phone-number-id/[0-9a-zA-Z]+`).
 */
export function phoneNumberArn(instanceArn: string, phoneNumberId: string): string {
  const { partition, region, account } = instanceLocation(instanceArn);
  const digits = WHATSAPP_PHONE_NUMBER_ID.exec(phoneNumberId)?.[1];
  if (!digits) throw new Error(`whatsapp.phoneNumberId: not a phone number id: ${phoneNumberId}`);
  return `arn:${partition}:social-messaging:${region}:${account}:phone-number-id/${digits}`;
}

export interface WhatsAppProps {
  config: TelecollectConfig;
  whatsapp: WhatsAppSettings;
  functions: Functions;
  removalPolicy: RemovalPolicy;
}

/**
 * WhatsApp through AWS End User Messaging Social, deployed only when the config names a phone
 * number: the WABA's event destination (a standard SNS topic, KMS-encrypted, SSL-only, that only
 * End User Messaging Social of this account and region may publish to) feeding messaging-events,
 * with a dead-letter queue for what SNS cannot deliver; and the `whatsapp` channel of every
 * function that lists it (sending from the configured number only). The WABA, its number and
 * its templates are prerequisites (docs/deploy.md, "WhatsApp (optional)").
 */
export class WhatsApp extends Construct {
  readonly eventsTopic: Topic;
  readonly topicKey: Key;
  /** What SNS could not deliver to messaging-events after its retries. */
  readonly eventsDeadLetterQueue: Queue;
  readonly phoneNumberArn: string;

  constructor(scope: Construct, id: string, props: WhatsAppProps) {
    super(scope, id);
    const { config, whatsapp, functions } = props;
    const { partition, region, account } = instanceLocation(config.connect.instanceArn);
    // Confused deputy: only End User Messaging Social acting for this account and region.
    const fromThisAccount = {
      StringEquals: { "aws:SourceAccount": account },
      ArnLike: { "aws:SourceArn": `arn:${partition}:social-messaging:${region}:${account}:*` },
    };
    const service = new ServicePrincipal(SOCIAL_MESSAGING_PRINCIPAL);

    this.topicKey = new Key(this, "EventsTopicKey", {
      description: "Encrypts telecollect's WhatsApp events topic (participants' numbers and replies)",
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    // A publisher to an encrypted topic needs the key (End User Messaging Social's documented statement).
    this.topicKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [service],
        actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        resources: ["*"],
        conditions: fromThisAccount,
      }),
    );
    this.eventsTopic = new Topic(this, "EventsTopic", {
      displayName: "telecollect WhatsApp events",
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    this.eventsTopic.addToResourcePolicy(
      new PolicyStatement({
        principals: [service],
        actions: ["sns:Publish"],
        resources: [this.eventsTopic.topicArn],
        conditions: fromThisAccount,
      }),
    );

    this.eventsDeadLetterQueue = new Queue(this, "EventsDeadLetterQueue", {
      // SQS-managed encryption: SNS can deliver to it without a key grant.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.eventsDeadLetterQueue,
      "AwsSolutions-SQS3",
      "This queue is itself the dead-letter queue of the WhatsApp events topic's subscription (events SNS could not deliver to messaging-events); a DLQ of a DLQ would only hide messages, and an alarm watches its depth.",
    );
    const events = functions.get("messagingEvents");
    this.eventsTopic.addSubscription(
      new LambdaSubscription(events.fn, { deadLetterQueue: this.eventsDeadLetterQueue }),
    );

    this.phoneNumberArn = phoneNumberArn(config.connect.instanceArn, whatsapp.phoneNumberId);
    for (const f of functions.withChannel("whatsapp")) {
      grantWhatsApp(f, { ...whatsapp, phoneNumberArn: this.phoneNumberArn });
    }
  }
}

import { Aws, type RemovalPolicy } from "aws-cdk-lib";
import { Effect, Policy, PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import type { TelecollectConfig } from "../config";
import { acknowledgeWildcardResource } from "../nag";
import type { Functions } from "./functions";

/** Every SNS topic (and platform endpoint) of every region and account. */
export const SNS_ARNS = "arn:aws:sns:*:*:*";

export interface SmsProps {
  config: TelecollectConfig;
  functions: Functions;
  removalPolicy: RemovalPolicy;
}

/**
 * Messaging: SNS SMS straight to participants' phones (the `sms` channel), and the supervisors'
 * topic (KMS-encrypted, SSL-only, email subscriptions) for campaign summaries and alarms.
 * Account-wide SMS settings (spend limit, default sender id, origination) are not CloudFormation
 * resources: docs/deploy.md sets them.
 */
export class Sms extends Construct {
  readonly supervisorsTopic: Topic;
  readonly topicKey: Key;

  constructor(scope: Construct, id: string, props: SmsProps) {
    super(scope, id);
    this.topicKey = new Key(this, "TopicKey", {
      description: "Encrypts telecollect's supervisors' topic (campaign summaries name amounts and branches)",
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    // CloudWatch alarms publish to the encrypted topic: the key must let CloudWatch use it.
    this.topicKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: ["*"],
        conditions: { StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID } },
      }),
    );
    this.supervisorsTopic = new Topic(this, "SupervisorsTopic", {
      displayName: "telecollect supervisors",
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    for (const email of props.config.supervisors.emails) {
      this.supervisorsTopic.addSubscription(new EmailSubscription(email));
    }

    for (const f of props.functions.withChannel("supervisors")) {
      f.fn.addEnvironment("SUPERVISORS_TOPIC_ARN", this.supervisorsTopic.topicArn);
      f.role.addToPolicy(
        new PolicyStatement({ actions: ["sns:Publish"], resources: [this.supervisorsTopic.topicArn] }),
      );
      f.role.addToPolicy(
        new PolicyStatement({
          actions: ["kms:Decrypt", "kms:GenerateDataKey"],
          resources: [this.topicKey.keyArn],
        }),
      );
    }

    const { senderId, type } = props.config.sms;
    for (const f of props.functions.withChannel("sms")) {
      // The Deny below would also refuse the supervisors' topic: one function, one kind of publish.
      if (f.spec.channels.includes("supervisors")) {
        throw new Error(
          `${f.id}: the "sms" and "supervisors" channels cannot share a role (SMS roles are denied every topic); notify the supervisors from another function`,
        );
      }
      f.fn.addEnvironment("SMS_TYPE", type);
      if (senderId) f.fn.addEnvironment("SMS_SENDER_ID", senderId);
      const policy = new Policy(this, `${f.id}SmsPublish`, {
        statements: [
          // SMS to a phone number is a Publish with PhoneNumber: it has no resource ARN to name.
          new PolicyStatement({ actions: ["sns:Publish"], resources: ["*"] }),
          // ...so "*" would also reach any topic (or platform endpoint): refuse every SNS ARN.
          new PolicyStatement({ effect: Effect.DENY, actions: ["sns:Publish"], resources: [SNS_ARNS] }),
        ],
      });
      policy.attachToRole(f.role);
      acknowledgeWildcardResource(
        policy,
        "*",
        "SNS Publish straight to a phone number (SMS, PhoneNumber parameter) has no resource ARN, so it can only be granted on *. Only the roles with the sms channel get it (the SMS wave, and record-disposition for the follow-up a participant asks for), in this separate policy; its code publishes with PhoneNumber only (SnsSmsSender), an explicit Deny in the same policy refuses every topic ARN (arn:aws:sns:*:*:*), and the supervisors' topic is granted by ARN to other roles.",
      );
    }
  }
}

import { CfnOutput, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { OUTPUTS, tableOutputName } from "../functions/contracts";
import { instanceLocation, type TelecollectConfig } from "./config";
import { CampaignWorkflow } from "./constructs/campaign-workflow";
import { ContactCenter } from "./constructs/connect";
import { ConsoleHosting } from "./constructs/console-hosting";
import { Data } from "./constructs/data";
import { Functions } from "./constructs/functions";
import { Observability } from "./constructs/observability";
import { PaymentApi } from "./constructs/payment-api";
import { Schedules } from "./constructs/schedules";
import { Sms } from "./constructs/sms";
import { SupervisorApi, UPLOAD_RETENTION_DAYS } from "./constructs/supervisor-api";
import { WhatsApp } from "./constructs/whatsapp";

export interface TelecollectStackProps extends Omit<StackProps, "env"> {
  config: TelecollectConfig;
}

export { OUTPUTS, tableOutputName };

/**
 * The whole deployment, one construct per concern: data, functions, messaging (SMS and the
 * supervisors' topic), the campaign workflow, Amazon Connect, the payment API, the supervisors'
 * console and API, the monthly schedules, observability, and WhatsApp when configured. It
 * deploys into the account and region of the Connect instance.
 */
export class TelecollectStack extends Stack {
  readonly config: TelecollectConfig;
  readonly data: Data;
  readonly functions: Functions;
  readonly sms: Sms;
  readonly workflow: CampaignWorkflow;
  readonly connect: ContactCenter;
  readonly paymentApi: PaymentApi;
  readonly console: ConsoleHosting;
  readonly supervisorApi: SupervisorApi;
  readonly schedules: Schedules;
  readonly observability: Observability;
  /** Present when the config names a WhatsApp phone number. */
  readonly whatsApp?: WhatsApp;

  constructor(scope: Construct, id: string, props: TelecollectStackProps) {
    const { account, region } = instanceLocation(props.config.connect.instanceArn);
    super(scope, id, { ...props, env: { account, region } });
    const config = props.config;
    this.config = config;
    const removalPolicy = config.removalPolicy === "destroy" ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const logRetention = config.logRetentionDays as RetentionDays;

    this.data = new Data(this, "Data", { removalPolicy });
    this.functions = new Functions(this, "Functions", {
      config,
      data: this.data,
      removalPolicy,
      logRetention,
    });
    this.sms = new Sms(this, "Messaging", { config, functions: this.functions, removalPolicy });
    if (config.whatsapp) {
      this.whatsApp = new WhatsApp(this, "WhatsApp", {
        config,
        whatsapp: config.whatsapp,
        functions: this.functions,
        removalPolicy,
      });
    }
    this.workflow = new CampaignWorkflow(this, "Workflow", {
      functions: this.functions,
      removalPolicy,
      logRetention,
    });
    this.connect = new ContactCenter(this, "Connect", { config, functions: this.functions });
    this.paymentApi = new PaymentApi(this, "Payments", {
      config,
      functions: this.functions,
      removalPolicy,
      logRetention,
    });
    this.console = new ConsoleHosting(this, "Console", {
      api: this.paymentApi.api,
      removalPolicy,
      logRetention,
    });
    this.supervisorApi = new SupervisorApi(this, "Supervisors", {
      config,
      functions: this.functions,
      api: this.paymentApi.api,
      consoleUrl: this.console.url,
      accessLogs: this.console.accessLogs,
      removalPolicy,
    });
    this.schedules = new Schedules(this, "Schedules", { config, functions: this.functions });
    this.observability = new Observability(this, "Observability", {
      config,
      functions: this.functions,
      stateMachines: { campaign: this.workflow.campaign, dialingDay: this.workflow.dialingDay },
      paymentApi: this.paymentApi,
      topic: this.sms.supervisorsTopic,
      ...(this.whatsApp ? { whatsAppEventsDeadLetterQueue: this.whatsApp.eventsDeadLetterQueue } : {}),
    });

    for (const [name, table] of Object.entries(this.data.tables)) {
      new CfnOutput(this, tableOutputName(name), { value: table.tableName, description: `${name} table` });
    }
    const output = (key: keyof typeof OUTPUTS, value: string, description: string) =>
      new CfnOutput(this, OUTPUTS[key], { value, description });
    output(
      "campaignStateMachineArn",
      this.workflow.campaign.stateMachineArn,
      "campaign state machine (executions campaign-<branch>-<period>)",
    );
    output(
      "dialingDayStateMachineArn",
      this.workflow.dialingDay.stateMachineArn,
      "dialing-day state machine (one child execution per calling day)",
    );
    output("paymentWebhookUrl", this.paymentApi.webhookUrl, "POST signed payment notifications here");
    output(
      "paymentWebhookSecretArn",
      this.paymentApi.secret.secretArn,
      "the webhook's HMAC key (give it to the payment channels)",
    );
    output("supervisorsTopicArn", this.sms.supervisorsTopic.topicArn, "campaign summaries and alarms");
    output("outboundContactFlowId", this.connect.outboundFlowId, "the flow StartOutboundVoiceContact runs");
    output("consoleUrl", this.console.url, "the supervisors' console");
    output(
      "supervisorApiUrl",
      `${this.paymentApi.stage.url}api`,
      "the supervisor API (also at <ConsoleUrl>/api); Cognito ID token as Bearer",
    );
    output(
      "supervisorUserPoolId",
      this.supervisorApi.userPool.userPoolId,
      "supervisors' accounts: admin-create-user, then admin-add-user-to-group with the branch code",
    );
    output(
      "supervisorUserPoolClientId",
      this.supervisorApi.client.userPoolClientId,
      "the console's app client (USER_PASSWORD_AUTH)",
    );
    output(
      "snapshotUploadsBucketName",
      this.supervisorApi.uploads.bucketName,
      `snapshots uploaded from the console (deleted after ${UPLOAD_RETENTION_DAYS} days)`,
    );
    if (this.whatsApp) {
      const waba = config.whatsapp?.wabaId ?? "the WABA";
      output(
        "whatsAppEventsTopicArn",
        this.whatsApp.eventsTopic.topicArn,
        `set it as the event destination of ${waba} in End User Messaging Social (statuses and replies)`,
      );
    }
  }
}

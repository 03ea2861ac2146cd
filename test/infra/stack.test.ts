import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App, Validations } from "aws-cdk-lib";
import { Annotations, Match } from "aws-cdk-lib/assertions";
import { CfnPolicy } from "aws-cdk-lib/aws-iam";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { describe, expect, it } from "vitest";
import { ALL_TABLES, type TableName } from "../../functions/store/schemas";
import { CAMPAIGN_ASL, DIALING_DAY_ASL } from "../../infra/constructs/campaign-workflow";
import { REPO_ROOT } from "../../infra/constructs/functions";
import { BRANCH_FIGURES } from "../../infra/constructs/observability";
import { ACCESS_LOG_FIELDS } from "../../infra/constructs/payment-api";
import { FUNCTION_CATALOG, FUNCTION_IDS, FUNCTION_SUBSTITUTIONS } from "../../infra/function-catalog";
import { flatten } from "../../infra/nag";
import { OUTPUTS, TelecollectStack } from "../../infra/stack";
import {
  asArray,
  defaultChildId,
  exampleConfig,
  logicalId,
  referencedIds,
  type Statement,
  statementsOfRole,
  synthesize,
} from "./helpers";

const { stack, template, assemblyDir } = synthesize();
const config = exampleConfig();

const tableIds = Object.fromEntries(
  ALL_TABLES.map((s) => [s.name, defaultChildId(stack.data.tables[s.name])]),
) as Record<TableName, string>;
const fnId = (id: keyof typeof FUNCTION_CATALOG) => defaultChildId(stack.functions.get(id).fn);

describe("functions", () => {
  const functions = template.findResources("AWS::Lambda::Function");

  it("deploys every function of the catalog: Node.js 24, arm64, X-Ray, its own log group with retention", () => {
    // Besides the catalog: aws-cdk-lib's deploy-time handlers (console files, bucket notifications).
    const others = Object.keys(functions).filter((id) => !FUNCTION_IDS.map(fnId).includes(id));
    expect(others.map((id) => id.replace(/[0-9A-F]{8}$/, "")).sort()).toEqual([
      "BucketNotificationsHandler050a0587b7544547bf325f094a3db834",
      "CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C",
    ]);
    for (const fid of FUNCTION_IDS) {
      const f = stack.functions.get(fid);
      const resource = functions[fnId(fid)];
      expect(resource?.Properties).toMatchObject({
        Runtime: "nodejs24.x",
        Architectures: ["arm64"],
        TracingConfig: { Mode: "Active" },
        Timeout: FUNCTION_CATALOG[fid].timeoutSeconds,
        MemorySize: FUNCTION_CATALOG[fid].memoryMb,
        LoggingConfig: { LogGroup: { Ref: defaultChildId(f.logGroup) } },
      });
      const logGroup = template.findResources("AWS::Logs::LogGroup")[defaultChildId(f.logGroup)];
      expect(logGroup?.Properties.RetentionInDays).toBe(config.logRetentionDays);
    }
    // Every log group of the stack (functions, state machines, API) has a retention.
    for (const group of Object.values(template.findResources("AWS::Logs::LogGroup"))) {
      expect(group.Properties.RetentionInDays).toBe(config.logRetentionDays);
    }
  });

  it("builds each handler from its entry", () => {
    for (const fid of FUNCTION_IDS) {
      expect(existsSync(join(REPO_ROOT, FUNCTION_CATALOG[fid].entry)), fid).toBe(true);
      expect(stack.functions.get(fid).fn instanceof NodejsFunction, fid).toBe(true);
    }
  });

  it("gives every handler its validated environment: tables, branches, quotas, Powertools", () => {
    for (const fid of FUNCTION_IDS) {
      const env = functions[fnId(fid)]?.Properties.Environment.Variables;
      expect(env).toMatchObject({
        PARTICIPANTS_TABLE: { Ref: tableIds.participants },
        CAMPAIGNS_TABLE: { Ref: tableIds.campaigns },
        CASES_TABLE: { Ref: tableIds.cases },
        INTERACTIONS_TABLE: { Ref: tableIds.interactions },
        PAYMENTS_TABLE: { Ref: tableIds.payments },
        LIMITS_TABLE: { Ref: tableIds.limits },
        AUDIT_TABLE: { Ref: tableIds.audit },
        SMS_PER_SECOND: "20",
        CALL_STARTS_PER_SECOND: "2",
        CONNECT_MAX_CONCURRENT_CALLS: "10",
        POWERTOOLS_SERVICE_NAME: "telecollect",
        POWERTOOLS_METRICS_NAMESPACE: "Telecollect",
      });
      expect(JSON.parse(env.BRANCHES).map((b: { code: string }) => b.code)).toEqual(
        config.branches.map((b) => b.code),
      );
    }
    const env = (fid: keyof typeof FUNCTION_CATALOG) =>
      functions[fnId(fid)]?.Properties.Environment.Variables;
    expect(env("sendSms")).toMatchObject({ SMS_TYPE: "Transactional", SMS_SENDER_ID: "BPJSKES" });
    expect(env("closeCampaign").SUPERVISORS_TOPIC_ARN).toEqual({
      Ref: defaultChildId(stack.sms.supervisorsTopic),
    });
    expect(env("dialTick")).toMatchObject({
      CONNECT_INSTANCE_ID: "0f3c2a51-8d4e-4c1b-9a7f-5e6d7c8b9a01",
      CONNECT_QUEUE_ID: config.connect.queueId,
      CONNECT_SOURCE_PHONE_NUMBER: config.connect.sourcePhoneNumber,
      CONNECT_REGION: "ap-southeast-1",
    });
    expect(referencedIds(env("dialTick").CONNECT_CONTACT_FLOW_ID)).toEqual([
      logicalId(stack.connect.flows.OutboundFlow?.resource as IConstruct),
    ]);
    // The guide flow reaches record-disposition: it finds the outbound flow by name (no cycle).
    expect(env("recordDisposition").CONNECT_CONTACT_FLOW_ID).toBeUndefined();
    expect(env("recordDisposition").CONNECT_CONTACT_FLOW_NAME).toBe(
      stack.connect.flows.OutboundFlow?.resource.name,
    );
    expect(env("paymentWebhook").WEBHOOK_SECRET_ID).toEqual({ Ref: defaultChildId(stack.paymentApi.secret) });
    expect(env("startCampaign").CAMPAIGN_STATE_MACHINE_ARN).toEqual({
      Ref: defaultChildId(stack.workflow.campaign),
    });
  });

  it("sends failed asynchronous invocations to a dead-letter queue (contact-events, start-campaign, snapshot-import, messaging-events)", () => {
    const configs = Object.values(template.findResources("AWS::Lambda::EventInvokeConfig"));
    const asyncIds = FUNCTION_IDS.filter((fid) => FUNCTION_CATALOG[fid].invocation === "async");
    expect(asyncIds.sort()).toEqual(["contactEvents", "messagingEvents", "snapshotImport", "startCampaign"]);
    for (const fid of asyncIds) {
      const f = stack.functions.get(fid);
      const c = configs.find((x) => x.Properties.FunctionName.Ref === fnId(fid));
      expect(c?.Properties.DestinationConfig.OnFailure.Destination).toEqual({
        "Fn::GetAtt": [defaultChildId(f.deadLetterQueue as IConstruct), "Arn"],
      });
    }
    for (const queue of Object.values(template.findResources("AWS::SQS::Queue"))) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    }
  });
});

/** The resources of a statement as flat strings (`<Logical.Attr>` for references). */
const resourcesOf = (s: Statement) => asArray(s.Resource).map((r) => flatten(r));

describe("IAM: least privilege", () => {
  // Exactly which actions and indexes: test/infra/least-privilege.test.ts, derived from the catalog.
  it("each function's policies name its own tables only, with named actions and indexes", () => {
    for (const fid of FUNCTION_IDS) {
      const spec = FUNCTION_CATALOG[fid];
      const statements = statementsOfRole(template, defaultChildId(stack.functions.get(fid).role));
      const referenced = new Set(statements.flatMap((s) => referencedIds(s.Resource)));
      for (const table of ALL_TABLES.map((t) => t.name)) {
        expect(referenced.has(tableIds[table]), `${fid} -> ${table}`).toBe(table in spec.tables);
      }
      for (const s of statements) {
        for (const action of asArray(s.Action)) expect(action, `${fid}: ${action}`).not.toContain("*");
        for (const r of resourcesOf(s)) expect(r, `${fid}`).not.toMatch(/\/index\/\*$/);
      }
    }
  });

  it("names the topic, the secret, the state machine and the instance's contacts where they are used", () => {
    const of = (fid: keyof typeof FUNCTION_CATALOG) =>
      statementsOfRole(template, defaultChildId(stack.functions.get(fid).role));
    const withAction = (statements: Statement[], action: string) =>
      statements.filter((s) => asArray(s.Action).includes(action)).flatMap(resourcesOf);
    expect(withAction(of("closeCampaign"), "sns:Publish")).toEqual([
      `<${defaultChildId(stack.sms.supervisorsTopic)}>`,
    ]);
    expect(withAction(of("paymentWebhook"), "secretsmanager:GetSecretValue")).toEqual([
      `<${defaultChildId(stack.paymentApi.secret)}>`,
    ]);
    const campaignMachine = `<${defaultChildId(stack.workflow.campaign)}>`;
    // The schedule and the supervisor API start campaigns; only the supervisor API stops them.
    const starters: string[] = ["startCampaign", "supervisorApi"];
    for (const fid of starters) {
      expect(withAction(of(fid as never), "states:StartExecution")).toEqual([campaignMachine]);
    }
    expect(withAction(of("supervisorApi"), "states:StopExecution")).toEqual([
      `arn:<AWS::Partition>:states:ap-southeast-1:111122223333:execution:<${defaultChildId(stack.workflow.campaign)}.Name>:*`,
    ]);
    // The dialer's tick, and the handlers that free an agent and give it the next call.
    const dialers: string[] = ["dialTick", "contactEvents", "recordDisposition"];
    for (const fid of dialers) {
      expect(withAction(of(fid as never), "connect:StartOutboundVoiceContact")).toEqual([
        `${config.connect.instanceArn}/contact/*`,
      ]);
    }
    // Nothing else may publish SMS, start campaigns or place calls.
    for (const fid of FUNCTION_IDS) {
      const statements = of(fid);
      if (!dialers.includes(fid))
        expect(withAction(statements, "connect:StartOutboundVoiceContact")).toEqual([]);
      if (!starters.includes(fid)) expect(withAction(statements, "states:StartExecution")).toEqual([]);
      if (fid !== "supervisorApi") expect(withAction(statements, "states:StopExecution")).toEqual([]);
      // record-disposition sends the follow-up SMS a participant asks for during a call; contact
      // events the one after an unanswered call; send-follow-ups promise eves and thank-yous;
      // messaging events the SMS of a WhatsApp reminder that failed.
      const publishers = [
        "sendSms",
        "closeCampaign",
        "recordDisposition",
        "contactEvents",
        "sendFollowUps",
        "messagingEvents",
      ];
      if (!publishers.includes(fid)) expect(withAction(statements, "sns:Publish")).toEqual([]);
    }
  });

  it("state machine roles invoke exactly the functions their definitions name", () => {
    const invoked = (machine: "campaign" | "dialingDay") =>
      statementsOfRole(template, defaultChildId(stack.workflow[machine].role))
        .filter((s) => asArray(s.Action).includes("lambda:InvokeFunction"))
        .flatMap((s) => referencedIds(s.Resource))
        .sort();
    expect(invoked("dialingDay")).toEqual([fnId("dialTick")]);
    expect(invoked("campaign")).toEqual(
      ["mapArrears", "sendSms", "sendFollowUps", "planCallingDay", "closeCampaign", "recordCampaignFailure"]
        .map((f) => fnId(f as never))
        .sort(),
    );
    const campaignStatements = statementsOfRole(template, defaultChildId(stack.workflow.campaign.role));
    const start = campaignStatements.find((s) => asArray(s.Action).includes("states:StartExecution"));
    expect(referencedIds(start?.Resource)).toEqual([defaultChildId(stack.workflow.dialingDay)]);
  });

  it("every wildcard resource of every policy is acknowledged, with a reason, on that policy", () => {
    const policies = stack.node.findAll().filter((c): c is CfnPolicy => c instanceof CfnPolicy);
    expect(policies.length).toBeGreaterThan(FUNCTION_IDS.length);
    const wildcards: string[] = [];
    for (const policy of policies) {
      const acknowledged = acknowledgedOn(policy);
      const document = stack.resolve(policy.policyDocument) as { Statement: Statement[] };
      for (const s of document.Statement.filter((x) => x.Effect === "Allow")) {
        for (const r of resourcesOf(s).filter((x) => x.includes("*"))) {
          const id = `AwsSolutions-IAM5[Resource::${r}]`;
          expect(acknowledged.get(id), `${policy.node.path}: ${id}`).toMatch(/.{60,}/);
          wildcards.push(r.replace(/<[^>]+>/g, "<ref>"));
        }
      }
    }
    // The complete list: X-Ray / Logs delivery / SMS / CloudFront invalidations (*), the console
    // files (deploy-time copy), the uploads, the CDK assets (the console build's zip), the
    // instance's contacts, executions of our two machines.
    expect([...new Set(wildcards)].sort()).toEqual([
      "*",
      "<ref>/*",
      "<ref>/uploads/*",
      "arn:<ref>:s3:::cdk-hnb659fds-assets-111122223333-ap-southeast-1/*",
      "arn:<ref>:states:ap-southeast-1:111122223333:execution:<ref>:*",
      `${config.connect.instanceArn}/contact/*`,
    ]);
  });
});

/** Acknowledged rule ids (and reasons) on a construct and its ancestors. */
function acknowledgedOn(construct: IConstruct): Map<string, string> {
  const out = new Map<string, string>();
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        out.set(id.replace(/^annotation::/i, ""), reason);
      }
    }
  }
  return out;
}

describe("campaign workflow", () => {
  const machines = template.findResources("AWS::StepFunctions::StateMachine");

  it.each([
    ["campaign", CAMPAIGN_ASL],
    ["dialingDay", DIALING_DAY_ASL],
  ] as const)("%s is built from %s with every substitution resolved", (name, file) => {
    const machine = machines[defaultChildId(stack.workflow[name])];
    expect(machine?.Properties).toMatchObject({
      StateMachineType: "STANDARD",
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: "ALL", IncludeExecutionData: false },
    });
    // DefinitionBody.fromFile: the definition is the ASL file itself, staged as an asset.
    const key: string = machine?.Properties.DefinitionS3Location.Key;
    const staged = readFileSync(join(assemblyDir, `asset.${key}`), "utf8");
    const source = readFileSync(join(REPO_ROOT, file), "utf8");
    expect(staged).toBe(source);
    // Render it as CloudFormation will: every ${Name} replaced by its substitution.
    const substitutions: Record<string, unknown> = machine?.Properties.DefinitionSubstitutions;
    const rendered = staged.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, k: string) =>
      k in substitutions ? flatten(substitutions[k]) : whole,
    );
    expect(rendered).not.toContain("${");
    const definition = JSON.parse(rendered);
    expect(definition.StartAt).toBeDefined();
    for (const [k, v] of Object.entries(substitutions)) {
      const fid = FUNCTION_SUBSTITUTIONS[k as keyof typeof FUNCTION_SUBSTITUTIONS];
      if (fid) expect(v).toEqual({ "Fn::GetAtt": [fnId(fid), "Arn"] });
      else
        expect(k === "DialingDayStateMachineArn" && v).toEqual({
          Ref: defaultChildId(stack.workflow.dialingDay),
        });
    }
  });

  it("outputs what the CLI reads", () => {
    const outputs = template.findOutputs("*");
    for (const name of Object.values(OUTPUTS)) expect(outputs[name], name).toBeDefined();
    expect(outputs[OUTPUTS.campaignStateMachineArn]?.Value).toEqual({
      Ref: defaultChildId(stack.workflow.campaign),
    });
    expect(outputs[OUTPUTS.supervisorsTopicArn]?.Value).toEqual({
      Ref: defaultChildId(stack.sms.supervisorsTopic),
    });
  });
});

describe("messaging", () => {
  it("the supervisors' topic is KMS-encrypted, SSL-only, and mails every supervisor", () => {
    const topic = template.findResources("AWS::SNS::Topic")[defaultChildId(stack.sms.supervisorsTopic)];
    expect(topic?.Properties.KmsMasterKeyId).toEqual({
      "Fn::GetAtt": [defaultChildId(stack.sms.topicKey), "Arn"],
    });
    const policy = Object.values(template.findResources("AWS::SNS::TopicPolicy"))[0];
    expect(policy?.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
    for (const email of config.supervisors.emails) {
      template.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: email });
    }
  });
});

describe("schedules", () => {
  const schedules = Object.values(template.findResources("AWS::Scheduler::Schedule"));

  it("one monthly schedule per branch: the 11th at 08:00 in the branch's time zone, starting its campaign", () => {
    expect(schedules).toHaveLength(config.branches.length);
    for (const branch of config.branches) {
      const s = schedules.find((x) => JSON.parse(x.Properties.Target.Input).branchCode === branch.code);
      expect(s?.Properties).toMatchObject({
        ScheduleExpression: "cron(0 8 11 * ? *)",
        ScheduleExpressionTimezone: branch.timeZone,
        State: "ENABLED",
        FlexibleTimeWindow: { Mode: "OFF" },
      });
      expect(s?.Properties.Target.Arn).toEqual({ "Fn::GetAtt": [fnId("startCampaign"), "Arn"] });
      expect(s?.Properties.Target.DeadLetterConfig.Arn).toBeDefined();
    }
  });

  it("follows the configured day and time, and can be deployed switched off", () => {
    const { template: t } = synthesize(
      exampleConfig({ stackName: "Off", schedule: { enabled: false, dayOfMonth: 12, time: "07:30" } }),
    );
    for (const s of Object.values(t.findResources("AWS::Scheduler::Schedule"))) {
      expect(s.Properties).toMatchObject({ ScheduleExpression: "cron(30 7 12 * ? *)", State: "DISABLED" });
    }
  });
});

describe("payment API", () => {
  it("POST /payments (beside the supervisor API's /api routes), to payment-webhook, throttled and access-logged", () => {
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route"));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual([
      "ANY /api/{proxy+}",
      "GET /api/config",
      "POST /payments",
    ]);
    const payments = routes.find((r) => r.Properties.RouteKey === "POST /payments");
    expect(payments?.Properties.AuthorizationType ?? "NONE").toBe("NONE");
    const integrationId = referencedIds(payments?.Properties.Target)[0] as string;
    const integration = template.findResources("AWS::ApiGatewayV2::Integration")[integrationId];
    expect(integration?.Properties).toMatchObject({
      IntegrationType: "AWS_PROXY",
      PayloadFormatVersion: "2.0",
    });
    expect(referencedIds(integration?.Properties.IntegrationUri)).toEqual([fnId("paymentWebhook")]);
    const stage = Object.values(template.findResources("AWS::ApiGatewayV2::Stage"))[0];
    expect(stage?.Properties).toMatchObject({
      StageName: "$default",
      DefaultRouteSettings: {
        ThrottlingRateLimit: config.payments.throttle.rateLimit,
        ThrottlingBurstLimit: config.payments.throttle.burstLimit,
      },
      AccessLogSettings: {
        DestinationArn: { "Fn::GetAtt": [defaultChildId(stack.paymentApi.accessLogs), "Arn"] },
      },
    });
    expect(JSON.parse(stage?.Properties.AccessLogSettings.Format)).toEqual(ACCESS_LOG_FIELDS);
  });

  it("the webhook secret is generated by Secrets Manager, never written in the template", () => {
    template.hasResourceProperties("AWS::SecretsManager::Secret", {
      Name: config.payments.webhookSecretName,
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
    });
    const secret = Object.values(template.findResources("AWS::SecretsManager::Secret"))[0];
    expect(secret?.Properties.SecretString).toBeUndefined();
  });
});

describe("observability", () => {
  const alarms = template.findResources("AWS::CloudWatch::Alarm");
  const topicRef = { Ref: defaultChildId(stack.sms.supervisorsTopic) };
  const alarm = (mode: Parameters<typeof stack.observability.alarms.get>[0]) => {
    const a = stack.observability.alarms.get(mode);
    expect(a, mode).toBeDefined();
    const resource = alarms[defaultChildId(a as IConstruct)];
    expect(resource?.Properties.AlarmActions).toEqual([topicRef]);
    return resource?.Properties;
  };

  it("alarms to the supervisors' topic on each failure mode", () => {
    for (const machine of ["campaign", "dialingDay"]) {
      expect(alarm(`execution-failed:${machine}`)).toMatchObject({
        MetricName: "ExecutionsFailed",
        Threshold: 1,
      });
      expect(alarm(`execution-timed-out:${machine}`)).toMatchObject({ MetricName: "ExecutionsTimedOut" });
    }
    for (const fid of FUNCTION_IDS) {
      expect(alarm(`lambda-errors:${fid}`)).toMatchObject({ Namespace: "AWS/Lambda", MetricName: "Errors" });
      expect(alarm(`lambda-throttles:${fid}`)).toMatchObject({
        Namespace: "AWS/Lambda",
        MetricName: "Throttles",
      });
    }
    for (const fid of ["contactEvents", "startCampaign"] as const) {
      expect(alarm(`dlq-depth:${fid}`)).toMatchObject({
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
      });
    }
    // POST /payments alone: the supervisor API's 401s and 404s on the same HTTP API do not count.
    const webhookRoute = [
      { Name: "ApiId", Value: { Ref: defaultChildId(stack.paymentApi.api) } },
      { Name: "Method", Value: "POST" },
      { Name: "Resource", Value: "/payments" },
      { Name: "Stage", Value: "$default" },
    ];
    const byName = (ds: { Name: string }[]) => [...ds].sort((a, b) => a.Name.localeCompare(b.Name));
    expect(alarm("webhook-5xx")).toMatchObject({
      Namespace: "AWS/ApiGateway",
      MetricName: "5xx",
      Threshold: 1,
    });
    expect(alarm("webhook-4xx")).toMatchObject({
      Namespace: "AWS/ApiGateway",
      MetricName: "4xx",
      Threshold: 10,
    });
    for (const mode of ["webhook-5xx", "webhook-4xx"] as const) {
      expect(byName(alarm(mode)?.Dimensions), mode).toEqual(webhookRoute);
    }
    const stage = Object.values(template.findResources("AWS::ApiGatewayV2::Stage"))[0];
    expect(stage?.Properties.DefaultRouteSettings.DetailedMetricsEnabled).toBe(true);
    expect(Object.keys(alarms)).toHaveLength(stack.observability.alarms.size);
  });

  it("a dashboard per branch with SMS, calls, contacts, promises, payments and amount collected", () => {
    const dashboards = template.findResources("AWS::CloudWatch::Dashboard");
    expect(Object.keys(dashboards)).toHaveLength(config.branches.length + 1);
    expect(BRANCH_FIGURES).toEqual([
      "smsSent",
      "callsStarted",
      "contacts",
      "promises",
      "paymentsApplied",
      "amountCollected",
    ]);
    for (const branch of config.branches) {
      const body = JSON.stringify(
        stack.resolve(
          dashboards[defaultChildId(stack.observability.branchDashboards[branch.code] as IConstruct)]
            ?.Properties.DashboardBody,
        ),
      );
      for (const metric of [
        "SmsSent",
        "CallsStarted",
        "ContactsConnected",
        "Dispositions",
        "PaymentsApplied",
        "AmountCollected",
      ]) {
        expect(body).toContain(metric);
      }
      expect(body).toContain(`\\"branch\\",\\"${branch.code}\\"`);
    }
  });
});

describe("cdk-nag", () => {
  it("the stack passes the AwsSolutions checks (synth above ran them)", () => {
    expect(template.findResources("AWS::StepFunctions::StateMachine")).not.toEqual({});
  });

  it("an unacknowledged finding fails synth", () => {
    const app = new App({ context: { "aws:cdk:bundling-stacks": [] } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const s = new TelecollectStack(app, "Nagged", { config: exampleConfig({ stackName: "Nagged" }) });
    new Queue(s, "PlainQueue");
    expect(() => app.synth()).toThrow(/Nagged\/PlainQueue\/Resource[\s\S]*AwsSolutions-SQS4/);
  });

  it("every acknowledgement in the stack carries a specific reason", () => {
    const all = stack.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id]) => ({ c, id }))),
      );
    // aws-cdk-lib's own, on the access-log bucket: it sets the log-delivery ACL CloudFront needs.
    const library = all.filter(({ id }) => id.startsWith("CloudFormation-Validate::"));
    expect([...new Set(library.map(({ c, id }) => `${c.node.path} ${id}`))]).toEqual([
      "Telecollect/Console/AccessLogs CloudFormation-Validate::W3045",
    ]);
    const reasons = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .filter(([id]) => !id.startsWith("CloudFormation-Validate::"));
    expect(reasons.length).toBeGreaterThan(0);
    for (const [id, reason] of reasons) {
      expect(id).toMatch(
        /AwsSolutions-(IAM5\[(Resource|Action)::.+\]|IAM4\[Policy::.+\]|SQS3|SMG4|APIG4|S1|CFR[124]|COG2|L1)$/,
      );
      expect(reason.length, id).toBeGreaterThan(80);
    }
  });
});

describe("Amazon Connect settings that only a warning can catch", () => {
  const callerIdWarning = Match.stringLikeRegexp(
    "connect\\.sourcePhoneNumber .* is not an Indonesian \\(\\+62\\) number",
  );

  it("synth warns when the caller id is not an Indonesian +62 number", () => {
    Annotations.fromStack(stack).hasNoWarning("*", callerIdWarning);
    const { stack: singapore } = synthesize(exampleConfig({ connect: { sourcePhoneNumber: "+6531381234" } }));
    Annotations.fromStack(singapore).hasWarning("*", callerIdWarning);
  });
});

import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Duration, type RemovalPolicy } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  Architecture,
  type FunctionProps,
  type Function as LambdaFunction,
  Runtime,
  Tracing,
} from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { tableEnvironment } from "../../functions/contracts";
import { retentionEnvironment } from "../../functions/retention-settings";
import type { TableName } from "../../functions/store/schemas";
import type { TelecollectConfig } from "../config";
import {
  type Channel,
  FUNCTION_CATALOG,
  FUNCTION_IDS,
  type FunctionId,
  type FunctionSpec,
  type OptionalChannel,
  type TableAccess,
} from "../function-catalog";
import { grantTables } from "../grants";
import { acknowledge, acknowledgeWildcardResource } from "../nag";
import type { Data } from "./data";

/** The repository root: handler entries and the lock file are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Lambda's newest Node.js runtime (cdk-nag AwsSolutions-L1 asks for the latest). */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;
export const LAMBDA_ARCHITECTURE = Architecture.ARM_64;
const ESBUILD_TARGET = "node24";

/**
 * Lambda refuses more than 4 KB of environment; BRANCHES and CAMPAIGN_STRATEGY are the variables
 * that grow with the config, and share this much of it.
 */
const MAX_CONFIG_ENV_CHARS = 3_000;

export const POWERTOOLS_SERVICE_NAME = "telecollect";
export const METRICS_NAMESPACE = "Telecollect";

export interface FunctionsProps {
  config: TelecollectConfig;
  data: Data;
  removalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
}

export interface TelecollectFunction {
  id: FunctionId;
  spec: FunctionSpec;
  fn: LambdaFunction;
  role: Role;
  logGroup: LogGroup;
  /** Where failed asynchronous invocations (and undeliverable events) end up. */
  deadLetterQueue?: Queue;
}

const pascal = (id: string) => `${id.charAt(0).toUpperCase()}${id.slice(1)}`;

/**
 * Every function of FUNCTION_CATALOG (those `onlyWith` an optional channel when the config has it): bundled locally by esbuild (ESM, Node 24, arm64), its own
 * role (no managed policy: logs to its own log group only), its own log group with retention,
 * X-Ray tracing, Powertools settings, the tables it may use by name. Asynchronously invoked
 * functions get an SQS dead-letter queue as on-failure destination. Channels (SMS, topic,
 * Connect, secret, executions) are granted by the construct that owns the resource.
 */
export class Functions extends Construct {
  readonly byId: Partial<Record<FunctionId, TelecollectFunction>>;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const { config, data } = props;
    const branches = JSON.stringify(config.branches);
    const strategy = config.strategy ? JSON.stringify(config.strategy) : "";
    if (branches.length + strategy.length > MAX_CONFIG_ENV_CHARS) {
      throw new Error(
        `branches: ${config.branches.length} branches make a ${branches.length}-character BRANCHES variable` +
          `${strategy ? ` and the strategy a ${strategy.length}-character CAMPAIGN_STRATEGY` : ""}; ` +
          `Lambda allows 4 KB of environment in all. Deploy fewer branches per stack (one stack per region or province, each with its own stackName).`,
      );
    }
    const environment: Record<string, string> = {
      ...tableEnvironment(data.tableNames()),
      ...retentionEnvironment(config.retentionDays),
      BRANCHES: branches,
      SMS_PER_SECOND: String(config.quotas.smsPerSecond),
      ...(config.whatsapp ? { WHATSAPP_PER_SECOND: String(config.quotas.whatsappPerSecond) } : {}),
      CALL_STARTS_PER_SECOND: String(config.quotas.callStartsPerSecond),
      CONNECT_MAX_CONCURRENT_CALLS: String(config.quotas.maxConcurrentCalls),
      POWERTOOLS_SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      POWERTOOLS_LOG_LEVEL: "INFO",
      NODE_OPTIONS: "--enable-source-maps",
    };
    const byId: Partial<Record<FunctionId, TelecollectFunction>> = {};
    for (const fid of deployedFunctionIds(config)) {
      const spec: FunctionSpec = FUNCTION_CATALOG[fid];
      // Only a start reads the strategy: a campaign keeps the one it started with.
      const starts = strategy && spec.channels.includes("campaignExecutions");
      byId[fid] = this.build(
        fid,
        spec,
        starts ? { ...environment, CAMPAIGN_STRATEGY: strategy } : environment,
        props,
      );
    }
    this.byId = byId;
  }

  /** A deployed function; asking for one left out with its optional channel is a wiring mistake. */
  get(id: FunctionId): TelecollectFunction {
    const f = this.byId[id];
    if (!f) throw new Error(`${id} is not deployed: its optional channel is not configured`);
    return f;
  }

  all(): TelecollectFunction[] {
    return FUNCTION_IDS.flatMap((id) => this.byId[id] ?? []);
  }

  /** The functions that use a channel, for the construct that owns it to wire them. */
  withChannel(channel: Channel): TelecollectFunction[] {
    return this.all().filter((f) => f.spec.channels.includes(channel));
  }

  private build(
    fid: FunctionId,
    spec: FunctionSpec,
    environment: Record<string, string>,
    props: FunctionsProps,
  ): TelecollectFunction {
    const scope = new Construct(this, pascal(fid));
    const logGroup = new LogGroup(scope, "Logs", {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const role = functionRole(scope, fid, spec, logGroup, props.data);
    const deadLetterQueue = spec.invocation === "async" ? asyncDeadLetterQueue(scope, fid) : undefined;
    const fn = bundledFunction(scope, fid, spec, {
      description: spec.description,
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      environment,
      ...(deadLetterQueue
        ? { onFailure: new SqsDestination(deadLetterQueue), retryAttempts: 2, maxEventAge: Duration.hours(6) }
        : {}),
    });
    acknowledgeWildcardResource(
      role.node.findChild("DefaultPolicy"),
      "*",
      "X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (Service Authorization Reference), so CDK grants them on *. Every other statement of this policy names its log group, tables, indexes and key.",
    );
    return { id: fid, spec, fn, role, logGroup, ...(deadLetterQueue ? { deadLetterQueue } : {}) };
  }
}

/** The catalog's functions this config deploys: those needing an optional channel only when it is configured. */
export function deployedFunctionIds(config: TelecollectConfig): FunctionId[] {
  const configured: Record<OptionalChannel, boolean> = { whatsapp: config.whatsapp !== undefined };
  return FUNCTION_IDS.filter((fid) => {
    const spec: FunctionSpec = FUNCTION_CATALOG[fid];
    return spec.onlyWith === undefined || configured[spec.onlyWith];
  });
}

/** The function's own role: its log group (no managed policy) and the tables the catalog gives it. */
function functionRole(
  scope: Construct,
  fid: FunctionId,
  spec: FunctionSpec,
  logGroup: LogGroup,
  data: Data,
): Role {
  const role = new Role(scope, "Role", {
    assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
    description: `telecollect ${fid}: its log group, its tables, its channels`,
  });
  // Instead of AWSLambdaBasicExecutionRole: write to this function's own log group, nothing else.
  role.addToPolicy(
    new PolicyStatement({
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resources: [logGroup.logGroupArn],
    }),
  );
  const tables = Object.entries(spec.tables) as [TableName, TableAccess][];
  grantTables(
    role,
    tables.map(([table, access]) => ({ table: data.tables[table], access })),
    data.key,
  );
  return role;
}

/** Where an asynchronously invoked function's failed invocations go. */
function asyncDeadLetterQueue(scope: Construct, fid: FunctionId): Queue {
  const deadLetterQueue = new Queue(scope, "DeadLetterQueue", {
    // SQS-managed encryption: EventBridge and Scheduler can deliver to it (an AWS-managed KMS key would refuse them).
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(
    deadLetterQueue,
    "AwsSolutions-SQS3",
    `This queue is itself the dead-letter queue of ${fid}'s asynchronous invocations (and of the events and schedules that target it); a DLQ of a DLQ would only hide messages, and an alarm watches its depth.`,
  );
  return deadLetterQueue;
}

/** The catalogued handler bundled by esbuild here (ESM, Node 24, the pinned SDK included). */
function bundledFunction(
  scope: Construct,
  fid: FunctionId,
  spec: FunctionSpec,
  base: Omit<FunctionProps, "code" | "handler">,
): NodejsFunction {
  const entry = join(REPO_ROOT, spec.entry);
  // Every catalogued function has its handler: a missing entry is a broken checkout, not a deploy.
  if (!existsSync(entry)) throw new Error(`${fid}: handler entry ${spec.entry} does not exist`);
  return new NodejsFunction(scope, "Function", {
    ...base,
    entry,
    handler: "handler",
    projectRoot: REPO_ROOT,
    depsLockFilePath: join(REPO_ROOT, "package-lock.json"),
    bundling: {
      format: OutputFormat.ESM,
      target: ESBUILD_TARGET,
      mainFields: ["module", "main"],
      // Some dependencies still call require(): give the ESM bundle one.
      banner:
        "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      // Bundle the pinned AWS SDK too: the same versions as the tests, not the runtime's.
      externalModules: [],
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      forceDockerBundling: false,
    },
  });
}

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Arn, ArnFormat, type RemovalPolicy, Stack } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";
import { FUNCTION_SUBSTITUTIONS, type FunctionId } from "../function-catalog";
import { acknowledgeWildcardResource } from "../nag";
import { type Functions, REPO_ROOT } from "./functions";

export const CAMPAIGN_ASL = "workflows/campaign.asl.json";
export const DIALING_DAY_ASL = "workflows/dialing-day.asl.json";

export interface CampaignWorkflowProps {
  functions: Functions;
  removalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
}

const LOGGING_AND_TRACING_REASON =
  "Step Functions logging to CloudWatch Logs (log delivery APIs: CreateLogDelivery, PutResourcePolicy, DescribeLogGroups, ...) and X-Ray tracing (PutTraceSegments, GetSamplingRules, ...) support no resource-level permissions, so CDK grants them on *. The state machine's own Task resources are granted by ARN.";

/**
 * The campaign and dialing-day state machines, from the same ASL files the local runtime runs
 * (DefinitionBody.fromFile + definitionSubstitutions), Standard, every event logged to
 * CloudWatch Logs without execution data (inputs and outputs carry cursors with card numbers),
 * X-Ray tracing. Their roles invoke exactly the functions the definitions name.
 */
export class CampaignWorkflow extends Construct {
  readonly campaign: StateMachine;
  readonly dialingDay: StateMachine;

  constructor(scope: Construct, id: string, props: CampaignWorkflowProps) {
    super(scope, id);
    const { functions } = props;
    const arnOf = (fid: FunctionId) => functions.get(fid).fn.functionArn;
    const substitutionsFor = (file: string, extra: Record<string, string> = {}) => {
      const all: Record<string, string> = {
        ...Object.fromEntries(Object.entries(FUNCTION_SUBSTITUTIONS).map(([key, fid]) => [key, arnOf(fid)])),
        ...extra,
      };
      // Only what the file uses, so each state machine's template shows its own references.
      const used = new Set([...readAsl(file).matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string));
      const missing = [...used].filter((key) => !(key in all));
      if (missing.length > 0)
        throw new Error(`${file}: no substitution for ${missing.map((k) => `\${${k}}`).join(", ")}`);
      return Object.fromEntries(Object.entries(all).filter(([key]) => used.has(key)));
    };

    this.dialingDay = this.machine("DialingDay", DIALING_DAY_ASL, substitutionsFor(DIALING_DAY_ASL), props);
    this.campaign = this.machine(
      "Campaign",
      CAMPAIGN_ASL,
      substitutionsFor(CAMPAIGN_ASL, { DialingDayStateMachineArn: this.dialingDay.stateMachineArn }),
      props,
    );

    // The campaign runs each calling day as a child execution (startExecution.sync:2).
    const campaignRole = this.campaign.role;
    campaignRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["states:StartExecution"],
        resources: [this.dialingDay.stateMachineArn],
      }),
    );
    const childExecutions = executionsOf(this, this.dialingDay);
    campaignRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["states:DescribeExecution", "states:StopExecution"],
        resources: [childExecutions],
      }),
    );
    campaignRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
        resources: [
          Arn.format(
            {
              service: "events",
              resource: "rule",
              resourceName: "StepFunctionsGetEventsForStepFunctionsExecutionRule",
            },
            Stack.of(this),
          ),
        ],
      }),
    );
    acknowledgeWildcardResource(
      this.campaign.role.node.findChild("DefaultPolicy"),
      childExecutions,
      "A .sync child execution must be described and stopped by its execution ARN, which includes its name (campaign-<branch>-<period>-<day>), known only at run time; the wildcard is limited to executions of the dialing-day state machine.",
    );

    // start-campaign (the schedule) and the supervisor API start (or resume) campaign executions
    // by name; the supervisor API also stops them.
    const campaignExecutions = executionsOf(this, this.campaign);
    for (const f of functions.withChannel("campaignExecutions")) {
      f.fn.addEnvironment("CAMPAIGN_STATE_MACHINE_ARN", this.campaign.stateMachineArn);
      f.role.addToPolicy(
        new PolicyStatement({
          actions: ["states:StartExecution"],
          resources: [this.campaign.stateMachineArn],
        }),
      );
      f.role.addToPolicy(
        new PolicyStatement({ actions: ["states:DescribeExecution"], resources: [campaignExecutions] }),
      );
    }
    for (const f of functions.withChannel("campaignStops")) {
      f.fn.addEnvironment("CAMPAIGN_STATE_MACHINE_ARN", this.campaign.stateMachineArn);
      f.role.addToPolicy(
        new PolicyStatement({ actions: ["states:StopExecution"], resources: [campaignExecutions] }),
      );
    }
    const executionUsers = new Set([
      ...functions.withChannel("campaignExecutions"),
      ...functions.withChannel("campaignStops"),
    ]);
    for (const f of executionUsers) {
      const verbs = f.spec.channels.includes("campaignStops") ? "describes and stops" : "describes";
      acknowledgeWildcardResource(
        f.role.node.findChild("DefaultPolicy"),
        campaignExecutions,
        `${f.id} ${verbs} the execution named campaign-<branch>-<period>[-rN], a name computed at run time (after an ExecutionAlreadyExists answer, or for a supervisor's stop); the wildcard is limited to executions of the campaign state machine.`,
      );
    }
  }

  private machine(
    id: string,
    file: string,
    substitutions: Record<string, string>,
    props: CampaignWorkflowProps,
  ): StateMachine {
    const logGroup = new LogGroup(this, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const role = new Role(this, `${id}Role`, {
      assumedBy: new ServicePrincipal("states.amazonaws.com"),
      description: `telecollect ${id} state machine: invokes its Task functions`,
    });
    const functionArns = Object.entries(substitutions)
      .filter(([key]) => key.endsWith("FunctionArn"))
      .map(([, arn]) => arn);
    // The ASL names unqualified function ARNs: no `:*` needed.
    role.addToPolicy(new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: functionArns }));
    const machine = new StateMachine(this, id, {
      definitionBody: DefinitionBody.fromFile(join(REPO_ROOT, file)),
      definitionSubstitutions: substitutions,
      stateMachineType: StateMachineType.STANDARD,
      role,
      tracingEnabled: true,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
      comment: `telecollect ${file}`,
    });
    acknowledgeWildcardResource(role.node.findChild("DefaultPolicy"), "*", LOGGING_AND_TRACING_REASON);
    return machine;
  }
}

/** `arn:…:states:…:execution:<machine name>:*` */
function executionsOf(scope: Construct, machine: StateMachine): string {
  return Arn.format(
    {
      service: "states",
      resource: "execution",
      resourceName: `${machine.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    },
    Stack.of(scope),
  );
}

function readAsl(file: string): string {
  return readFileSync(join(REPO_ROOT, file), "utf8");
}

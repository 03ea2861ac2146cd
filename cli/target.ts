import { CloudFormationClient, DescribeStacksCommand, type Output } from "@aws-sdk/client-cloudformation";
import { SFNClient } from "@aws-sdk/client-sfn";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../functions/channels/clock";
import type { CampaignExecutions, CampaignStops } from "../functions/channels/workflows";
import { StepFunctionsCampaignExecutions } from "../functions/channels/workflows/step-functions";
import type { TableNames } from "../functions/contracts";
import { OUTPUTS, tableOutputName } from "../functions/contracts";
import { createDocumentClient } from "../functions/store/client";
import { ALL_TABLES } from "../functions/store/schemas";
import { LocalCampaignExecutions } from "../local/adapters/campaign-executions";
import type { TargetChoice } from "./args";
import { CliError } from "./errors";
import { readLocalState } from "./local-state";

/** Where the data and the campaign executions are: the embedded runtime or a deployed stack. */
export interface Target {
  description: string;
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  executions: CampaignExecutions & CampaignStops;
  /** The target's time: the simulated clock locally, the wall clock in AWS. */
  now(): Promise<Date>;
}

export interface StackOutputs {
  campaignStateMachineArn: string;
  tables: TableNames;
}

/** The outputs the CLI needs, or one error naming every missing output. */
export function stackOutputs(stack: string, outputs: readonly Output[]): StackOutputs {
  const byKey = new Map(outputs.map((o) => [o.OutputKey ?? "", o.OutputValue ?? ""]));
  const needed = [OUTPUTS.campaignStateMachineArn, ...ALL_TABLES.map((t) => tableOutputName(t.name))];
  const missing = needed.filter((key) => !byKey.get(key));
  if (missing.length > 0) {
    throw new CliError(
      `stack ${stack} lacks output(s) ${missing.join(", ")}: deploy the current version (npx cdk deploy) or pass --stack NAME`,
    );
  }
  const value = (key: string) => byKey.get(key) ?? "";
  return {
    campaignStateMachineArn: value(OUTPUTS.campaignStateMachineArn),
    tables: Object.fromEntries(ALL_TABLES.map((t) => [t.name, value(tableOutputName(t.name))])) as TableNames,
  };
}

/** Where a stack's supervisor API and sign-in are: all `telecollect login` needs. */
export function supervisorApiOutputs(stack: string, outputs: readonly Output[]) {
  const byKey = new Map(outputs.map((o) => [o.OutputKey ?? "", o.OutputValue ?? ""]));
  const needed = [OUTPUTS.supervisorApiUrl, OUTPUTS.supervisorUserPoolClientId];
  const missing = needed.filter((key) => !byKey.get(key));
  if (missing.length > 0) {
    throw new CliError(
      `stack ${stack} lacks output(s) ${missing.join(", ")}: deploy the current version (npx cdk deploy) or pass --stack NAME`,
    );
  }
  return {
    apiUrl: byKey.get(OUTPUTS.supervisorApiUrl) ?? "",
    clientId: byKey.get(OUTPUTS.supervisorUserPoolClientId) ?? "",
  };
}

export async function describeStack(stack: string) {
  const client = new CloudFormationClient({});
  let region = "(unknown region)";
  try {
    region = await client.config.region();
    const out = await client.send(new DescribeStacksCommand({ StackName: stack }));
    return { region, outputs: out.Stacks?.[0]?.Outputs ?? [] };
  } catch (error) {
    const e = error as Error;
    if (e.name === "CredentialsProviderError" || /credential/i.test(e.message)) {
      throw new CliError(
        `AWS credentials not found (${e.message}): set AWS_PROFILE or run \`aws sso login\`, or use --local`,
      );
    }
    if (/region is missing/i.test(e.message)) {
      throw new CliError("AWS region not set: set AWS_REGION (or a profile's region), or use --local");
    }
    if (e.name === "ValidationError" && /does not exist/.test(e.message)) {
      throw new CliError(
        `stack ${stack} not found in ${region}: deploy it (npx cdk deploy) or pass --stack NAME`,
      );
    }
    throw error;
  } finally {
    client.destroy();
  }
}

export async function resolveTarget(choice: TargetChoice, home: string): Promise<Target> {
  if (choice.kind === "local") {
    const state = await readLocalState(home);
    const executions = new LocalCampaignExecutions(state.controlUrl, state.token);
    return {
      description: `local runtime (pid ${state.pid})`,
      doc: createDocumentClient({ endpoint: state.dynamoEndpoint }),
      tables: state.tables,
      executions,
      now: () => executions.now(),
    };
  }
  const { region, outputs } = await describeStack(choice.stack);
  const resolved = stackOutputs(choice.stack, outputs);
  return {
    description: `stack ${choice.stack} in ${region}`,
    doc: createDocumentClient({ region }),
    tables: resolved.tables,
    executions: new StepFunctionsCampaignExecutions(
      new SFNClient({ region }),
      resolved.campaignStateMachineArn,
    ),
    now: async () => new Date(),
  };
}

/**
 * The target's time as the use cases' Clock, read once: a command acts at one instant of its
 * target (the runtime's simulated time locally). The CLI never sleeps on it.
 */
export async function clockOf(target: Target): Promise<Clock> {
  const at = await target.now();
  return { now: () => new Date(at), sleepUntil: async () => undefined };
}

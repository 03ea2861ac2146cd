import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import type { CampaignExecutions, CampaignStops, ExecutionStatus, ExecutionSummary } from "./index";

/** The campaign state machine in AWS Step Functions. */
export class StepFunctionsCampaignExecutions implements CampaignExecutions, CampaignStops {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  /** Execution ARNs follow from the state machine's: arn:...:execution:<machine>:<name>. */
  executionArn(name: string): string {
    return `${this.stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
  }

  async start(name: string, input: Record<string, unknown>) {
    try {
      const out = await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify(input),
        }),
      );
      return {
        started: true,
        execution: {
          name,
          executionArn: out.executionArn ?? this.executionArn(name),
          status: "RUNNING" as const,
          startDate: (out.startDate ?? new Date()).toISOString(),
        },
      };
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
      const existing = await this.describe(name);
      if (!existing) throw error;
      return { started: false, execution: existing };
    }
  }

  async describe(name: string): Promise<ExecutionSummary | undefined> {
    try {
      const out = await this.client.send(
        new DescribeExecutionCommand({ executionArn: this.executionArn(name) }),
      );
      return {
        name,
        executionArn: this.executionArn(name),
        status: (out.status ?? "RUNNING") as ExecutionStatus,
        startDate: (out.startDate ?? new Date(0)).toISOString(),
        ...(out.stopDate ? { stopDate: out.stopDate.toISOString() } : {}),
        ...(out.error ? { error: out.error } : {}),
        ...(out.cause ? { cause: out.cause } : {}),
      };
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return undefined;
      throw error;
    }
  }

  async stop(name: string, error: string, cause: string) {
    await this.client.send(new StopExecutionCommand({ executionArn: this.executionArn(name), error, cause }));
  }
}

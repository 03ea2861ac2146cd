import type { Json } from "./definition";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

/** An execution as DescribeExecution shows it. */
export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  status: ExecutionStatus;
  input: Json;
  output?: Json;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
}

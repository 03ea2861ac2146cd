/**
 * Port for campaign executions: Step Functions in AWS (step-functions.ts), the embedded runtime's
 * ASL runner through its control API locally (local/adapters/campaign-executions.ts). Names are the idempotency key: campaign-<branch>-<period>[-rN].
 */
export type ExecutionStatus =
  | "RUNNING"
  | "SUCCEEDED"
  | "FAILED"
  | "TIMED_OUT"
  | "ABORTED"
  | "PENDING_REDRIVE";

export interface ExecutionSummary {
  name: string;
  executionArn: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  error?: string;
  cause?: string;
}

export interface CampaignExecutions {
  /** Starts `name`; when that name already exists, says so with its status instead. */
  start(
    name: string,
    input: Record<string, unknown>,
  ): Promise<{ started: boolean; execution: ExecutionSummary }>;
  describe(name: string): Promise<ExecutionSummary | undefined>;
}

/** Stopping a campaign's execution: a port of its own, granted only to who may stop (the supervisor API). */
export interface CampaignStops {
  stop(name: string, error: string, cause: string): Promise<void>;
}

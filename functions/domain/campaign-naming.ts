/** Step Functions execution names: unique for 90 days, so a second start is a no-op. */
export function campaignExecutionName(branchCode: string, period: string, run = 1): string {
  return `campaign-${branchCode}-${period}${run > 1 ? `-r${run}` : ""}`;
}

/** Runs that ended without finishing the campaign: the next start resumes under the next name. */
export const RESUMABLE_STATUSES = new Set(["FAILED", "TIMED_OUT", "ABORTED"]);

/** More resumptions than this is an operator's problem, not something to retry blindly. */
export const MAX_RUNS = 9;

/** Step Functions execution names: unique for 90 days, so a second start is a no-op. */
export function campaignExecutionName(branchCode: string, period: string, run = 1): string {
  return `campaign-${branchCode}-${period}${run > 1 ? `-r${run}` : ""}`;
}

/** Runs that ended without finishing the campaign: the next start resumes under the next name. */
export const RESUMABLE_STATUSES = new Set(["FAILED", "TIMED_OUT", "ABORTED"]);

/** The campaign period (YYYY-MM) a start at `localDate` (YYYY-MM-DD) belongs to. */
export const periodOf = (localDate: string) => localDate.slice(0, 7);

/** `YYYY-MM` of the month before `period`. */
export function previousPeriod(period: string): string {
  const [y = 0, m = 1] = period.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** More resumptions than this is an operator's problem, not something to retry blindly. */
export const MAX_RUNS = 9;

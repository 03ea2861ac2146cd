import type { Branch } from "./branches";
import { type CallingDay, nextCallingDay } from "./calling-days";
import { localDate } from "./local-time";
import { firstDayOfPeriod, lastDayOfPeriod } from "./period";

export type StartRefusalReason = "PERIOD_OVER" | "PERIOD_NOT_STARTED" | "NO_CALLING_DAY_LEFT";

/** Why starting a campaign now would only text and then close cases about a month already lost. */
export interface StartRefusal {
  reason: StartRefusalReason;
  /** One line for a supervisor: which campaign, what today is where the branch is, why. */
  message: string;
}

export type StartCheck = { ok: true; firstCallingDay: CallingDay } | ({ ok: false } & StartRefusal);

/**
 * Whether a campaign started at `now` still has a calling day, computed as the campaign itself
 * computes its first one (the grace days after the SMS wave, the branch's window and holidays,
 * never past the period's last date). A period already over, or not begun, is named as such.
 */
export function checkCampaignStart(input: {
  branch: Pick<Branch, "code" | "timeZone" | "contactWindow">;
  period: string;
  graceDays: number;
  now: Date;
}): StartCheck {
  const { branch, period } = input;
  const today = localDate(input.now, branch.timeZone);
  const lastDate = lastDayOfPeriod(period);
  const campaign = `campaign ${branch.code} ${period}`;
  const where = `today is ${today} in ${branch.timeZone}`;
  if (today > lastDate) {
    return {
      ok: false,
      reason: "PERIOD_OVER",
      message: `${campaign}: the period is over (${where}); its reminders and calls would be about a month already past`,
    };
  }
  if (today < firstDayOfPeriod(period)) {
    return {
      ok: false,
      reason: "PERIOD_NOT_STARTED",
      message: `${campaign}: the period has not begun (${where}); its reminders would be about premiums not yet due`,
    };
  }
  const firstCallingDay = nextCallingDay({
    now: input.now,
    timeZone: branch.timeZone,
    window: branch.contactWindow,
    period,
    graceDays: input.graceDays,
  });
  if (!firstCallingDay) {
    return {
      ok: false,
      reason: "NO_CALLING_DAY_LEFT",
      message: `${campaign}: no calling day left (${where}; calls start ${input.graceDays} day${input.graceDays === 1 ? "" : "s"} after the SMS, and no calling day is left up to ${lastDate}); its cases would close unattempted`,
    };
  }
  return { ok: true, firstCallingDay };
}

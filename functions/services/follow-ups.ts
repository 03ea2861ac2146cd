import type { Branch } from "../domain/branches";
import { isInsideWindow } from "../domain/calling-window";
import { campaignIdOf } from "../domain/case";
import type { SendInfo } from "../domain/disposition";
import {
  callInfoFollowUp,
  type FollowUp,
  type FollowUpContext,
  type FollowUpTally,
  followUpSkip,
  missedCallFollowUp,
  scheduledFollowUp,
  whatsappOnly,
} from "../domain/follow-ups";
import { localDate } from "../domain/local-time";
import { askedInfoChannel, type ChannelProfile, type MessageChannel } from "../domain/messaging";
import { doNotContactOn } from "../domain/participant-status";
import { type CampaignStrategy, parseStrategy } from "../domain/strategy";
import type { CampaignStore } from "../store/campaigns";
import type { CaseStore } from "../store/cases";
import type { ProfileStore } from "../store/profiles";
import { CampaignNotFoundError, UnknownBranchError } from "./campaign-phases";
import { type DueSoonSweepDeps, sendDueSoonReminders } from "./due-soon";
import {
  deliverFollowUp,
  type FollowUpOutcome,
  type FollowUpRecipient,
  type FollowUpSendPorts,
  followUpChannel,
  type MessagedCase,
  sendFollowUp,
  whatsappInPlay,
} from "./follow-up-send";

export type { FollowUpTally } from "../domain/follow-ups";
export { followUpTemplate, type MessagedCase, type TemplateFor } from "./follow-up-send";

/*
 * Follow-up messages: the daily sweep (promise eves, thank-yous) and the one after an unanswered
 * call. The rules are functions/domain/follow-ups.ts's; the sending follow-up-send.ts's.
 */

export interface FollowUpDeps extends FollowUpSendPorts {
  branches: ReadonlyMap<string, Branch>;
  campaigns: Pick<CampaignStore, "get">;
  profiles: Pick<ProfileStore, "get" | "getMany">;
}

export interface FollowUpSweepDeps extends FollowUpDeps {
  cases: Pick<CaseStore, "page">;
  /** The due-soon notices (those a month behind, not cases); absent: none reminded. */
  dueSoon?: DueSoonSweepDeps["dueSoon"];
}

const emptyTally = (): FollowUpTally => ({ sent: 0, whatsapp: 0, failed: 0, alreadyDone: 0, skipped: {} });

const PAGE_SIZE = 200;

async function contextOf(
  deps: FollowUpDeps,
  branchCode: string,
  period: string,
  strategy?: CampaignStrategy,
) {
  const branch = deps.branches.get(branchCode);
  if (!branch) throw new UnknownBranchError(`branch ${branchCode} is not configured`);
  let s = strategy;
  if (!s) {
    const campaignId = campaignIdOf(branchCode, period);
    const campaign = await deps.campaigns.get(campaignId);
    if (!campaign) throw new CampaignNotFoundError(`campaign ${campaignId} does not exist`);
    s = parseStrategy(campaign.strategy);
  }
  const ctx: FollowUpContext = {
    now: deps.clock.now(),
    timeZone: branch.timeZone,
    window: branch.contactWindow,
    messaging: s.messaging,
  };
  return ctx;
}

/**
 * The daily sweep over a campaign's cases, page by page: the eve of each pending promise whose
 * eve is today, the thank-you of each case paid in full, a REHAB plan's instalment reminder, an
 * unread WhatsApp reminder once more; then the due-soon reminders of the
 * campaign's notices. Outside the branch's window (and on days that are not calling days) it
 * sends nothing and reads no case.
 */
export async function sendFollowUps(
  deps: FollowUpSweepDeps,
  input: { branchCode: string; period: string },
): Promise<FollowUpTally> {
  const ctx = await contextOf(deps, input.branchCode, input.period);
  const tally = emptyTally();
  if (!isInsideWindow(ctx.now, ctx.timeZone, ctx.window)) return tally;
  const campaignId = campaignIdOf(input.branchCode, input.period);
  let cursor: string | undefined;
  do {
    const page = await deps.cases.page(campaignId, cursor, PAGE_SIZE);
    const due: { c: MessagedCase; f: FollowUp }[] = [];
    for (const c of page.cases) {
      const f = scheduledFollowUp(c, ctx);
      if (!f) continue;
      const skip = followUpSkip(c, f, ctx);
      if (skip) tally.skipped[skip] = (tally.skipped[skip] ?? 0) + 1;
      else due.push({ c, f });
    }
    const profiles =
      due.length > 0 && whatsappInPlay(deps, ctx)
        ? await deps.profiles.getMany(due.map(({ c }) => c.participantId))
        : new Map<string, ChannelProfile>();
    // One at a time, in the page's order: a send may wait on the clock for its permit, and the
    // local simulation's clock stands still only while nothing else of the invocation is in flight.
    for (const { c, f } of due) {
      const channel = followUpChannel(deps, c, profiles.get(c.participantId), ctx);
      if (channel !== "WHATSAPP" && whatsappOnly(f))
        tally.skipped.NO_WHATSAPP = (tally.skipped.NO_WHATSAPP ?? 0) + 1;
      else await deliverFollowUp(deps, tally, c, f, { channel, smsLength: ctx.messaging.sms.length });
    }
    cursor = page.cursor;
  } while (cursor);
  await sendDueSoonReminders(deps, ctx, campaignId, tally);
  return tally;
}

/**
 * The follow-up of an unanswered call (NO_ANSWER), naming Care Center 165 to verify the call: at
 * most one per calling day, under the same gates as every follow-up. `strategy` saves a read when
 * the caller has the campaign's.
 */
export async function sendMissedCallFollowUp(
  deps: FollowUpDeps,
  c: MessagedCase,
  options: { endedAt: Date; strategy?: CampaignStrategy },
): Promise<FollowUpTally> {
  const ctx = await contextOf(deps, c.branchCode, c.period, options.strategy);
  const tally = emptyTally();
  const f = missedCallFollowUp(c, options.endedAt, ctx);
  if (!f) return tally;
  const skip = followUpSkip(c, f, ctx);
  if (skip) {
    tally.skipped[skip] = 1;
    return tally;
  }
  const profile = whatsappInPlay(deps, ctx) ? await deps.profiles.get(c.participantId) : undefined;
  await deliverFollowUp(deps, tally, c, f, {
    channel: followUpChannel(deps, c, profile, ctx),
    smsLength: ctx.messaging.sms.length,
  });
  return tally;
}

/**
 * The information the participant asked for in a call (how to pay, REHAB, autodebet), once per call
 * and kind, by WhatsApp where the number is on it, else SMS. Asked for, so neither the strategy's
 * switches nor the cap hold it back, and the cap does not count it.
 */
export async function sendCallInfo(
  deps: FollowUpDeps,
  c: MessagedCase,
  request: { info: SendInfo; callKey: string; strategy?: CampaignStrategy },
): Promise<{ outcome: "SENT" | "FAILED" | "ALREADY"; channel?: MessageChannel }> {
  const ctx = await contextOf(deps, c.branchCode, c.period, request.strategy);
  const profile = whatsappInPlay(deps, ctx) ? await deps.profiles.get(c.participantId) : undefined;
  const channel = followUpChannel(deps, c, profile, ctx, askedInfoChannel);
  return sendFollowUp(deps, c, callInfoFollowUp(request.info, request.callKey), {
    channel,
    smsLength: ctx.messaging.sms.length,
  });
}

/**
 * A follow-up whose WhatsApp failed after it went (the number is not on WhatsApp, which the send
 * cannot tell): the same follow-up by SMS, now, once (its own claim, in `deps.followUps`: the
 * case's, or the due-soon notices' for a notice), under the gates that still
 * apply a few seconds later: the contact window on a calling day, no do-not-contact hold, the
 * case still as the follow-up requires (paid for a thank-you, the promise pending for its eve).
 * Not the reminder sent again (WhatsApp or nothing). The cap does not count it again.
 */
export async function sendFailedFollowUpBySms(
  deps: FollowUpDeps,
  c: FollowUpRecipient & Pick<MessagedCase, "period" | "hold">,
  f: FollowUp,
  strategy: CampaignStrategy,
): Promise<FollowUpOutcome | "OUTSIDE_WINDOW" | "NOT_NEEDED"> {
  if (whatsappOnly(f)) return "NOT_NEEDED";
  const ctx = await contextOf(deps, c.branchCode, c.period, strategy);
  // After the window it is not sent at all: a follow-up belongs to its day.
  if (!isInsideWindow(ctx.now, ctx.timeZone, ctx.window)) return "OUTSIDE_WINDOW";
  if (doNotContactOn(c.hold, localDate(ctx.now, ctx.timeZone))) return "NOT_NEEDED";
  return (
    await sendFollowUp(deps, c, f, { channel: "SMS", smsLength: ctx.messaging.sms.length, replacement: true })
  ).outcome;
}

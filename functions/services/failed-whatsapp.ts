/**
 * What a WhatsApp message that failed after it went (a number off WhatsApp, reported within
 * seconds) gets instead: its SMS, sent when the failure is reported. A wave's reminder is sent
 * under its fallback pass's claim (`sms.<wave>F`), so the pass finds it done and never sends it
 * twice; a follow-up under its own (follow-ups.ts).
 */
import { isInsideWindow } from "../domain/calling-window";
import { recipientOf } from "../domain/due-soon";
import { isFollowUpPurpose } from "../domain/follow-ups";
import { localDate } from "../domain/local-time";
import type { ChannelProfile } from "../domain/messaging";
import { reminderStatusSkip } from "../domain/participant-status";
import { fallbackKey } from "../domain/sms-wave";
import { type CampaignStrategy, parseStrategy } from "../domain/strategy";
import type { Campaign, CampaignStatus } from "../store/campaigns";
import type { CaseStore } from "../store/cases";
import type { DueSoonStore } from "../store/due-soon";
import type { SentMessage } from "../store/messages";
import { type FollowUpDeps, sendFailedFollowUpBySms } from "./follow-ups";
import type { SendSmsDeps } from "./send-sms";
import { WaveOutcomes } from "./sms-wave-outcomes";
import { planPage } from "./sms-wave-plan";
import { ReminderSender } from "./sms-wave-send";

/** The SMS side of the wave's ports, reading the one case by its key instead of paging. */
export interface ReminderFallbackDeps
  extends Pick<
    SendSmsDeps,
    "clock" | "branches" | "caseSms" | "interactions" | "messages" | "rateLimiter" | "sms" | "smsPerSecond"
  > {
  cases: Pick<CaseStore, "get">;
}

/**
 * SENT or FAILED: this call sent it (or SNS refused it; a retryable failure is the pass's to
 * retry). LATER: outside the participant's contact window, the fallback pass sends it. NOT_NEEDED:
 * the case needs no SMS for this reminder (paid, held, already sent), or the campaign is over.
 */
export type ReminderFallbackOutcome = "SENT" | "FAILED" | "LATER" | "NOT_NEEDED";

/** Mapped, sending its reminders or calling: a stopped, failed or closed campaign sends nothing more. */
const SENDING: ReadonlySet<CampaignStatus> = new Set(["MAPPED", "SMS", "DIALING"]);

/** A thank-you confirms a payment and asks for nothing: its SMS still goes once the campaign closed. */
const confirmsAfterClose = (campaign: Campaign, purpose: string) =>
  campaign.status === "CLOSED" && purpose === "THANK_YOU";

/** Retries within the events handler; what still fails is left to the fallback pass. */
const RETRIES = { maxRetries: 1, retryBaseMs: 1_000, random: () => 0.5 };

/** The wave's reminder by SMS; `strategy` is its campaign's, still sending. */
export async function sendFailedReminderBySms(
  deps: ReminderFallbackDeps,
  reminder: SentMessage & { wave: string },
  profile: ChannelProfile | undefined,
  strategy: CampaignStrategy,
): Promise<ReminderFallbackOutcome> {
  const now = deps.clock.now();
  const branch = deps.branches.get(reminder.branchCode);
  if (!branch) return "NOT_NEEDED";
  if (!isInsideWindow(now, branch.timeZone, branch.contactWindow)) return "LATER";
  const c = await deps.cases.get(reminder.campaignId, reminder.participantId);
  if (!c) return "NOT_NEEDED";
  const key = fallbackKey(Number(reminder.wave));
  const { sends } = planPage([c], {
    waveKey: key,
    fallbackOf: reminder.wave,
    channelOf: () => "SMS",
    whatsappReminder: () => {
      throw new Error("a fallback goes by SMS");
    },
    buckets: new Map(strategy.buckets.map((b) => [b.id, b])),
    smsLength: strategy.messaging.sms.length,
    now: now.getTime(),
    // A claim of this fallback already exists only if the pass or another delivery took it.
    staleClaimMs: Number.POSITIVE_INFINITY,
    statusSkip: (x) => reminderStatusSkip(x.hold, profile, localDate(now, branch.timeZone)),
  });
  if (sends.length === 0) return "NOT_NEEDED";
  const outcomes = new WaveOutcomes(deps, { wave: Number(reminder.wave), key, fallback: true });
  await new ReminderSender({ ...deps, whatsappPerSecond: 0 }, key, RETRIES, outcomes).sendGroup(sends);
  if (outcomes.tally.sent > 0) return "SENT";
  return outcomes.tally.failed > 0 ? "FAILED" : "NOT_NEEDED";
}

export interface FailedWhatsAppDeps extends ReminderFallbackDeps, FollowUpDeps {
  dueSoon: Pick<DueSoonStore, "get" | "claim" | "markSent" | "markFailed">;
}

/**
 * The SMS that replaces one failed WhatsApp message, where one is due: a wave's reminder, or a
 * follow-up recorded with its occasion (a due-soon reminder's recipient is its notice). Not an
 * answer to a reply (the participant wrote from WhatsApp), nor anything once the message's
 * `campaign` is stopped, failed or closed, but a thank-you after the close. Returns what became of it.
 */
export async function smsForFailedWhatsApp(
  deps: FailedWhatsAppDeps,
  message: SentMessage,
  profile: ChannelProfile | undefined,
  campaign: Campaign | undefined,
): Promise<string> {
  const { purpose, wave, occasion } = message;
  const reminderWave = purpose === "REMINDER" ? wave : undefined;
  const f = isFollowUpPurpose(purpose) && occasion !== undefined ? { purpose, occasion } : undefined;
  if (reminderWave === undefined && f === undefined) return "NOT_COVERED";
  if (!campaign || !(SENDING.has(campaign.status) || confirmsAfterClose(campaign, purpose)))
    return "NOT_NEEDED";
  const strategy = parseStrategy(campaign.strategy);
  if (reminderWave !== undefined)
    return sendFailedReminderBySms(deps, { ...message, wave: reminderWave }, profile, strategy);
  if (f === undefined) return "NOT_COVERED";
  if (f.purpose === "DUE_SOON") {
    const n = await deps.dueSoon.get(message.campaignId, message.participantId);
    return n
      ? sendFailedFollowUpBySms({ ...deps, followUps: deps.dueSoon }, recipientOf(n), f, strategy)
      : "NOT_NEEDED";
  }
  const c = await deps.cases.get(message.campaignId, message.participantId);
  return c ? sendFailedFollowUpBySms(deps, c, f, strategy) : "NOT_NEEDED";
}

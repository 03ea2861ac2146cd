import type { Clock } from "../channels/clock";
import type { SmsSender } from "../channels/sms";
import type { WhatsAppSender } from "../channels/whatsapp";
import { mapConcurrent } from "../concurrency";
import type { Branch } from "../domain/branches";
import { isInsideWindow, nextWindowOpen } from "../domain/calling-window";
import { type Case, campaignIdOf } from "../domain/case";
import { localDate } from "../domain/local-time";
import { type ChannelProfile, messageChannel, type WhatsAppSettings } from "../domain/messaging";
import { reminderStatusSkip } from "../domain/participant-status";
import { fallbackKey } from "../domain/sms-wave";
import { type Bucket, parseStrategy, type SmsLength } from "../domain/strategy";
import type { CampaignStore } from "../store/campaigns";
import type { CaseSmsStore } from "../store/case-sms";
import type { CaseStore } from "../store/cases";
import type { InteractionStore } from "../store/interactions";
import type { MessageStore } from "../store/messages";
import type { ProfileStore } from "../store/profiles";
import type { RateLimiter } from "../store/rate-limits";
import { CampaignNotFoundError, UnknownBranchError } from "./campaign-phases";
import { WaveOutcomes, type WaveTally } from "./sms-wave-outcomes";
import { decodeWaveCursor, encodeWaveCursor, planPage } from "./sms-wave-plan";
import { ReminderSender } from "./sms-wave-send";
import { whatsappMessageOf } from "./whatsapp-message";

export { SMS_RATE_LIMIT_ID } from "./sms-wave-send";

export interface SendSmsInput {
  branchCode: string;
  period: string;
  /** 1, 2, ...: each wave reaches a case at most once. */
  wave: number;
  /**
   * The wave's SMS fallback pass: an SMS to each case whose WhatsApp reminder was not delivered
   * (the state machine runs it at `fallbackAt`).
   */
  fallback?: boolean;
  cursor?: string;
}

/** What this invocation did (WaveTally), and where the wave stands. */
export interface SendSmsResult extends WaveTally {
  /** Present when the wave stopped part-way (time budget, window closed): call again with it. */
  cursor?: string;
  /** ISO UTC: do not call again before this (the contact window opens, or a retry pass is due). */
  nextAt?: string;
  /** Every case has its final state for this wave. */
  done: boolean;
  /** ISO UTC: when the wave's pass is done and WhatsApp went, run the SMS fallback pass then. */
  fallbackAt?: string;
}

export interface SendSmsDeps {
  clock: Clock;
  branches: ReadonlyMap<string, Branch>;
  campaigns: Pick<CampaignStore, "get" | "setPhase">;
  cases: Pick<CaseStore, "page">;
  caseSms: CaseSmsStore;
  interactions: Pick<InteractionStore, "record">;
  rateLimiter: RateLimiter;
  sms: SmsSender;
  smsPerSecond: number;
  /** Absent when the deployment has no WhatsApp number: every reminder goes by SMS. */
  whatsapp?: WhatsAppSender | undefined;
  whatsappPerSecond: number;
  messages: Pick<MessageStore, "recordSent">;
  profiles: Pick<ProfileStore, "getMany">;
}

export interface SendSmsOptions {
  /** Stop starting new groups after this many ms of the deps' clock (real time in Lambda). */
  timeBudgetMs: number;
  /** Ms for the budget; by default the deps' clock, so a simulated month splits waves the same way on any machine. */
  elapsedClock?: () => number;
  pageSize?: number;
  /** Sends taken from the limiter and published in parallel at once. */
  groupSize?: number;
  /** Retries of a retryable failure within one invocation. */
  maxRetries?: number;
  retryBaseMs?: number;
  /** A claim older than this was left by a dead invocation (the Lambda maximum is 15 minutes). */
  staleClaimMs?: number;
  /** Wait before a pass that retries failures SNS called retryable. */
  retryPassDelayMs?: number;
  random?: () => number;
}

type Stop = { stop: "WINDOW"; nextAt: Date } | { stop: "BUDGET" };

/**
 * One page-by-page pass of an SMS wave over a campaign's cases: inside the branch's contact
 * window, paced by the account-wide limiter, each case claimed before its publish so that
 * retries and re-runs send at most one reminder per case per wave.
 */
export async function sendSms(
  deps: SendSmsDeps,
  input: SendSmsInput,
  options: SendSmsOptions,
): Promise<SendSmsResult> {
  return new SmsWave(deps, input, options).run();
}

class SmsWave {
  private readonly campaignId: string;
  private readonly branch: Branch;
  private readonly waveKey: string;
  private readonly elapsed: () => number;
  private readonly started: number;
  private readonly o: Required<Omit<SendSmsOptions, "elapsedClock">>;
  private readonly outcomes: WaveOutcomes;
  private readonly sender: ReminderSender;
  /** At least one group is sent per invocation, however small the budget, so the wave always advances. */
  private progressed = false;
  private buckets = new Map<string, Bucket>();
  private smsLength: SmsLength = "TWO_SEGMENTS";
  private whatsappSettings?: WhatsAppSettings;

  constructor(
    private readonly deps: SendSmsDeps,
    private readonly input: SendSmsInput,
    options: SendSmsOptions,
  ) {
    if (!Number.isInteger(input.wave) || input.wave < 1) throw new RangeError("wave must be an integer >= 1");
    const branch = deps.branches.get(input.branchCode);
    if (!branch) throw new UnknownBranchError(`unknown branch ${input.branchCode}`);
    this.branch = branch;
    this.campaignId = campaignIdOf(input.branchCode, input.period);
    this.waveKey = input.fallback ? fallbackKey(input.wave) : String(input.wave);
    this.elapsed = options.elapsedClock ?? (() => deps.clock.now().getTime());
    this.started = this.elapsed();
    this.o = {
      timeBudgetMs: options.timeBudgetMs,
      pageSize: options.pageSize ?? 100,
      groupSize: options.groupSize ?? 10,
      maxRetries: options.maxRetries ?? 3,
      retryBaseMs: options.retryBaseMs ?? 1_000,
      staleClaimMs: options.staleClaimMs ?? 15 * 60_000,
      retryPassDelayMs: options.retryPassDelayMs ?? 5 * 60_000,
      random: options.random ?? Math.random,
    };
    this.outcomes = new WaveOutcomes(deps, {
      wave: input.wave,
      key: this.waveKey,
      fallback: input.fallback ?? false,
    });
    this.sender = new ReminderSender(deps, this.waveKey, this.o, this.outcomes);
  }

  async run(): Promise<SendSmsResult> {
    const start = decodeWaveCursor(this.input.cursor);
    const closed = this.windowClosed();
    if (closed) {
      const { cursor: _, ...waiting } = this.stopped(closed, undefined, false);
      return { ...waiting, ...(this.input.cursor ? { cursor: this.input.cursor } : {}) };
    }
    const campaign = await this.deps.campaigns.get(this.campaignId);
    if (!campaign) throw new CampaignNotFoundError(`campaign ${this.campaignId} has not been mapped`);
    // The supervisor sees the reminders going from the wave's first send on, not "mapped".
    const phase = campaign.status === "MAPPED" ? "SMS" : campaign.status;
    if (phase !== campaign.status)
      await this.deps.campaigns.setPhase(this.campaignId, phase, this.deps.clock.now());
    const strategy = parseStrategy(campaign.strategy);
    this.buckets = new Map(strategy.buckets.map((b) => [b.id, b]));
    this.smsLength = strategy.messaging.sms.length;
    if (this.deps.whatsapp && strategy.messaging.whatsapp.enabled) {
      this.whatsappSettings = strategy.messaging.whatsapp;
    }

    let cursor = start.page;
    // Retryable failures earlier in this pass, carried by the cursor across invocations.
    const retry = () => start.retry || this.outcomes.deferred > 0;
    for (;;) {
      const page = await this.deps.cases.page(this.campaignId, cursor, this.o.pageSize);
      // Stopping inside a page resumes at its start: cases done by then are found done, not redone.
      const stop = await this.processPage(page.cases);
      if (stop) return this.stopped(stop, cursor, retry());
      if (!page.cursor) break;
      cursor = page.cursor;
      if (this.outOfTime()) return this.stopped({ stop: "BUDGET" }, cursor, retry());
    }
    if (retry()) {
      // Another pass from the first page, after a pause; SMS_MAX_ATTEMPTS bounds the passes.
      const retryAt = new Date(this.deps.clock.now().getTime() + this.o.retryPassDelayMs);
      return { ...this.outcomes.tally, nextAt: this.windowOpen(retryAt).toISOString(), done: false };
    }
    if (!this.input.fallback) {
      const now = this.deps.clock.now();
      await this.deps.campaigns.setPhase(this.campaignId, phase, now, { remindedAt: now.toISOString() });
    }
    return { ...this.outcomes.tally, done: true, ...this.fallbackAt() };
  }

  /** After the wave's own pass, when WhatsApp may have gone: the fallback pass's time. */
  private fallbackAt(): { fallbackAt?: string } {
    if (this.input.fallback || !this.whatsappSettings) return {};
    const at = this.deps.clock.now().getTime() + this.whatsappSettings.fallbackAfterMinutes * 60_000;
    return { fallbackAt: new Date(at).toISOString() };
  }

  /** The lasting profiles of the page's participants, when WhatsApp is in play. */
  private async profilesOf(cases: readonly Case[]): Promise<ReadonlyMap<string, ChannelProfile>> {
    if (!this.whatsappSettings || this.input.fallback) return new Map();
    return this.deps.profiles.getMany(cases.map((c) => c.participantId));
  }

  private stopped(stop: Stop, page: string | undefined, retry: boolean): SendSmsResult {
    // Inside the first page there is no page to resume from, but the pass is not over.
    const cursor = encodeWaveCursor({ ...(page ? { page } : { again: true }), ...(retry ? { retry } : {}) });
    return {
      ...this.outcomes.tally,
      ...(cursor ? { cursor } : {}),
      ...(stop.stop === "WINDOW" ? { nextAt: stop.nextAt.toISOString() } : {}),
      done: false,
    };
  }

  private today(): string {
    return localDate(this.deps.clock.now(), this.branch.timeZone);
  }

  private windowOpen(at: Date): Date {
    return nextWindowOpen(at, this.branch.timeZone, this.branch.contactWindow);
  }

  private windowClosed(): Stop | undefined {
    const now = this.deps.clock.now();
    if (isInsideWindow(now, this.branch.timeZone, this.branch.contactWindow)) return undefined;
    return { stop: "WINDOW", nextAt: this.windowOpen(now) };
  }

  private outOfTime(): boolean {
    return this.elapsed() - this.started >= this.o.timeBudgetMs;
  }

  private async processPage(cases: readonly Case[]): Promise<Stop | undefined> {
    const profiles = await this.profilesOf(cases);
    const whatsapp = this.whatsappSettings;
    const { skips, abandoned, sends, alreadyDone } = planPage(cases, {
      waveKey: this.waveKey,
      ...(this.input.fallback ? { fallbackOf: String(this.input.wave) } : {}),
      channelOf: (c) =>
        (whatsapp && messageChannel(c, profiles.get(c.participantId), { ...whatsapp, available: true })) ||
        "SMS",
      whatsappReminder: (c, messageId) => whatsappMessageOf(c, { purpose: "REMINDER" }, messageId),
      buckets: this.buckets,
      smsLength: this.smsLength,
      now: this.deps.clock.now().getTime(),
      staleClaimMs: this.o.staleClaimMs,
      // Issue 16: the hold set at mapping, or a status the profile gained since (when read).
      statusSkip: (c) => reminderStatusSkip(c.hold, profiles.get(c.participantId), this.today()),
    });
    this.outcomes.tally.alreadyDone += alreadyDone;
    await mapConcurrent(skips, this.o.groupSize, ({ c, reason }) => this.outcomes.skip(c, reason));
    await mapConcurrent(abandoned, this.o.groupSize, ({ c, state }) => this.outcomes.abandon(c, state));
    for (let i = 0; i < sends.length; i += this.o.groupSize) {
      const stop =
        this.windowClosed() ??
        (this.progressed && this.outOfTime() ? ({ stop: "BUDGET" } as const) : undefined);
      if (stop) return stop;
      await this.sender.sendGroup(sends.slice(i, i + this.o.groupSize));
      this.progressed = true;
    }
    return undefined;
  }
}

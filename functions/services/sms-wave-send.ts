/**
 * Sending a wave's reminders, a group at a time: each case is claimed before its send, every send
 * takes a permit of its channel's account-wide quota, retryable failures are retried with backoff,
 * a WhatsApp message refused for good goes as SMS instead, and on an error that is not one
 * message's, the claims of what was not sent are released.
 */
import type { Clock } from "../channels/clock";
import { SmsSendError, type SmsSender } from "../channels/sms";
import { WhatsAppSendError, type WhatsAppSender } from "../channels/whatsapp";
import type { MessageChannel } from "../domain/messaging";
import type { CaseSmsStore } from "../store/case-sms";
import type { RateLimiter } from "../store/rate-limits";
import type { WaveOutcomes } from "./sms-wave-outcomes";
import type { Send } from "./sms-wave-plan";

/** The account-wide SNS SMS quota, shared by every branch's wave. */
export const SMS_RATE_LIMIT_ID = "sns-sms";
/** The account-wide WhatsApp sending rate (End User Messaging Social, the number's throughput). */
export const WHATSAPP_RATE_LIMIT_ID = "whatsapp";

export interface ReminderRetries {
  /** Retries of a retryable failure within one invocation. */
  maxRetries: number;
  retryBaseMs: number;
  random: () => number;
}

export class ReminderSender {
  constructor(
    private readonly ports: {
      clock: Clock;
      caseSms: CaseSmsStore;
      rateLimiter: RateLimiter;
      sms: SmsSender;
      smsPerSecond: number;
      whatsapp?: WhatsAppSender | undefined;
      whatsappPerSecond: number;
    },
    private readonly wave: string,
    private readonly retries: ReminderRetries,
    private readonly outcomes: WaveOutcomes,
  ) {}

  async sendGroup(group: Send[]): Promise<void> {
    const claimed = await this.claim(group);
    this.outcomes.tally.alreadyDone += group.length - claimed.length;
    try {
      await this.publishAll(claimed);
    } catch (error) {
      // Not a per-message failure (permissions, a store error): nothing unsent may stay claimed,
      // or it would count as sent-unknown and never go. Release those for a later run, then fail.
      // A published one stays claimed: it went, so it must not go again.
      const unsent = claimed.filter((s) => !s.published && !s.settled);
      try {
        await settleAll(unsent.map((s) => this.release(s, error)));
      } catch (releaseError) {
        throw new AggregateError([error, releaseError], "SMS wave failed and could not release its claims");
      }
      throw error;
    }
  }

  /** The sends this invocation claimed; another invocation has the others, or is done with them. */
  private async claim(group: Send[]): Promise<Send[]> {
    const claims = await Promise.all(
      group.map((s) =>
        this.ports.caseSms.claim(
          s.c.campaignId,
          s.c.participantId,
          this.wave,
          this.ports.clock.now(),
          s.before,
        ),
      ),
    );
    return group.filter((_, i) => claims[i] === "CLAIMED");
  }

  /** Rounds of publishes until none is left to retry, backing off between rounds. */
  private async publishAll(claimed: Send[]): Promise<void> {
    let pending = claimed;
    for (let round = 1; pending.length > 0; round++) {
      const retry: Send[] = [];
      // Split before sending: a WhatsApp refused in this round turns SMS for the next one.
      const byChannel = (["WHATSAPP", "SMS"] as const).map(
        (channel) => [channel, pending.filter((s) => s.channel === channel)] as const,
      );
      for (const [channel, sends] of byChannel) retry.push(...(await this.publishChannel(sends, channel)));
      pending = retry;
      if (pending.length > 0) {
        const delay = this.retries.retryBaseMs * 2 ** (round - 1) * (0.5 + this.retries.random() * 0.5);
        await this.ports.clock.sleepUntil(new Date(this.ports.clock.now().getTime() + delay));
      }
    }
  }

  /** One channel's sends, each taking a permit of its account-wide quota; returns those to retry. */
  private async publishChannel(sends: Send[], channel: MessageChannel): Promise<Send[]> {
    const [limitId, perSecond] =
      channel === "WHATSAPP"
        ? [WHATSAPP_RATE_LIMIT_ID, this.ports.whatsappPerSecond]
        : [SMS_RATE_LIMIT_ID, this.ports.smsPerSecond];
    const retry: Send[] = [];
    let queue = sends;
    while (queue.length > 0) {
      // Every publish, retries included, takes a permit.
      const n = await this.ports.rateLimiter.acquire(limitId, perSecond, queue.length);
      const batch = queue.slice(0, n);
      queue = queue.slice(n);
      const outcomes = await settleAll(batch.map((s) => this.publish(s)));
      batch.forEach((s, i) => {
        if (outcomes[i] === "RETRY") retry.push(s);
      });
    }
    return retry;
  }

  private async publish(s: Send): Promise<"DONE" | "RETRY"> {
    s.tries++;
    let messageId: string;
    try {
      messageId = await this.sendBy(s);
    } catch (error) {
      if (!(error instanceof SmsSendError || error instanceof WhatsAppSendError)) throw error;
      if (error.retryable && s.tries <= this.retries.maxRetries) return "RETRY";
      if (error instanceof WhatsAppSendError && !error.retryable) {
        // Refused for good (not a WhatsApp number, a template problem): the reminder goes by SMS.
        await this.outcomes.whatsappRefused(s, error);
        s.channel = "SMS";
        return "RETRY";
      }
      await this.outcomes.failed(s, error);
      return "DONE";
    }
    s.published = true;
    await this.outcomes.sent(s, messageId);
    return "DONE";
  }

  private async sendBy(s: Send): Promise<string> {
    if (s.channel === "WHATSAPP" && s.whatsapp && this.ports.whatsapp) {
      return (await this.ports.whatsapp.sendTemplate(s.whatsapp)).providerMessageId;
    }
    return (await this.ports.sms.send(s.message)).messageId;
  }

  private release(s: Send, cause: unknown) {
    return this.ports.caseSms.markFailed(
      s.c.campaignId,
      s.c.participantId,
      this.wave,
      this.ports.clock.now(),
      {
        reason: `ABORTED_${cause instanceof Error ? cause.name : "Error"}`,
        retryable: true,
        attempts: s.before + s.tries,
      },
    );
  }
}

/** Promise.all that lets every promise settle before rejecting with the first failure. */
async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failure = settled.find((s) => s.status === "rejected");
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

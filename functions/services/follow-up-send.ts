/**
 * Sending one follow-up: claimed on the case first (never twice), each try taking a permit of its
 * channel's account-wide quota, retryable failures retried with backoff, a WhatsApp message
 * refused for good sent as SMS instead; then the WhatsApp message's record, the case's state and
 * message times, and the interaction.
 */
import type { Clock } from "../channels/clock";
import { SmsSendError, type SmsSender } from "../channels/sms";
import { WhatsAppSendError, type WhatsAppSender, type WhatsAppTemplateMessage } from "../channels/whatsapp";
import type { Case } from "../domain/case";
import {
  countsInCap,
  type FollowUp,
  type FollowUpContext,
  type FollowUpPurpose,
  type FollowUpTally,
  followUpFallbackKey,
  followUpKey,
  templateOccasionOf,
  whatsappOnly,
} from "../domain/follow-ups";
import { type InteractionKind, interactionFor } from "../domain/interaction";
import { type ChannelProfile, type MessageChannel, messageChannel, messageIdOf } from "../domain/messaging";
import { maskPhone } from "../domain/phone";
import { followUpText } from "../domain/sms-one-segment";
import type { SmsLength } from "../domain/strategy";
import { type TemplateCase, templateMessage } from "../domain/whatsapp-templates";
import type { CaseFollowUpStore, FollowUpRequirement } from "../store/case-follow-ups";
import type { InteractionStore } from "../store/interactions";
import type { MessageStore } from "../store/messages";
import type { RateLimiter } from "../store/rate-limits";
import { SMS_RATE_LIMIT_ID, WHATSAPP_RATE_LIMIT_ID } from "./sms-wave-send";

/** A case as a follow-up reads it (the dialer's copy has its own call in flight). */
export type MessagedCase = Omit<Case, "inFlight">;

/** Whom a follow-up goes to: a case, or a due-soon notice as a recipient (domain/due-soon.ts). */
export type FollowUpRecipient = Pick<
  Case,
  "caseId" | "campaignId" | "participantId" | "branchCode" | "phone" | "followUps" | "promise" | "autodebet"
> &
  TemplateCase;

/** The WhatsApp template message of a follow-up (the templates module's by default). */
export type TemplateFor = (
  purpose: FollowUpPurpose,
  c: FollowUpRecipient,
  messageId: string,
  occasion: string,
) => WhatsAppTemplateMessage;

export const followUpTemplate: TemplateFor = (purpose, c, messageId, occasion) => {
  const t = templateMessage(c, templateOccasionOf(c, { purpose, occasion }));
  return {
    phone: c.phone ?? "",
    template: t.template.name,
    parameters: t.parameters,
    messageId,
    buttons: t.buttons,
  };
};

export interface FollowUpSendPorts {
  clock: Clock;
  followUps: CaseFollowUpStore;
  interactions: Pick<InteractionStore, "record">;
  messages: Pick<MessageStore, "recordSent">;
  rateLimiter: RateLimiter;
  sms: SmsSender;
  smsPerSecond: number;
  /** Absent when the deployment has no WhatsApp number: every follow-up goes by SMS. */
  whatsapp?: WhatsAppSender | undefined;
  whatsappPerSecond: number;
  templateFor?: TemplateFor;
  /** Retries of a retryable failure (default 3) and the first backoff (default 1 s). */
  maxRetries?: number;
  retryBaseMs?: number;
}

export type FollowUpOutcome = "SENT" | "FAILED" | "ALREADY";

/** Whether WhatsApp may carry follow-ups: the deployment has a number and the strategy allows it. */
export const whatsappInPlay = (ports: Pick<FollowUpSendPorts, "whatsapp">, ctx: FollowUpContext) =>
  ports.whatsapp !== undefined && ctx.messaging.whatsapp.enabled;

/**
 * WhatsApp where the deployment has it, the strategy allows it and the number is not known off it
 * (`rule`: messageChannel; askedInfoChannel for details that must arrive); SMS otherwise.
 */
export function followUpChannel(
  ports: Pick<FollowUpSendPorts, "whatsapp">,
  c: Pick<FollowUpRecipient, "phone"> & { phoneType?: Case["phoneType"] },
  profile: ChannelProfile | undefined,
  ctx: FollowUpContext,
  rule: typeof messageChannel = messageChannel,
): MessageChannel {
  const available = ports.whatsapp !== undefined;
  return rule(c, profile, { ...ctx.messaging.whatsapp, available }) ?? "SMS";
}

/**
 * How one follow-up goes: its first channel, the strategy's SMS length, and whether it is the SMS
 * that replaces its failed WhatsApp.
 */
export interface FollowUpRoute {
  channel: MessageChannel;
  smsLength: SmsLength;
  replacement?: boolean;
}

/** Claims, sends and records one follow-up, and counts what became of it. */
export async function deliverFollowUp(
  ports: FollowUpSendPorts,
  tally: FollowUpTally,
  c: FollowUpRecipient,
  f: FollowUp,
  route: FollowUpRoute,
): Promise<void> {
  const { outcome, channel: went } = await sendFollowUp(ports, c, f, route);
  if (outcome === "ALREADY") tally.alreadyDone++;
  else if (outcome === "FAILED") tally.failed++;
  else {
    tally.sent++;
    if (went === "WHATSAPP") tally.whatsapp++;
  }
}

/** What must still hold when it is claimed (a due-soon notice's store requires only the notice). */
function requirementOf(f: FollowUp): FollowUpRequirement {
  if (f.purpose === "THANK_YOU") return { status: "PAID" };
  if (f.purpose === "PROMISE_EVE") return { status: "OPEN", pendingPromiseDate: f.occasion };
  const unpaid = f.purpose === "REHAB_INSTALMENT" || f.purpose === "REMINDER_AGAIN";
  return { status: "OPEN", ...(unpaid ? { unpaid: true } : {}) };
}

/**
 * Claims, sends and records one follow-up by the route's channel; ALREADY when another run has it.
 * As a `replacement`, it is the SMS of a follow-up whose WhatsApp failed after it went: claimed under
 * its own key (`<PURPOSE>#<occasion>#F`), the same message, so the cap does not count it again.
 */
export async function sendFollowUp(
  ports: FollowUpSendPorts,
  c: FollowUpRecipient,
  f: FollowUp,
  route: FollowUpRoute,
): Promise<{ outcome: FollowUpOutcome; channel?: MessageChannel }> {
  const replacement = route.replacement ?? false;
  const key = replacement ? followUpFallbackKey(f) : followUpKey(f);
  if ((await ports.followUps.claim(c, key, requirementOf(f), ports.clock.now())) === "ALREADY")
    return { outcome: "ALREADY" };
  const send = new OneFollowUp(ports, c, f, key, route);
  try {
    return await send.run();
  } catch (error) {
    // Not one message's failure (a store error): the claim is released for a later run, unless
    // the message went (then it must never go again) or its outcome is already written.
    if (!send.published && !send.settled) {
      await ports.followUps.markFailed(c, key, ports.clock.now(), {
        reason: `ABORTED_${error instanceof Error ? error.name : "Error"}`,
        retryable: true,
      });
    }
    throw error;
  }
}

class OneFollowUp {
  published = false;
  settled = false;
  private readonly messageKey: string;
  private readonly messageId: string;

  constructor(
    private readonly ports: FollowUpSendPorts,
    private readonly c: FollowUpRecipient,
    private readonly f: FollowUp,
    private readonly key: string,
    private readonly route: FollowUpRoute,
  ) {
    this.messageKey = `${c.caseId}#${key}`;
    this.messageId = messageIdOf(this.messageKey);
  }

  async run(): Promise<{ outcome: FollowUpOutcome; channel: MessageChannel }> {
    let channel: MessageChannel =
      this.route.channel === "WHATSAPP" && this.ports.whatsapp ? "WHATSAPP" : "SMS";
    for (let tries = 1; ; tries++) {
      try {
        const providerId = await this.publish(channel);
        this.published = true;
        await this.sent(channel, providerId);
        return { outcome: "SENT", channel };
      } catch (error) {
        if (!(error instanceof SmsSendError || error instanceof WhatsAppSendError)) throw error;
        if (error.retryable && tries <= (this.ports.maxRetries ?? 3)) {
          await this.backoff(tries);
        } else if (error instanceof WhatsAppSendError && !whatsappOnly(this.f)) {
          // Refused for good (not a WhatsApp number, a template problem): the follow-up goes by SMS.
          await this.record("WHATSAPP_FAILED", { reason: error.code, retryable: false, fallback: "SMS" });
          channel = "SMS";
          tries = 0;
        } else {
          await this.failed(channel, error);
          return { outcome: "FAILED", channel };
        }
      }
    }
  }

  private async publish(channel: MessageChannel): Promise<string> {
    const p = this.ports;
    const whatsapp = channel === "WHATSAPP" ? p.whatsapp : undefined;
    // Every try takes a permit of the channel's quota, shared with the reminder wave.
    await p.rateLimiter.acquire(
      whatsapp ? WHATSAPP_RATE_LIMIT_ID : SMS_RATE_LIMIT_ID,
      whatsapp ? p.whatsappPerSecond : p.smsPerSecond,
      1,
    );
    if (whatsapp) {
      const message = (p.templateFor ?? followUpTemplate)(
        this.f.purpose,
        this.c,
        this.messageId,
        this.f.occasion,
      );
      return (await whatsapp.sendTemplate(message)).providerMessageId;
    }
    const text = followUpText(this.c, this.f, this.route.smsLength);
    const out = await p.sms.send({
      phone: this.phone,
      text,
      caseId: this.c.caseId,
      messageKey: this.messageKey,
    });
    return out.messageId;
  }

  private get phone(): string {
    return this.c.phone ?? "";
  }

  private async sent(channel: MessageChannel, providerId: string) {
    const at = this.ports.clock.now();
    if (channel === "WHATSAPP") {
      // Recorded before the case is marked: a status arriving first finds its message.
      await this.ports.messages.recordSent({
        messageId: this.messageId,
        channel,
        purpose: this.f.purpose,
        campaignId: this.c.campaignId,
        participantId: this.c.participantId,
        caseId: this.c.caseId,
        branchCode: this.c.branchCode,
        phone: this.phone,
        occasion: this.f.occasion,
        providerMessageId: providerId,
        sentAt: at.toISOString(),
        status: "SENT",
        statusAt: at.toISOString(),
      });
    }
    const messageId = channel === "WHATSAPP" ? this.messageId : providerId;
    const uncapped = countsInCap(this.f) && !this.route.replacement ? {} : { uncapped: true };
    await this.ports.followUps.markSent(this.c, this.key, at, { channel, ...uncapped });
    this.settled = true;
    await this.record(channel === "WHATSAPP" ? "WHATSAPP_SENT" : "SMS_SENT", { messageId });
  }

  private async failed(channel: MessageChannel, error: SmsSendError | WhatsAppSendError) {
    // The code only: a provider's message can quote the phone number.
    const failure = { reason: error.code, retryable: error.retryable };
    await this.ports.followUps.markFailed(this.c, this.key, this.ports.clock.now(), failure);
    this.settled = true;
    await this.record(channel === "WHATSAPP" ? "WHATSAPP_FAILED" : "SMS_FAILED", failure);
  }

  private async backoff(tries: number) {
    const delay = (this.ports.retryBaseMs ?? 1_000) * 2 ** (tries - 1);
    await this.ports.clock.sleepUntil(new Date(this.ports.clock.now().getTime() + delay));
  }

  private async record(kind: InteractionKind, detail: Record<string, string | number | boolean>) {
    await this.ports.interactions.record(
      interactionFor(this.c, kind, this.ports.clock.now(), `followUp#${this.key}`, {
        detail: {
          followUp: this.f.purpose,
          occasion: this.f.occasion,
          ...(this.route.replacement ? { fallback: true } : {}),
          ...(this.c.phone ? { phone: maskPhone(this.c.phone) } : {}),
          ...detail,
        },
      }),
    );
  }
}

/**
 * Recording what became of each case in a reminder wave: its wave state in the case (sent, failed,
 * skipped, outcome unknown), its entry in the audit trail (phone masked), the WhatsApp message's
 * record for its statuses and replies, and the invocation's tally.
 */
import type { Clock } from "../channels/clock";
import type { SmsSendError } from "../channels/sms";
import type { WhatsAppSendError } from "../channels/whatsapp";
import type { Case, SmsWaveState } from "../domain/case";
import { type InteractionKind, interactionFor } from "../domain/interaction";
import { maskPhone } from "../domain/phone";
import { OUTCOME_UNKNOWN, SMS_MAX_ATTEMPTS } from "../domain/sms-wave";
import type { CaseSmsStore } from "../store/case-sms";
import type { InteractionStore } from "../store/interactions";
import type { MessageStore } from "../store/messages";
import type { Send } from "./sms-wave-plan";

/** A pass of a wave: its number, and its key on the case ("1", or "1F" for its SMS fallback). */
export interface WavePass {
  wave: number;
  key: string;
  fallback: boolean;
}

/** What one invocation of a wave did to its cases. */
export interface WaveTally {
  /** Reminders sent, either channel. */
  sent: number;
  /** Of them, by WhatsApp. */
  whatsapp: number;
  /** WhatsApp messages refused for good and sent as SMS instead. */
  whatsappRefused: number;
  /** Segments of the reminders sent here together (what SNS bills), and of the longest one. */
  segments: number;
  maxSegments: number;
  failed: number;
  /**
   * Claims an earlier invocation left unconfirmed (it died, or SNS took the SMS but the SENT write
   * failed), noted here as outcome unknown: the SMS may have gone, so it is never resent.
   */
  unconfirmed: number;
  /** Cases newly marked as getting no SMS in this wave (paid, no usable mobile, no SMS treatment). */
  skipped: number;
  /** Cases an earlier invocation already sent, failed, skipped or claimed. */
  alreadyDone: number;
}

export class WaveOutcomes {
  readonly tally: WaveTally = {
    sent: 0,
    whatsapp: 0,
    whatsappRefused: 0,
    segments: 0,
    maxSegments: 0,
    failed: 0,
    unconfirmed: 0,
    skipped: 0,
    alreadyDone: 0,
  };
  /** Retryable failures a later pass of this wave will try again. */
  deferred = 0;

  constructor(
    private readonly ports: {
      clock: Clock;
      caseSms: CaseSmsStore;
      interactions: Pick<InteractionStore, "record">;
      messages: Pick<MessageStore, "recordSent">;
    },
    private readonly pass: WavePass,
  ) {}

  /** The pass's key on the case. */
  private get wave(): string {
    return this.pass.key;
  }

  async skip(c: Case, reason: string): Promise<void> {
    const at = this.ports.clock.now();
    if (!(await this.ports.caseSms.markSkipped(c.campaignId, c.participantId, this.wave, at, reason))) {
      this.tally.alreadyDone++;
      return;
    }
    await this.record(c, "SMS_SKIPPED", at, { reason });
    this.tally.skipped++;
  }

  /**
   * A claim never confirmed (its invocation died, or SNS took the SMS and the SENT write failed):
   * the SMS may have gone. Never resent; recorded once as unknown, counted as unconfirmed.
   */
  async abandon(c: Case, state: SmsWaveState): Promise<void> {
    const noted = await this.ports.caseSms.markOutcomeUnknown(
      c.campaignId,
      c.participantId,
      this.wave,
      state.at,
      OUTCOME_UNKNOWN,
    );
    if (!noted) {
      this.tally.alreadyDone++;
      return;
    }
    await this.record(c, "SMS_FAILED", this.ports.clock.now(), {
      reason: OUTCOME_UNKNOWN,
      claimedAt: state.at,
      retryable: false,
    });
    this.tally.unconfirmed++;
  }

  async sent(s: Send, messageId: string): Promise<void> {
    const at = this.ports.clock.now();
    const attempts = s.before + s.tries;
    const whatsapp = s.channel === "WHATSAPP" ? s.whatsapp : undefined;
    if (whatsapp && s.c.phone) {
      // Recorded before the case is marked: a status arriving first waits for this record.
      await this.ports.messages.recordSent({
        messageId: whatsapp.messageId,
        channel: "WHATSAPP",
        purpose: "REMINDER",
        campaignId: s.c.campaignId,
        participantId: s.c.participantId,
        caseId: s.c.caseId,
        branchCode: s.c.branchCode,
        phone: s.c.phone,
        wave: this.wave,
        providerMessageId: messageId,
        sentAt: at.toISOString(),
        status: "SENT",
        statusAt: at.toISOString(),
      });
    }
    await this.ports.caseSms.markSent(s.c.campaignId, s.c.participantId, this.wave, at, {
      attempts,
      channel: s.channel,
    });
    s.settled = true;
    this.tally.sent++;
    if (whatsapp) {
      await this.record(s.c, "WHATSAPP_SENT", at, {
        messageId: whatsapp.messageId,
        template: whatsapp.template,
        attempts,
      });
      this.tally.whatsapp++;
      return;
    }
    await this.record(s.c, "SMS_SENT", at, { messageId, segments: s.segments, attempts });
    this.tally.segments += s.segments;
    this.tally.maxSegments = Math.max(this.tally.maxSegments, s.segments);
  }

  /** WhatsApp refused the reminder for good: recorded, and the same reminder goes by SMS. */
  async whatsappRefused(s: Send, error: WhatsAppSendError): Promise<void> {
    await this.record(s.c, "WHATSAPP_FAILED", this.ports.clock.now(), {
      reason: error.code,
      retryable: false,
      attempts: s.before + s.tries,
      sentInstead: "SMS",
    });
    this.tally.whatsappRefused++;
  }

  async failed(s: Send, error: SmsSendError | WhatsAppSendError): Promise<void> {
    const at = this.ports.clock.now();
    const attempts = s.before + s.tries;
    // The code only: SNS messages can quote the phone number.
    await this.ports.caseSms.markFailed(s.c.campaignId, s.c.participantId, this.wave, at, {
      reason: error.code,
      retryable: error.retryable,
      attempts,
    });
    s.settled = true;
    const later = error.retryable && attempts < SMS_MAX_ATTEMPTS;
    if (later) this.deferred++;
    await this.record(s.c, s.channel === "WHATSAPP" ? "WHATSAPP_FAILED" : "SMS_FAILED", at, {
      reason: error.code,
      retryable: error.retryable,
      attempts,
      ...(s.channel === "SMS" ? { segments: s.segments } : {}),
    });
    this.tally.failed++;
  }

  private async record(
    c: Case,
    kind: InteractionKind,
    at: Date,
    detail: Record<string, string | number | boolean>,
  ) {
    await this.ports.interactions.record(
      interactionFor(c, kind, at, `wave${this.wave}`, {
        detail: {
          wave: this.pass.wave,
          ...(this.pass.fallback ? { fallback: true } : {}),
          ...(c.phone ? { phone: maskPhone(c.phone) } : {}),
          ...detail,
        },
      }),
    );
  }
}

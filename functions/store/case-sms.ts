import type { DynamoDBDocumentClient, UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { SmsWaveState } from "../domain/case";
import { maskCaseId } from "../domain/masking";
import type { MessageChannel, WhatsAppStatus } from "../domain/messaging";
import { isFallbackKey, SMS_MAX_ATTEMPTS } from "../domain/sms-wave";
import { FatalError } from "../errors";
import { APPEND_MESSAGE_TIME } from "./case-follow-ups";
import { conditionalUpdate } from "./conditional";
import { UpdateExpression } from "./update-expression";

/** A wave's key on the case: its number ("1"), or "1F" for wave 1's SMS fallback. */
export type WaveKey = number | string;

/** A mark found the wave in another state than this invocation left it: two writers, a bug. */
export class SmsStateConflictError extends Error {
  override name = FatalError.SmsStateConflict;
}

/**
 * Per-wave SMS state on the case item (`sms.<wave>`), claimed before the publish.
 *
 * At most one SMS per case per wave: a claim is a conditional write that only one invocation
 * wins. A case claimed and never marked (the invocation died between claim and publish, or
 * during it) may or may not have had its SMS: it is never claimed again, so never resent; a
 * later run records it as an outcome-unknown failure (markOutcomeUnknown).
 */
export interface CaseSmsStore {
  /**
   * Claims the wave on an OPEN case that has no state for it yet, or whose last run failed
   * retryably with fewer than SMS_MAX_ATTEMPTS publishes. `attempts` carries the publishes
   * already made (from the page read) so the count spans runs.
   */
  claim(
    campaignId: string,
    participantId: string,
    wave: WaveKey,
    now: Date,
    attempts?: number,
  ): Promise<"CLAIMED" | "ALREADY">;
  /** CLAIMED -> SENT, counting the case's SMS (`smsSent`) or WhatsApp messages (`whatsappSent`). */
  markSent(
    campaignId: string,
    participantId: string,
    wave: WaveKey,
    now: Date,
    sent: { attempts: number; channel?: MessageChannel },
  ): Promise<void>;
  /** CLAIMED -> FAILED; a retryable failure may be claimed again by a later run. */
  markFailed(
    campaignId: string,
    participantId: string,
    wave: WaveKey,
    now: Date,
    failure: { reason: string; retryable: boolean; attempts: number },
  ): Promise<void>;
  /** No state yet -> SKIPPED. False when the wave already has a state (skipped before). */
  markSkipped(
    campaignId: string,
    participantId: string,
    wave: WaveKey,
    now: Date,
    reason: string,
  ): Promise<boolean>;
  /** Notes on an abandoned claim that its outcome is unknown; false when already noted or changed. */
  markOutcomeUnknown(
    campaignId: string,
    participantId: string,
    wave: WaveKey,
    claimedAt: string,
    reason: string,
  ): Promise<boolean>;
  /**
   * Notes a WhatsApp reminder's status on its wave (`sms.<wave>.delivery`), for the SMS fallback;
   * false when the case has no state for that wave.
   */
  markDelivery(
    campaignId: string,
    participantId: string,
    waveKey: string,
    status: WhatsAppStatus,
    at: string,
  ): Promise<boolean>;
}

export class DynamoCaseSmsStore implements CaseSmsStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly maxAttempts = SMS_MAX_ATTEMPTS,
  ) {}

  async claim(campaignId: string, participantId: string, wave: WaveKey, now: Date, attempts = 0) {
    const claim: SmsWaveState = { status: "CLAIMED", at: now.toISOString(), attempts };
    const won = await this.conditional({
      Key: { campaignId, participantId },
      UpdateExpression: "SET sms.#w = :claim, updatedAt = :now",
      ConditionExpression:
        "#status = :open AND (attribute_not_exists(sms.#w) OR " +
        "(sms.#w.#status = :failed AND sms.#w.attempts < :max AND sms.#w.retryable = :true))",
      ExpressionAttributeNames: { "#w": String(wave), "#status": "status" },
      ExpressionAttributeValues: {
        ":claim": claim,
        ":now": claim.at,
        ":open": "OPEN",
        ":failed": "FAILED",
        ":max": this.maxAttempts,
        ":true": true,
      },
    });
    return won ? "CLAIMED" : "ALREADY";
  }

  async markSent(
    campaignId: string,
    participantId: string,
    wave: WaveKey,
    now: Date,
    sent: { attempts: number; channel?: MessageChannel },
  ) {
    const state: SmsWaveState = {
      status: "SENT",
      at: now.toISOString(),
      attempts: sent.attempts,
      ...(sent.channel === "WHATSAPP" ? { channel: sent.channel } : {}),
    };
    await this.fromClaimed(campaignId, participantId, wave, state, sent.channel ?? "SMS");
  }

  async markFailed(
    campaignId: string,
    participantId: string,
    wave: WaveKey,
    now: Date,
    failure: { reason: string; retryable: boolean; attempts: number },
  ) {
    const state: SmsWaveState = {
      status: "FAILED",
      at: now.toISOString(),
      attempts: failure.attempts,
      reason: failure.reason,
      retryable: failure.retryable,
    };
    await this.fromClaimed(campaignId, participantId, wave, state);
  }

  markSkipped(campaignId: string, participantId: string, wave: WaveKey, now: Date, reason: string) {
    const state: SmsWaveState = { status: "SKIPPED", at: now.toISOString(), attempts: 0, reason };
    return this.conditional({
      Key: { campaignId, participantId },
      UpdateExpression: "SET sms.#w = :state, updatedAt = :now",
      ConditionExpression: "attribute_not_exists(sms.#w)",
      ExpressionAttributeNames: { "#w": String(wave) },
      ExpressionAttributeValues: { ":state": state, ":now": state.at },
    });
  }

  markOutcomeUnknown(
    campaignId: string,
    participantId: string,
    wave: WaveKey,
    claimedAt: string,
    reason: string,
  ) {
    return this.conditional({
      Key: { campaignId, participantId },
      UpdateExpression: "SET sms.#w.reason = :reason",
      ConditionExpression:
        "sms.#w.#status = :claimed AND sms.#w.#at = :claimedAt AND attribute_not_exists(sms.#w.reason)",
      ExpressionAttributeNames: { "#w": String(wave), "#status": "status", "#at": "at" },
      ExpressionAttributeValues: { ":reason": reason, ":claimed": "CLAIMED", ":claimedAt": claimedAt },
    });
  }

  markDelivery(
    campaignId: string,
    participantId: string,
    waveKey: string,
    status: WhatsAppStatus,
    at: string,
  ) {
    return this.conditional({
      Key: { campaignId, participantId },
      UpdateExpression: "SET sms.#w.delivery = :status, sms.#w.deliveryAt = :at",
      ConditionExpression: "attribute_exists(sms.#w)",
      ExpressionAttributeNames: { "#w": waveKey },
      ExpressionAttributeValues: { ":status": status, ":at": at },
    });
  }

  private async fromClaimed(
    campaignId: string,
    participantId: string,
    wave: WaveKey,
    state: SmsWaveState,
    /** The channel whose counter (smsSent, whatsappSent) the send adds to. */
    countSent?: MessageChannel,
  ) {
    const x = new UpdateExpression()
      .name("#w", String(wave))
      .name("#status", "status")
      .assign("sms.#w", ":state", state)
      .assign("updatedAt", ":now", state.at)
      .require("sms.#w.#status = :claimed", { ":claimed": "CLAIMED" });
    if (countSent) x.increment(countSent === "WHATSAPP" ? "whatsappSent" : "smsSent", ":one", 1);
    // The cap across channels counts messages: a fallback SMS is the WhatsApp it replaces.
    if (countSent && !isFallbackKey(wave)) {
      x.set.push(APPEND_MESSAGE_TIME);
      x.value(":none", []).value(":times", [state.at]);
    }
    if (!(await conditionalUpdate(this.doc, x.update(this.table, { campaignId, participantId })))) {
      throw new SmsStateConflictError(
        `case ${maskCaseId({ campaignId, participantId })} wave ${wave} was not CLAIMED when marking it ${state.status}`,
      );
    }
  }

  private conditional(input: Omit<UpdateCommandInput, "TableName">) {
    return conditionalUpdate(this.doc, { TableName: this.table, ...input });
  }
}

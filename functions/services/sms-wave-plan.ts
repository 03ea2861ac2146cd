/**
 * Planning a reminder wave's pass, pure: what the wave does with each case of a page (skip it, send
 * it a reminder, note an abandoned claim, or nothing), the channel and reminder each send carries,
 * and the cursor that says where a pass stands between invocations. The fallback pass sends an SMS
 * to each case whose WhatsApp reminder was not delivered in time.
 */
import type { SmsMessage } from "../channels/sms";
import type { WhatsAppTemplateMessage } from "../channels/whatsapp";
import type { Case, SmsWaveState } from "../domain/case";
import { maskCaseId } from "../domain/masking";
import { type MessageChannel, reminderMessageId } from "../domain/messaging";
import { reminderText } from "../domain/sms-one-segment";
import { smsSegments, smsSkipReason } from "../domain/sms-template";
import { SMS_MAX_ATTEMPTS } from "../domain/sms-wave";
import type { Bucket, SmsLength } from "../domain/strategy";
import { InvalidCursorError } from "../store/cursor";

/** One case's reminder of this wave, from its claim to its outcome. */
export interface Send {
  c: Case;
  /** The channel it goes by now: WhatsApp turns to SMS when WhatsApp refuses it for good. */
  channel: MessageChannel;
  /** The SMS, always ready: the reminder by SMS, or the one that replaces a refused WhatsApp. */
  message: SmsMessage;
  whatsapp?: WhatsAppTemplateMessage;
  /** The SMS's segments (what SNS bills). */
  segments: number;
  /** Publishes made for this wave before this invocation. */
  before: number;
  /** Publishes made by this invocation. */
  tries: number;
  /** SNS (or the outbox) took it: whatever happens next, it must never be sent again. */
  published: boolean;
  settled: boolean;
}

/** What the wave does with one page of cases. */
export interface PagePlan {
  /** Cases newly getting no SMS in this wave, and why. */
  skips: { c: Case; reason: string }[];
  /** Claims a dead invocation left: the SMS may have gone, so they are never resent. */
  abandoned: { c: Case; state: SmsWaveState }[];
  /** New sends, and retries of failures SNS called retryable. */
  sends: Send[];
  /** Cases an earlier invocation already sent, failed, skipped or claimed. */
  alreadyDone: number;
}

export interface WavePlanning {
  /** The pass's key in Case.sms: the wave's number ("1"), or "1F" for its SMS fallback. */
  waveKey: string;
  /** In the fallback pass, the key of the wave whose undelivered WhatsApp reminders it replaces. */
  fallbackOf?: string;
  /** The channel of a case's reminder in the wave's own pass. */
  channelOf: (c: Case) => MessageChannel;
  /** The reminder as a WhatsApp template message (whatsappMessageOf). */
  whatsappReminder: (c: Case, messageId: string) => WhatsAppTemplateMessage;
  buckets: ReadonlyMap<string, Bucket>;
  /** The strategy's `messaging.sms.length`. */
  smsLength: SmsLength;
  /** Epoch ms. */
  now: number;
  /** A claim older than this was left by a dead invocation. */
  staleClaimMs: number;
  /** Issue 16: why the participant's lasting status forbids a debt reminder (deceased, DNC, REHAB plan). */
  statusSkip?: (c: Case) => string | undefined;
}

export function planPage(cases: readonly Case[], planning: WavePlanning): PagePlan {
  const plan: PagePlan = { skips: [], abandoned: [], sends: [], alreadyDone: 0 };
  for (const c of cases) {
    const state = c.sms?.[planning.waveKey];
    const reason = smsSkipReason(c) ?? planning.statusSkip?.(c);
    // The fallback pass writes nothing for a case that needs no SMS: the wave's pass recorded it.
    if (planning.fallbackOf && !state && (reason || !needsFallback(c, planning.fallbackOf))) continue;
    if (!state) {
      if (reason) plan.skips.push({ c, reason });
      else plan.sends.push(prepareSend(c, 0, planning));
    } else if (state.status === "FAILED" && state.retryable && state.attempts < SMS_MAX_ATTEMPTS && !reason) {
      plan.sends.push(prepareSend(c, state.attempts, planning));
    } else if (
      state.status === "CLAIMED" &&
      !state.reason &&
      planning.now - new Date(state.at).getTime() >= planning.staleClaimMs
    ) {
      plan.abandoned.push({ c, state });
    } else {
      plan.alreadyDone++;
    }
  }
  return plan;
}

/** The wave's WhatsApp reminder went but was never delivered (or failed after it went). */
function needsFallback(c: Case, waveKey: string): boolean {
  const main = c.sms?.[waveKey];
  return (
    main?.channel === "WHATSAPP" &&
    main.status === "SENT" &&
    main.delivery !== "DELIVERED" &&
    main.delivery !== "READ"
  );
}

function prepareSend(c: Case, before: number, planning: WavePlanning): Send {
  const { buckets, waveKey } = planning;
  const bucket = buckets.get(c.bucketId);
  if (!bucket)
    throw new RangeError(
      `case ${maskCaseId(c.caseId)} is in bucket ${c.bucketId}, not in the campaign's strategy`,
    );
  // The text is built before the claim: a case is never claimed for a message that cannot be written.
  const text = reminderText(c, bucket, planning.smsLength);
  if (!c.phone) throw new RangeError(`case ${maskCaseId(c.caseId)} has no phone`);
  const channel = planning.fallbackOf ? "SMS" : planning.channelOf(c);
  return {
    c,
    channel,
    ...(channel === "WHATSAPP"
      ? { whatsapp: planning.whatsappReminder(c, reminderMessageId(c.caseId, waveKey)) }
      : {}),
    message: {
      phone: c.phone,
      text,
      caseId: c.caseId,
      messageKey: `${c.caseId}#wave${waveKey}`,
    },
    segments: smsSegments(text).segments,
    before,
    tries: 0,
    published: false,
    settled: false,
  };
}

/**
 * Where a pass stands: the cases page to read next (none: the first), whether the pass left
 * failures to retry, and `again`: it stopped inside its first page, so there is a cursor to
 * resume from even without a page (the state machine ends the wave on a result with neither a
 * cursor nor a time to wait for).
 */
export interface WaveCursor {
  page?: string;
  retry?: boolean;
  again?: boolean;
}

export function encodeWaveCursor(cursor: WaveCursor): string | undefined {
  if (!cursor.page && !cursor.retry && !cursor.again) return undefined;
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeWaveCursor(cursor: string | undefined): WaveCursor {
  if (!cursor) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch (error) {
    throw new InvalidCursorError(`cursor is not one this service returned: ${(error as Error).message}`);
  }
  const c = parsed as WaveCursor | null;
  if (
    typeof c !== "object" ||
    c === null ||
    (c.page !== undefined && typeof c.page !== "string") ||
    (c.retry !== undefined && typeof c.retry !== "boolean") ||
    (c.again !== undefined && typeof c.again !== "boolean")
  ) {
    throw new InvalidCursorError("cursor is not one this service returned");
  }
  return { ...(c.page ? { page: c.page } : {}), ...(c.retry ? { retry: true } : {}) };
}

import { isFollowUpFallbackKey } from "../functions/domain/follow-ups";
import { reminderMessageId } from "../functions/domain/messaging";
import { isFallbackKey } from "../functions/domain/sms-wave";
import { WHATSAPP_TEMPLATES } from "../functions/domain/whatsapp-templates";
import type { OutboxMessage } from "./adapters/sms-outbox";
import type { SimulatedWhatsAppMessage } from "./adapters/whatsapp-simulator";

/*
 * What the SMS of a run were for, from their message keys: where the SMS bill comes from, the
 * figure a decision on the fallback, the follow-ups or the texts' length needs; and what the
 * reminder alone used on either channel.
 */

export const SMS_KINDS = ["REMINDER", "REMINDER_FALLBACK", "FOLLOW_UP", "DUE_SOON", "ASKED_DETAILS"] as const;
export type SmsKind = (typeof SMS_KINDS)[number];

/** The wave's key in a reminder's message key (`…#wave1`, `…#wave1F`). */
const waveOf = (messageKey: string) => /#wave(\w+)$/.exec(messageKey)?.[1];

/**
 * The kind of one SMS: the wave's reminder (`<case>#wave<N>`), its fallback after a WhatsApp not
 * delivered (`…#wave<N>F`), the details asked for in a call (`…#CALL_INFO#…`), the due-soon
 * reminder (its notice's partition), else a follow-up (promise eve, missed call, thank-you…).
 */
export function smsKindOf(messageKey: string): SmsKind {
  const wave = waveOf(messageKey);
  if (wave !== undefined) return isFallbackKey(wave) ? "REMINDER_FALLBACK" : "REMINDER";
  if (messageKey.includes("#CALL_INFO#")) return "ASKED_DETAILS";
  if (messageKey.includes("#DUE_SOON#")) return "DUE_SOON";
  return "FOLLOW_UP";
}

/** Segments sent per kind (every kind present, zero when none). */
export function smsSegmentsByKind(messages: readonly Pick<OutboxMessage, "messageKey" | "segments">[]) {
  const byKind = Object.fromEntries(SMS_KINDS.map((k) => [k, 0])) as Record<SmsKind, number>;
  for (const m of messages) byKind[smsKindOf(m.messageKey)] += m.segments;
  return byKind;
}

/**
 * Segments of the follow-ups' SMS sent because their WhatsApp failed after it went
 * (`…#<PURPOSE>#<occasion>#F`, the due-soon reminders and the details asked for in a call
 * included): the price of reaching those participants at all.
 */
export function followUpFallbackSegments(
  sms: readonly Pick<OutboxMessage, "messageKey" | "segments">[],
): number {
  return sms.filter((m) => isFollowUpFallbackKey(m.messageKey)).reduce((n, m) => n + m.segments, 0);
}

/**
 * What became of the WhatsApp reminder a fallback SMS replaced: it failed (a number off WhatsApp),
 * it was delivered after the fallback went, or it never was. The first is the SMS a longer
 * fallback delay cannot save; the second is what it could.
 */
export const FALLBACK_CAUSES = ["WHATSAPP_FAILED", "DELIVERED_LATE", "NOT_DELIVERED"] as const;
export type FallbackCause = (typeof FALLBACK_CAUSES)[number];

/** Segments of the reminder's fallback SMS per cause (every cause present, zero when none). */
export function fallbackSegmentsByCause(
  sms: readonly Pick<OutboxMessage, "caseId" | "messageKey" | "segments">[],
  whatsapp: readonly Pick<SimulatedWhatsAppMessage, "messageId" | "statuses">[],
): Record<FallbackCause, number> {
  const statuses = new Map(whatsapp.map((m) => [m.messageId, new Set(m.statuses.map((s) => s.status))]));
  const byCause = Object.fromEntries(FALLBACK_CAUSES.map((c) => [c, 0])) as Record<FallbackCause, number>;
  for (const m of sms) {
    const wave = waveOf(m.messageKey);
    if (wave === undefined || !isFallbackKey(wave)) continue;
    const reminder = statuses.get(reminderMessageId(m.caseId, wave.slice(0, -1))) ?? new Set();
    const cause: FallbackCause = reminder.has("FAILED")
      ? "WHATSAPP_FAILED"
      : reminder.has("DELIVERED") || reminder.has("READ")
        ? "DELIVERED_LATE"
        : "NOT_DELIVERED";
    byCause[cause] += m.segments;
  }
  return byCause;
}

/** Messages as they are billed: SMS segments, WhatsApp templates delivered, WhatsApp messages either way. */
export interface MessagingUsage {
  smsSegments: number;
  whatsappTemplatesDelivered: number;
  whatsappMessages: number;
}

const isReminderTemplate = (name: string | undefined) =>
  Object.values(WHATSAPP_TEMPLATES).some((t) => t.name === name && t.purpose === "REMINDER");

/**
 * The reminder alone, the one message a month the SMS-only system sent: the wave's SMS, at once and
 * as fallback, and its WhatsApp templates (sent again when unread included) with the replies to them.
 */
export function reminderMessaging(
  sms: readonly Pick<OutboxMessage, "messageKey" | "segments">[],
  whatsapp: readonly Pick<SimulatedWhatsAppMessage, "template" | "statuses" | "reply">[],
): MessagingUsage {
  const { REMINDER, REMINDER_FALLBACK } = smsSegmentsByKind(sms);
  const templates = whatsapp.filter((m) => isReminderTemplate(m.template));
  return {
    smsSegments: REMINDER + REMINDER_FALLBACK,
    whatsappTemplatesDelivered: templates.filter(isDelivered).length,
    whatsappMessages: templates.length + templates.filter((m) => m.reply).length,
  };
}

/** Delivered, whether or not read since: what Meta bills. */
export const isDelivered = (m: Pick<SimulatedWhatsAppMessage, "statuses">) =>
  m.statuses.some((s) => s.status === "DELIVERED" || s.status === "READ");

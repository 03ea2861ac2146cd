import { isFallbackKey } from "../functions/domain/sms-wave";
import type { OutboxMessage } from "./adapters/sms-outbox";

/*
 * What the SMS of a run were for, from their message keys: where the SMS bill comes from, the
 * figure a decision on the fallback, the follow-ups or the texts' length needs.
 */

export const SMS_KINDS = ["REMINDER", "REMINDER_FALLBACK", "FOLLOW_UP", "DUE_SOON", "ASKED_DETAILS"] as const;
export type SmsKind = (typeof SMS_KINDS)[number];

/**
 * The kind of one SMS: the wave's reminder (`<case>#wave<N>`), its fallback after a WhatsApp not
 * delivered (`…#wave<N>F`), the details asked for in a call (`…#CALL_INFO#…`), the due-soon
 * reminder (its notice's partition), else a follow-up (promise eve, missed call, thank-you…).
 */
export function smsKindOf(messageKey: string): SmsKind {
  const wave = /#wave(\w+)$/.exec(messageKey)?.[1];
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

/** The report's SMS reminders: how many the waves sent, and how long they were. */
import { type ReportEvent, ratio } from "./events";

/** The SMS waves' reminders (not the follow-ups agents send): how many went, and how long they were. */
export interface ReminderFigures {
  /** Reminders sent (SMS_SENT of a wave), messages not cases. */
  sent: number;
  /** Their segments together: what the SMS channel bills. */
  segments: number;
  /** segments / sent; 0 when none was sent. */
  segmentsPerReminder: number;
  /** The longest reminder, in segments (at most two GSM-7 segments by design). */
  maxSegments: number;
}

/** Reminders are the SMS_SENT entries of a wave (`detail.wave`); each records its segments. */
export function reminderFigures(events: readonly ReportEvent[]): ReminderFigures {
  const figures: ReminderFigures = { sent: 0, segments: 0, segmentsPerReminder: 0, maxSegments: 0 };
  for (const e of events) {
    if (e.kind !== "SMS_SENT" || e.detail?.wave === undefined) continue;
    const segments = Number(e.detail.segments ?? 0);
    figures.sent++;
    figures.segments += segments;
    figures.maxSegments = Math.max(figures.maxSegments, segments);
  }
  return { ...figures, segmentsPerReminder: ratio(figures.segments, figures.sent) };
}

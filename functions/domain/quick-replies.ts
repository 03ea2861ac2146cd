/* The words of WhatsApp's buttons, apart from the rules so the console can show them (no Node APIs here). */

/** The quick-reply buttons of a reminder, with the words the participant sees. */
export const QUICK_REPLIES = {
  PAID: "Sudah bayar",
  CALL_ME: "Minta ditelepon",
  REHAB_INFO: "Info REHAB",
  STOP: "Berhenti",
} as const;
export type QuickReply = keyof typeof QUICK_REPLIES;
export const QUICK_REPLY_CODES = Object.keys(QUICK_REPLIES) as QuickReply[];

/** The time windows a participant who asked for a call chooses from (local time, minutes of day). */
export const CALLBACK_WINDOWS = {
  MORNING: { label: "Pagi 08.00-12.00", fromMinute: 8 * 60, toMinute: 12 * 60 },
  AFTERNOON: { label: "Siang 12.00-16.00", fromMinute: 12 * 60, toMinute: 16 * 60 },
  EVENING: { label: "Sore 16.00-20.00", fromMinute: 16 * 60, toMinute: 20 * 60 },
} as const;
export type CallbackWindowCode = keyof typeof CALLBACK_WINDOWS;

/*
 * The shapes of a participant's lasting statuses, without rules (participant-status.ts has them):
 * the profile (messaging.ts) and the case (case.ts) hold them, so this module imports nothing.
 */

export const DO_NOT_CONTACT_REASONS = ["REFUSED", "COMPLAINT_UNDER_REVIEW"] as const;
export type DoNotContactReason = (typeof DO_NOT_CONTACT_REASONS)[number];

export interface DoNotContact {
  /** Local date YYYY-MM-DD: no message, no call before it. */
  until: string;
  reason: DoNotContactReason;
  setBy: string;
  at: string;
}

/** Never contacted again. */
export interface Deceased {
  at: string;
  setBy: string;
}

/** Enrolled in a REHAB instalment plan: reminded of the instalment, not called as a debtor. */
export interface RehabPlan {
  since: string;
  instalments?: number;
  setBy: string;
}

export const PREFERRED_CHANNELS = ["WHATSAPP", "SMS", "CALL", "VISIT"] as const;
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number];

/** What is known of a number (by its digest, never the number): answered on it, or suspect. */
export interface NumberStatus {
  digest: string;
  status: "CONFIRMED" | "SUSPECT";
  at: string;
}

/** The lasting statuses a profile may hold (all optional on ChannelProfile). */
export interface ParticipantStatuses {
  doNotContact?: DoNotContact;
  deceased?: Deceased;
  rehabPlan?: RehabPlan;
  preferredChannel?: PreferredChannel;
  number?: NumberStatus;
}

/** Where each kind of change is kept on the profile. */
export const STATUS_FIELD = {
  DO_NOT_CONTACT: "doNotContact",
  DECEASED: "deceased",
  REHAB_PLAN: "rehabPlan",
  REHAB_PLAN_ENDED: "rehabPlan",
  PREFERRED_CHANNEL: "preferredChannel",
  NUMBER: "number",
} as const satisfies Record<string, keyof ParticipantStatuses>;

/** The lasting statuses of a profile, to carry over when its WhatsApp knowledge starts afresh. */
export function statusesOf(profile: ParticipantStatuses | undefined): ParticipantStatuses {
  const kept: ParticipantStatuses = {};
  for (const field of Object.values(STATUS_FIELD)) {
    const value = profile?.[field];
    if (value !== undefined) Object.assign(kept, { [field]: value });
  }
  return kept;
}

/**
 * What a status means for one campaign's case, set on it at mapping: no contact before a date, a
 * REHAB plan (reminded of the instalment, never called or sent a debt reminder), or a preference
 * for a call (called as usual, sent no message the campaign starts on its own).
 */
export type CaseHold =
  | { kind: "DO_NOT_CONTACT"; until: string }
  | { kind: "REHAB_PLAN" }
  | { kind: "PREFERS_CALL" };

import type { CallOutcome, Case, DispositionCode } from "./case";
import { expiresAt } from "./retention";

/* The audit trail's entries: what happened to a case, when, and the key that makes a retried write a no-op. */

export type InteractionKind =
  | "SMS_SENT"
  | "SMS_FAILED"
  | "SMS_SKIPPED"
  | "WHATSAPP_SENT"
  | "WHATSAPP_DELIVERED"
  | "WHATSAPP_READ"
  | "WHATSAPP_FAILED"
  /** The participant's WhatsApp message (a quick reply or free text): the supervisors' list of replies. */
  | "WHATSAPP_REPLY"
  | "CALL_STARTED"
  | "CALL_START_FAILED"
  | "CALL_ENDED"
  | "DISPOSITION"
  | "PROMISE_KEPT"
  | "PROMISE_BROKEN"
  | "PAYMENT_APPLIED"
  | "CONTACT_UPDATED"
  | "CASE_CLOSED"
  /** A kader visited the participant: detail.outcome, detail.kaderId (a payment after it counts for the kader). */
  | "KADER_VISIT";

/** One entry of the append-only audit trail. Personal data stays masked in `detail`. */
export interface Interaction {
  caseId: string;
  campaignId: string;
  participantId: string;
  /** `<at>#<kind>#<dedupeKey>`: sorts by time; the dedupe key makes a retried write a no-op. */
  interactionKey: string;
  kind: InteractionKind;
  at: string;
  branchCode: string;
  agentId?: string;
  contactId?: string;
  outcome?: CallOutcome | DispositionCode;
  amount?: number;
  detail?: Record<string, string | number | boolean>;
  /** TTL, epoch seconds. */
  expiresAt: number;
}

export type NewInteraction = Omit<Interaction, "interactionKey" | "expiresAt"> & { dedupeKey: string };

/** An interaction about a case: the case's keys and branch, plus what happened. */
export function interactionFor(
  c: Pick<Case, "caseId" | "campaignId" | "participantId" | "branchCode">,
  kind: InteractionKind,
  at: Date,
  dedupeKey: string,
  extra: Partial<Pick<NewInteraction, "contactId" | "agentId" | "amount" | "detail" | "outcome">> = {},
): NewInteraction {
  return {
    caseId: c.caseId,
    campaignId: c.campaignId,
    participantId: c.participantId,
    branchCode: c.branchCode,
    kind,
    at: at.toISOString(),
    dedupeKey,
    ...extra,
  };
}

/**
 * The stored item: key `<at>#<kind>#<dedupeKey>` (every writer, in a transaction or not, dedupes
 * alike) and the retention TTL.
 */
export function interactionItem(
  { dedupeKey, ...interaction }: NewInteraction,
  retentionDays: number,
): Interaction {
  return {
    ...interaction,
    interactionKey: `${interaction.at}#${interaction.kind}#${dedupeKey}`,
    expiresAt: expiresAt(interaction.at, retentionDays),
  };
}

import { createHash } from "node:crypto";
import type { Case, DispositionCode } from "./case";
import type { CaseTransition } from "./case-transitions";
import type { Disposition } from "./disposition-rules";
import type { FieldIssue } from "./validation";

/**
 * A disposition as remembered on its case, one per call (keyed by the call's contact): what makes
 * a redelivery of the same form a no-op and a different form for the same call an amendment.
 */
export interface RecordedDisposition {
  code: DispositionCode;
  /** Digest of what the agent submitted (see dispositionFingerprint). */
  fingerprint: string;
  /** When it was recorded (ISO UTC): a promise it created carries the same recordedAt. */
  at: string;
  agentId: string;
  /** The information sent by follow-up SMS after this call, by any of its dispositions: once each. */
  followUps?: string[];
}

/** How a delivered disposition relates to what its call already has on record. */
export type DispositionDelivery =
  | { kind: "NEW" }
  | { kind: "DUPLICATE"; recorded: RecordedDisposition }
  | { kind: "AMENDMENT"; previous: RecordedDisposition };

/**
 * The call a disposition belongs to: its Amazon Connect contact, or, when the submitter knows
 * none, the case's latest attempt (a disposition is always about the last call).
 */
export function dispositionKeyOf(contactId: string | undefined, callAttempts: number): string {
  return contactId ? `contact#${contactId}` : `attempt#${callAttempts}`;
}

/** Same form, same digest: the fields the agent fills in, never the delivery's time or talk time. */
export function dispositionFingerprint(d: Disposition): string {
  const form = [d.code, d.promiseDate, d.promiseAmount, d.callbackAt, d.newPhone, d.sendInfo, d.notes];
  return createHash("sha256")
    .update(JSON.stringify(form.map((v) => v ?? null)))
    .digest("base64url")
    .slice(0, 22);
}

export function classifyDelivery(
  recorded: RecordedDisposition | undefined,
  fingerprint: string,
): DispositionDelivery {
  if (!recorded) return { kind: "NEW" };
  if (recorded.fingerprint === fingerprint) return { kind: "DUPLICATE", recorded };
  return { kind: "AMENDMENT", previous: recorded };
}

/** What an amendment may not do: a corrected number is already on the participant and audited. */
export function amendmentIssues(previous: RecordedDisposition, d: Disposition): FieldIssue[] {
  if (previous.code === "UPDATED_PHONE" && d.code !== "UPDATED_PHONE") {
    return [
      {
        field: "code",
        message:
          "this call already updated the participant's number; record UPDATED_PHONE again to correct the number",
      },
    ];
  }
  return [];
}

/**
 * The amendment's transition, undoing what the replaced disposition did that the new one does not
 * redo: its still-pending promise, and a WRONG_NUMBER's "not contactable".
 */
export function amendedTransition(
  c: Pick<Case, "promise">,
  previous: RecordedDisposition,
  transition: CaseTransition,
): CaseTransition {
  const undo: Partial<CaseTransition> = {};
  const ownPromise = c.promise?.status === "PENDING" && c.promise.recordedAt === previous.at;
  if (previous.code === "PROMISE_TO_PAY" && !transition.promise && ownPromise) undo.clearPromise = true;
  if (previous.code === "WRONG_NUMBER" && transition.contactable === undefined) undo.contactable = true;
  return { ...transition, ...undo };
}

/**
 * The call's record for a new disposition or an amendment, with the follow-up it claims: none
 * when the call already sent that information (an amendment does not send it twice).
 */
export function dispositionRecord(
  delivery: Exclude<DispositionDelivery, { kind: "DUPLICATE" }>,
  d: Disposition & { fingerprint: string; at: string; sendable: boolean },
): { record: RecordedDisposition; followUp?: NonNullable<Disposition["sendInfo"]> } {
  const sent = delivery.kind === "AMENDMENT" ? (delivery.previous.followUps ?? []) : [];
  const followUp = d.sendable && d.sendInfo && !sent.includes(d.sendInfo) ? d.sendInfo : undefined;
  const followUps = followUp ? [...sent, followUp] : sent;
  return {
    record: {
      code: d.code,
      fingerprint: d.fingerprint,
      at: d.at,
      agentId: d.agentId,
      ...(followUps.length > 0 ? { followUps } : {}),
    },
    ...(followUp ? { followUp } : {}),
  };
}

interface DispositionEvent {
  kind: string;
  at: string;
  participantId: string;
  contactId?: string | undefined;
  detail?: Record<string, unknown> | undefined;
}

/**
 * The audit trail with each call's replaced dispositions left out, so figures count the last
 * disposition of every call. Entries without a dispositionKey (recorded before amendments existed)
 * stand on their own.
 */
export function withoutReplacedDispositions<E extends DispositionEvent>(events: readonly E[]): E[] {
  const last = new Map<string, E>();
  for (const e of events) {
    const key = dispositionGroup(e);
    if (!key) continue;
    const seen = last.get(key);
    if (!seen || seen.at <= e.at) last.set(key, e);
  }
  return events.filter((e) => {
    const key = dispositionGroup(e);
    return !key || last.get(key) === e;
  });
}

function dispositionGroup(e: DispositionEvent): string | undefined {
  if (e.kind !== "DISPOSITION") return undefined;
  const key = e.detail?.dispositionKey;
  return typeof key === "string" ? `${e.participantId}#${key}` : undefined;
}

import type { CallInFlight, Case, DispositionCode } from "../domain/case";
import type { CaseTransition } from "../domain/case-transitions";
import type { RecordedDisposition } from "../domain/disposition-delivery";
import type { NewInteraction } from "../domain/interaction";
import type { DIAL_QUEUE_PROJECTION } from "./schemas";

/*
 * The dial queue's port and records: the dialer's access to cases. DynamoDialQueue
 * (dynamo-dial-queue.ts) is its adapter (DynamoDB in AWS and on DynamoDB Local). The agents a
 * campaign keeps busy are the agent roster's (agent-roster.ts).
 */

export interface CaseKey {
  campaignId: string;
  participantId: string;
}

/** A call in flight as stored: `disposition` marks an agent's disposition recorded during the call. */
export type InFlightCall = CallInFlight & { disposition?: DispositionCode };
export type DialCase = Omit<Case, "inFlight"> & {
  inFlight?: InFlightCall;
  /** Each call's disposition on record, by dispositionKeyOf. */
  dispositions?: Record<string, RecordedDisposition>;
};

/**
 * Writing a call's disposition: `record` goes under `key` in the case's `dispositions`, only if
 * the call has none yet or, for an amendment, still has the one it `replaces` (its fingerprint).
 * The record's follow-ups are claimed with it: only the writer that wins sends them.
 */
export interface DispositionClaim {
  key: string;
  record: RecordedDisposition;
  replaces?: string;
}

/** A case as the dialQueue index projects it: enough to decide whether to call it now. */
export type QueuedCase = Pick<
  DialCase,
  (typeof DIAL_QUEUE_PROJECTION)[number] | "campaignId" | "participantId" | "dialQueue" | "dialRank"
>;

export interface AttemptClaim {
  attempt: number;
  startedAt: string;
  /** Local date of the attempt, for the per-day cap. */
  localDate: string;
}

/**
 * The dialer's port on cases: the dial queue (sparse index `dialQueue`, ordered by dialRank), the
 * conditional claim of an attempt, and call outcomes and dispositions written once on the case. A
 * write that keeps conflicting with other writers throws ConcurrentUpdateError.
 */
export interface DialQueue {
  get(key: CaseKey): Promise<DialCase | undefined>;
  /** The case whose call in flight is this Amazon Connect contact. */
  findByContact(contactId: string): Promise<DialCase | undefined>;
  /** Reads the dial queue in dialRank order until `visit` returns true; whether it read it all. */
  scanDialQueue(
    campaignId: string,
    visit: (c: QueuedCase) => Promise<boolean> | boolean,
    options?: { dueBy?: Date; pageSize?: number },
  ): Promise<{ exhausted: boolean }>;
  queueEmpty(campaignId: string): Promise<boolean>;
  /** The case as claimed, or undefined when the claim lost. */
  claimAttempt(c: QueuedCase, claim: AttemptClaim): Promise<DialCase | undefined>;
  unclaimAttempt(c: DialCase, attempt: number, failure: NewInteraction, now: Date): Promise<boolean>;
  confirmStart(key: CaseKey, attempt: number, contactId: string, started: NewInteraction): Promise<boolean>;
  /** False when the attempt already ended or the case changed since it was read. */
  endAttempt(
    c: DialCase,
    ended: { attempt: number; contactId?: string | undefined },
    transition: CaseTransition,
    interaction: NewInteraction,
  ): Promise<boolean>;
  applyDisposition(
    c: DialCase,
    claim: DispositionClaim,
    interaction: NewInteraction,
    transition?: CaseTransition,
  ): Promise<boolean>;
  markPromiseBroken(c: QueuedCase, boostedRank: string, interaction: NewInteraction): Promise<boolean>;
  removeFromQueue(key: CaseKey): Promise<boolean>;
  /** Appends an interaction on its own, once (false when it was already there). */
  recordInteraction(interaction: NewInteraction): Promise<boolean>;
}

/*
 * The agent roster's port and records: who keeps a campaign's agents busy. DynamoAgentRoster
 * (dynamo-agent-roster.ts) is its adapter.
 *
 * Calls in flight are counted from the roster, one item per campaign in the limits table
 * (`calls#<campaignId>`), a map participantId -> {attempt, startedAt, phase}. The cases' byContact
 * index cannot be queried per campaign, and a plain counter drifts when a write is lost; the
 * roster's entries are idempotent (SET/REMOVE by participant), written before a claim and removed
 * after an outcome, so they are a superset of what is really in flight, and the tick repairs stale
 * ones from the case, which stays the source of truth. An answered call stays on the roster in
 * phase WRAP_UP until the agent's disposition arrives: the agent is not free before that.
 */

export type RosterPhase = "CALL" | "WRAP_UP";

export interface RosterEntry {
  participantId: string;
  attempt: number;
  startedAt: string;
  phase: RosterPhase;
  /** When the call ended (phase WRAP_UP). */
  endedAt?: string;
  /** A call Connect started whose case was not updated (the write failed): a tick confirms it. */
  started?: StartedContact;
}

/** The contact Connect returned for an attempt, and when, as the CALL_STARTED interaction records it. */
export interface StartedContact {
  contactId: string;
  at: string;
}

/**
 * The campaign's roster of busy agents: a seat is reserved before an attempt is claimed, moves to
 * after-contact work when an answered call ends, and is released when the agent is free again.
 * A write that keeps conflicting with other writers throws ConcurrentUpdateError.
 */
export interface AgentRoster {
  entries(campaignId: string): Promise<RosterEntry[]>;
  /** Creates the campaign's (empty) roster if it does not exist yet. */
  ensure(campaignId: string): Promise<void>;
  /** False when already on the roster or every agent is taken. */
  reserve(
    campaignId: string,
    entry: Omit<RosterEntry, "phase" | "endedAt">,
    agentsOnShift: number,
  ): Promise<boolean>;
  toWrapUp(campaignId: string, participantId: string, attempt: number, endedAt: string): Promise<boolean>;
  noteStarted(
    campaignId: string,
    participantId: string,
    attempt: number,
    started: StartedContact,
  ): Promise<boolean>;
  /** The phase the participant was in, or undefined when another writer took it off first. */
  release(
    campaignId: string,
    participantId: string,
    match: { attempt?: number; phase?: RosterPhase },
  ): Promise<RosterPhase | undefined>;
}

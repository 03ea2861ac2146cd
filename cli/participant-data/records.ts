import { TABLE_SCHEMAS, type TableName } from "../../functions/store/schemas";

/*
 * The port of participant-data.ts (its DynamoDB adapter) and the records it reads and writes: one
 * participant's items in every table, for an export or an erasure on request.
 */

/** An item as the document client reads and writes it. */
export type Item = Record<string, unknown>;

/** The audit table's erasure record of one pseudonym. */
export interface ErasureRecord {
  pseudonym: string;
  status: "IN_PROGRESS" | "DONE";
  /** Who asked for it to be run (the OS user or --by), when it started, why. */
  by: string;
  reason: string;
  startedAt: string;
  finishedAt?: string;
  /** Items found under the card number per table when the erasure began: each is changed by its end. */
  found: Record<string, number>;
  /** Per run: who ran it, when, why, and the items changed per table. */
  runs: ErasureRun[];
  /** After the last run: items kept under the pseudonym per table. */
  kept?: Record<string, number>;
}

export interface ErasureRun {
  by: string;
  at: string;
  /** Why this run: a rerun may answer a new request (the same person erased again). */
  reason: string;
  changed: Record<string, number>;
}

/** A call of the person on a campaign's agent roster (limits table, `calls#<campaignId>`). */
export interface RosterEntryHeld {
  campaignId: string;
  entry: Item;
}

export interface ParticipantDataStore {
  participant(participantId: string): Promise<Item | undefined>;
  /** Every case whose participantId is this card number or pseudonym (byParticipant index, then the items). */
  cases(participantId: string): Promise<Item[]>;
  interactions(caseId: string): Promise<Item[]>;
  /** Every campaign's id (a scan of the small campaigns table): cases may expire before their interactions. */
  campaignIds(): Promise<string[]>;
  /** Payments counted for this id (byParticipant index) and those sent for it but assigned to another. */
  payments(participantId: string): Promise<Item[]>;
  /** The person's entries on these campaigns' agent rosters (calls in flight or in wrap-up). */
  rosterEntries(participantId: string, campaignIds: readonly string[]): Promise<RosterEntryHeld[]>;
  /** Takes the person off a campaign's roster, leaving every other entry as it is. */
  removeRosterEntry(campaignId: string, participantId: string): Promise<void>;
  /** The messages sent to the person, either channel (a filtered scan: the table is keyed by message id). */
  sentMessages(participantId: string): Promise<Item[]>;
  /** What was learned about reaching the person (profiles table). */
  profile(participantId: string): Promise<Item | undefined>;
  /** The person's lines on these campaigns' kader worklists (kader table: name, address). */
  kaderWorklist(participantId: string, campaignIds: readonly string[]): Promise<Item[]>;
  /** Kader visit results about the person (kader table, RESULT# scopes; a filtered scan). */
  kaderResults(participantId: string): Promise<Item[]>;
  /** Audit records, other than erasure records, whose text holds one of these strings (a scan). */
  auditMentioning(texts: readonly string[]): Promise<Item[]>;
  erasure(pseudonym: string): Promise<ErasureRecord | undefined>;
  /** Creates the record unless it exists; false when it did. */
  createErasure(record: ErasureRecord, expiresAt: number): Promise<boolean>;
  /** Appends a run and sets the status and what is kept. */
  finishErasure(pseudonym: string, run: ErasureRun, kept: Record<string, number>, at: string): Promise<void>;
  /**
   * Writes `item` in place of `old` (one transaction when the key changes), provided `old` is
   * still there unchanged; throws ParticipantDataChangedError otherwise.
   */
  replace(table: TableName, old: Item, item: Item): Promise<void>;
  /** Deletes `old` provided it is still there unchanged; throws ParticipantDataChangedError otherwise. */
  remove(table: TableName, old: Item): Promise<void>;
}

export const erasureScope = (pseudonym: string) => `ERASURE#${pseudonym}`;

/** The item's primary key, as its table's schema names it. */
export function keyOf(table: TableName, item: Item): Item {
  const schema = TABLE_SCHEMAS[table];
  const key: Item = { [schema.partitionKey.name]: item[schema.partitionKey.name] };
  if (schema.sortKey) key[schema.sortKey.name] = item[schema.sortKey.name];
  return key;
}

/** An item changed (a payment, a call) or went (TTL) between the plan and its rewrite: plan again. */
export class ParticipantDataChangedError extends Error {
  override name = "ParticipantDataChangedError";
}

import { mapConcurrent } from "../../functions/concurrency";
import { isPseudonym, pseudonymOf } from "./erasure";
import type { ErasureRecord, Item, ParticipantDataStore, RosterEntryHeld } from "./records";

/*
 * A participant's copy of their data on request (UU 27/2022 PDP): everything held under their card
 * number in every table, unmasked (it is their own data). Run by an engineer or the data-protection
 * officer from the CLI (`telecollect participant export`), never by a Lambda.
 */

/** What is held under one card number, table by table. */
export interface ParticipantHoldings {
  participant?: Item;
  cases: Item[];
  interactions: Item[];
  payments: Item[];
  audit: Item[];
  /** Calls in flight or in wrap-up on a campaign's agent roster (limits table). */
  roster: RosterEntryHeld[];
  /** The messages sent to them, either channel (messages table: number, purpose, statuses; no text). */
  sentMessages: Item[];
  /** What was learned about reaching them and their lasting statuses (profiles table). */
  profile?: Item;
  /** Their lines on kader worklists (kader table: name, area, address, what a visit needs). */
  kaderWorklist: Item[];
  /** What kader reported after visiting them (kader table). */
  kaderResults: Item[];
}

/** Cases of the card number read at once; each is a query of its own partition. */
const CASE_QUERIES = 8;

/**
 * Everything held under the card number. Interactions are looked for under the case id the card
 * number has in every campaign: a case may expire (TTL) before the last of its interactions, and
 * an interrupted erasure may have moved a case (to the pseudonym) before its interactions.
 */
export async function holdingsOf(
  store: ParticipantDataStore,
  participantId: string,
  pseudonym?: string,
): Promise<ParticipantHoldings> {
  const [participant, cases, moved, payments, audit, campaigns, sentMessages, profile, kaderResults] =
    await Promise.all([
      store.participant(participantId),
      store.cases(participantId),
      pseudonym ? store.cases(pseudonym) : Promise.resolve([]),
      store.payments(participantId),
      store.auditMentioning([participantId]),
      store.campaignIds(),
      store.sentMessages(participantId),
      store.profile(participantId),
      store.kaderResults(participantId),
    ]);
  const caseCampaigns = [...cases, ...moved].map((c) => String(c.campaignId));
  const caseIds = [...new Set([...caseCampaigns, ...campaigns])].map((c) => `${c}#${participantId}`);
  const [interactions, roster, kaderWorklist] = await Promise.all([
    mapConcurrent(caseIds, CASE_QUERIES, (id) => store.interactions(id)).then((lists) => lists.flat()),
    store.rosterEntries(participantId, [...new Set(caseCampaigns)]),
    store.kaderWorklist(participantId, [...new Set([...caseCampaigns, ...campaigns])]),
  ]);
  return {
    ...(participant ? { participant } : {}),
    cases,
    interactions,
    payments,
    audit,
    roster,
    sentMessages,
    ...(profile ? { profile } : {}),
    kaderWorklist,
    kaderResults,
  };
}

export type ExportDocument =
  | {
      participantId: string;
      exportedAt: string;
      /** Set when the person's data was erased: what is listed below was written after it. */
      erasure: ErasureRecord | null;
      participant: Item | null;
      cases: Item[];
      interactions: Item[];
      /** The SMS and WhatsApp messages sent, attempted or answered (interactions); texts are not stored. */
      messages: Item[];
      /** The messages sent to them as the messages table keeps them (number, purpose, statuses). */
      sentMessages: Item[];
      /** What was learned about reaching them: WhatsApp, opted out, do not contact, deceased, REHAB plan. */
      channelProfile: Item | null;
      /** What kader reported after visiting them (free text with long numbers masked). */
      kaderResults: Item[];
      /** Phone numbers agents corrected (interactions; the participant holds the current one). */
      contactUpdates: Item[];
      payments: Item[];
      auditRecords: Item[];
      /** Calls of theirs an agent is on or wrapping up now (a running campaign's roster). */
      callsInProgress: RosterEntryHeld[];
      /** Their lines on kader worklists: who was to visit them, where, and why. */
      kaderWorklist: Item[];
      notHeld: string[];
    }
  | { pseudonym: string; exportedAt: string; erasure: ErasureRecord | null };

const MESSAGE_KINDS = new Set([
  "SMS_SENT",
  "SMS_FAILED",
  "SMS_SKIPPED",
  "WHATSAPP_SENT",
  "WHATSAPP_DELIVERED",
  "WHATSAPP_READ",
  "WHATSAPP_FAILED",
  "WHATSAPP_REPLY",
]);

export const NOT_HELD = [
  "SMS texts: each SMS is recorded as an interaction (wave, time, segments, message id), not its text",
  "WhatsApp texts: each message is recorded (purpose, statuses), not its text; a reply's free text only with long numbers masked",
  "call recordings and contact records: Amazon Connect keeps them (its recording bucket, its contact records), outside these tables and outside this export",
];

/**
 * The export of a card number, or of a pseudonym (then only its erasure record). `key` is the
 * pseudonym key, absent when no erasure was ever made.
 */
export async function exportParticipant(
  deps: { store: ParticipantDataStore; key?: Uint8Array; now: Date },
  id: string,
): Promise<ExportDocument> {
  const exportedAt = deps.now.toISOString();
  if (isPseudonym(id)) {
    return { pseudonym: id, exportedAt, erasure: (await deps.store.erasure(id)) ?? null };
  }
  const erasure = deps.key ? await deps.store.erasure(pseudonymOf(deps.key, id)) : undefined;
  const held = await holdingsOf(deps.store, id);
  return {
    participantId: id,
    exportedAt,
    erasure: erasure ?? null,
    participant: held.participant ?? null,
    cases: held.cases,
    interactions: held.interactions,
    messages: held.interactions.filter((i) => MESSAGE_KINDS.has(String(i.kind))),
    sentMessages: held.sentMessages,
    channelProfile: held.profile ?? null,
    kaderResults: held.kaderResults,
    contactUpdates: held.interactions.filter((i) => i.kind === "CONTACT_UPDATED"),
    payments: held.payments,
    auditRecords: held.audit,
    callsInProgress: held.roster,
    kaderWorklist: held.kaderWorklist,
    notHeld: NOT_HELD,
  };
}

import { mapConcurrent } from "../../functions/concurrency";
import { expiresAt } from "../../functions/domain/retention";
import type { TableName } from "../../functions/store/schemas";
import {
  type ErasedIdentity,
  erasedCase,
  erasedInteraction,
  erasedRecord,
  identifiersOf,
  pseudonymOf,
} from "./erasure";
import { holdingsOf, type ParticipantHoldings } from "./export";
import type { ErasureRecord, Item, ParticipantDataStore } from "./records";

/*
 * Erasure on request (UU 27/2022 PDP): the person's name, phones, notes and card number leave every
 * table; what BPJS must keep (payments, case figures) stays under a pseudonym. Idempotent: each step
 * finds only what is still under the card number, so a rerun after a crash finishes the work and a
 * rerun after the end changes nothing. Run from the CLI (`telecollect participant erase`).
 */

export interface ErasureDeps {
  store: ParticipantDataStore;
  /** The secret key of the pseudonyms (docs/data-protection.md, "Erasure"). */
  key: Uint8Array;
  now: Date;
  /** How long the erasure record is kept (the audit table's retention). */
  retentionDays: number;
}

/** What an erasure would change, per table, before it is confirmed. */
export interface ErasurePlan {
  participantId: string;
  pseudonym: string;
  /** The record of an erasure begun or done before. */
  record?: ErasureRecord;
  held: ParticipantHoldings;
  counts: Record<TableName, number>;
  /** Nothing is held under the card number any more. */
  empty: boolean;
}

export async function planErasure(
  deps: Pick<ErasureDeps, "store" | "key">,
  participantId: string,
): Promise<ErasurePlan> {
  const pseudonym = pseudonymOf(deps.key, participantId);
  const [record, held] = await Promise.all([
    deps.store.erasure(pseudonym),
    holdingsOf(deps.store, participantId, pseudonym),
  ]);
  const counts = {
    participants: held.participant ? 1 : 0,
    campaigns: 0,
    cases: held.cases.length,
    interactions: held.interactions.length,
    payments: held.payments.length,
    limits: held.roster.length,
    audit: held.audit.length,
    messages: held.sentMessages.length,
    profiles: held.profile ? 1 : 0,
    kader: held.kaderWorklist.length + held.kaderResults.length,
  };
  const empty = Object.values(counts).every((n) => n === 0);
  return { participantId, pseudonym, ...(record ? { record } : {}), held, counts, empty };
}

export interface ErasureRequest {
  by: string;
  reason: string;
}

export interface ErasureOutcome {
  pseudonym: string;
  /** Items changed by this run, per table (all zero when an earlier run had done everything). */
  changed: Record<string, number>;
  record: ErasureRecord;
}

/** Carries out a plan: the record first, then each table, the participant item last. */
export async function eraseParticipant(
  deps: ErasureDeps,
  plan: ErasurePlan,
  request: ErasureRequest,
): Promise<ErasureOutcome> {
  const { store } = deps;
  const at = deps.now.toISOString();
  if (plan.empty && plan.record?.status === "DONE") {
    return { pseudonym: plan.pseudonym, changed: {}, record: plan.record };
  }
  await store.createErasure(
    {
      pseudonym: plan.pseudonym,
      status: "IN_PROGRESS",
      ...request,
      startedAt: at,
      found: nonZero(plan.counts),
      runs: [],
    },
    expiresAt(at, deps.retentionDays),
  );
  const { held } = plan;
  const who: ErasedIdentity = {
    participantId: plan.participantId,
    pseudonym: plan.pseudonym,
    identifiers: identifiersOf([...(held.participant ? [held.participant] : []), ...held.cases]),
  };
  const changed: Record<string, number> = {};
  const rewrite = async (table: TableName, items: readonly Item[], erase: typeof erasedRecord) => {
    for (const item of items) {
      await store.replace(table, item, erase(item, who, at));
      changed[table] = (changed[table] ?? 0) + 1;
    }
  };
  // Interactions before their cases: a rerun finds them by the case ids, moved or not.
  await rewrite("interactions", held.interactions, erasedInteraction);
  await rewrite("payments", held.payments, erasedRecord);
  await rewrite("audit", held.audit, erasedRecord);
  for (const { campaignId } of held.roster) {
    await store.removeRosterEntry(campaignId, plan.participantId);
    changed.limits = (changed.limits ?? 0) + 1;
  }
  await removeUnkept(store, held, changed);
  await rewrite("cases", held.cases, erasedCase);
  if (held.participant) {
    await store.remove("participants", held.participant);
    changed.participants = 1;
  }
  const kept = await keptUnder(store, plan.pseudonym);
  await store.finishErasure(
    plan.pseudonym,
    { by: request.by, at, reason: request.reason, changed },
    kept,
    at,
  );
  const record = await store.erasure(plan.pseudonym);
  if (!record) throw new Error(`erasure record of ${plan.pseudonym} vanished while finishing it`);
  return { pseudonym: plan.pseudonym, changed, record };
}

/**
 * Messages, the profile, kader worklist lines and results hold nothing BPJS must keep (the
 * KADER_VISIT interactions, pseudonymised, still count visits for the kader): they go.
 */
async function removeUnkept(
  store: ParticipantDataStore,
  held: ErasurePlan["held"],
  changed: Record<string, number>,
): Promise<void> {
  for (const [table, items] of [
    ["messages", held.sentMessages],
    ["profiles", held.profile ? [held.profile] : []],
    ["kader", [...held.kaderWorklist, ...held.kaderResults]],
  ] as const) {
    for (const item of items) {
      await store.remove(table, item);
      changed[table] = (changed[table] ?? 0) + 1;
    }
  }
}

/** What is kept under the pseudonym, per table: the figures BPJS must keep. */
async function keptUnder(store: ParticipantDataStore, pseudonym: string): Promise<Record<string, number>> {
  const [cases, payments, campaigns] = await Promise.all([
    store.cases(pseudonym),
    store.payments(pseudonym),
    store.campaignIds(),
  ]);
  const caseIds = [...new Set([...cases.map((c) => String(c.campaignId)), ...campaigns])].map(
    (c) => `${c}#${pseudonym}`,
  );
  const interactions = await mapConcurrent(caseIds, 8, (id) => store.interactions(id));
  return {
    cases: cases.length,
    interactions: interactions.reduce((n, list) => n + list.length, 0),
    payments: payments.length,
  };
}

const nonZero = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

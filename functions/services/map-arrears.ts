import { randomUUID } from "node:crypto";
import { classifyParticipant } from "../domain/arrears-mapping";
import type { Branch } from "../domain/branches";
import { type Case, campaignIdOf, openCase } from "../domain/case";
import type { Participant } from "../domain/participant";
import { caseUnderProfile } from "../domain/participant-status";
import { type CampaignStrategy, DEFAULT_STRATEGY, parseStrategy } from "../domain/strategy";
import type { CampaignStore } from "../store/campaigns";
import type { CaseStore } from "../store/cases";
import type { ParticipantPage, ParticipantStore } from "../store/participants";
import type { ProfileStore } from "../store/profiles";
import { type DueSoonNoteDeps, noteDueSoon } from "./due-soon";

export interface MapArrearsInput {
  branchCode: string;
  period: string;
  strategy?: CampaignStrategy;
  cursor?: string;
}

export interface MapArrearsResult {
  campaignId: string;
  /** Cases created by this invocation. */
  created: number;
  /** Eligible participants whose case already existed (a re-run or a resumed page). */
  existing: number;
  /** Participants of the branch below the strategy's minimum months (counted on the first page only). */
  skipped: number;
  /** Cases created by this invocation per bucket id. */
  byBucket: Record<string, number>;
  /** Created cases without a usable phone: no SMS, no call, listed for a contact-data update. */
  notContactable: number;
  /** Created cases closed at once: the participant is known deceased (present when any). */
  deceased?: number;
  /** Created cases on hold: do not contact until a date, or a REHAB plan (present when any). */
  onHold?: number;
  /** Created cases of participants who prefer a call: called, sent only what they ask for (present when any). */
  prefersCall?: number;
  /** Created cases asking for a kader's visit, by the snapshot or the preferred channel (present when any). */
  visitRequested?: number;
  /** Participants a month behind noted for the due-soon reminder, once mapping is done (present when any). */
  dueSoon?: number;
  /** Present when the time budget ran out: call again with it. */
  cursor?: string;
}

export interface MapArrearsDeps {
  participants: ParticipantStore;
  cases: Pick<CaseStore, "findExisting" | "putNew">;
  campaigns: CampaignStore;
  /** The participants' lasting statuses (participant-status.ts); absent: none honoured. */
  profiles?: Pick<ProfileStore, "getMany">;
  /** Where those a month behind are noted (due-soon.ts); absent: none noted. */
  dueSoon?: DueSoonNoteDeps["dueSoon"];
  branches?: ReadonlyMap<string, Branch>;
}

export interface MapArrearsOptions {
  now: Date;
  /** Stop starting new pages after this many ms (checked between pages). */
  timeBudgetMs: number;
  /** The invocation's hard deadline (epoch ms): the mapping lease expires then. */
  deadline: number;
  /** Ms clock for the budget (the runtime clock: real in Lambda, simulated locally); real time if absent. */
  elapsedClock?: () => number;
  pageSize?: number;
}

/** One invocation's mapping of a campaign, under its lease. */
interface Mapping {
  deps: MapArrearsDeps;
  input: MapArrearsInput;
  options: MapArrearsOptions;
  /** The strategy stored with the campaign. */
  strategy: CampaignStrategy;
  /** The campaign's very first mapping invocation: none of its cases can exist yet. */
  firstEver: boolean;
  /** Participants already mapped by this invocation (a page can repeat one across its boundary). */
  seen: Set<string>;
  result: MapArrearsResult;
}

/**
 * Creates one case per eligible participant of a branch for campaign `<branch>#<period>`.
 * Idempotent: the campaign's mapping lease (a conditional write) makes one invocation at a time
 * the only writer of the campaign's cases, and each page is checked for existing cases before
 * writing, except during the campaign's very first mapping invocation, when none can exist.
 */
export async function mapArrears(
  deps: MapArrearsDeps,
  input: MapArrearsInput,
  options: MapArrearsOptions,
): Promise<MapArrearsResult> {
  const clock = options.elapsedClock ?? (() => performance.now());
  const started = clock();
  const campaignId = campaignIdOf(input.branchCode, input.period);
  const token = randomUUID();
  const lease = await deps.campaigns.acquireMappingLease({
    campaignId,
    branchCode: input.branchCode,
    period: input.period,
    strategy: input.strategy ?? DEFAULT_STRATEGY,
    token,
    until: new Date(options.deadline),
    now: options.now,
  });
  const mapping: Mapping = {
    deps,
    input,
    options,
    // The strategy stored with the campaign wins, so every page of one campaign uses the same rules.
    strategy: parseStrategy(lease.campaign.strategy),
    firstEver: lease.firstEver,
    seen: new Set<string>(),
    result: { campaignId, created: 0, existing: 0, skipped: 0, byBucket: {}, notContactable: 0 },
  };
  let done = false;
  try {
    done = await mapPages(mapping, () => clock() - started >= options.timeBudgetMs);
    if (done) await noteAfterMapping(mapping);
  } finally {
    await deps.campaigns.releaseMappingLease({
      campaignId,
      token,
      created: mapping.result.created,
      done,
      now: options.now,
    });
  }
  return mapping.result;
}

/**
 * Maps the branch's participants in arrears page by page from the input's cursor, reading the next
 * page while one is written. True once the last page is written; false when the budget ran out
 * (the result's cursor says where to go on).
 */
async function mapPages(mapping: Mapping, outOfTime: () => boolean): Promise<boolean> {
  const { deps, input, options, strategy, result } = mapping;
  const fetchPage = (cursor?: string) =>
    deps.participants.pageInArrears(input.branchCode, strategy.minMonths, cursor, options.pageSize);
  if (!input.cursor)
    result.skipped = await deps.participants.countBelow(input.branchCode, strategy.minMonths);
  let page: ParticipantPage = await fetchPage(input.cursor);
  for (;;) {
    // Read the next page while this one is written.
    const next = page.cursor ? fetchPage(page.cursor) : undefined;
    next?.catch(() => undefined);
    await writeNewCases(mapping, await underStatuses(mapping, casesOf(mapping, page.participants)));
    if (!next) return true;
    if (outOfTime()) {
      result.cursor = page.cursor;
      return false;
    }
    page = await next;
  }
}

/** Once the cases are mapped, the participants a month behind for the due-soon reminder. */
async function noteAfterMapping(mapping: Mapping): Promise<void> {
  const { deps, input, options, strategy, result } = mapping;
  if (!deps.dueSoon) return;
  const noted = await noteDueSoon(
    {
      dueSoon: deps.dueSoon,
      ...(deps.profiles ? { profiles: deps.profiles } : {}),
      ...(deps.branches ? { branches: deps.branches } : {}),
    },
    {
      branchCode: input.branchCode,
      period: input.period,
      strategy,
      now: options.now,
      firstEver: mapping.firstEver,
    },
  );
  if (noted > 0) result.dueSoon = noted;
}

/** A case for each eligible participant of a page not mapped before by this invocation. */
function casesOf(mapping: Mapping, participants: readonly Participant[]): Case[] {
  const { input, options, strategy, seen } = mapping;
  const cases: Case[] = [];
  for (const participant of participants) {
    if (seen.has(participant.participantId)) continue;
    seen.add(participant.participantId);
    const classification = classifyParticipant(participant, strategy);
    if (!classification.eligible) continue;
    const campaign = { branchCode: input.branchCode, period: input.period };
    cases.push(openCase(participant, classification, campaign, options.now));
  }
  return cases;
}

/** The page's cases as their participants' lasting statuses have them (one BatchGet per page). */
async function underStatuses(mapping: Mapping, cases: Case[]): Promise<Case[]> {
  const { profiles } = mapping.deps;
  if (!profiles || cases.length === 0) return cases;
  const found = await profiles.getMany(cases.map((c) => c.participantId));
  if (found.size === 0) return cases;
  const { now } = mapping.options;
  // The UTC date: a hold ending today in the branch's zone may still hold for a few hours.
  const today = now.toISOString().slice(0, 10);
  return cases.map((c) => caseUnderProfile(c, found.get(c.participantId), today, now));
}

/** Writes the cases the campaign does not have yet, and counts them. */
async function writeNewCases(mapping: Mapping, cases: readonly Case[]): Promise<void> {
  const { deps, result } = mapping;
  const existing = mapping.firstEver
    ? new Set<string>()
    : await deps.cases.findExisting(
        result.campaignId,
        cases.map((c) => c.participantId),
      );
  const fresh = cases.filter((c) => !existing.has(c.participantId));
  await deps.cases.putNew(fresh);
  result.existing += existing.size;
  result.created += fresh.length;
  for (const c of fresh) {
    result.byBucket[c.bucketId] = (result.byBucket[c.bucketId] ?? 0) + 1;
    if (!c.contactable) result.notContactable++;
    if (c.closeReason === "DECEASED") result.deceased = (result.deceased ?? 0) + 1;
    else if (c.hold?.kind === "PREFERS_CALL") result.prefersCall = (result.prefersCall ?? 0) + 1;
    else if (c.hold) result.onHold = (result.onHold ?? 0) + 1;
    if (c.visitRequested) result.visitRequested = (result.visitRequested ?? 0) + 1;
  }
}

/**
 * The hand-off to kader JKN, at the end of each calling day and at campaign close: the campaign's
 * cases that need a visit go onto the worklist of the kader of their desa or kecamatan, within
 * their weekly capacity; the others stay listed by area for the supervisor.
 */
import type { Clock } from "../channels/clock";
import { mapConcurrent } from "../concurrency";
import type { Branch } from "../domain/branches";
import { campaignIdOf, previousCampaignIdOf } from "../domain/case";
import { type HandoffCase, isoWeekOf, planHandoff } from "../domain/kader-handoff";
import { paidSinceHandoff, type WorklistLine, worklistLine } from "../domain/kader-worklist";
import { localDate } from "../domain/local-time";
import { parseStrategy } from "../domain/strategy";
import type { CampaignStore } from "../store/campaigns";
import type { CaseStore } from "../store/cases";
import type { KaderRosterStore } from "../store/kader";
import type { KaderWorklistStore } from "../store/kader-worklists";
import type { ParticipantStore } from "../store/participants";

export interface KaderHandoffDeps {
  clock: Pick<Clock, "now">;
  branches: ReadonlyMap<string, Branch>;
  campaigns: Pick<CampaignStore, "get">;
  cases: Pick<CaseStore, "page">;
  /** The snapshot rows: the address a visit needs is never on a case. */
  participants: Pick<ParticipantStore, "get">;
  kaderRoster: Pick<KaderRosterStore, "listRoster">;
  worklists: KaderWorklistStore;
}

/** Counts only: the lines themselves hold names and addresses. */
export interface HandoffTally {
  /** New lines on a kader's worklist (waiting lines now assigned included). */
  assigned: number;
  /** New lines without a kader (no area, no kader, ambiguous kecamatan, over capacity). */
  unassigned: number;
  /** Lines already listed whose case has been paid in full since: marked, no visit. */
  paidSince: number;
  /** The week whose capacity the new lines count in. */
  week?: string;
}

/** Bound to its ports by the handler; optional in the campaign phases so handlers without them still run. */
export type KaderHandoff = (input: { branchCode: string; period: string }) => Promise<HandoffTally>;

async function allCases(cases: KaderHandoffDeps["cases"], campaignId: string): Promise<HandoffCase[]> {
  const all: HandoffCase[] = [];
  let cursor: string | undefined;
  do {
    const page = await cases.page(campaignId, cursor);
    all.push(...page.cases);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

/** Lines each kader holds for `week` in this campaign and the month before (a week may span both). */
function loadOf(lines: readonly WorklistLine[], week: string): Map<string, number> {
  const load = new Map<string, number>();
  for (const line of lines) {
    if (line.kaderId && line.week === week) load.set(line.kaderId, (load.get(line.kaderId) ?? 0) + 1);
  }
  return load;
}

export async function handOffToKader(
  deps: KaderHandoffDeps,
  input: { branchCode: string; period: string },
): Promise<HandoffTally> {
  const campaignId = campaignIdOf(input.branchCode, input.period);
  const campaign = await deps.campaigns.get(campaignId);
  const branch = deps.branches.get(input.branchCode);
  // The campaign phases checked both before calling; nothing to hand off without them.
  if (!campaign || !branch) return { assigned: 0, unassigned: 0, paidSince: 0 };
  const now = deps.clock.now();
  const today = localDate(now, branch.timeZone);
  const week = isoWeekOf(today);
  const roster = await deps.kaderRoster.listRoster(input.branchCode);
  const placed = await deps.worklists.listWorklist(campaignId);
  const before = await deps.worklists.listWorklist(previousCampaignIdOf(input.branchCode, input.period));
  const cases = await allCases(deps.cases, campaignId);
  const planned = planHandoff({
    cases,
    roster,
    placed,
    loadThisWeek: loadOf([...placed, ...before], week),
    week,
    today,
    maxAttempts: parseStrategy(campaign.strategy).frequencyCap.perCampaign,
  });
  const lines = await mapConcurrent(planned, 8, async (p) =>
    worklistLine(p, await deps.participants.get(p.case.participantId), { now, week }),
  );
  const replacing = planned.filter((p) => p.replacesUnassigned).map((p) => p.case.participantId);
  // A line whose case has been paid since stays (it counted in its week), marked: no visit.
  const paid = paidSinceHandoff(placed, cases);
  await deps.worklists.addLines(campaignId, [...lines, ...paid], replacing, now);
  const assigned = lines.filter((l) => l.kaderId).length;
  return { assigned, unassigned: lines.length - assigned, paidSince: paid.length, week };
}

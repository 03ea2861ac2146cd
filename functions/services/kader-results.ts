import type { Branch } from "../domain/branches";
import { type Case, campaignIdOf, previousCampaignIdOf } from "../domain/case";
import { interactionFor } from "../domain/interaction";
import type { KaderResult } from "../domain/kader-results";
import { addDays } from "../domain/local-time";
import type { StatusChange } from "../domain/participant-status";
import { maskPhone, normalizePhone } from "../domain/phone";
import { promiseFollowUpAt } from "../domain/promise-to-pay";
import { byKader } from "../domain/report/kader";
import { type CampaignStrategy, parseStrategy } from "../domain/strategy";
import type { CampaignReportRefresh, CampaignStore } from "../store/campaigns";
import type { CaseStore } from "../store/cases";
import type { DialQueue } from "../store/dial-queue";
import type { InteractionStore } from "../store/interactions";
import type { CaseKaderWrites, KaderResultStore, StoredKaderResult } from "../store/kader-results";
import type { ParticipantContactStore } from "../store/participants";
import { type ParticipantStatusDeps, setParticipantStatus } from "./participant-status";

export interface KaderResultsDeps extends ParticipantStatusDeps {
  results: KaderResultStore;
  caseWrites: CaseKaderWrites;
  cases: Pick<CaseStore, "get">;
  campaigns: Pick<CampaignStore, "get">;
  participants: Pick<ParticipantContactStore, "updatePhone">;
  interactions: Pick<DialQueue, "recordInteraction">;
  branches: ReadonlyMap<string, Branch>;
  /**
   * Keeps a closed campaign's stored report counting visits made after its close (its per-kader
   * table, recomputed from the campaign's trail). Absent: the stored report stays as it closed.
   */
  closedReports?: {
    trail: Pick<InteractionStore, "allByCampaign">;
    reports: CampaignReportRefresh;
  };
}

export interface KaderResultsSummary {
  /** Results on an open case: the visit, a promise, a death act on it. */
  applied: number;
  /** What each result did, in the order given. */
  each: StoredKaderResult["applied"][];
  /** Results on a case already closed (or paid): the visit counts for the kader, the case stays as it is. */
  onClosedCase: number;
  /** Results kept (statuses set) for a participant with no case in the branch's latest campaigns. */
  noCase: number;
  byOutcome: Record<string, number>;
}

/**
 * Applies checked kader results of branch `branchCode` (from a file or the API): each is stored
 * (free text redacted), sets the participant's lasting status where its outcome says so (audited,
 * source KADER), and goes to the participant's case of the branch's latest campaign (caseOfVisit).
 * An open case is acted on (closed DECEASED, a promise); a closed one is not (a promise stays the
 * visit's outcome only). Either way the visit leaves a KADER_VISIT interaction on the case, so it
 * counts for the kader, and so does a payment after it. Applying the same result again changes
 * nothing more.
 */
export async function applyKaderResults(
  deps: KaderResultsDeps,
  branchCode: string,
  results: readonly KaderResult[],
  by: { username: string; now: Date },
): Promise<KaderResultsSummary> {
  const branch = deps.branches.get(branchCode);
  if (!branch) throw new RangeError(`unknown branch ${branchCode}`);
  const summary: KaderResultsSummary = { applied: 0, each: [], onClosedCase: 0, noCase: 0, byOutcome: {} };
  const closedCampaigns = new Set<string>();
  for (const result of results) {
    const stored = await applyOne(deps, branch, result, by);
    summary.each.push(stored.applied);
    if (stored.applied === "APPLIED") summary.applied++;
    else if (stored.applied === "NO_CASE") summary.noCase++;
    else {
      summary.onClosedCase++;
      if (stored.campaignId) closedCampaigns.add(stored.campaignId);
    }
    summary.byOutcome[result.outcome] = (summary.byOutcome[result.outcome] ?? 0) + 1;
  }
  await refreshClosedReports(deps, closedCampaigns);
  return summary;
}

/** One result: the participant's statuses, the case it counts on, and the result stored. */
async function applyOne(
  deps: KaderResultsDeps,
  branch: Branch,
  result: KaderResult,
  by: { username: string; now: Date },
): Promise<StoredKaderResult> {
  const c = await caseOfVisit(deps, branch.code, result);
  const strategy = await strategyOf(deps, c);
  await setParticipantStatus(deps, result.participantId, statusChangesOf(result, strategy), {
    setBy: `kader:${result.kaderId}`,
    at: result.visitedAt,
    source: "KADER",
    why: result.outcome,
  });
  if (result.outcome === "PHONE_UPDATED" && result.newPhone) await updatePhone(deps, result, by.now);
  if (c) await onCase(deps, c, result, strategy, branch, by.now);
  const stored: StoredKaderResult = {
    ...result,
    branchCode: branch.code,
    applied: !c ? "NO_CASE" : c.status === "OPEN" ? "APPLIED" : "ON_CLOSED_CASE",
    ...(c ? { campaignId: c.campaignId } : {}),
    receivedAt: by.now.toISOString(),
    receivedBy: by.username,
  };
  await deps.results.put(stored);
  return stored;
}

/** The stored reports of closed campaigns that got visits, their per-kader table recomputed. */
async function refreshClosedReports(deps: KaderResultsDeps, campaignIds: ReadonlySet<string>) {
  if (!deps.closedReports) return;
  const { trail, reports } = deps.closedReports;
  for (const campaignId of campaignIds) {
    // A campaign still running has no stored report yet: its report will read the trail anyway.
    if (!(await deps.campaigns.get(campaignId))?.report) continue;
    await reports.setKaderFigures(campaignId, byKader(await trail.allByCampaign(campaignId)));
  }
}

/**
 * The participant's case the visit counts on: in the branch's campaign of the visit's month, else
 * in the month before (a line handed off at a campaign's close is often visited after it, when the
 * next month's campaign has not mapped the participant yet). Open or closed.
 */
async function caseOfVisit(deps: KaderResultsDeps, branchCode: string, r: KaderResult) {
  const month = r.visitedAt.slice(0, 7);
  return (
    (await deps.cases.get(campaignIdOf(branchCode, month), r.participantId)) ??
    (await deps.cases.get(previousCampaignIdOf(branchCode, month), r.participantId))
  );
}

async function strategyOf(deps: KaderResultsDeps, c: Case | undefined): Promise<CampaignStrategy> {
  const campaign = c ? await deps.campaigns.get(c.campaignId) : undefined;
  return parseStrategy(campaign?.strategy ?? {});
}

/** The lasting statuses a visit sets: deceased, a hold after a refusal or a complaint, a confirmed number. */
export function statusChangesOf(r: KaderResult, strategy: Pick<CampaignStrategy, "doNotContactDays">) {
  const until = addDays(r.visitedAt.slice(0, 10), strategy.doNotContactDays);
  const changes: StatusChange[] = [];
  if (r.outcome === "DECEASED") changes.push({ kind: "DECEASED" });
  if (r.outcome === "VISITED_REFUSED") changes.push({ kind: "DO_NOT_CONTACT", until, reason: "REFUSED" });
  if (r.outcome === "COMPLAINT")
    changes.push({ kind: "DO_NOT_CONTACT", until, reason: "COMPLAINT_UNDER_REVIEW" });
  if (r.outcome === "PHONE_UPDATED" && r.newPhone)
    changes.push({ kind: "NUMBER", phone: r.newPhone, status: "CONFIRMED" });
  return changes;
}

async function updatePhone(deps: KaderResultsDeps, r: KaderResult, now: Date) {
  const phone = normalizePhone(r.newPhone ?? "");
  if (phone.ok)
    await deps.participants.updatePhone(r.participantId, { e164: phone.e164, type: phone.type }, now);
}

/** What the visit does to an open case, and its KADER_VISIT interaction on any case. */
async function onCase(
  deps: KaderResultsDeps,
  c: Case,
  r: KaderResult,
  strategy: CampaignStrategy,
  branch: Branch,
  now: Date,
) {
  const key = { campaignId: c.campaignId, participantId: c.participantId };
  const open = c.status === "OPEN";
  if (open && r.outcome === "DECEASED") await deps.caseWrites.closeDeceased(key, now);
  if (open && r.outcome === "VISITED_PROMISED" && r.promiseDate) {
    const amount = Math.max(0, c.amountDue - c.amountPaid);
    const promise = {
      amount,
      date: r.promiseDate,
      status: "PENDING" as const,
      agentId: `kader:${r.kaderId}`,
      // When it was made, so the same result sent again writes the same promise.
      recordedAt: r.visitedAt,
    };
    const grace = strategy.calls.promiseGraceDays;
    const next = promiseFollowUpAt(r.promiseDate, grace, branch.timeZone, branch.contactWindow);
    await deps.caseWrites.setPromise(key, promise, next.toISOString());
  }
  const detail: Record<string, string | number | boolean> = { outcome: r.outcome, kaderId: r.kaderId };
  if (r.promiseDate) detail.promiseDate = r.promiseDate;
  if (r.newPhone) detail.newPhone = maskPhone(r.newPhone);
  // Visited after the case closed: counted for the kader, nothing live on the case.
  if (!open) detail.caseClosed = true;
  await deps.interactions.recordInteraction(
    interactionFor(c, "KADER_VISIT", new Date(r.visitedAt), `${r.kaderId}#${r.outcome}`, {
      agentId: `kader:${r.kaderId}`,
      detail,
    }),
  );
}

import type { Branch } from "../domain/branches";
import { type Case, campaignIdOf } from "../domain/case";
import { interactionFor } from "../domain/interaction";
import type { KaderResult } from "../domain/kader-results";
import { addDays } from "../domain/local-time";
import type { StatusChange } from "../domain/participant-status";
import { maskPhone, normalizePhone } from "../domain/phone";
import { promiseFollowUpAt } from "../domain/promise-to-pay";
import { type CampaignStrategy, parseStrategy } from "../domain/strategy";
import type { CampaignStore } from "../store/campaigns";
import type { CaseStore } from "../store/cases";
import type { DialQueue } from "../store/dial-queue";
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
}

export interface KaderResultsSummary {
  applied: number;
  /** Results kept (statuses set) for a participant with no open case in the visit's month. */
  noOpenCase: number;
  byOutcome: Record<string, number>;
}

/**
 * Applies checked kader results of branch `branchCode` (from a file or the API): each is stored
 * (free text redacted), sets the participant's lasting status where its outcome says so (audited,
 * source KADER), acts on the open case of the visit's month (closed DECEASED, a promise), and
 * leaves a KADER_VISIT interaction, so a payment after a visit can be counted for the kader.
 * Applying the same result again changes nothing more.
 */
export async function applyKaderResults(
  deps: KaderResultsDeps,
  branchCode: string,
  results: readonly KaderResult[],
  by: { username: string; now: Date },
): Promise<KaderResultsSummary> {
  const branch = deps.branches.get(branchCode);
  if (!branch) throw new RangeError(`unknown branch ${branchCode}`);
  const summary: KaderResultsSummary = { applied: 0, noOpenCase: 0, byOutcome: {} };
  for (const result of results) {
    const c = await openCaseOf(deps, branchCode, result);
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
      branchCode,
      applied: c ? "APPLIED" : "NO_OPEN_CASE",
      receivedAt: by.now.toISOString(),
      receivedBy: by.username,
    };
    await deps.results.put(stored);
    if (c) summary.applied++;
    else summary.noOpenCase++;
    summary.byOutcome[result.outcome] = (summary.byOutcome[result.outcome] ?? 0) + 1;
  }
  return summary;
}

async function openCaseOf(deps: KaderResultsDeps, branchCode: string, r: KaderResult) {
  const c = await deps.cases.get(campaignIdOf(branchCode, r.visitedAt.slice(0, 7)), r.participantId);
  return c?.status === "OPEN" ? c : undefined;
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

/** What the visit does to the open case, and its KADER_VISIT interaction. */
async function onCase(
  deps: KaderResultsDeps,
  c: Case,
  r: KaderResult,
  strategy: CampaignStrategy,
  branch: Branch,
  now: Date,
) {
  const key = { campaignId: c.campaignId, participantId: c.participantId };
  if (r.outcome === "DECEASED") await deps.caseWrites.closeDeceased(key, now);
  if (r.outcome === "VISITED_PROMISED" && r.promiseDate) {
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
  await deps.interactions.recordInteraction(
    interactionFor(c, "KADER_VISIT", new Date(r.visitedAt), `${r.kaderId}#${r.outcome}`, {
      agentId: `kader:${r.kaderId}`,
      detail,
    }),
  );
}

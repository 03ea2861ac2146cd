import { branchTimeZone } from "../../functions/domain/branches";
import { type Case, campaignIdOf } from "../../functions/domain/case";
import type { Kader } from "../../functions/domain/kader";
import { isoWeekOf } from "../../functions/domain/kader-handoff";
import type { KaderOutcome, KaderResult } from "../../functions/domain/kader-results";
import type { WorklistLine } from "../../functions/domain/kader-worklist";
import { addDays, isoWeekdayOf, localDate, localInstant } from "../../functions/domain/local-time";
import { maskParticipantId } from "../../functions/domain/masking";
import { applyKaderResults, type KaderResultsDeps } from "../../functions/services/kader-results";
import type { KaderRosterStore } from "../../functions/store/kader";
import type { StoredKaderResult } from "../../functions/store/kader-results";
import type { KaderWorklistStore } from "../../functions/store/kader-worklists";
import type { SimulatedClock } from "./clock";
import type { SimulatedPayers } from "./payers";
import { between, chance, weighted } from "./random";

export interface KaderVisitProbabilities {
  /** Shares of the outcomes of a visit (weights). */
  outcomes: Record<KaderOutcome, number>;
  /** Chance a line due a visit is visited in a given week (volunteers do not reach every house). */
  visitedInWeek: number;
  /** A promise's date: this many days after the visit, inclusive. */
  promiseDays: [number, number];
}

export const DEFAULT_KADER_VISIT_PROBABILITIES: KaderVisitProbabilities = {
  outcomes: {
    NOT_HOME: 30,
    VISITED_PROMISED: 30,
    VISITED_REFUSED: 10,
    MOVED: 8,
    PHONE_UPDATED: 10,
    REGISTERED_AUTODEBET: 5,
    COMPLAINT: 4,
    DECEASED: 3,
  },
  visitedInWeek: 0.8,
  promiseDays: [3, 10],
};

/** Kader visit on Saturdays at 10:00 in their branch's zone, once a week. */
const VISIT_WEEKDAY = 6;
const VISIT_MINUTES = 10 * 60;

export interface PlanInput {
  lines: readonly WorklistLine[];
  roster: readonly Kader[];
  /** `<campaignId>#<participantId>` of the lines already visited. */
  visited: ReadonlySet<string>;
  now: Date;
  timeZone: string;
  seed: number;
  probabilities?: KaderVisitProbabilities;
}

export const visitKey = (line: Pick<WorklistLine, "campaignId" | "participantId">) =>
  `${line.campaignId}#${line.participantId}`;

/**
 * This week's visits of a branch's kader, pure: per kader, the lines handed to them by `now` and
 * not yet visited, best priority first, each visited with a seeded chance, up to the kader's
 * capacity; outcomes keyed by participant and week, so the same seed gives the same visits.
 */
export function planKaderVisits(input: PlanInput): KaderResult[] {
  const p = input.probabilities ?? DEFAULT_KADER_VISIT_PROBABILITIES;
  const today = localDate(input.now, input.timeZone);
  const week = isoWeekOf(today);
  const results: KaderResult[] = [];
  for (const kader of [...input.roster].sort((a, b) => a.kaderId.localeCompare(b.kaderId))) {
    const due = input.lines
      .filter(
        (l) =>
          l.kaderId === kader.kaderId &&
          !l.paid &&
          Date.parse(l.handedOffAt) <= input.now.getTime() &&
          !input.visited.has(visitKey(l)),
      )
      .sort(
        (a, b) =>
          b.priority - a.priority ||
          a.handedOffAt.localeCompare(b.handedOffAt) ||
          a.participantId.localeCompare(b.participantId),
      )
      .filter((l) => chance(p.visitedInWeek, input.seed, "kader-visit", l.participantId, week))
      .slice(0, kader.capacityPerWeek);
    for (const line of due) results.push(visitResult(line, kader.kaderId, today, week, input, p));
  }
  return results;
}

function visitResult(
  line: WorklistLine,
  kaderId: string,
  today: string,
  week: string,
  input: PlanInput,
  p: KaderVisitProbabilities,
): KaderResult {
  const keys = [line.participantId, week] as const;
  const outcome = weighted(p.outcomes, input.seed, "kader-outcome", ...keys);
  const result: KaderResult = {
    kaderId,
    participantId: line.participantId,
    visitedAt: input.now.toISOString(),
    outcome,
  };
  if (outcome === "VISITED_PROMISED")
    result.promiseDate = addDays(today, between(...p.promiseDays, input.seed, "kader-promise", ...keys));
  if (outcome === "VISITED_REFUSED") result.reason = "Peserta belum bersedia membayar tunggakan.";
  if (outcome === "COMPLAINT") result.text = "Peserta menyampaikan keberatan atas jumlah tagihan.";
  if (outcome === "PHONE_UPDATED")
    result.newPhone = `+62812${String(between(10_000_000, 99_999_999, input.seed, "kader-phone", ...keys))}`;
  return result;
}

/** The Saturdays 10:00 (branch's zone) from `from` to the end of `period` (YYYY-MM). */
export function visitDays(period: string, from: Date, timeZone: string): Date[] {
  const days: Date[] = [];
  for (let date = localDate(from, timeZone); date.startsWith(period); date = addDays(date, 1)) {
    const at = localInstant(date, VISIT_MINUTES, timeZone);
    if (isoWeekdayOf(date) === VISIT_WEEKDAY && at.getTime() >= from.getTime()) days.push(at);
  }
  return days;
}

/** One applied visit as the run's kader-results.jsonl shows it (participant masked). */
export interface SimulatedVisit {
  branchCode: string;
  kaderId: string;
  participant: string;
  visitedAt: string;
  outcome: KaderOutcome;
  promiseDate?: string;
  applied: StoredKaderResult["applied"];
  /** The payment the promise brought, when the participant keeps it (through the webhook). */
  payment?: { amount: number; paidAt: string };
}

export interface SimulatedKaderVisitsOptions {
  clock: SimulatedClock;
  seed: number;
  deps: KaderResultsDeps;
  worklists: Pick<KaderWorklistStore, "listWorklist">;
  roster: Pick<KaderRosterStore, "listRoster">;
  payers: Pick<SimulatedPayers, "afterDisposition">;
  onError: (error: unknown) => void;
  probabilities?: KaderVisitProbabilities;
}

/**
 * Simulated kader: each Saturday of the campaign they visit part of their worklist, and the results
 * come back through `applyKaderResults`, as `telecollect kader results` applies a file. A promise
 * made at the door is kept as the payers keep an agent's promise, paid through the webhook.
 */
export class SimulatedKaderVisits {
  private readonly visited = new Set<string>();
  private readonly done: SimulatedVisit[] = [];

  constructor(private readonly options: SimulatedKaderVisitsOptions) {}

  /** Schedules the weekly visits of the branch's campaign of `period`, from `from`. */
  start(branchCode: string, period: string, from: Date): void {
    const timeZone = branchTimeZone(this.options.deps.branches, branchCode);
    for (const at of visitDays(period, from, timeZone))
      this.options.clock.schedule(
        at,
        () => this.visitRound(branchCode, period, timeZone),
        this.options.onError,
      );
  }

  visits(): readonly SimulatedVisit[] {
    return this.done;
  }

  private async visitRound(branchCode: string, period: string, timeZone: string): Promise<void> {
    const { clock, seed, deps } = this.options;
    const campaignId = campaignIdOf(branchCode, period);
    const now = clock.now();
    const planned = planKaderVisits({
      lines: await this.options.worklists.listWorklist(campaignId),
      roster: await this.options.roster.listRoster(branchCode),
      visited: this.visited,
      now,
      timeZone,
      seed,
      ...(this.options.probabilities ? { probabilities: this.options.probabilities } : {}),
    });
    const before: (Case | undefined)[] = [];
    for (const result of planned) {
      this.visited.add(visitKey({ campaignId, participantId: result.participantId }));
      before.push(await deps.cases.get(campaignId, result.participantId));
    }
    // One call per round: a closed campaign's stored report is refreshed once, not per visit.
    const summary = await applyKaderResults(deps, branchCode, planned, { username: "sim:kader", now });
    planned.forEach((result, i) => {
      const applied = summary.each[i] ?? "NO_CASE";
      const visit: SimulatedVisit = {
        branchCode,
        kaderId: result.kaderId,
        participant: maskParticipantId(result.participantId),
        visitedAt: result.visitedAt,
        outcome: result.outcome,
        ...(result.promiseDate ? { promiseDate: result.promiseDate } : {}),
        applied,
      };
      const c = before[i];
      if (c && applied === "APPLIED" && result.promiseDate) {
        const payment = this.options.payers.afterDisposition({
          caseId: c.caseId,
          participantId: result.participantId,
          code: "PROMISE_TO_PAY",
          promiseDate: result.promiseDate,
          amountDue: c.amountDue - c.amountPaid,
          at: now,
        });
        if (payment) visit.payment = { amount: payment.amount, paidAt: payment.paidAt };
      }
      this.done.push(visit);
    });
  }
}

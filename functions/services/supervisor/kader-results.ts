import {
  type KaderResult,
  type KaderResultColumn,
  type KaderResultProblem,
  validateKaderResult,
} from "../../domain/kader-results";
import type { KaderRosterStore } from "../../store/kader";
import { applyKaderResults, type KaderResultsDeps, type KaderResultsSummary } from "../kader-results";

/** One result as a form sends it: the CSV's columns, each a string (absent: empty). */
export type KaderResultInput = Partial<Record<KaderResultColumn, string>>;

/** A problem of the result at `index` of the request. */
export interface IndexedKaderResultProblem extends KaderResultProblem {
  index: number;
}

export type ReceivedKaderResults =
  | { ok: true; summary: KaderResultsSummary }
  | { ok: false; problems: IndexedKaderResultProblem[] };

/**
 * Kader results sent by a form (the API's entry point): every result checked against the
 * branch's roster as a results file's rows are; one bad result and none is applied (the sender
 * corrects and sends again), otherwise all are applied as `telecollect kader results` does.
 */
export async function receiveKaderResults(
  deps: KaderResultsDeps & { kaderRoster: Pick<KaderRosterStore, "listRoster"> },
  input: { branchCode: string; results: readonly KaderResultInput[]; username: string; now: Date },
): Promise<ReceivedKaderResults> {
  const roster = new Map((await deps.kaderRoster.listRoster(input.branchCode)).map((k) => [k.kaderId, k]));
  const checked: KaderResult[] = [];
  const problems: IndexedKaderResultProblem[] = [];
  input.results.forEach((row, index) => {
    const cell = (c: KaderResultColumn) => (row[c] ?? "").trim();
    const one = validateKaderResult(cell, roster, input.branchCode, input.now);
    if (one.ok) checked.push(one.result);
    else problems.push(...one.problems.map((p) => ({ ...p, index })));
  });
  if (problems.length > 0) return { ok: false, problems };
  const summary = await applyKaderResults(deps, input.branchCode, checked, {
    username: input.username,
    now: input.now,
  });
  return { ok: true, summary };
}

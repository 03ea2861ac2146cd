import { fileURLToPath } from "node:url";
import { SAMPLE_BRANCHES } from "../functions/domain/branches";
import type { Kader } from "../functions/domain/kader";
import type { WorklistLine } from "../functions/domain/kader-worklist";
import { readKaderFile } from "../functions/import/kader-import";
import { DynamoKaderStore } from "../functions/store/kader";
import { DynamoKaderWorklistStore } from "../functions/store/kader-worklists";
import type { LocalRuntime } from "./runtime";

/** The sample branches' kader roster, bundled with the sample population (whose areas it serves). */
export const SAMPLE_KADER_FILE = fileURLToPath(new URL("../data/sample-kader.csv", import.meta.url));

/** Loads a roster file into the kader table, as `telecollect kader import` would, before the campaigns. */
export async function importKaderRoster(runtime: LocalRuntime, file: string, now: Date): Promise<number> {
  const roster = await readKaderFile(file, SAMPLE_BRANCHES);
  const store = new DynamoKaderStore(runtime.doc, runtime.tables.kader);
  let imported = 0;
  for (const [branch, kader] of roster.byBranch)
    imported += (await store.replaceRoster(branch, kader, now)).written;
  return imported;
}

/** What the month handed to kader: each campaign's worklist lines, and the rosters they name. */
export interface KaderWorklists {
  lines: WorklistLine[];
  roster: Map<string, Kader>;
}

export async function readKaderWorklists(
  runtime: LocalRuntime,
  campaigns: readonly { branchCode: string; campaignId: string }[],
): Promise<KaderWorklists> {
  const worklists = new DynamoKaderWorklistStore(runtime.doc, runtime.tables.kader);
  const rosters = new DynamoKaderStore(runtime.doc, runtime.tables.kader);
  const lines: WorklistLine[] = [];
  const roster = new Map<string, Kader>();
  for (const { branchCode, campaignId } of campaigns) {
    lines.push(...(await worklists.listWorklist(campaignId)));
    for (const k of await rosters.listRoster(branchCode)) roster.set(k.kaderId, k);
  }
  return { lines, roster };
}

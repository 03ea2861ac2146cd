import { fileURLToPath } from "node:url";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_RETENTION_DAYS, type TableNames } from "../functions/contracts";
import { branchIndex, SAMPLE_BRANCHES } from "../functions/domain/branches";
import type { Kader } from "../functions/domain/kader";
import type { WorklistLine } from "../functions/domain/kader-worklist";
import { readKaderFile } from "../functions/import/kader-import";
import type { KaderResultsDeps } from "../functions/services/kader-results";
import { DynamoCampaignStore } from "../functions/store/campaigns";
import { DynamoCaseStore } from "../functions/store/cases";
import { DynamoDialQueue } from "../functions/store/dynamo-dial-queue";
import { DynamoInteractionStore } from "../functions/store/interactions";
import { DynamoKaderStore } from "../functions/store/kader";
import { DynamoKaderResultStore } from "../functions/store/kader-results";
import { DynamoKaderWorklistStore } from "../functions/store/kader-worklists";
import { DynamoParticipantAuditStore } from "../functions/store/participant-audit";
import { DynamoParticipantStore } from "../functions/store/participants";
import { DynamoProfileStore } from "../functions/store/profiles";
import type { LocalRuntime } from "./runtime";
import type { SimulatedClock } from "./sim/clock";
import { SimulatedKaderVisits } from "./sim/kader-visits";
import type { SimulatedPayers } from "./sim/payers";

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

/**
 * Simulated kader visiting each Saturday of the branches' campaigns of `period`, their results
 * applied with the stores `telecollect kader results --local` uses.
 */
export function startKaderVisits(
  runtime: LocalRuntime,
  sim: { clock: SimulatedClock; payers: SimulatedPayers; seed: number },
  branchCodes: readonly string[],
  period: string,
): SimulatedKaderVisits {
  const visits = new SimulatedKaderVisits({
    ...sim,
    deps: kaderResultsDeps(runtime.doc, runtime.tables, branchIndex(runtime.config.branches)),
    worklists: new DynamoKaderWorklistStore(runtime.doc, runtime.tables.kader),
    roster: new DynamoKaderStore(runtime.doc, runtime.tables.kader),
    onError: (error) => console.error("simulation error (kader visits):", error),
  });
  const from = sim.clock.now();
  for (const branchCode of branchCodes) visits.start(branchCode, period, from);
  return visits;
}

/**
 * The stores applying kader results need, on a target's tables: DynamoDB Local here and for
 * `telecollect kader results --local`, the stack's tables for the CLI's AWS target.
 */
export function kaderResultsDeps(
  doc: DynamoDBDocumentClient,
  tables: TableNames,
  branches: KaderResultsDeps["branches"],
): KaderResultsDeps {
  const results = new DynamoKaderResultStore(doc, tables);
  const campaigns = new DynamoCampaignStore(doc, tables.campaigns);
  return {
    results,
    caseWrites: results,
    cases: new DynamoCaseStore(doc, tables.cases),
    campaigns,
    closedReports: {
      trail: new DynamoInteractionStore(doc, tables.interactions, DEFAULT_RETENTION_DAYS.interactions),
      reports: campaigns,
    },
    participants: new DynamoParticipantStore(doc, tables.participants),
    interactions: new DynamoDialQueue(doc, tables, DEFAULT_RETENTION_DAYS.interactions),
    profiles: new DynamoProfileStore(doc, tables.profiles),
    audit: new DynamoParticipantAuditStore(doc, tables.audit),
    branches,
  };
}

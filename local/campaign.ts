import "./environment";
import "./asl/polyfill";
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SAMPLE_BRANCHES } from "../functions/domain/branches";
import { campaignExecutionName } from "../functions/domain/campaign-naming";
import type { CampaignReport } from "../functions/domain/campaign-report";
import { type Case, campaignIdOf } from "../functions/domain/case";
import { localInstant } from "../functions/domain/local-time";
import { maskPhone } from "../functions/domain/phone";
import { type ImportSummary, importArrears } from "../functions/import/arrears-import";
import { caseRow, renderCasesCsv } from "../functions/reports/cases";
import { DynamoCampaignStore } from "../functions/store/campaigns";
import { allCases, DynamoCaseStore } from "../functions/store/cases";
import { createDocumentClient } from "../functions/store/client";
import { DynamoInteractionStore, type Interaction } from "../functions/store/interactions";
import { DynamoParticipantStore } from "../functions/store/participants";
import type { SimulatedContactCenter } from "./adapters/contact-center";
import type { SmsFaultInjector } from "./adapters/sms-outbox";
import type { ExecutionDescription, RunnerStats } from "./asl/runner";
import { invokeLocally } from "./lambda";
import { DynamoMeter, type DynamoUsage } from "./metering";
import { type DataDirState, startRuntime } from "./runtime";
import { CSV_HEADER, iterateArrearsRows, toCsvLine } from "./sample/population";
import { SimulatedClock } from "./sim/clock";
import { type Handler, startLocalSystem } from "./system";

export interface LocalCampaignOptions {
  /** The arrears snapshot; ignored when `participants` asks for a generated population. */
  dataFile: string;
  /** Generate this many participants (seeded) instead of reading `dataFile`. */
  participants?: number;
  seed: number;
  period: string;
  /** Branch codes; all with participants when empty. */
  branches: string[];
  outDir: string;
  dataDir?: string;
  quotas?: { smsPerSecond?: number; callStartsPerSecond?: number; maxConcurrentCalls?: number };
  faults?: {
    sms?: SmsFaultInjector;
    dialer?: ConstructorParameters<typeof SimulatedContactCenter>[0]["faults"];
    dropEvent?: (contactId: string) => boolean;
    /** An error thrown instead of running this invocation of a handler (e.g. a Lambda timeout). */
    invocation?: (functionName: string, invocation: number) => Error | undefined;
  };
  /** Told once DynamoDB Local runs: what `dataDir` held (absent in memory). */
  onDataDir?: (state: DataDirState) => void;
  /** Called about once a second (real time) with where the simulation is. */
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  simulatedNow: string;
  smsSent: number;
  callsStarted: number;
  paymentsPosted: number;
  campaignsRunning: number;
}

export interface BranchOutcome {
  branchCode: string;
  campaignId: string;
  execution: ExecutionDescription;
  report?: CampaignReport;
}

export interface LocalCampaignResult {
  imported: ImportSummary;
  outcomes: BranchOutcome[];
  stats: RunnerStats;
  /** Invocations and real time spent per handler (the payment webhook's included). */
  handlerInvocations: Record<string, { count: number; ms: number }>;
  /** DynamoDB requests and request units: the import's, and the campaigns' (every handler). */
  dynamo: { import: DynamoUsage; campaigns: DynamoUsage };
  wallMs: number;
  simulatedStart: string;
  simulatedEnd: string;
  counts: {
    sms: number;
    smsSegments: number;
    calls: number;
    /** Dial to hang-up of every call, as Connect bills voice and telephony. */
    voiceMinutes: number;
    payments: number;
    interactions: number;
  };
  /** Per state machine (campaign, dialing-day): executions and state transitions. */
  transitionsByMachine: Record<string, { executions: number; transitions: number }>;
  files: string[];
  cases: Case[];
}

/** Campaigns start on the 11th at 08:00 WIB (premiums are due before the 10th), as the schedule does. */
export function campaignStart(period: string): Date {
  return localInstant(`${period}-11`, 8 * 60, "Asia/Jakarta");
}

async function generatedSnapshot(options: LocalCampaignOptions): Promise<string> {
  const path = join(options.outDir, "generated-arrears.csv");
  const out = createWriteStream(path);
  out.write(`${CSV_HEADER}\n`);
  for (const row of iterateArrearsRows({ seed: options.seed, count: options.participants ?? 0 })) {
    if (!out.write(`${toCsvLine(row)}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => {
    out.once("error", reject);
    out.end(resolve);
  });
  return path;
}

/**
 * A whole month of campaigns on this machine: DynamoDB Local, the same ASL definitions and
 * handlers as in AWS, a simulated contact center, SMS outbox and paying population, a real
 * HTTP webhook, all on a simulated clock.
 */
export async function runLocalCampaign(options: LocalCampaignOptions): Promise<LocalCampaignResult> {
  const wallStart = performance.now();
  await mkdir(options.outDir, { recursive: true });
  const runtime = await startRuntime(options.dataDir ? { dataDir: options.dataDir } : {});
  const cleanups: (() => Promise<void>)[] = [() => runtime.stop()];
  try {
    if (runtime.dataDir) options.onDataDir?.(runtime.dataDir);
    const importMeter = new DynamoMeter().attach(runtime.doc);
    const participants = new DynamoParticipantStore(runtime.doc, runtime.tables.participants);
    const caseStore = new DynamoCaseStore(runtime.doc, runtime.tables.cases);
    const source = options.participants ? await generatedSnapshot(options) : options.dataFile;
    const imported = await importArrears({
      source,
      branches: SAMPLE_BRANCHES,
      store: participants,
      now: campaignStart(options.period),
      rejectedRowsPath: join(options.outDir, "rejected-rows.csv"),
      contactUpdatesPath: join(options.outDir, "contact-updates.csv"),
      ...(options.branches.length > 0 ? { branchFilter: options.branches } : {}),
    });
    importMeter.stop();
    const branchCodes = Object.entries(imported.byBranch)
      .filter(([, counts]) => counts.imported > 0)
      .map(([code]) => code);

    const clock = new SimulatedClock(campaignStart(options.period));
    const invocations: Record<string, { count: number; ms: number }> = {};
    const invoke = (name: string, handler: Handler) => (event: unknown) =>
      clock.run(async () => {
        const started = performance.now();
        const entry = invocations[name] ?? { count: 0, ms: 0 };
        invocations[name] = entry;
        try {
          const fault = options.faults?.invocation?.(name, entry.count + 1);
          if (fault) throw fault;
          return await invokeLocally(handler, event, { functionName: name, timeoutMs: 900_000 });
        } catch (error) {
          if (process.env.TELECOLLECT_TRACE_ERRORS) console.error(name, error);
          throw error;
        } finally {
          entry.count++;
          entry.ms += performance.now() - started;
        }
      });
    // The handlers' own client, so the campaigns' DynamoDB requests are counted apart from the import's.
    const handlersDoc = createDocumentClient({ endpoint: runtime.dynamo.endpoint });
    const system = await startLocalSystem({
      runtime,
      clock,
      invoke,
      seed: options.seed,
      documentClient: handlersDoc,
      ...(options.quotas ? { quotas: definedQuotas(options.quotas) } : {}),
      onWebhookInvoked: (name, ms) => {
        const entry = invocations[name] ?? { count: 0, ms: 0 };
        invocations[name] = entry;
        entry.count++;
        entry.ms += ms;
      },
      ...(options.faults ? { faults: options.faults } : {}),
    });
    cleanups.push(() => system.close());
    const { payers, outbox, contactCenter, notifier, machines } = system;
    const campaignMeter = new DynamoMeter().attach(handlersDoc);

    let running = branchCodes.length;
    const ticker = setInterval(() => {
      options.onProgress?.({
        simulatedNow: clock.now().toISOString(),
        smsSent: outbox.messages().length,
        callsStarted: contactCenter.calls().length,
        paymentsPosted: payers.payments().length,
        campaignsRunning: running,
      });
    }, 1_000);
    cleanups.push(async () => clearInterval(ticker));

    // Branches run concurrently, each its own execution, as the monthly schedule starts them.
    const executions = await Promise.all(
      branchCodes.map(async (branchCode) => {
        const execution = await machines.run(
          "campaign",
          { branchCode, period: options.period, strategy: null },
          campaignExecutionName(branchCode, options.period),
        );
        running--;
        return { branchCode, execution };
      }),
    );
    const lastClosed = clock.now();
    // Payments and call outcomes scheduled after the last close still land (and are counted).
    await clock.settle();
    campaignMeter.stop();

    const campaigns = new DynamoCampaignStore(runtime.doc, runtime.tables.campaigns);
    const outcomes: BranchOutcome[] = [];
    const cases: Case[] = [];
    for (const { branchCode, execution } of executions) {
      const campaignId = campaignIdOf(branchCode, options.period);
      const campaign = await campaigns.get(campaignId);
      outcomes.push({
        branchCode,
        campaignId,
        execution,
        ...(campaign?.report ? { report: campaign.report } : {}),
      });
      cases.push(...(await allCases(caseStore, campaignId)));
    }
    const interactions = new DynamoInteractionStore(runtime.doc, runtime.tables.interactions, 1);
    const trail: Interaction[] = [];
    for (const { campaignId } of outcomes) trail.push(...(await interactions.allByCampaign(campaignId)));

    const files = await writeOutputs(options.outDir, {
      outcomes,
      cases,
      trail,
      // The outbox's own record keeps the number; the file a person reads gets it masked.
      sms: outbox.messages().map((m) => ({ ...m, phone: maskPhone(m.phone) })),
      calls: contactCenter.calls(),
      notifications: notifier.sent,
      stats: machines.stats(),
    });
    return {
      imported,
      outcomes,
      stats: machines.stats(),
      handlerInvocations: invocations,
      dynamo: { import: importMeter.snapshot(), campaigns: campaignMeter.snapshot() },
      wallMs: performance.now() - wallStart,
      simulatedStart: campaignStart(options.period).toISOString(),
      simulatedEnd: lastClosed.toISOString(),
      transitionsByMachine: transitionsByMachine(machines.stats()),
      counts: {
        sms: outbox.messages().length,
        smsSegments: outbox.messages().reduce((n, m) => n + m.segments, 0),
        calls: contactCenter.calls().length,
        voiceMinutes: voiceMinutes(contactCenter.calls()),
        payments: payers.payments().length,
        interactions: trail.length,
      },
      files,
      cases,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

/** The quotas a run asks for (0 or absent: the config's). */
function definedQuotas(quotas: NonNullable<LocalCampaignOptions["quotas"]>) {
  return Object.fromEntries(Object.entries(quotas).filter(([, value]) => value)) as typeof quotas;
}

function transitionsByMachine(stats: RunnerStats): LocalCampaignResult["transitionsByMachine"] {
  const byMachine: LocalCampaignResult["transitionsByMachine"] = {};
  for (const e of stats.executions) {
    const entry = byMachine[e.stateMachineName] ?? { executions: 0, transitions: 0 };
    byMachine[e.stateMachineName] = entry;
    entry.executions++;
    entry.transitions += e.stateTransitions;
  }
  return byMachine;
}

function voiceMinutes(calls: readonly { startedAt: string; endedAt?: string }[]): number {
  const ms = calls.reduce(
    (n, c) => n + (c.endedAt ? new Date(c.endedAt).getTime() - new Date(c.startedAt).getTime() : 0),
    0,
  );
  return ms / 60_000;
}

async function writeOutputs(
  outDir: string,
  data: {
    outcomes: BranchOutcome[];
    cases: Case[];
    trail: Interaction[];
    sms: readonly unknown[];
    calls: readonly unknown[];
    notifications: readonly unknown[];
    stats: RunnerStats;
  },
): Promise<string[]> {
  const jsonl = (rows: readonly unknown[]) =>
    rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
  const files: Record<string, string> = {
    "report.json": `${JSON.stringify(
      {
        campaigns: data.outcomes.map((o) => ({
          branchCode: o.branchCode,
          campaignId: o.campaignId,
          execution: { name: o.execution.name, status: o.execution.status, error: o.execution.error },
          report: o.report,
        })),
        workflow: data.stats.totals,
        notifications: data.notifications,
      },
      null,
      2,
    )}\n`,
    "cases.csv": renderCasesCsv(data.cases.map((c) => caseRow(c, "masked"))),
    "interactions.jsonl": jsonl(data.trail),
    "sms.jsonl": jsonl(data.sms),
    "calls.jsonl": jsonl(data.calls),
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(outDir, name), content);
  return [...Object.keys(files), "rejected-rows.csv", "contact-updates.csv"].map((name) =>
    join(outDir, name),
  );
}

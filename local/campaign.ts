import "./environment";
import "./asl/polyfill";
import { mkdir } from "node:fs/promises";
import { campaignExecutionName } from "../functions/domain/campaign-naming";
import type { CampaignReport } from "../functions/domain/campaign-report";
import { type Case, campaignIdOf } from "../functions/domain/case";
import type { Interaction } from "../functions/domain/interaction";
import { maskPhone } from "../functions/domain/phone";
import type { CampaignStrategy } from "../functions/domain/strategy";
import type { ImportSummary } from "../functions/import/arrears-import";
import { DynamoCampaignStore } from "../functions/store/campaigns";
import { DynamoCaseStore } from "../functions/store/cases";
import { createDocumentClient } from "../functions/store/client";
import { allCases } from "../functions/store/cursor";
import { DynamoInteractionStore } from "../functions/store/interactions";
import type { SimulatedContactCenter } from "./adapters/contact-center";
import type { SmsFaultInjector } from "./adapters/sms-outbox";
import type { ExecutionDescription, RunnerStats } from "./asl/runner";
import { writeOutputs } from "./campaign-outputs";
import { campaignStart, importSnapshot } from "./campaign-snapshot";
import type { DynamoAccessRecorder } from "./dynamo-access";
import { importKaderRoster, readKaderWorklists, SAMPLE_KADER_FILE, startKaderVisits } from "./kader";
import { invokeLocally } from "./lambda";
import { DynamoMeter, type DynamoUsage } from "./metering";
import type { Progress } from "./progress";
import { type DataDirState, type LocalRuntime, startRuntime } from "./runtime";
import { SimulatedClock } from "./sim/clock";
import type { PayerProbabilities } from "./sim/payers";
import {
  type FallbackCause,
  fallbackSegmentsByCause,
  followUpFallbackSegments,
  isDelivered,
  type MessagingUsage,
  reminderMessaging,
  type SmsKind,
  smsSegmentsByKind,
} from "./sms-mix";
import { type Invoke, type LocalSystem, startLocalSystem } from "./system";

export { campaignStart } from "./campaign-snapshot";
export type { Progress } from "./progress";

export interface LocalCampaignOptions {
  /** The arrears snapshot; ignored when `participants` asks for a generated population. */
  dataFile: string;
  /** Generate this many participants (seeded) instead of reading `dataFile`. */
  participants?: number;
  seed: number;
  period: string;
  /** The kader roster loaded before the campaigns; default the sample branches' (data/sample-kader.csv). */
  kaderFile?: string;
  /** Branch codes; all with participants when empty. */
  branches: string[];
  outDir: string;
  dataDir?: string;
  quotas?: { smsPerSecond?: number; callStartsPerSecond?: number; maxConcurrentCalls?: number };
  /** false: SMS only, as a deployment without a WhatsApp number (the default runs WhatsApp first). */
  whatsapp?: boolean;
  /** Every campaign's strategy (validated as the state machine's input is); default the default one. */
  strategy?: CampaignStrategy;
  /** The simulated participants' behaviour other than the defaults (e.g. how many SMS are read). */
  payers?: Partial<PayerProbabilities>;
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
  /** Records the handlers' DynamoDB actions, tables and indexes (the IAM grants test reads it). */
  dynamoAccess?: DynamoAccessRecorder;
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
    /** Of them, per kind: the reminder, its fallback, follow-ups, due-soon, details asked for. */
    smsSegmentsByKind: Record<SmsKind, number>;
    /** Of the reminder's fallback, per what became of the WhatsApp reminder it replaced. */
    smsFallbackSegmentsByCause: Record<FallbackCause, number>;
    /** Of the follow-ups, due-soon reminders and details asked for, the SMS that replaced a failed WhatsApp. */
    smsFollowUpFallbackSegments: number;
    /** WhatsApp: templates sent and delivered (what Meta bills), and every message either way (AWS's fee). */
    whatsappTemplatesSent: number;
    whatsappTemplatesDelivered: number;
    whatsappMessages: number;
    /** Of all the above, the reminder's: the wave's SMS and fallback, its WhatsApp templates and their replies. */
    reminder: MessagingUsage;
    calls: number;
    /** Dial to hang-up of every call, as Connect bills voice and telephony. */
    voiceMinutes: number;
    payments: number;
    interactions: number;
    /** Simulated kader visits whose results were applied (kader-results.jsonl). */
    kaderVisits: number;
  };
  /** Per state machine (campaign, dialing-day): executions and state transitions. */
  transitionsByMachine: Record<string, { executions: number; transitions: number }>;
  files: string[];
  cases: Case[];
}

/** The running simulation: its clock, the wired system, and what its handlers cost. */
interface Simulation {
  clock: SimulatedClock;
  system: LocalSystem;
  invocations: HandlerInvocations;
  /** The handlers' DynamoDB usage, apart from the import's. */
  meter: DynamoMeter;
}

type HandlerInvocations = LocalCampaignResult["handlerInvocations"];

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
    const snapshot = await importSnapshot(runtime, options);
    await importKaderRoster(runtime, options.kaderFile ?? SAMPLE_KADER_FILE, campaignStart(options.period));
    const simulation = await startSimulation(runtime, options);
    cleanups.push(() => simulation.system.close());
    const { clock, system } = simulation;
    // Kader visits (issue 16): each Saturday, through applyKaderResults; promises paid via the webhook.
    const kaderVisits = startKaderVisits(
      runtime,
      { clock, payers: system.payers, seed: options.seed },
      snapshot.branchCodes,
      options.period,
    );
    const branches = { running: snapshot.branchCodes.length };
    const ticker = setInterval(() => options.onProgress?.(progressOf(simulation, branches.running)), 1_000);
    cleanups.push(async () => clearInterval(ticker));
    const executions = await runCampaigns(system.machines, snapshot.branchCodes, options, () => {
      branches.running--;
    });
    const lastClosed = clock.now();
    // Payments and call outcomes scheduled after the last close still land (and are counted).
    await clock.settle();
    simulation.meter.stop();

    const results = await readCampaignResults(runtime, options.period, executions);
    const files = await writeRunFiles(
      options.outDir,
      runtime,
      system,
      results,
      kaderVisits.visits(),
      clock.now(),
    );
    return {
      imported: snapshot.imported,
      outcomes: results.outcomes,
      stats: system.machines.stats(),
      handlerInvocations: simulation.invocations,
      dynamo: { import: snapshot.meter.snapshot(), campaigns: simulation.meter.snapshot() },
      wallMs: performance.now() - wallStart,
      simulatedStart: campaignStart(options.period).toISOString(),
      simulatedEnd: lastClosed.toISOString(),
      transitionsByMachine: transitionsByMachine(system.machines.stats()),
      counts: { ...countsOf(system, results.trail.length), kaderVisits: kaderVisits.visits().length },
      files,
      cases: results.cases,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

/** The run's files: the report, the cases and trail, every message and call (numbers masked). */
async function writeRunFiles(
  outDir: string,
  runtime: LocalRuntime,
  system: LocalSystem,
  results: Awaited<ReturnType<typeof readCampaignResults>>,
  kaderVisits: Parameters<typeof writeOutputs>[1]["kaderVisits"],
  at: Date,
) {
  return writeOutputs(
    outDir,
    {
      ...results,
      kader: await readKaderWorklists(runtime, results.outcomes),
      kaderVisits,
      // The outbox's own record keeps the number; the file a person reads gets it masked.
      sms: system.outbox.messages().map((m) => ({ ...m, phone: maskPhone(m.phone) })),
      whatsapp: (system.whatsapp?.messages() ?? []).map((m) => ({ ...m, phone: maskPhone(m.phone) })),
      calls: system.contactCenter.calls(),
      notifications: system.notifier.sent,
      stats: system.machines.stats(),
    },
    at,
  );
}

/** Starts the simulators and the state machines on a clock at the campaign start, handlers counted. */
async function startSimulation(runtime: LocalRuntime, options: LocalCampaignOptions): Promise<Simulation> {
  const clock = new SimulatedClock(campaignStart(options.period));
  const invocations: HandlerInvocations = {};
  // The handlers' own client, so the campaigns' DynamoDB requests are counted apart from the import's.
  const handlersDoc = createDocumentClient({ endpoint: runtime.dynamo.endpoint });
  options.dynamoAccess?.attach(handlersDoc);
  const system = await startLocalSystem({
    runtime,
    clock,
    invoke: countedInvoke(clock, invocations, options.faults?.invocation),
    seed: options.seed,
    documentClient: handlersDoc,
    ...(options.quotas ? { quotas: definedQuotas(options.quotas) } : {}),
    onWebhookInvoked: (name, ms) => {
      const entry = invocationEntry(invocations, name);
      entry.count++;
      entry.ms += ms;
    },
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.whatsapp === false ? { whatsapp: false } : {}),
    ...(options.payers ? { payers: options.payers } : {}),
  });
  return { clock, system, invocations, meter: new DynamoMeter().attach(handlersDoc) };
}

/** Each handler invoked on the clock, counted and timed, with the run's injected faults. */
function countedInvoke(
  clock: SimulatedClock,
  invocations: HandlerInvocations,
  fault: NonNullable<LocalCampaignOptions["faults"]>["invocation"],
): Invoke {
  return (name, handler) => (event) =>
    clock.run(async () => {
      const started = performance.now();
      const entry = invocationEntry(invocations, name);
      try {
        const injected = fault?.(name, entry.count + 1);
        if (injected) throw injected;
        return await invokeLocally(handler, event, { functionName: name, timeoutMs: 900_000 });
      } catch (error) {
        if (process.env.TELECOLLECT_TRACE_ERRORS) console.error(name, error);
        throw error;
      } finally {
        entry.count++;
        entry.ms += performance.now() - started;
      }
    });
}

function invocationEntry(invocations: HandlerInvocations, name: string) {
  const entry = invocations[name] ?? { count: 0, ms: 0 };
  invocations[name] = entry;
  return entry;
}

/** Branches run concurrently, each its own execution, as the monthly schedule starts them. */
function runCampaigns(
  machines: LocalSystem["machines"],
  branchCodes: readonly string[],
  { period, strategy }: Pick<LocalCampaignOptions, "period" | "strategy">,
  onFinished: () => void,
): Promise<{ branchCode: string; execution: ExecutionDescription }[]> {
  return Promise.all(
    branchCodes.map(async (branchCode) => {
      const execution = await machines.run(
        "campaign",
        { branchCode, period, strategy: strategy ?? null },
        campaignExecutionName(branchCode, period),
      );
      onFinished();
      return { branchCode, execution };
    }),
  );
}

function progressOf({ clock, system }: Simulation, campaignsRunning: number): Progress {
  return {
    simulatedNow: clock.now().toISOString(),
    whatsappSent: system.whatsapp?.messages().filter((m) => m.template).length ?? 0,
    smsSent: system.outbox.messages().length,
    callsStarted: system.contactCenter.calls().length,
    paymentsPosted: system.payers.payments().length,
    campaignsRunning,
  };
}

/** Each branch's campaign as stored (with its report), its cases and its interaction trail. */
async function readCampaignResults(
  runtime: LocalRuntime,
  period: string,
  executions: readonly { branchCode: string; execution: ExecutionDescription }[],
): Promise<{ outcomes: BranchOutcome[]; cases: Case[]; trail: Interaction[] }> {
  const campaigns = new DynamoCampaignStore(runtime.doc, runtime.tables.campaigns);
  const caseStore = new DynamoCaseStore(runtime.doc, runtime.tables.cases);
  const outcomes: BranchOutcome[] = [];
  const cases: Case[] = [];
  for (const { branchCode, execution } of executions) {
    const campaignId = campaignIdOf(branchCode, period);
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
  return { outcomes, cases, trail };
}

function countsOf(
  system: LocalSystem,
  interactions: number,
): Omit<LocalCampaignResult["counts"], "kaderVisits"> {
  const sms = system.outbox.messages();
  const calls = system.contactCenter.calls();
  const whatsapp = system.whatsapp?.messages() ?? [];
  const templates = whatsapp.filter((m) => m.template);
  return {
    sms: sms.length,
    smsSegments: sms.reduce((n, m) => n + m.segments, 0),
    smsSegmentsByKind: smsSegmentsByKind(sms),
    smsFallbackSegmentsByCause: fallbackSegmentsByCause(sms, whatsapp),
    smsFollowUpFallbackSegments: followUpFallbackSegments(sms),
    whatsappTemplatesSent: templates.length,
    whatsappTemplatesDelivered: templates.filter(isDelivered).length,
    // Sent, plus the participants' replies (AWS bills inbound messages too).
    whatsappMessages: whatsapp.length + whatsapp.filter((m) => m.reply).length,
    reminder: reminderMessaging(sms, whatsapp),
    calls: calls.length,
    voiceMinutes: voiceMinutes(calls),
    payments: system.payers.payments().length,
    interactions,
  };
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

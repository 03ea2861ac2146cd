import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type Clock, systemClock } from "../../channels/clock";
import type { Dialer } from "../../channels/dialer";
import type { SupervisorNotifier } from "../../channels/notifier";
import type { SecretSource } from "../../channels/secrets/index";
import type { SmsSender } from "../../channels/sms";
import type { SnapshotDownloads, SnapshotUploads } from "../../channels/snapshots/index";
import type { WhatsAppSender } from "../../channels/whatsapp";
import type { CampaignExecutions, CampaignStops } from "../../channels/workflows";
import { type Channel, ConfigError, loadRuntimeConfig, type RuntimeConfig } from "../../config";
import { type Branch, branchIndex } from "../../domain/branches";
import type { AgentRoster } from "../../store/agent-roster";
import { DynamoSupervisionStore, type SupervisionStore } from "../../store/audit";
import {
  type CampaignReportRefresh,
  type CampaignStore,
  type CampaignSupervisionStore,
  DynamoCampaignStore,
} from "../../store/campaigns";
import { type CaseFollowUpStore, DynamoCaseFollowUpStore } from "../../store/case-follow-ups";
import { type CaseReplyStore, DynamoCaseReplyStore } from "../../store/case-replies";
import { type CaseSmsStore, DynamoCaseSmsStore } from "../../store/case-sms";
import { type CaseStore, DynamoCaseStore } from "../../store/cases";
import { createDocumentClient } from "../../store/client";
import type { DialQueue } from "../../store/dial-queue";
import { type DueSoonStore, DynamoDueSoonStore } from "../../store/due-soon";
import { DynamoAgentRoster } from "../../store/dynamo-agent-roster";
import { DynamoDialQueue } from "../../store/dynamo-dial-queue";
import { DynamoInteractionStore, type InteractionStore } from "../../store/interactions";
import { DynamoKaderStore, type KaderRosterStore } from "../../store/kader";
import {
  type CaseKaderWrites,
  DynamoKaderResultStore,
  type KaderResultStore,
} from "../../store/kader-results";
import { DynamoKaderWorklistStore, type KaderWorklistStore } from "../../store/kader-worklists";
import { DynamoMessageStore, type MessageStore } from "../../store/messages";
import { DynamoParticipantAuditStore, type ParticipantAuditStore } from "../../store/participant-audit";
import {
  DynamoParticipantStore,
  type ParticipantContactStore,
  type ParticipantStore,
} from "../../store/participants";
import type { PaymentStore } from "../../store/payment-records";
import { DynamoProfileStore, type ProfileStore } from "../../store/profiles";
import {
  type ConcurrencyGate,
  DynamoConcurrencyGate,
  DynamoRateLimiter,
  type RateLimiter,
} from "../../store/rate-limits";
import { tracer } from "./powertools";

/**
 * Every port a handler may hand to a use case, by interface. The stores every campaign step
 * uses are built with the ports; a named adapter (a channel, the payment store) on its first use,
 * then kept for the container's life: a function that frees an agent but starts no call never
 * builds a Connect client.
 */
export interface Ports {
  config: RuntimeConfig;
  clock: Clock;
  branches: ReadonlyMap<string, Branch>;
  participants: ParticipantStore & ParticipantContactStore;
  campaigns: CampaignStore & CampaignSupervisionStore & CampaignReportRefresh;
  cases: CaseStore;
  caseSms: CaseSmsStore;
  /** Follow-up claims and the case's message times (the cap across channels). */
  caseFollowUps: CaseFollowUpStore;
  /** Those a month behind, noted at mapping for the due-soon reminder (not cases). */
  dueSoon: DueSoonStore;
  dialQueue: DialQueue;
  roster: AgentRoster;
  interactions: InteractionStore;
  rateLimiter: RateLimiter;
  concurrency: ConcurrencyGate;
  supervision: SupervisionStore;
  messages: MessageStore;
  profiles: ProfileStore;
  /** Who changed a participant's lasting status, when, why (audit table, PARTICIPANT#<id>). */
  participantAudit: ParticipantAuditStore;
  caseReplies: CaseReplyStore;
  kaderRoster: KaderRosterStore;
  kaderWorklists: KaderWorklistStore;
  /** Kader visit results, and what a result writes on its open case. */
  kaderResults: KaderResultStore & CaseKaderWrites;
  payments(): PaymentStore;
  sms(): SmsSender;
  /** Undefined when the deployment has no WhatsApp number (WHATSAPP_PHONE_NUMBER_ID unset): SMS only. */
  whatsapp(): WhatsAppSender | undefined;
  dialer(): Dialer;
  notifier(): SupervisorNotifier;
  webhookSecrets(): SecretSource;
  executions(): CampaignExecutions;
  stops(): CampaignStops;
  snapshotUploads(): SnapshotUploads;
  snapshotDownloads(): SnapshotDownloads;
}

/** What an adapter is built from: the function's config and its DynamoDB client. */
export interface BuildContext {
  config: RuntimeConfig;
  doc: DynamoDBDocumentClient;
}

type Build<T> = (context: BuildContext) => T;

/**
 * The adapters a handler names beyond the stores every campaign step shares: its channels' AWS
 * adapters and the payment store, one builder per file in aws/. Named per handler, so its bundle
 * carries only their SDK clients and code, and its config requires only their variables.
 */
export interface NamedAdapters {
  sms?: Build<SmsSender>;
  whatsapp?: Build<WhatsAppSender>;
  dialer?: Build<Dialer>;
  supervisors?: Build<SupervisorNotifier>;
  webhookSecret?: Build<SecretSource>;
  campaignExecutions?: Build<CampaignExecutions>;
  campaignStops?: Build<CampaignStops>;
  snapshotUploads?: Build<SnapshotUploads>;
  snapshotDownloads?: Build<SnapshotDownloads>;
  payments?: Build<PaymentStore>;
}

const CHANNELS = [
  "sms",
  "whatsapp",
  "dialer",
  "supervisors",
  "webhookSecret",
  "campaignExecutions",
  "campaignStops",
  "snapshotUploads",
  "snapshotDownloads",
] as const satisfies readonly Channel[];

/** The channels whose adapters are named: the ones whose settings the config must hold. */
export const channelsOf = (adapters: NamedAdapters): Channel[] =>
  CHANNELS.filter((channel) => adapters[channel] !== undefined);

/** What the local runtime and tests put in place of the AWS adapters (and the DynamoDB client they meter). */
export interface PortOverrides {
  documentClient?: DynamoDBDocumentClient;
  clock?: Clock;
  sms?: SmsSender;
  whatsapp?: WhatsAppSender;
  dialer?: Dialer;
  notifier?: SupervisorNotifier;
  webhookSecrets?: SecretSource;
  executions?: CampaignExecutions;
  stops?: CampaignStops;
  snapshotUploads?: SnapshotUploads;
  snapshotDownloads?: SnapshotDownloads;
}

/** A named port: the override, else the named adapter, built on first use and kept. */
function namedPort<T>(
  name: keyof NamedAdapters,
  override: T | undefined,
  build: Build<T> | undefined,
  context: BuildContext,
): () => T {
  let port = override;
  return () => {
    if (port) return port;
    if (!build) {
      throw new ConfigError(`invalid environment: the ${name} adapter is not configured for this function`);
    }
    port = build(context);
    return port;
  };
}

/**
 * Like namedPort, for a channel a deployment may lack: undefined when its settings are absent, or
 * when nothing provides it (ports installed without it: the channel is off, SMS only). That each
 * handler names the adapters its catalog entry grants is checked by the architecture test.
 */
function optionalPort<T>(
  name: "whatsapp",
  override: T | undefined,
  build: Build<T> | undefined,
  context: BuildContext,
): () => T | undefined {
  const named = namedPort(name, override, build, context);
  return () => (override || (build && context.config.channels[name]) ? named() : undefined);
}

/** The DynamoDB stores, on one document client, each with its table's retention. */
function storesOf(doc: DynamoDBDocumentClient, config: RuntimeConfig, clock: Clock) {
  const { tables, retention } = config;
  const writeConcurrency = config.mapArrears.writeConcurrency;
  const cases = new DynamoCaseStore(doc, tables.cases, writeConcurrency, retention.cases);
  return {
    participants: new DynamoParticipantStore(
      doc,
      tables.participants,
      writeConcurrency,
      retention.participants,
    ),
    campaigns: new DynamoCampaignStore(doc, tables.campaigns, retention.campaigns),
    cases,
    caseSms: new DynamoCaseSmsStore(doc, tables.cases),
    caseFollowUps: new DynamoCaseFollowUpStore(doc, tables.cases),
    dueSoon: new DynamoDueSoonStore(doc, tables, cases, retention.cases),
    dialQueue: new DynamoDialQueue(doc, tables, retention.interactions),
    roster: new DynamoAgentRoster(doc, tables.limits, clock, retention.limits),
    interactions: new DynamoInteractionStore(doc, tables.interactions, retention.interactions),
    rateLimiter: new DynamoRateLimiter(doc, tables.limits, clock, retention.limits),
    concurrency: new DynamoConcurrencyGate(doc, tables.limits, clock, retention.limits),
    supervision: new DynamoSupervisionStore(doc, tables.audit, retention.audit),
    messages: new DynamoMessageStore(doc, tables.messages, retention.messages),
    profiles: new DynamoProfileStore(doc, tables.profiles, retention.profiles),
    participantAudit: new DynamoParticipantAuditStore(doc, tables.audit, retention.audit),
    caseReplies: new DynamoCaseReplyStore(doc, tables.cases),
    kaderRoster: new DynamoKaderStore(doc, tables.kader, retention.kader),
    kaderWorklists: new DynamoKaderWorklistStore(doc, tables.kader, retention.kader),
    kaderResults: new DynamoKaderResultStore(doc, tables, retention.kader),
  };
}

/**
 * The composition root: the only place that builds the DynamoDB stores and, through the named
 * adapters (aws/), the AWS adapters of the channels, all from one validated config. Overrides
 * replace adapters (locally: DynamoDB Local's client, the simulated clock, contact center, SMS
 * outbox...).
 */
export function composePorts(
  config: RuntimeConfig,
  overrides: PortOverrides = {},
  adapters: NamedAdapters = {},
): Ports {
  const doc =
    overrides.documentClient ??
    tracer.captureAWSv3Client(
      createDocumentClient(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
    );
  const clock = overrides.clock ?? systemClock;
  const context = { config, doc };
  return {
    config,
    clock,
    branches: branchIndex(config.branches),
    ...storesOf(doc, config, clock),
    payments: namedPort("payments", undefined, adapters.payments, context),
    sms: namedPort("sms", overrides.sms, adapters.sms, context),
    whatsapp: optionalPort("whatsapp", overrides.whatsapp, adapters.whatsapp, context),
    dialer: namedPort("dialer", overrides.dialer, adapters.dialer, context),
    notifier: namedPort("supervisors", overrides.notifier, adapters.supervisors, context),
    webhookSecrets: namedPort("webhookSecret", overrides.webhookSecrets, adapters.webhookSecret, context),
    executions: namedPort("campaignExecutions", overrides.executions, adapters.campaignExecutions, context),
    stops: namedPort("campaignStops", overrides.stops, adapters.campaignStops, context),
    snapshotUploads: namedPort(
      "snapshotUploads",
      overrides.snapshotUploads,
      adapters.snapshotUploads,
      context,
    ),
    snapshotDownloads: namedPort(
      "snapshotDownloads",
      overrides.snapshotDownloads,
      adapters.snapshotDownloads,
      context,
    ),
  };
}

let installed: Ports | undefined;
let fromEnvironment: Ports | undefined;

/**
 * The ports the handlers run on: those the local runtime or a test installed, else built once
 * per Lambda container from the environment, with the adapters the function names (one Lambda
 * function per container, so they never change).
 */
export function ports(adapters: NamedAdapters = {}): Ports {
  if (installed) return installed;
  fromEnvironment ??= composePorts(loadRuntimeConfig(process.env, channelsOf(adapters)), {}, adapters);
  return fromEnvironment;
}

/** For the local runtime and tests: the handlers in this process run on `next` (undefined: back to the environment). */
export function installPorts(next: Ports | undefined): void {
  installed = next;
}

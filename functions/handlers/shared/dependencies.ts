import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../channels/clock";
import { systemClock } from "../../channels/clock";
import type { Dialer } from "../../channels/dialer";
import type { SupervisorNotifier } from "../../channels/notifier";
import type { SmsSender } from "../../channels/sms";
import { loadRuntimeConfig, type RuntimeConfig } from "../../config";
import { type Branch, branchIndex } from "../../domain/branches";
import { type CampaignStore, DynamoCampaignStore } from "../../store/campaigns";
import { type CaseCallStore, DynamoCaseCallStore } from "../../store/case-calls";
import { type CaseSmsStore, DynamoCaseSmsStore } from "../../store/case-sms";
import { type CaseStore, DynamoCaseStore } from "../../store/cases";
import { createDocumentClient } from "../../store/client";
import { DynamoInteractionStore, type InteractionStore } from "../../store/interactions";
import {
  DynamoParticipantStore,
  type ParticipantContactStore,
  type ParticipantStore,
} from "../../store/participants";
import { DynamoPaymentStore, type PaymentStore } from "../../store/payments";
import {
  type ConcurrencyGate,
  DynamoConcurrencyGate,
  DynamoRateLimiter,
  type RateLimiter,
} from "../../store/rate-limits";
import { tracer } from "./powertools";

/**
 * The composition root of every handler: stores on DynamoDB, the clock, and the channel ports.
 * In AWS the ports are built from the environment by their own modules on first use; the local
 * runtime hands in its simulators with overrideDependencies() before invoking handlers.
 */
export interface Dependencies {
  config: RuntimeConfig;
  doc: DynamoDBDocumentClient;
  branches: Map<string, Branch>;
  clock: Clock;
  participants: ParticipantStore & ParticipantContactStore;
  cases: CaseStore;
  caseSms: CaseSmsStore;
  calls: CaseCallStore;
  campaigns: CampaignStore;
  interactions: InteractionStore;
  payments: PaymentStore;
  rateLimiter: RateLimiter;
  concurrency: ConcurrencyGate;
  sms?: SmsSender;
  dialer?: Dialer;
  notifier?: SupervisorNotifier;
}

export type DependencyOverrides = Partial<Pick<Dependencies, "clock" | "sms" | "dialer" | "notifier">>;

let cached: Dependencies | undefined;
let overrides: DependencyOverrides = {};

/** Built once per Lambda container from the validated environment. */
export function dependencies(): Dependencies {
  if (cached) return cached;
  const config = loadRuntimeConfig();
  const doc = tracer.captureAWSv3Client(
    createDocumentClient(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
  );
  const concurrency = config.mapArrears.writeConcurrency;
  const { tables, interactionRetentionDays: retention } = config;
  const clock = overrides.clock ?? systemClock;
  cached = {
    config,
    doc,
    branches: branchIndex(config.branches),
    clock,
    participants: new DynamoParticipantStore(doc, tables.participants, concurrency),
    cases: new DynamoCaseStore(doc, tables.cases, concurrency),
    caseSms: new DynamoCaseSmsStore(doc, tables.cases),
    calls: new DynamoCaseCallStore(doc, tables, retention),
    campaigns: new DynamoCampaignStore(doc, tables.campaigns),
    interactions: new DynamoInteractionStore(doc, tables.interactions, retention),
    payments: new DynamoPaymentStore(doc, tables, retention),
    rateLimiter: new DynamoRateLimiter(doc, tables.limits, clock),
    concurrency: new DynamoConcurrencyGate(doc, tables.limits),
    ...(overrides.sms ? { sms: overrides.sms } : {}),
    ...(overrides.dialer ? { dialer: overrides.dialer } : {}),
    ...(overrides.notifier ? { notifier: overrides.notifier } : {}),
  };
  return cached;
}

/** For the local runtime and tests: swap ports, and rebuild from the environment on next use. */
export function overrideDependencies(next: DependencyOverrides): void {
  overrides = next;
  cached = undefined;
}

export function resetDependencies(): void {
  overrides = {};
  cached = undefined;
}

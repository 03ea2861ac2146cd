import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../channels/clock";
import { systemClock } from "../../channels/clock";
import type { Dialer } from "../../channels/dialer";
import type { SupervisorNotifier } from "../../channels/notifier";
import type { SmsSender } from "../../channels/sms";
import { loadRuntimeConfig, type RuntimeConfig } from "../../config";
import { type Branch, branchIndex } from "../../domain/branches";
import { DynamoCampaignStore } from "../../store/campaigns";
import { DynamoCaseStore } from "../../store/cases";
import { createDocumentClient } from "../../store/client";
import { DynamoInteractionStore } from "../../store/interactions";
import { DynamoParticipantStore } from "../../store/participants";
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
  participants: DynamoParticipantStore;
  cases: DynamoCaseStore;
  campaigns: DynamoCampaignStore;
  interactions: DynamoInteractionStore;
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
  const clock = overrides.clock ?? systemClock;
  cached = {
    config,
    doc,
    branches: branchIndex(config.branches),
    clock,
    participants: new DynamoParticipantStore(doc, config.tables.participants, concurrency),
    cases: new DynamoCaseStore(doc, config.tables.cases, concurrency),
    campaigns: new DynamoCampaignStore(doc, config.tables.campaigns),
    interactions: new DynamoInteractionStore(
      doc,
      config.tables.interactions,
      config.interactionRetentionDays,
    ),
    rateLimiter: new DynamoRateLimiter(doc, config.tables.limits, clock),
    concurrency: new DynamoConcurrencyGate(doc, config.tables.limits),
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

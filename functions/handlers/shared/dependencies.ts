import { loadRuntimeConfig, type RuntimeConfig } from "../../config";
import { DynamoCampaignStore } from "../../store/campaigns";
import { DynamoCaseStore } from "../../store/cases";
import { createDocumentClient } from "../../store/client";
import { DynamoParticipantStore } from "../../store/participants";
import { tracer } from "./powertools";

export interface Dependencies {
  config: RuntimeConfig;
  participants: DynamoParticipantStore;
  cases: DynamoCaseStore;
  campaigns: DynamoCampaignStore;
}

let cached: Dependencies | undefined;

/** Built once per Lambda container from the validated environment. */
export function dependencies(): Dependencies {
  if (cached) return cached;
  const config = loadRuntimeConfig();
  const doc = tracer.captureAWSv3Client(
    createDocumentClient(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
  );
  const concurrency = config.mapArrears.writeConcurrency;
  cached = {
    config,
    participants: new DynamoParticipantStore(doc, config.tables.participants, concurrency),
    cases: new DynamoCaseStore(doc, config.tables.cases, concurrency),
    campaigns: new DynamoCampaignStore(doc, config.tables.campaigns),
  };
  return cached;
}

/** The local runtime and tests point handlers at other tables by resetting the cache. */
export function resetDependencies(): void {
  cached = undefined;
}

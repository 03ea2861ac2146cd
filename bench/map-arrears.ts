import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { prefixedTableNames } from "../functions/contracts";
import { classifyParticipant } from "../functions/domain/arrears-mapping";
import { openCase } from "../functions/domain/case";
import type { Participant } from "../functions/domain/participant";
import { DEFAULT_STRATEGY } from "../functions/domain/strategy";
import { mapArrears } from "../functions/services/map-arrears";
import { batchPutAll } from "../functions/store/batch";
import { DynamoCampaignStore } from "../functions/store/campaigns";
import { DynamoCaseStore } from "../functions/store/cases";
import { createDocumentClient } from "../functions/store/client";
import { DynamoParticipantStore } from "../functions/store/participants";
import { createTables, startLocalDynamo } from "../local/dynamodb";
import { DynamoMeter } from "../local/metering";
import { branchPopulation } from "../test/fixtures/participants";
import { type Benchmark, timed } from "./harness";

const PARTICIPANTS = 100_000;
const CONCURRENCY = 8;
const NOW = new Date("2026-11-11T01:00:00Z");

type MapArrearsStores = Parameters<typeof mapArrears>[0];

/** One branch of PARTICIPANTS, every one eligible (2..30 months), so mapped cases and floor items are the same. */
async function eligibleBranch(
  doc: DynamoDBDocumentClient,
  tables: ReturnType<typeof prefixedTableNames>,
): Promise<{ population: Participant[]; stores: MapArrearsStores }> {
  const participants = new DynamoParticipantStore(doc, tables.participants, CONCURRENCY);
  const cases = new DynamoCaseStore(doc, tables.cases, CONCURRENCY);
  const stores = { participants, cases, campaigns: new DynamoCampaignStore(doc, tables.campaigns) };
  const population = branchPopulation("SEMARANG", PARTICIPANTS, "0001").map((p, i) => ({
    ...p,
    monthsInArrears: 2 + (i % 29),
  }));
  await participants.putMany(population);
  return { population, stores };
}

/** The case items map-arrears would write for `population` in `period`: the floor's items. */
function caseItems(population: readonly Participant[], period: string): Record<string, unknown>[] {
  return population.map((p) => {
    const c = classifyParticipant(p, DEFAULT_STRATEGY);
    if (!c.eligible) throw new Error("bench population must be eligible");
    return openCase(p, c, { branchCode: "SEMARANG", period }, NOW) as unknown as Record<string, unknown>;
  });
}

/**
 * Maps 100,000 eligible participants of one branch on DynamoDB Local and compares the time with
 * the floor: a raw BatchWriteItem of the same 100,000 case items at the same concurrency.
 */
export const mapArrearsBench: Benchmark = {
  name: "map-arrears",
  description: "100,000 participants of one branch mapped to cases on DynamoDB Local vs raw BatchWriteItem",
  async run() {
    const dynamo = await startLocalDynamo();
    try {
      const tables = prefixedTableNames("bench-");
      await createTables(dynamo.endpoint, tables);
      const doc = createDocumentClient({ endpoint: dynamo.endpoint });
      const { population, stores } = await eligibleBranch(doc, tables);
      const options = { now: NOW, timeBudgetMs: 3_600_000, deadline: Date.now() + 3_600_000 };
      const writeCases = (items: Record<string, unknown>[]) =>
        batchPutAll(doc, tables.cases, items, { concurrency: CONCURRENCY });

      // Warm both paths (JIT, DynamoDB Local's caches) on another campaign before measuring.
      await writeCases(caseItems(population, "2025-01").slice(0, 10_000));
      await mapArrears(stores, { branchCode: "SEMARANG", period: "2025-02" }, options);

      const floorItems = caseItems(population, "2025-03");
      const floor = await timed(() => writeCases(floorItems));
      const meter = new DynamoMeter({ units: false }).attach(doc);
      const mapped = await timed(() =>
        mapArrears(stores, { branchCode: "SEMARANG", period: "2026-11" }, options),
      );
      const mapRequests = meter.requestCount();
      if (mapped.result.created !== PARTICIPANTS) {
        throw new Error(`mapped ${mapped.result.created} cases, expected ${PARTICIPANTS}`);
      }
      const rerun = await timed(() =>
        mapArrears(stores, { branchCode: "SEMARANG", period: "2026-11" }, options),
      );
      if (rerun.result.existing !== PARTICIPANTS || rerun.result.created !== 0) {
        throw new Error("re-mapping created cases twice");
      }
      return [
        { figure: "participants", value: PARTICIPANTS, unit: "participants" },
        { figure: "throughput", value: PARTICIPANTS / (mapped.ms / 1000), unit: "participants/s" },
        { figure: "time", value: mapped.ms / 1000, unit: "s" },
        { figure: "floor batch-write time", value: floor.ms / 1000, unit: "s" },
        { figure: "ratio", value: mapped.ms / floor.ms, unit: "x" },
        { figure: "requests per participant", value: mapRequests / PARTICIPANTS, unit: "requests" },
        { figure: "rerun time", value: rerun.ms / 1000, unit: "s" },
        {
          figure: "rerun requests per participant",
          value: (meter.requestCount() - mapRequests) / PARTICIPANTS,
          unit: "requests",
        },
      ];
    } finally {
      await dynamo.stop();
    }
  },
};

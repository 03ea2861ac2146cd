import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { prefixedTableNames } from "../functions/contracts";
import { classifyParticipant } from "../functions/domain/arrears-mapping";
import { branchIndex, SAMPLE_BRANCHES } from "../functions/domain/branches";
import { type Case, campaignIdOf, openCase } from "../functions/domain/case";
import type { Kader } from "../functions/domain/kader";
import type { Participant } from "../functions/domain/participant";
import { DEFAULT_STRATEGY } from "../functions/domain/strategy";
import { handOffToKader, type KaderHandoffDeps } from "../functions/services/kader-handoff";
import { batchPutAll } from "../functions/store/batch";
import { DynamoCampaignStore } from "../functions/store/campaigns";
import { DynamoCaseStore } from "../functions/store/cases";
import { createDocumentClient } from "../functions/store/client";
import { allCases } from "../functions/store/cursor";
import { DynamoKaderStore } from "../functions/store/kader";
import { DynamoKaderWorklistStore } from "../functions/store/kader-worklists";
import { DynamoParticipantStore } from "../functions/store/participants";
import { createTables, startLocalDynamo } from "../local/dynamodb";
import { DynamoMeter } from "../local/metering";
import { branchPopulation } from "../test/fixtures/participants";
import { type Benchmark, timed } from "./harness";

const CASES = Number(process.env.BENCH_KADER_CASES ?? 20_000);
const BRANCH = "SEMARANG";
const PERIOD = "2026-11";
const CAMPAIGN = campaignIdOf(BRANCH, PERIOD);
const KECAMATAN = 40;
const DESA_PER_KECAMATAN = 10;
/** The last calling day of the month, 18:00 WIB: the campaign's cases as a busy month leaves them. */
const DAY_END = new Date("2026-11-20T11:00:00Z");

/** One case in twenty needs a visit (no phone, 24+ months, no answer), one in ten is paid. */
function caseOf(p: Participant, i: number): Case {
  const classification = classifyParticipant(p, DEFAULT_STRATEGY);
  if (!classification.eligible) throw new Error("bench population must be eligible");
  const c = openCase(p, classification, { branchCode: BRANCH, period: PERIOD }, DAY_END);
  const { dialQueue: _q, dialRank: _r, ...done } = c;
  if (i % 10 === 0) return { ...done, status: "PAID", amountPaid: c.amountDue };
  if (i % 20 === 1) return { ...done, callAttempts: 3, contacted: false };
  return { ...c, callAttempts: 1, contacted: true, lastOutcome: "PROMISE_TO_PAY" };
}

function populationOf(): Participant[] {
  return branchPopulation(BRANCH, CASES, "0002").map(({ phone, phoneType, ...p }, i) => {
    const kecamatan = i % KECAMATAN;
    const desa = Math.floor(i / KECAMATAN) % DESA_PER_KECAMATAN;
    const noPhone = i % 20 === 3;
    return {
      ...p,
      ...(noPhone || !phone ? { contactable: false } : { phone, ...(phoneType ? { phoneType } : {}) }),
      // 2..23 months, 24+ for one in twenty.
      monthsInArrears: i % 20 === 2 ? 26 : 2 + (i % 22),
      area: {
        kabupaten: "Kota Semarang",
        kecamatan: `Kecamatan ${kecamatan}`,
        desa: `Desa ${kecamatan}-${desa}`,
      },
      address: `Jl. Contoh No. ${i}`,
    };
  });
}

/** A kader of the whole kecamatan for half the kecamatan, so some lines stay for the supervisor. */
const roster = (): Kader[] =>
  Array.from({ length: KECAMATAN / 2 }, (_, k) => ({
    kaderId: `SMG-K${String(k).padStart(2, "0")}`,
    name: `Kader ${k}`,
    phone: "+6281200000000",
    branchCode: BRANCH,
    kecamatan: `Kecamatan ${k * 2}`,
    capacityPerWeek: 40,
  }));

async function seed(doc: DynamoDBDocumentClient, tables: ReturnType<typeof prefixedTableNames>) {
  const population = populationOf();
  await new DynamoParticipantStore(doc, tables.participants, 8).putMany(population);
  const cases = population.map(caseOf) as unknown as Record<string, unknown>[];
  await batchPutAll(doc, tables.cases, cases, { concurrency: 8 });
  const campaigns = new DynamoCampaignStore(doc, tables.campaigns);
  const lease = { campaignId: CAMPAIGN, token: "bench", now: DAY_END };
  await campaigns.acquireMappingLease({
    ...lease,
    branchCode: BRANCH,
    period: PERIOD,
    strategy: DEFAULT_STRATEGY,
    until: new Date(DAY_END.getTime() + 60_000),
  });
  await campaigns.releaseMappingLease({ ...lease, created: CASES, done: true });
  await new DynamoKaderStore(doc, tables.kader).replaceRoster(BRANCH, roster(), DAY_END);
}

/**
 * The kader hand-off of one branch's campaign of CASES cases (BENCH_KADER_CASES, 20,000 by
 * default) on DynamoDB Local: the first hand-off (which writes the lines) and a later day's (the
 * steady cost: nothing new to add), against a plain page-through of the same cases.
 */
/** The hand-off's ports on the bench's tables, at the end of a calling day. */
function handoffDeps(
  doc: DynamoDBDocumentClient,
  tables: ReturnType<typeof prefixedTableNames>,
): KaderHandoffDeps & { cases: DynamoCaseStore } {
  return {
    clock: { now: () => DAY_END },
    branches: branchIndex(SAMPLE_BRANCHES),
    campaigns: new DynamoCampaignStore(doc, tables.campaigns),
    cases: new DynamoCaseStore(doc, tables.cases),
    participants: new DynamoParticipantStore(doc, tables.participants),
    kaderRoster: new DynamoKaderStore(doc, tables.kader),
    worklists: new DynamoKaderWorklistStore(doc, tables.kader),
  };
}

export const kaderHandoffBench: Benchmark = {
  name: "kader-handoff",
  description: `the kader hand-off of a ${CASES}-case campaign on DynamoDB Local vs paging through its cases`,
  async run() {
    const dynamo = await startLocalDynamo();
    try {
      const tables = prefixedTableNames("bench-");
      await createTables(dynamo.endpoint, tables);
      const doc = createDocumentClient({ endpoint: dynamo.endpoint });
      await seed(doc, tables);
      const deps = handoffDeps(doc, tables);
      const { cases } = deps;
      const input = { branchCode: BRANCH, period: PERIOD };
      // Warm DynamoDB Local and the JIT on the same items before measuring.
      await allCases(cases, CAMPAIGN);

      // Units on for every measured step alike (they cost DynamoDB Local about a tenth).
      const meter = new DynamoMeter().attach(doc);
      const units = () => meter.snapshot();
      const u0 = units();
      const baseline = await timed(() => allCases(cases, CAMPAIGN));
      const u1 = units();
      const first = await timed(() => handOffToKader(deps, input));
      const u2 = units();
      const later = await timed(() => handOffToKader(deps, input));
      const u3 = units();
      if (later.result.assigned + later.result.unassigned !== 0)
        throw new Error("a repeated hand-off added lines");
      const lines = first.result.assigned + first.result.unassigned;
      return [
        { figure: "cases", value: baseline.result.length, unit: "cases" },
        { figure: "lines handed off", value: lines, unit: "lines" },
        { figure: "page-through time", value: baseline.ms, unit: "ms" },
        { figure: "page-through read units", value: u1.readRequestUnits - u0.readRequestUnits, unit: "RRU" },
        { figure: "first hand-off time", value: first.ms, unit: "ms" },
        {
          figure: "first hand-off read units",
          value: u2.readRequestUnits - u1.readRequestUnits,
          unit: "RRU",
        },
        {
          figure: "first hand-off write units",
          value: u2.writeRequestUnits - u1.writeRequestUnits,
          unit: "WRU",
        },
        { figure: "daily hand-off time", value: later.ms, unit: "ms" },
        {
          figure: "daily hand-off read units",
          value: u3.readRequestUnits - u2.readRequestUnits,
          unit: "RRU",
        },
        { figure: "daily hand-off vs page-through", value: later.ms / baseline.ms, unit: "x" },
        { figure: "first hand-off vs page-through", value: first.ms / baseline.ms, unit: "x" },
      ];
    } finally {
      await dynamo.stop();
    }
  },
};

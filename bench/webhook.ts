import "../local/environment";
import { type DynamoDBDocumentClient, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { mapConcurrent } from "../functions/concurrency";
import { loadRuntimeConfig } from "../functions/config";
import { prefixedTableNames, tableEnvironment } from "../functions/contracts";
import type { Participant } from "../functions/domain/participant";
import type { PaymentChannel } from "../functions/domain/payment";
import { computeArrearsAmount } from "../functions/domain/premiums";
import { signWebhook } from "../functions/domain/webhook-signature";
import { dynamoPaymentStore } from "../functions/handlers/shared/aws/payments";
import { composePorts, installPorts } from "../functions/handlers/shared/composition-root";
import { mapArrears } from "../functions/services/map-arrears";
import { DynamoCampaignStore } from "../functions/store/campaigns";
import { DynamoCaseStore } from "../functions/store/cases";
import { createDocumentClient } from "../functions/store/client";
import { DynamoParticipantStore } from "../functions/store/participants";
import { StaticSecretSource } from "../local/adapters/webhook-secrets";
import { createTables, startLocalDynamo } from "../local/dynamodb";
import { startHttpServer } from "../local/http/server";
import { DynamoMeter } from "../local/metering";
import { uniform } from "../local/sim/random";
import { branchPopulation } from "../test/fixtures/participants";
import { type Benchmark, type Figure, timed } from "./harness";

const DELIVERIES = 10_000;
const DUPLICATE_SHARE = 0.1;
const CONCURRENCY = 50;
const WARMUP = 500;
const SECRET = "bench-webhook-secret-0123456789";
const SEED = 20261115;
const CHANNELS: PaymentChannel[] = ["BANK", "ATM", "MINIMARKET", "MOBILE_JKN", "ECOMMERCE"];

interface Notice {
  paymentId: string;
  body: string;
}

function notices(population: readonly Participant[], prefix: string): Notice[] {
  // An hour ago: inside the webhook's paidAt window whenever the bench runs.
  const paidAt = new Date(Date.now() - 3_600_000).toISOString();
  return population.map((p, i) => ({
    paymentId: `${prefix}-${i}`,
    body: JSON.stringify({
      paymentId: `${prefix}-${i}`,
      participantId: p.participantId,
      // Half pay in full (the case closes PAID), half pay part of it (it stays OPEN).
      amount: i % 2 === 0 ? p.arrearsAmount : Math.max(1_000, Math.floor(p.arrearsAmount / 2)),
      paidAt,
      channel: CHANNELS[i % CHANNELS.length],
    }),
  }));
}

/** Distinct notices, then 10% of them again, shuffled in (seeded) so some redeliveries race their original. */
function withDuplicates(distinct: readonly Notice[], duplicates: number): Notice[] {
  const all = [...distinct];
  for (let i = 0; i < duplicates; i++) {
    all.push(distinct[Math.floor(uniform(SEED, "dup", i) * distinct.length)] as Notice);
  }
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(uniform(SEED, "shuffle", i) * (i + 1));
    [all[i], all[j]] = [all[j] as Notice, all[i] as Notice];
  }
  return all;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

type Delivery = { status: string; ms: number };
type Tables = ReturnType<typeof prefixedTableNames>;

/** The webhook handler's ports on DynamoDB Local, with the bench's secret. */
function installWebhookPorts(endpoint: string, tables: Tables, handlerDoc: DynamoDBDocumentClient): void {
  const config = loadRuntimeConfig({ ...tableEnvironment(tables), DYNAMODB_ENDPOINT: endpoint });
  installPorts(
    composePorts(
      config,
      { documentClient: handlerDoc, webhookSecrets: new StaticSecretSource(SECRET) },
      { payments: dynamoPaymentStore },
    ),
  );
}

/** `count` participants, every one eligible (2..30 months) and mapped, so every payment finds an open case. */
async function participantsWithOpenCases(
  doc: DynamoDBDocumentClient,
  tables: Tables,
  count: number,
): Promise<Participant[]> {
  const participants = new DynamoParticipantStore(doc, tables.participants, 8);
  const cases = new DynamoCaseStore(doc, tables.cases, 8);
  const population = branchPopulation("SEMARANG", count, "0002").map((p, i) => {
    const monthsInArrears = 2 + (i % 29);
    return { ...p, monthsInArrears, arrearsAmount: computeArrearsAmount({ ...p, monthsInArrears }) };
  });
  await participants.putMany(population);
  await mapArrears(
    { participants, cases, campaigns: new DynamoCampaignStore(doc, tables.campaigns) },
    { branchCode: "SEMARANG", period: "2026-11" },
    { now: new Date(), timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
  );
  return population;
}

/** Posts one notice, signed, and times it until the webhook's answer. */
const delivererTo =
  (url: string) =>
  async (notice: Notice): Promise<Delivery> => {
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-telecollect-timestamp": String(timestamp),
        "x-telecollect-signature": signWebhook(SECRET, timestamp, notice.body),
      },
      body: notice.body,
    });
    const answer = (await response.json()) as { status?: string };
    if (response.status !== 200 || !answer.status) {
      throw new Error(`${notice.paymentId}: HTTP ${response.status} ${JSON.stringify(answer)}`);
    }
    return { status: answer.status, ms: performance.now() - started };
  };

/** The floor: `count` bare PutItem calls of payment items at the same concurrency. */
function barePuts(doc: DynamoDBDocumentClient, table: string, population: readonly Participant[]) {
  return (prefix: string, count: number) =>
    mapConcurrent(
      Array.from({ length: count }, (_, i) => ({
        paymentId: `${prefix}-${i}`,
        participantId: population[i % population.length]?.participantId,
        amount: 175_000,
        paidAt: "2026-11-15T03:45:00.000Z",
        channel: "BANK",
        receivedAt: new Date().toISOString(),
        status: "APPLIED",
      })),
      CONCURRENCY,
      (Item) => doc.send(new PutCommand({ TableName: table, Item })),
    );
}

/** Each distinct paymentId applied once and stored once, however often it was delivered. */
async function checkAppliedOnce(
  doc: DynamoDBDocumentClient,
  table: string,
  deliveries: readonly Delivery[],
  distinctCount: number,
): Promise<void> {
  const applied = deliveries.filter((r) => r.status === "applied").length;
  if (applied !== distinctCount) {
    throw new Error(`applied ${applied} payments, expected one per distinct paymentId (${distinctCount})`);
  }
  let stored = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new ScanCommand({
        TableName: table,
        Select: "COUNT",
        FilterExpression: "begins_with(paymentId, :p)",
        ExpressionAttributeValues: { ":p": "pay-" },
        ExclusiveStartKey: start,
      }),
    );
    stored += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  if (stored !== distinctCount) throw new Error(`stored ${stored} payment items, expected ${distinctCount}`);
}

function figures(
  run: { ms: number; result: readonly Delivery[] },
  floor: { ms: number },
  requestsPerDelivery: number,
): Figure[] {
  const count = (status: string) => run.result.filter((r) => r.status === status).length;
  const latencies = run.result.map((r) => r.ms).sort((a, b) => a - b);
  return [
    { figure: "deliveries", value: DELIVERIES, unit: "deliveries" },
    { figure: "applied", value: count("applied"), unit: "payments" },
    { figure: "duplicate", value: count("duplicate"), unit: "deliveries" },
    { figure: "p50 latency", value: percentile(latencies, 0.5), unit: "ms" },
    { figure: "p99 latency", value: percentile(latencies, 0.99), unit: "ms" },
    { figure: "throughput", value: DELIVERIES / (run.ms / 1000), unit: "deliveries/s" },
    { figure: "time", value: run.ms / 1000, unit: "s" },
    { figure: "requests per delivery", value: requestsPerDelivery, unit: "requests" },
    { figure: "bare PutItem time", value: floor.ms / 1000, unit: "s" },
    { figure: "ratio vs bare PutItem", value: run.ms / floor.ms, unit: "x" },
  ];
}

/**
 * 10,000 signed deliveries (10% redeliveries) at 50 concurrent over real HTTP to the local server,
 * on DynamoDB Local, against the floor of the same number of bare PutItem calls at the same
 * concurrency: what verifying, the transaction and the settle step cost over storing alone.
 */
export const webhookBench: Benchmark = {
  name: "webhook",
  description: "10,000 signed payment webhooks (10% duplicates, 50 concurrent) vs bare PutItem",
  async run() {
    const dynamo = await startLocalDynamo();
    const tables = prefixedTableNames("bench-");
    // The handler's own client, metered apart from the set-up's and the floor's.
    const handlerDoc = createDocumentClient({ endpoint: dynamo.endpoint });
    installWebhookPorts(dynamo.endpoint, tables, handlerDoc);
    const server = await startHttpServer();
    try {
      await createTables(dynamo.endpoint, tables);
      const doc = createDocumentClient({ endpoint: dynamo.endpoint });
      const distinctCount = Math.round(DELIVERIES * (1 - DUPLICATE_SHARE));
      const population = await participantsWithOpenCases(doc, tables, distinctCount + WARMUP);
      const deliver = delivererTo(`${server.url}/payments`);
      const bare = barePuts(doc, tables.payments, population);

      // Warm both paths (JIT, connections, DynamoDB Local) on other participants and ids.
      await mapConcurrent(notices(population.slice(distinctCount), "warm"), CONCURRENCY, deliver);
      await bare("warm-bare", WARMUP);

      const distinct = notices(population.slice(0, distinctCount), "pay");
      const stream = withDuplicates(distinct, DELIVERIES - distinctCount);
      const meter = new DynamoMeter({ units: false }).attach(handlerDoc);
      const run = await timed(() => mapConcurrent(stream, CONCURRENCY, deliver));
      const requestsPerDelivery = meter.requestCount() / DELIVERIES;
      meter.stop();
      const floor = await timed(() => bare("bare", DELIVERIES));

      await checkAppliedOnce(doc, tables.payments, run.result, distinctCount);
      return figures(run, floor, requestsPerDelivery);
    } finally {
      installPorts(undefined);
      await server.close();
      await dynamo.stop();
    }
  },
};

import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { TableNames } from "../../functions/contracts";
import { SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { dynamoPaymentStore } from "../../functions/handlers/shared/aws/payments";
import type { Ports } from "../../functions/handlers/shared/composition-root";
import { importArrears } from "../../functions/import/arrears-import";
import { applyPayment } from "../../functions/services/apply-payment";
import { mapArrears } from "../../functions/services/map-arrears";
import { ALL_TABLES, type TableName } from "../../functions/store/schemas";
import { SimulatedClock } from "../../local/sim/clock";
import { installHandlerPorts } from "../support/handler-ports";
import { freshTables, handlerVariables } from "./tables";

const DAY = 86_400;
const IMPORTED = new Date("2026-11-01T01:00:00.000Z");
const MAPPED = new Date("2026-11-02T01:00:00.000Z");
const PAID = new Date("2026-11-10T03:00:00.000Z");
const epoch = (at: Date | string) => Date.parse(typeof at === "string" ? at : at.toISOString()) / 1000;

/** Settings unlike the defaults, so each table's TTL shows which one it was computed from. */
const RETENTION = {
  PARTICIPANT_RETENTION_DAYS: "40",
  CASE_RETENTION_DAYS: "400",
  INTERACTION_RETENTION_DAYS: "500",
  PAYMENT_RETENTION_DAYS: "2000",
  LIMIT_RETENTION_DAYS: "8",
};

/** The header and first rows of the sample snapshot: Semarang's first participant owes two months. */
const SNAPSHOT = `${readFileSync(new URL("../../data/sample-arrears.csv", import.meta.url), "utf8")
  .split("\n")
  .slice(0, 21)
  .join("\n")}\n`;

let db: Awaited<ReturnType<typeof freshTables>>;
let ports: Ports;
let clock: SimulatedClock;

async function scan(table: TableName): Promise<Record<string, unknown>[]> {
  const out = await db.doc.send(new ScanCommand({ TableName: db.tables[table], ConsistentRead: true }));
  return out.Items ?? [];
}

beforeAll(async () => {
  db = await freshTables();
  clock = new SimulatedClock(IMPORTED);
  ports = installHandlerPorts(handlerVariables(db, RETENTION), { clock }, { payments: dynamoPaymentStore });
  await importArrears({
    source: Readable.from([SNAPSHOT]),
    branches: SAMPLE_BRANCHES,
    store: ports.participants,
    now: IMPORTED,
  });
  await mapArrears(
    ports,
    { branchCode: "SEMARANG", period: "2026-11" },
    { now: MAPPED, timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
  );
  await clock.sleepUntil(PAID);
  const deps = { payments: ports.payments(), branches: ports.branches, clock };
  const notice = { amount: 140_000, paidAt: "2026-11-10T10:00:00+07:00", channel: "BANK" } as const;
  // One payment applied to Semarang's case, one parked (no such participant).
  await applyPayment(deps, { ...notice, paymentId: "PAY-1", participantId: "0001442261431" });
  await applyPayment(deps, { ...notice, paymentId: "PAY-2", participantId: "0009999999999" });
  await ports.rateLimiter.acquire("sms", 20, 1);
  await ports.concurrency.tryEnter("connect-calls", 10);
  await ports.roster.ensure("SEMARANG#2026-11");
}, 120_000);

describe("retention: every item carries its table's TTL", () => {
  it("keeps each imported participant 40 days after its import", async () => {
    const participants = await scan("participants");
    expect(participants).toHaveLength(20);
    for (const p of participants) expect(p.expiresAt).toBe(epoch(IMPORTED) + 40 * DAY);
  });

  it("keeps each mapped case, and its campaign, 400 days after the mapping", async () => {
    const cases = await scan("cases");
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(c.expiresAt).toBe(epoch(MAPPED) + 400 * DAY);
    expect(await scan("campaigns")).toEqual([
      expect.objectContaining({ campaignId: "SEMARANG#2026-11", expiresAt: epoch(MAPPED) + 400 * DAY }),
    ]);
  });

  it("keeps payments, applied or parked, 2000 days after they were received", async () => {
    const payments = await scan("payments");
    expect(payments.map((p) => [p.paymentId, p.status, p.expiresAt]).sort()).toEqual([
      ["PAY-1", "APPLIED", epoch(PAID) + 2000 * DAY],
      ["PAY-2", "UNMATCHED", epoch(PAID) + 2000 * DAY],
    ]);
  });

  it("keeps the payment's interaction 500 days", async () => {
    const interactions = await scan("interactions");
    expect(interactions.map((i) => [i.kind, i.expiresAt])).toContainEqual([
      "PAYMENT_APPLIED",
      epoch("2026-11-10T03:00:00.000Z") + 500 * DAY,
    ]);
  });

  it("keeps quota, gate and roster items 8 days after their last write", async () => {
    const limits = await scan("limits");
    expect(limits).toHaveLength(3);
    for (const item of limits) expect(item.expiresAt).toBe(epoch(PAID) + 8 * DAY);
  });

  it("creates a quota's item again when TTL deleted it while the limiter ran", async () => {
    await db.doc.send(new DeleteCommand({ TableName: db.tables.limits, Key: { limitId: "sms" } }));
    await clock.sleepUntil(new Date(PAID.getTime() + 1_000));
    expect(await ports.rateLimiter.acquire("sms", 20, 2)).toBe(2);
    expect((await scan("limits")).find((item) => item.limitId === "sms")).toMatchObject({
      used: 2,
      expiresAt: epoch(PAID) + 1 + 8 * DAY,
    });
  });

  it("leaves no item of any table without a TTL", async () => {
    for (const schema of ALL_TABLES) {
      for (const item of await scan(schema.name)) expect(typeof item.expiresAt, schema.name).toBe("number");
    }
  });

  it("turns TTL on for every DynamoDB Local table, on expiresAt, when asked to", async () => {
    // Asked for here only: the items above are stamped from November 2026 and DynamoDB Local
    // deletes by the wall clock (local/dynamodb.ts).
    const withTtl = await freshTables({ timeToLive: true });
    const tables: TableNames = withTtl.tables;
    for (const name of Object.values(tables)) {
      const out = await db.doc.send(new DescribeTimeToLiveCommand({ TableName: name }));
      expect(out.TimeToLiveDescription, name).toEqual({
        TimeToLiveStatus: "ENABLED",
        AttributeName: "expiresAt",
      });
    }
  });
});

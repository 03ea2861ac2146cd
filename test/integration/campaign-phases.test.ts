import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { branchIndex, SAMPLE_BRANCHES } from "../../functions/domain/branches";
import {
  closeCampaign,
  planCallingDay,
  recordCampaignFailure,
} from "../../functions/services/campaign-phases";
import { mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import { DynamoDialQueue } from "../../functions/store/dynamo-dial-queue";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { CollectingNotifier } from "../../local/adapters/supervisor-notifier";
import { SimulatedClock } from "../../local/sim/clock";
import { participant } from "../fixtures/participants";
import { freshTables } from "./tables";

const START = new Date("2026-11-11T02:00:00Z"); // Wednesday 09:00 WIB
let deps: Parameters<typeof closeCampaign>[0] & Parameters<typeof planCallingDay>[0];
let participants: DynamoParticipantStore;
let doc: Awaited<ReturnType<typeof freshTables>>["doc"];
let casesTable = "";

async function setCase(
  participantId: string,
  fields: Record<string, unknown>,
  remove: string[] = [],
  campaignId = "SEMARANG#2026-11",
) {
  const names = Object.fromEntries(Object.keys(fields).map((k) => [`#${k}`, k]));
  const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`:${k}`, v]));
  const sets = Object.keys(fields).map((k) => `#${k} = :${k}`);
  await doc.send(
    new UpdateCommand({
      TableName: casesTable,
      Key: { campaignId, participantId },
      UpdateExpression: [
        sets.length ? `SET ${sets.join(", ")}` : "",
        remove.length ? `REMOVE ${remove.join(", ")}` : "",
      ]
        .join(" ")
        .trim(),
      ...(sets.length ? { ExpressionAttributeNames: names, ExpressionAttributeValues: values } : {}),
    }),
  );
}

/** Two Gorontalo cases of `period`, both out of attempts; the first promised to pay on `date`. */
async function nobodyToCallButAPromise(period: string, date: string) {
  const ids = ["0002000000001", "0002000000002"];
  await participants.putMany(
    ids.map((participantId) => participant({ participantId, branchCode: "GORONTALO", monthsInArrears: 5 })),
  );
  await mapArrears(
    { participants, cases: deps.cases, campaigns: deps.campaigns },
    { branchCode: "GORONTALO", period },
    { now: START, timeBudgetMs: 60_000, deadline: Date.now() + 60_000 },
  );
  const campaignId = `GORONTALO#${period}`;
  for (const id of ids) await setCase(id, { callAttempts: 3 }, ["dialQueue"], campaignId);
  const promise = { amount: 100_000, date, status: "PENDING", agentId: "a1", recordedAt: "x" };
  await setCase("0002000000001", { promise }, [], campaignId);
}

beforeAll(async () => {
  const t = await freshTables();
  doc = t.doc;
  casesTable = t.tables.cases;
  participants = new DynamoParticipantStore(doc, t.tables.participants);
  const cases = new DynamoCaseStore(doc, t.tables.cases);
  const campaigns = new DynamoCampaignStore(doc, t.tables.campaigns);
  deps = {
    branches: branchIndex(SAMPLE_BRANCHES),
    campaigns,
    cases,
    interactions: new DynamoInteractionStore(doc, t.tables.interactions, 30),
    clock: new SimulatedClock(START),
    notifier: new CollectingNotifier(),
    dialQueue: new DynamoDialQueue(doc, t.tables, 30),
  };
  await participants.putMany(
    ["01", "02", "03", "04", "05", "06"].map((n, i) =>
      participant({ participantId: `00010000000${n}`, branchCode: "SEMARANG", monthsInArrears: 3 + i * 4 }),
    ),
  );
  await mapArrears(
    { participants, cases, campaigns },
    { branchCode: "SEMARANG", period: "2026-11" },
    { now: START, timeBudgetMs: 60_000, deadline: Date.now() + 60_000 },
  );
});

describe("campaign phases", () => {
  it("plans the first calling day after the grace days, in the branch's zone", async () => {
    const plan = await planCallingDay(deps, { branchCode: "SEMARANG", period: "2026-11" });
    expect(plan).toEqual({
      done: false,
      day: "2026-11-13",
      opensAt: "2026-11-13T01:00:00.000Z",
      promisesBroken: 0,
      promisesPending: 0,
    });
    expect(await deps.campaigns.get("SEMARANG#2026-11")).toMatchObject({
      status: "DIALING",
      nextCallingDay: "2026-11-13",
    });
  });

  it("refuses to plan a campaign that was never mapped", async () => {
    await expect(planCallingDay(deps, { branchCode: "SEMARANG", period: "2030-01" })).rejects.toThrow(
      /map its arrears first/,
    );
  });

  it("marks promises past their date + grace broken before each calling day, even off the dial queue", async () => {
    const pending = (date: string) => ({
      amount: 100_000,
      date,
      status: "PENDING",
      agentId: "a1",
      recordedAt: "x",
    });
    // Out of attempts: the dialer will never claim it again.
    await setCase("0001000000003", { promise: pending("2026-11-16"), callAttempts: 3 }, ["dialQueue"]);
    await setCase("0001000000004", { promise: pending("2026-11-19") });
    // Friday 2026-11-20 09:00 WIB: 11-16 + 1 grace day has passed, 11-19 + 1 has not.
    const later = { ...deps, clock: new SimulatedClock(new Date("2026-11-20T02:00:00Z")) };

    const plan = await planCallingDay(later, { branchCode: "SEMARANG", period: "2026-11" });
    expect(plan.promisesBroken).toBe(1);
    const broken = await deps.cases.get("SEMARANG#2026-11", "0001000000003");
    expect(broken?.promise?.status).toBe("BROKEN");
    expect(broken?.dialRank?.startsWith("0")).toBe(true);
    expect(broken?.dialQueue).toBeUndefined();
    expect((await deps.cases.get("SEMARANG#2026-11", "0001000000004"))?.promise?.status).toBe("PENDING");
    const trail = await deps.interactions.allByCampaign("SEMARANG#2026-11");
    expect(trail.filter((i) => i.kind === "PROMISE_BROKEN")).toMatchObject([
      { participantId: "0001000000003", at: "2026-11-17T17:00:00.000Z", agentId: "a1", amount: 100_000 },
    ]);

    // The next morning's planning finds nothing new to mark.
    expect((await planCallingDay(later, { branchCode: "SEMARANG", period: "2026-11" })).promisesBroken).toBe(
      0,
    );
    await setCase("0001000000004", {}, ["promise"]);
  });

  it("keeps a campaign nobody is left to call open until its pending promises are kept or broken", async () => {
    await nobodyToCallButAPromise("2026-11", "2026-11-24");
    const at = (iso: string) => ({ ...deps, clock: new SimulatedClock(new Date(iso)) });
    const gorontalo = { branchCode: "GORONTALO", period: "2026-11" };

    // Friday the 20th after its calling day: the promise for Tuesday the 24th keeps the days coming.
    const friday = await planCallingDay(at("2026-11-20T13:00:00Z"), { ...gorontalo, afterDay: "2026-11-20" });
    expect(friday).toMatchObject({ done: false, day: "2026-11-21", promisesPending: 1, promisesBroken: 0 });

    // Thursday the 26th: the 24th + 1 grace day has passed unpaid, so it is broken and the campaign ends.
    const thursday = await planCallingDay(at("2026-11-25T23:00:00Z"), {
      ...gorontalo,
      afterDay: "2026-11-25",
    });
    expect(thursday).toEqual({ done: true, promisesBroken: 1, promisesPending: 0 });
  });

  it("does not wait for a promise dated after its period", async () => {
    await nobodyToCallButAPromise("2026-10", "2026-11-05");
    // Tuesday 2026-10-20, after its calling day: nobody to call, and the promise is November's.
    const plan = await planCallingDay(
      { ...deps, clock: new SimulatedClock(new Date("2026-10-20T13:00:00Z")) },
      { branchCode: "GORONTALO", period: "2026-10", afterDay: "2026-10-20" },
    );
    expect(plan).toEqual({ done: true, promisesBroken: 0, promisesPending: 0 });
  });

  it("closes every open case with its final status and reports to the supervisors", async () => {
    // Last month's campaign of the same participants: the report compares categories.
    await mapArrears(
      { participants, cases: deps.cases, campaigns: deps.campaigns },
      { branchCode: "SEMARANG", period: "2026-10" },
      { now: START, timeBudgetMs: 60_000, deadline: Date.now() + 60_000 },
    );
    await setCase("0001000000001", { status: "PAID", amountPaid: 105_000 }, ["dialQueue", "dialRank"]);
    await setCase("0001000000002", { amountPaid: 50_000 });
    await setCase("0001000000003", {
      promise: { amount: 100_000, date: "2026-11-20", status: "BROKEN", agentId: "a1", recordedAt: "x" },
      contacted: true,
      callAttempts: 1,
    });
    await setCase("0001000000004", { lastOutcome: "REFUSES", contacted: true, callAttempts: 2 });
    await setCase("0001000000005", { callAttempts: 3, lastOutcome: "NO_ANSWER" });

    const result = await closeCampaign(deps, { branchCode: "SEMARANG", period: "2026-11" });
    expect(result.closed).toBe(5);
    const byId = new Map((await allCases(deps.cases, "SEMARANG#2026-11")).map((c) => [c.participantId, c]));
    expect(byId.get("0001000000001")).toMatchObject({ status: "PAID" });
    expect(byId.get("0001000000002")).toMatchObject({ status: "CLOSED", closeReason: "PARTIALLY_PAID" });
    expect(byId.get("0001000000003")).toMatchObject({ status: "CLOSED", closeReason: "PROMISE_BROKEN" });
    expect(byId.get("0001000000004")).toMatchObject({ status: "CLOSED", closeReason: "REFUSED" });
    expect(byId.get("0001000000005")).toMatchObject({ status: "CLOSED", closeReason: "UNREACHABLE" });
    expect(byId.get("0001000000006")).toMatchObject({ status: "CLOSED", closeReason: "NOT_ATTEMPTED" });
    for (const c of byId.values()) expect(c.dialQueue).toBeUndefined();

    expect(result.report?.total).toMatchObject({ targeted: 6, paid: 1, amountCollected: 155_000, called: 3 });
    expect(result.report?.finalStatuses).toMatchObject({ PAID: 1, "CLOSED:REFUSED": 1 });
    expect(result.report?.total).toMatchObject({ promised: 1, promisesBroken: 1, promiseKeptRate: 0 });
    expect(result.report?.byAgent).toMatchObject([{ agentId: "a1", promises: 1, promisesBroken: 1 }]);
    expect(result.report?.roll).toMatchObject({ previousCampaignId: "SEMARANG#2026-10", newParticipants: 0 });
    expect(result.report?.roll?.rows.reduce((n, r) => n + r.stayed, 0)).toBe(6);
    const campaign = await deps.campaigns.get("SEMARANG#2026-11");
    expect(campaign).toMatchObject({
      status: "CLOSED",
      report: { total: { paid: 1 }, byAgent: [{ agentId: "a1" }] },
    });
    const notifier = deps.notifier as CollectingNotifier;
    expect(notifier.sent[0]?.subject).toBe(
      "telecollect: kampanye Kantor Cabang Semarang November 2026 selesai",
    );
    expect(notifier.sent[0]?.message).toContain("Terkumpul Rp155.000 dari tunggakan");
    expect(notifier.sent[0]?.message).toMatch(/ WIB\.\n/);

    // Closing again (a retried task) changes nothing.
    const again = await closeCampaign(deps, { branchCode: "SEMARANG", period: "2026-11" });
    expect(again.closed).toBe(0);
  });

  it("records a failure with its cause on the campaign", async () => {
    const failure = await recordCampaignFailure(deps, {
      branchCode: "SEMARANG",
      period: "2026-11",
      failure: { Error: "ThrottlingException", Cause: "Rate exceeded" },
    });
    expect(failure.cause).toBe("campaign SEMARANG#2026-11 failed: ThrottlingException: Rate exceeded");
    expect(await deps.campaigns.get("SEMARANG#2026-11")).toMatchObject({
      status: "FAILED",
      failure: { error: "ThrottlingException", cause: "Rate exceeded" },
    });
  });
});

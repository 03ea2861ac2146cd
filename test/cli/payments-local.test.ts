import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableNames } from "../../functions/contracts";
import { signWebhook } from "../../functions/domain/webhook-signature";
import { mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { createDocumentClient } from "../../functions/store/client";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { LOCAL_DEFAULT_WEBHOOK_SECRET } from "../../local/adapters/webhook-secrets";
import { participant } from "../fixtures/participants";
import { once } from "../support/steps";
import { cli, cliEnv, type LocalUpProcess, startLocalUp, tempHome } from "./helpers";

// `payments unmatched` and `payments assign` against a real `telecollect local up` process. The
// payments are parked, then assigned, in one fixed order (the steps below) whichever test asks
// first: each test runs alone or in any order and looks at the outcome of its step.
const START = "2026-11-15T01:00:00.000Z";
const SECRET = process.env.TELECOLLECT_WEBHOOK_SECRET ?? LOCAL_DEFAULT_WEBHOOK_SECRET;
const CAMPAIGN = "GORONTALO#2026-11";
// Kelas III, 5 months, one person.
const DUE = 175_000;
const id = (n: number) => `0008${String(n).padStart(9, "0")}`;
const NOBODY = "9999999990001";

let home: { home: string; remove(): Promise<void> };
let up: LocalUpProcess;
let env: NodeJS.ProcessEnv;
let state: {
  webhookUrl: string;
  controlUrl: string;
  token: string;
  dynamoEndpoint: string;
  tables: TableNames;
};
let doc: ReturnType<typeof createDocumentClient>;
let participants: DynamoParticipantStore;
let cases: DynamoCaseStore;

/** A payment channel's signed delivery, timed on the runtime's simulated clock. */
async function deliver(paymentId: string, participantId: string, amount: number) {
  const clock = await fetch(`${state.controlUrl}/clock`, {
    headers: { authorization: `Bearer ${state.token}` },
  });
  const now = new Date(((await clock.json()) as { now: string }).now);
  const body = JSON.stringify({
    paymentId,
    participantId,
    amount,
    paidAt: new Date(now.getTime() - 3_600_000).toISOString(),
    channel: "BANK",
  });
  const timestamp = Math.floor(now.getTime() / 1000);
  const response = await fetch(state.webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-telecollect-timestamp": String(timestamp),
      "x-telecollect-signature": signWebhook(SECRET, timestamp, body),
    },
    body,
  });
  return response.json();
}

beforeAll(async () => {
  home = await tempHome();
  env = cliEnv(home.home);
  up = await startLocalUp(home.home, ["--start", START]);
  state = JSON.parse(await readFile(join(home.home, "local.json"), "utf8"));
  doc = createDocumentClient({ endpoint: state.dynamoEndpoint });
  participants = new DynamoParticipantStore(doc, state.tables.participants);
  cases = new DynamoCaseStore(doc, state.tables.cases);
  await participants.putMany([1, 2].map((n) => participant({ participantId: id(n), monthsInArrears: 5 })));
  // Open cases, as the campaign's mapping step makes them.
  await mapArrears(
    { participants, cases, campaigns: new DynamoCampaignStore(doc, state.tables.campaigns) },
    { branchCode: "GORONTALO", period: "2026-11" },
    { now: new Date(START), timeBudgetMs: 60_000, deadline: Date.now() + 60_000 },
  );
  await doc.send(
    new UpdateCommand({
      TableName: state.tables.cases,
      Key: { campaignId: CAMPAIGN, participantId: id(1) },
      UpdateExpression: "SET promise = :p",
      ExpressionAttributeValues: {
        ":p": { amount: DUE, date: "2026-11-20", status: "PENDING", agentId: "a-1", recordedAt: START },
      },
    }),
  );
}, 120_000);

afterAll(async () => {
  await up?.stop();
  await home?.remove();
});

/** Two payments parked: one for an unknown card number, one whose payer is imported afterwards. */
const parked = once(async () => {
  const deliveries = [await deliver("bank-001", NOBODY, DUE), await deliver("bank-002", id(9), 40_000)];
  const table = await cli(["payments", "unmatched", "--local"], env);
  const none = await cli(["payments", "unmatched", "--local", "--branch", "GORONTALO", "--json"], env);
  // The payer of bank-002 is imported afterwards: the payment now has a branch.
  await participants.putMany([participant({ participantId: id(9), monthsInArrears: 1 })]);
  const gorontalo = await cli(["payments", "unmatched", "--local", "--branch", "GORONTALO", "--json"], env);
  return { deliveries, table, none, gorontalo };
});

/** bank-001 to the participant whose case it pays, bank-002 to one it pays in part. */
const assigned = once(async () => {
  await parked();
  const text = await cli(
    [
      "payments",
      "assign",
      "bank-001",
      "--participant",
      id(1),
      "--reason",
      "card number typo",
      "--by",
      "kabid",
      "--local",
    ],
    env,
  );
  const paidParticipant = await participants.get(id(1));
  const paidCase = await cases.get(CAMPAIGN, id(1));
  const listed = await cli(["payments", "unmatched", "--local", "--json"], env);
  const json = await cli(
    [
      "payments",
      "assign",
      "bank-002",
      "--participant",
      id(2),
      "--reason",
      "wrong card",
      "--by",
      "kabid",
      "--local",
      "--json",
    ],
    env,
  );
  const partCase = await cases.get(CAMPAIGN, id(2));
  return { text, paidParticipant, paidCase, listed, json, partCase };
});

describe("telecollect payments (local)", () => {
  it("lists parked payments with the card number masked, and by branch once the card number is known", async () => {
    const { deliveries, table, none, gorontalo } = await parked();
    expect(deliveries).toEqual([{ status: "unmatched" }, { status: "unmatched" }]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/bank-001\s+\*{9}0001\s+-\s+Rp175\.000\s+BANK/);
    expect(table.stdout).toContain("UNKNOWN_PARTICIPANT");
    expect(table.stdout).toContain("2 unmatched payment(s)");
    expect(table.stdout).not.toContain(NOBODY);
    expect(JSON.parse(none.stdout)).toEqual([]);
    expect(JSON.parse(gorontalo.stdout)).toEqual([
      expect.objectContaining({
        paymentId: "bank-002",
        participant: "*********0009",
        branch: "GORONTALO",
        amount: 40_000,
      }),
    ]);
  });

  it("assigns a parked payment: arrears lowered, case PAID, promise KEPT, who and why recorded", async () => {
    const { text, paidParticipant, paidCase, listed, json, partCase } = await assigned();
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      "Assigned payment bank-001 (Rp175.000, BANK) to participant *********0001 by kabid: card number typo",
    );
    expect(text.stdout).toContain("case of campaign GORONTALO 2026-11 credited, now PAID, promise KEPT");
    expect(paidParticipant?.arrearsAmount).toBe(0);
    expect(paidCase).toMatchObject({
      status: "PAID",
      amountPaid: DUE,
      promise: { status: "KEPT" },
    });
    expect(JSON.parse(listed.stdout).map((p: { paymentId: string }) => p.paymentId)).toEqual(["bank-002"]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      outcome: "ASSIGNED",
      participant: "*********0002",
      amount: 40_000,
      at: START,
      campaignId: CAMPAIGN,
      casePaid: false,
      promiseKept: false,
    });
    expect(partCase?.amountPaid).toBe(40_000);
  });

  it("refuses, in one line, a payment already assigned or never parked, and an unknown participant", async () => {
    await assigned();
    const again = await cli(
      ["payments", "assign", "bank-001", "--participant", id(2), "--reason", "again", "--local"],
      env,
    );
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      `telecollect: payment bank-001 was already assigned to *********0001 by kabid at ${START}: card number typo`,
    );
    expect(await deliver("bank-003", id(2), 10_000)).toEqual({ status: "applied" });
    const matched = await cli(
      ["payments", "assign", "bank-003", "--participant", id(1), "--reason", "x", "--local"],
      env,
    );
    expect(matched.code).toBe(1);
    expect(matched.stderr).toMatch(
      /^telecollect: payment bank-003 is not unmatched: it was applied to \*{9}0002/,
    );
    expect(await deliver("bank-004", NOBODY, 5_000)).toEqual({ status: "unmatched" });
    const nobody = await cli(
      ["payments", "assign", "bank-004", "--participant", "9999999990002", "--reason", "guess", "--local"],
      env,
    );
    expect(nobody.code).toBe(1);
    expect(nobody.stderr.trim()).toBe(
      "telecollect: participant *********0002 not found: check the card number (13 digits) or import the participant first",
    );
    const bad = await cli(
      ["payments", "assign", "bank-004", "--participant", "12345", "--reason", "x", "--local"],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--participant: must be 13 digits");
    const noReason = await cli(["payments", "assign", "bank-004", "--participant", id(1), "--local"], env);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("--reason: required");
  });
});

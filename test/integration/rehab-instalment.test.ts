import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { type Case, campaignIdOf } from "../../functions/domain/case";
import type { Interaction } from "../../functions/domain/interaction";
import { addDays } from "../../functions/domain/local-time";
import { profileAfterChange } from "../../functions/domain/participant-status";
import { virtualAccountNumber } from "../../functions/domain/virtual-account";
import { sendFollowUps } from "../../functions/services/follow-ups";
import { mapArrears } from "../../functions/services/map-arrears";
import { sendSms } from "../../functions/services/send-sms";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseFollowUpStore } from "../../functions/store/case-follow-ups";
import { DynamoCaseStore } from "../../functions/store/cases";
import { DynamoDialQueue } from "../../functions/store/dynamo-dial-queue";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { SimulatedClock } from "../../local/sim/clock";
import { participant } from "../fixtures/participants";
import { once } from "../support/steps";
import { type SweepOutbox, sweepDepsAt, waveDepsAt } from "./follow-up-sweep-fixture";
import { freshTables } from "./tables";

/*
 * A participant on a REHAB plan through the November campaign on DynamoDB Local: mapped with the
 * plan's hold, left out of the debt reminder wave and the dial queue, and reminded of the
 * instalment once, before 10 December, by the daily follow-up sweep.
 */

// Wednesday 2026-11-11, 08:00 WIB: the monthly start maps the campaign.
const MAPPED = new Date("2026-11-11T01:00:00Z");
const CAMPAIGN = campaignIdOf("SEMARANG", "2026-11");
const pid = (n: number) => `000500000000${n}`;
const ON_PLAN = pid(1);
const ORDINARY = pid(2);
const ON_PLAN_PAID = pid(3);

type Tables = Awaited<ReturnType<typeof freshTables>>;
let db: Tables;
let cases: DynamoCaseStore;
let campaigns: DynamoCampaignStore;
let interactions: DynamoInteractionStore;
let profiles: DynamoProfileStore;
const waveSms: string[] = [];
const outbox: SweepOutbox = { sms: [], whatsapp: [] };
const followUpSms = outbox.sms;
const followUpWhatsApp = outbox.whatsapp;

beforeAll(async () => {
  db = await freshTables();
  cases = new DynamoCaseStore(db.doc, db.tables.cases);
  campaigns = new DynamoCampaignStore(db.doc, db.tables.campaigns);
  interactions = new DynamoInteractionStore(db.doc, db.tables.interactions, 400);
  profiles = new DynamoProfileStore(db.doc, db.tables.profiles);
  const participants = new DynamoParticipantStore(db.doc, db.tables.participants);
  await participants.putMany(
    [ON_PLAN, ORDINARY, ON_PLAN_PAID].map((participantId) =>
      participant({ participantId, branchCode: "SEMARANG", monthsInArrears: 6 }),
    ),
  );
  const meta = {
    setBy: "import:test",
    at: "2026-10-05T01:00:00Z",
    source: "IMPORT",
    why: "rehab_plan",
  } as const;
  for (const id of [ON_PLAN, ON_PLAN_PAID])
    await profiles.update(id, (current) =>
      profileAfterChange(current, id, { kind: "REHAB_PLAN", since: "2026-10-05", instalments: 6 }, meta),
    );
  await mapArrears(
    { participants, cases, campaigns, profiles },
    { branchCode: "SEMARANG", period: "2026-11" },
    { now: MAPPED, timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
  );
});

/** The debt reminder wave on the first morning, run to its end. */
const wave = once(async () => {
  const clock = new SimulatedClock(new Date("2026-11-11T02:00:00Z"));
  const deps = waveDepsAt(db, clock);
  const outbox = deps.sms;
  await clock.run(async () => {
    let cursor: string | undefined;
    for (;;) {
      const input = { branchCode: "SEMARANG", period: "2026-11", wave: 1, ...(cursor ? { cursor } : {}) };
      const result = await sendSms(deps, input, { timeBudgetMs: 600_000 });
      if (result.done) return;
      if (result.nextAt) await clock.sleepUntil(new Date(result.nextAt));
      cursor = result.cursor;
    }
  });
  waveSms.push(...outbox.messages().map((m) => m.caseId.split("#").at(-1) ?? ""));
});

/** The daily sweep at 10:00 WIB from the campaign's first day to the eve of the due date. */
const month = once(async () => {
  await wave();
  // A payment reaches one case on the plan before any sweep: its instalment is under way.
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tables.cases,
      Key: { campaignId: CAMPAIGN, participantId: ON_PLAN_PAID },
      UpdateExpression: "SET amountPaid = :paid",
      ExpressionAttributeValues: { ":paid": 140_000 },
    }),
  );
  for (let day = "2026-11-11"; day < "2026-12-10"; day = addDays(day, 1))
    await sendFollowUps(sweepDepsAt(db, new Date(`${day}T03:00:00Z`), outbox), {
      branchCode: "SEMARANG",
      period: "2026-11",
    });
  const all: Interaction[] = [];
  let cursor: string | undefined;
  do {
    const page = await interactions.pageByCampaign(CAMPAIGN, cursor);
    all.push(...page.interactions);
    cursor = page.cursor;
  } while (cursor);
  return all.filter((i) => i.kind === "WHATSAPP_SENT" || i.kind === "SMS_SENT");
});

describe("a participant on a REHAB plan through a month", () => {
  it("is mapped with the plan's hold, out of the dial queue: never called", async () => {
    await month();
    expect((await cases.get(CAMPAIGN, ON_PLAN))?.hold).toEqual({ kind: "REHAB_PLAN" });
    const queued: string[] = [];
    const dialQueue = new DynamoDialQueue(db.doc, db.tables, 400);
    await dialQueue.scanDialQueue(CAMPAIGN, (c) => {
      queued.push(c.participantId);
      return false;
    });
    expect(queued).toEqual([ORDINARY]);
  });

  it("gets no debt reminder from the wave", async () => {
    await month();
    expect(waveSms).toEqual([ORDINARY]);
  });

  it("gets the instalment reminder once, on the first morning, naming 10 December and no amount", async () => {
    const sent = await month();
    const mine = sent.filter((i) => i.participantId === ON_PLAN);
    expect(mine.map((i) => [i.kind, i.detail?.followUp, i.detail?.occasion, i.at])).toEqual([
      ["WHATSAPP_SENT", "REHAB_INSTALMENT", "2026-12-10", "2026-11-11T03:00:00.000Z"],
    ]);
    const message = followUpWhatsApp.find((m) => m.messageId === mine[0]?.detail?.messageId);
    expect(message?.template).toBe("telecollect_cicilan_rehab");
    expect(message?.parameters.slice(1)).toEqual(["10 Desember 2026", virtualAccountNumber(ON_PLAN)]);
    const c = await cases.get(CAMPAIGN, ON_PLAN);
    expect(c?.followUps?.["REHAB_INSTALMENT#2026-12-10"]).toMatchObject({ status: "SENT" });
    expect(c?.messageTimes).toHaveLength(1);
  });

  it("is not reminded once a payment reached the case; nobody off the plan is", async () => {
    const sent = await month();
    expect(sent.filter((i) => i.participantId === ON_PLAN_PAID)).toEqual([]);
    expect(sent.filter((i) => i.detail?.followUp === "REHAB_INSTALMENT").map((i) => i.participantId)).toEqual(
      [ON_PLAN],
    );
    expect(followUpSms).toEqual([]);
  });

  it("is not claimed once a payment reached the case after the sweep read it", async () => {
    await month();
    const store = new DynamoCaseFollowUpStore(db.doc, db.tables.cases);
    const key = "REHAB_INSTALMENT#2027-01-10";
    const unpaid = { status: "OPEN", unpaid: true } as const;
    const paid = await cases.get(CAMPAIGN, ON_PLAN_PAID);
    const open = await cases.get(CAMPAIGN, ORDINARY);
    if (!paid || !open) throw new Error("cases not mapped");
    // As the sweep read it before the payment: the claim still finds the payment.
    const readBefore: Case = { ...paid, amountPaid: 0 };
    expect(await store.claim(readBefore, key, unpaid, MAPPED)).toBe("ALREADY");
    expect(await store.claim(open, key, unpaid, MAPPED)).toBe("CLAIMED");
  });
});

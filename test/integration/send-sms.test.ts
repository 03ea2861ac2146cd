import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmsMessage, SmsSendError } from "../../functions/channels/sms";
import { branchIndex, SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { campaignReport } from "../../functions/domain/campaign-report";
import { type Case, campaignIdOf } from "../../functions/domain/case";
import type { Interaction } from "../../functions/domain/interaction";
import { type CampaignStrategy, DEFAULT_STRATEGY, parseStrategy } from "../../functions/domain/strategy";
import { handler } from "../../functions/handlers/send-sms";
import { installPorts } from "../../functions/handlers/shared/composition-root";
import { mapArrears } from "../../functions/services/map-arrears";
import {
  type SendSmsDeps,
  type SendSmsOptions,
  type SendSmsResult,
  sendSms,
} from "../../functions/services/send-sms";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { type CaseSmsStore, DynamoCaseSmsStore } from "../../functions/store/case-sms";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoMessageStore } from "../../functions/store/messages";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { DynamoRateLimiter } from "../../functions/store/rate-limits";
import { type SmsFaultInjector, SmsOutbox } from "../../local/adapters/sms-outbox";
import { invokeLocally } from "../../local/lambda";
import { SimulatedClock } from "../../local/sim/clock";
import { branchPopulation, participant } from "../fixtures/participants";
import { installHandlerPorts } from "../support/handler-ports";
import { once } from "../support/steps";
import { freshTables, handlerVariables } from "./tables";

type Tables = Awaited<ReturnType<typeof freshTables>>;
let db: Tables;
let cases: DynamoCaseStore;
let campaigns: DynamoCampaignStore;
let interactions: DynamoInteractionStore;
let participants: DynamoParticipantStore;

const generous = { timeBudgetMs: 600_000 };
const PERIOD = "2026-11";
/** Wednesday 2026-11-11, 09:00 in Semarang (WIB, UTC+7). */
const SEMARANG_9AM = new Date("2026-11-11T02:00:00Z");

const id = (n: number) => `00010000000${String(n).padStart(2, "0")}`;
const SEMARANG_PEOPLE = {
  twoMonths: participant({
    participantId: id(1),
    branchCode: "SEMARANG",
    monthsInArrears: 2,
    name: "SITI AMINAH",
  }),
  rehab: participant({
    participantId: id(2),
    branchCode: "SEMARANG",
    monthsInArrears: 5,
    name: "Budi Santoso",
  }),
  lapsed: participant({
    participantId: id(3),
    branchCode: "SEMARANG",
    monthsInArrears: 30,
    familyMembers: 3,
    name: "Hj. Nur’aini Wahyuni, S.Pd.",
  }),
  throttledOnce: participant({
    participantId: id(4),
    branchCode: "SEMARANG",
    monthsInArrears: 8,
    name: "Joko",
  }),
  optedOut: participant({ participantId: id(5), branchCode: "SEMARANG", monthsInArrears: 14, name: "Sri" }),
  landline: participant({
    participantId: id(6),
    branchCode: "SEMARANG",
    monthsInArrears: 6,
    phone: "+62243561234",
    phoneType: "FIXED_LINE",
    phoneRaw: "(024) 3561234",
  }),
  noPhone: participant({
    participantId: id(7),
    branchCode: "SEMARANG",
    monthsInArrears: 9,
    contactable: false,
    phone: undefined,
    phoneType: undefined,
    phoneRaw: "tidak ada",
  }),
  paid: participant({ participantId: id(8), branchCode: "SEMARANG", monthsInArrears: 3 }),
};

/** Fails the first publish of one participant's SMS with throttling, and always refuses another's. */
const faults: SmsFaultInjector = (message, attempt) => {
  if (message.caseId.endsWith(id(4)) && attempt === 1) {
    return new SmsSendError("Rate exceeded", true, "ThrottledException");
  }
  if (message.caseId.endsWith(id(5))) return new SmsSendError("opted out", false, "OptedOutException");
  return undefined;
};

function depsFor(clock: SimulatedClock, outbox: SmsOutbox, smsPerSecond = 20): SendSmsDeps {
  return {
    clock,
    branches: branchIndex(SAMPLE_BRANCHES),
    campaigns,
    cases,
    caseSms: new DynamoCaseSmsStore(db.doc, db.tables.cases),
    interactions,
    rateLimiter: new DynamoRateLimiter(db.doc, db.tables.limits, clock),
    sms: outbox,
    smsPerSecond,
    whatsappPerSecond: 20,
    messages: new DynamoMessageStore(db.doc, db.tables.messages),
    profiles: new DynamoProfileStore(db.doc, db.tables.profiles),
  };
}

async function map(branchCode: string, period: string, strategy?: CampaignStrategy) {
  await mapArrears(
    { participants, cases, campaigns },
    { branchCode, period, ...(strategy ? { strategy } : {}) },
    { now: new Date("2026-11-10T00:00:00Z"), timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
  );
}

/** Runs the wave to the end as the state machine loop does (cursor, then waiting until nextAt). */
async function waveToEnd(
  clock: SimulatedClock,
  deps: SendSmsDeps,
  branchCode: string,
  period: string,
  wave = 1,
  options: Partial<SendSmsOptions> = {},
): Promise<SendSmsResult[]> {
  return clock.run(async () => {
    const results: SendSmsResult[] = [];
    let cursor: string | undefined;
    for (;;) {
      const result = await sendSms(
        deps,
        { branchCode, period, wave, ...(cursor ? { cursor } : {}) },
        { ...generous, ...options },
      );
      results.push(result);
      if (result.done) return results;
      if (result.nextAt) await clock.sleepUntil(new Date(result.nextAt));
      cursor = result.cursor;
    }
  });
}

async function interactionsOf(campaignId: string): Promise<Interaction[]> {
  const all: Interaction[] = [];
  let cursor: string | undefined;
  do {
    const page = await interactions.pageByCampaign(campaignId, cursor);
    all.push(...page.interactions);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

const byParticipant = (list: readonly Case[]) => new Map(list.map((c) => [c.participantId, c]));

/** A wave invocation's result with nothing done. */
const NOTHING = {
  sent: 0,
  whatsapp: 0,
  whatsappRefused: 0,
  segments: 0,
  maxSegments: 0,
  failed: 0,
  unconfirmed: 0,
  skipped: 0,
  alreadyDone: 0,
};

/** The segments a wave's result reports for these messages: their sum and the longest. */
const segmentsOf = (messages: readonly { segments: number }[]) => ({
  segments: messages.reduce((n, m) => n + m.segments, 0),
  maxSegments: Math.max(0, ...messages.map((m) => m.segments)),
});

beforeAll(async () => {
  db = await freshTables();
  cases = new DynamoCaseStore(db.doc, db.tables.cases);
  campaigns = new DynamoCampaignStore(db.doc, db.tables.campaigns);
  interactions = new DynamoInteractionStore(db.doc, db.tables.interactions, 30);
  participants = new DynamoParticipantStore(db.doc, db.tables.participants);
  await participants.putMany([
    ...Object.values(SEMARANG_PEOPLE),
    ...branchPopulation("GORONTALO", 40, "0002"),
    ...branchPopulation("SINGKAWANG", 40, "0003"),
    ...branchPopulation("JAYAPURA", 12, "0004"),
  ]);
  await map("SEMARANG", PERIOD);
  // Paid between the mapping and the wave: the payment webhook closed the case.
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tables.cases,
      Key: { campaignId: campaignIdOf("SEMARANG", PERIOD), participantId: id(8) },
      UpdateExpression: "SET #s = :paid",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: { ":paid": "PAID" },
    }),
  );
});

afterAll(() => installPorts(undefined));

describe("SMS wave", () => {
  const campaignId = campaignIdOf("SEMARANG", PERIOD);
  const clock = new SimulatedClock(SEMARANG_9AM);
  const outbox = new SmsOutbox({ clock, fault: faults });
  // Wave 1, wave 1 again, then wave 2: steps in that order, whichever test asks first.
  const waveOne = once(async () => {
    const results = await waveToEnd(clock, depsFor(clock, outbox), "SEMARANG", PERIOD);
    return {
      results,
      stored: byParticipant(await allCases(cases, campaignId)),
      trail: await interactionsOf(campaignId),
    };
  });
  const waveOneAgain = once(async () => {
    await waveOne();
    const before = outbox.messages().length;
    const [result] = await waveToEnd(clock, depsFor(clock, outbox), "SEMARANG", PERIOD);
    return { before, result, after: outbox.messages().length, trail: await interactionsOf(campaignId) };
  });

  it("sends each eligible case exactly one reminder, retrying a throttled send, and skips the rest with reasons", async () => {
    const {
      results: [result, ...more],
      stored,
      trail,
    } = await waveOne();
    expect(more).toEqual([]);
    const messages = outbox.messages();
    expect(result).toEqual({
      sent: 4,
      whatsapp: 0,
      whatsappRefused: 0,
      ...segmentsOf(messages),
      failed: 1,
      unconfirmed: 0,
      skipped: 3,
      alreadyDone: 0,
      done: true,
    });
    expect(result?.maxSegments).toBeLessThanOrEqual(2);

    expect(messages.map((m) => m.caseId.slice(-13)).sort()).toEqual([id(1), id(2), id(3), id(4)]);
    expect(outbox.attemptsOf(`${campaignId}#${id(4)}#wave1`)).toBe(2);
    for (const m of messages) {
      expect(m.segments).toBeLessThanOrEqual(2);
      expect(m.text).toContain(`VA 88888${m.caseId.slice(-11)}`);
      expect(m.text).not.toMatch(/http/i);
      expect(m.phone).toBe("+6281234567890");
    }
    const text = (pid: string) => messages.find((m) => m.caseId.endsWith(pid))?.text ?? "";
    expect(text(id(1))).toContain("Yth. Bpk/Ibu Siti, tunggakan iuran JKN Anda 2 bulan, total Rp70.000.");
    for (const m of messages)
      expect(m.text).toMatch(/ BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi\.$/);
    // 30 months count as 24: 24 x Rp35.000 x 3 family members.
    expect(text(id(3))).toContain(
      "Yth. Bpk/Ibu Nur'aini, tunggakan iuran JKN Anda 30 bulan (dihitung 24 bulan), total Rp2.520.000.",
    );

    expect(stored.get(id(1))).toMatchObject({ smsSent: 1, sms: { "1": { status: "SENT", attempts: 1 } } });
    expect(stored.get(id(4))).toMatchObject({ smsSent: 1, sms: { "1": { status: "SENT", attempts: 2 } } });
    expect(stored.get(id(5))).toMatchObject({
      smsSent: 0,
      sms: { "1": { status: "FAILED", reason: "OptedOutException", retryable: false } },
    });
    expect(stored.get(id(6))?.sms["1"]).toMatchObject({
      status: "SKIPPED",
      reason: "PHONE_CANNOT_RECEIVE_SMS",
    });
    expect(stored.get(id(7))?.sms["1"]).toMatchObject({ status: "SKIPPED", reason: "NOT_CONTACTABLE" });
    expect(stored.get(id(8))?.sms["1"]).toMatchObject({ status: "SKIPPED", reason: "CASE_PAID" });

    const kinds = trail.map((i) => i.kind).sort();
    expect(kinds).toEqual([
      "SMS_FAILED",
      "SMS_SENT",
      "SMS_SENT",
      "SMS_SENT",
      "SMS_SENT",
      "SMS_SKIPPED",
      "SMS_SKIPPED",
      "SMS_SKIPPED",
    ]);
    const sent = trail.find((i) => i.participantId === id(1) && i.kind === "SMS_SENT");
    expect(sent?.detail).toMatchObject({ wave: 1, phone: "+62812****7890", segments: expect.any(Number) });
    for (const i of trail) {
      expect(JSON.stringify(i.detail)).not.toMatch(/6281234567890|Siti|Budi|Aminah|Rp/i);
    }
  });

  it("sends nothing when the same wave runs again", async () => {
    const { before, result, after, trail } = await waveOneAgain();
    expect(result).toEqual({ ...NOTHING, alreadyDone: 8, done: true });
    expect(after).toBe(before);
    expect(trail).toHaveLength(8);
  });

  it("sends a second wave once more, but never resends a claim left by a crashed run", async () => {
    await waveOneAgain();
    const caseSms = new DynamoCaseSmsStore(db.doc, db.tables.cases);
    // A run claimed this case for wave 2 and died before marking it: the SMS may have gone.
    expect(await caseSms.claim(campaignId, id(2), 2, clock.now())).toBe("CLAIMED");
    expect(await caseSms.claim(campaignId, id(2), 2, clock.now())).toBe("ALREADY");
    // The next day, 10:00.
    const later = new SimulatedClock(new Date("2026-11-12T03:00:00Z"));
    const outbox2 = new SmsOutbox({ clock: later });
    const [result] = await waveToEnd(later, depsFor(later, outbox2), "SEMARANG", PERIOD, 2);
    // The claim left behind counts as unconfirmed, not failed: it may have gone.
    expect(result).toEqual({
      ...NOTHING,
      sent: 4,
      ...segmentsOf(outbox2.messages()),
      unconfirmed: 1,
      skipped: 3,
      done: true,
    });
    // The opted-out number of wave 1 is tried again (this outbox refuses nothing); id(2) is not.
    expect(
      outbox2
        .messages()
        .map((m) => m.caseId.slice(-13))
        .sort(),
    ).toEqual([id(1), id(3), id(4), id(5)]);
    const stored = await cases.get(campaignId, id(2));
    expect(stored?.sms["2"]).toMatchObject({ status: "CLAIMED", reason: "OUTCOME_UNKNOWN" });
    const unknown = (await interactionsOf(campaignId)).filter(
      (i) => i.participantId === id(2) && i.kind === "SMS_FAILED",
    );
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.detail).toMatchObject({ wave: 2, reason: "OUTCOME_UNKNOWN", retryable: false });
  });

  it("names a case whose wave it cannot mark by its masked case id, never the card number", async () => {
    const caseSms = new DynamoCaseSmsStore(db.doc, db.tables.cases);
    // Wave 1 of this case was sent: it is no longer CLAIMED.
    const marking = caseSms.markSent(campaignId, id(1), 1, clock.now(), { attempts: 1 });
    await expect(marking).rejects.toThrow(`case ${campaignId}#*********0001 wave 1 was not CLAIMED`);
  });

  it("sends nothing outside the contact window and says when it opens", async () => {
    await map("SEMARANG", "2026-12");
    // Wednesday 2026-12-02, 06:00 WIB.
    const early = new SimulatedClock(new Date("2026-12-01T23:00:00Z"));
    const quiet = new SmsOutbox({ clock: early });
    const result = await early.run(() =>
      sendSms(depsFor(early, quiet), { branchCode: "SEMARANG", period: "2026-12", wave: 1 }, generous),
    );
    expect(result).toEqual({
      ...NOTHING,
      nextAt: "2026-12-02T01:00:00.000Z", // 08:00 WIB
      done: false,
    });
    expect(quiet.messages()).toEqual([]);
    const untouched = await allCases(cases, campaignIdOf("SEMARANG", "2026-12"));
    expect(untouched.every((c) => Object.keys(c.sms).length === 0)).toBe(true);
    // Nothing went yet: the supervisor still reads "mapped".
    expect((await campaigns.get(campaignIdOf("SEMARANG", "2026-12")))?.status).toBe("MAPPED");
  });

  it("shows the campaign in its reminder phase once the wave sends, and moves no later phase back", async () => {
    const { stored } = await waveOne();
    expect(stored.get(id(1))?.sms["1"]?.status).toBe("SENT");
    expect((await campaigns.get(campaignId))?.status).toBe("SMS");
    await campaigns.setPhase(campaignId, "DIALING", clock.now());
    await waveToEnd(clock, depsFor(clock, outbox), "SEMARANG", PERIOD);
    expect((await campaigns.get(campaignId))?.status).toBe("DIALING");
  });

  it.each([
    // Friday 2026-10-16 12:00 WIB, Friday prayers until 13:00.
    ["2026-10", "2026-10-16T05:00:00Z", "2026-10-16T06:00:00.000Z"],
    // Monday 2026-03-02 18:00 WIB, the Ramadan iftar hour until 19:00.
    ["2026-03", "2026-03-02T11:00:00Z", "2026-03-02T12:00:00.000Z"],
  ])("sends nothing in a blocked range (%s) and resumes at its end", async (period, now, resumes) => {
    await map("SEMARANG", period);
    const clock = new SimulatedClock(new Date(now));
    const outbox = new SmsOutbox({ clock });
    const result = await clock.run(() =>
      sendSms(depsFor(clock, outbox), { branchCode: "SEMARANG", period, wave: 1 }, generous),
    );
    expect(result).toMatchObject({ sent: 0, nextAt: resumes, done: false });
    expect(outbox.messages()).toEqual([]);
  });

  it("keeps two branches sending at once within the account-wide 5 SMS per second", async () => {
    await map("GORONTALO", PERIOD);
    await map("SINGKAWANG", PERIOD);
    // 11:00 in Gorontalo (WITA), 10:00 in Singkawang (WIB), Thursday 2026-11-12.
    const shared = new SimulatedClock(new Date("2026-11-12T03:00:00Z"));
    const both = new SmsOutbox({ clock: shared });
    const deps = depsFor(shared, both, 5);
    const [gorontalo, singkawang] = await Promise.all([
      waveToEnd(shared, deps, "GORONTALO", PERIOD),
      waveToEnd(shared, deps, "SINGKAWANG", PERIOD),
    ]);
    const eligible = (branch: string) =>
      allCases(cases, campaignIdOf(branch, PERIOD)).then(
        (list) => list.filter((c) => c.status === "OPEN").length,
      );
    const sentBy = (results: SendSmsResult[]) => results.reduce((n, r) => n + r.sent, 0);
    expect(sentBy(gorontalo)).toBe(await eligible("GORONTALO"));
    expect(sentBy(singkawang)).toBe(await eligible("SINGKAWANG"));

    const messages = both.messages();
    expect(new Set(messages.map((m) => m.caseId.split("#")[0]))).toEqual(
      new Set(["GORONTALO", "SINGKAWANG"]),
    );
    const perSecond = new Map<string, number>();
    for (const m of messages) perSecond.set(m.at.slice(0, 19), (perSecond.get(m.at.slice(0, 19)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(5);
    // Paced, not bunched: at 5 per second the messages span at least this many seconds.
    expect(perSecond.size).toBeGreaterThanOrEqual(Math.ceil(messages.length / 5));
    for (const m of messages) {
      expect(m.segments).toBeLessThanOrEqual(2);
      expect(m.text).toContain(`88888${m.caseId.slice(-11)}`);
    }
  });
});

/** A budget clock that moves 1 ms each time it is read: every page exhausts a 1 ms budget. */
const ticking = () => {
  let ms = 0;
  return () => ms++;
};

describe("SMS wave under failures and limits", () => {
  /** Wednesday 2027-01-13, 09:00 WIB. */
  const start = () => new SimulatedClock(new Date("2027-01-13T02:00:00Z"));
  const total = (results: SendSmsResult[], key: "sent" | "failed" | "skipped") =>
    results.reduce((n, r) => n + r[key], 0);

  it("pages through a branch under a tiny time budget, each case sent once", async () => {
    await map("GORONTALO", "2027-01");
    const clock = start();
    const outbox = new SmsOutbox({ clock });
    const results = await waveToEnd(clock, depsFor(clock, outbox), "GORONTALO", "2027-01", 1, {
      timeBudgetMs: 1,
      elapsedClock: ticking(),
      pageSize: 7,
      groupSize: 3,
    });
    const open = (await allCases(cases, campaignIdOf("GORONTALO", "2027-01"))).length;
    expect(results.length).toBeGreaterThan(5);
    expect(results.slice(0, -1).every((r) => !r.done)).toBe(true);
    // The state machine ends the wave on a result with neither: a stop in the first page has a cursor too.
    expect(results.slice(0, -1).every((r) => r.cursor !== undefined || r.nextAt !== undefined)).toBe(true);
    expect(total(results, "sent")).toBe(open);
    expect(new Set(outbox.messages().map((m) => m.caseId)).size).toBe(open);
    expect(outbox.messages()).toHaveLength(open);
  });

  it("sends every reminder in one GSM-7 segment when the strategy asks for it, and two by default", async () => {
    const oneSegment = parseStrategy({ messaging: { sms: { length: "ONE_SEGMENT" } } });
    await map("GORONTALO", "2027-07", oneSegment);
    await map("GORONTALO", "2027-08");
    const sent = async (period: string) => {
      const clock = new SimulatedClock(new Date(`${period}-13T02:00:00Z`));
      const outbox = new SmsOutbox({ clock });
      await waveToEnd(clock, depsFor(clock, outbox), "GORONTALO", period);
      return outbox.messages();
    };
    const short = await sent("2027-07");
    const standard = await sent("2027-08");
    expect(short.length).toBeGreaterThan(5);
    expect(short).toHaveLength(standard.length);
    for (const m of short) {
      expect(m.segments).toBe(1);
      expect(m.text).toMatch(
        /^Yth\. Peserta JKN, iuran Anda tertunggak \d+ bulan, Rp[\d.]+\. Mohon bayar hanya melalui VA \d+, bukan ke rekening pribadi\. Info: Care Center 165\.$/,
      );
    }
    expect(standard.some((m) => m.segments === 2)).toBe(true);
    expect(standard.every((m) => m.text.includes("Kantor Pos"))).toBe(true);
  });

  it("counts its time budget on the runtime's clock: a busy machine splits a simulated wave no differently", async () => {
    await map("GORONTALO", "2027-03");
    // Wednesday 2027-02-17, 10:00 WITA: a second no other test's sends used up.
    const clock = new SimulatedClock(new Date("2027-02-17T02:00:00Z"));
    const outbox = new SmsOutbox({ clock });
    // A limit no page reaches: the simulated clock does not move while the wave sends, however long the machine takes.
    const results = await waveToEnd(clock, depsFor(clock, outbox, 10_000), "GORONTALO", "2027-03", 1, {
      timeBudgetMs: 1,
      pageSize: 7,
    });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ done: true, sent: outbox.messages().length });
    expect(outbox.messages().length).toBeGreaterThan(7);
  });

  it.each([
    ["2027-02", {}],
    ["2027-04", { timeBudgetMs: 1, elapsedClock: ticking(), pageSize: 2, groupSize: 1 }],
  ] as const)(
    "retries a send SNS keeps throttling in a later pass, then records it failed for good (%s)",
    async (period, options) => {
      await map("SEMARANG", period);
      const clock = start();
      const outbox = new SmsOutbox({
        clock,
        fault: (m) =>
          m.caseId.endsWith(id(1))
            ? new SmsSendError("Rate exceeded", true, "ThrottledException")
            : undefined,
      });
      const results = await waveToEnd(clock, depsFor(clock, outbox), "SEMARANG", period, 1, options);
      // The pass that reaches the last page asks for a retry pass 5 minutes after its retries gave up.
      const endOfPass = results.findIndex((r) => r.nextAt);
      expect(results[endOfPass]?.nextAt).toMatch(/^2027-01-13T02:05:\d\d/);
      expect(results[endOfPass]?.cursor).toBeUndefined();
      expect(results.at(-1)?.done).toBe(true);
      expect(total(results.slice(0, endOfPass + 1), "sent")).toBe(5);
      expect(total(results.slice(endOfPass + 1), "sent")).toBe(0);
      expect(total(results, "failed")).toBe(2);
      const campaignId = campaignIdOf("SEMARANG", period);
      expect(outbox.attemptsOf(`${campaignId}#${id(1)}#wave1`)).toBe(8);
      expect(outbox.messages()).toHaveLength(5);
      expect((await cases.get(campaignId, id(1)))?.sms["1"]).toMatchObject({
        status: "FAILED",
        attempts: 8,
        reason: "ThrottledException",
      });
    },
  );

  it("fails the invocation on an account-level error, releasing unsent claims for the next run", async () => {
    await map("SEMARANG", "2027-03");
    const clock = start();
    const outbox = new SmsOutbox({ clock });
    const denied = Object.assign(new Error("not authorized"), { name: "AuthorizationErrorException" });
    const broken = {
      ...depsFor(clock, outbox),
      sms: { send: (m: SmsMessage) => (m.caseId.endsWith(id(3)) ? Promise.reject(denied) : outbox.send(m)) },
    };
    await expect(
      clock.run(() => sendSms(broken, { branchCode: "SEMARANG", period: "2027-03", wave: 1 }, generous)),
    ).rejects.toBe(denied);
    expect(outbox.messages()).toHaveLength(5);
    const campaignId = campaignIdOf("SEMARANG", "2027-03");
    expect((await cases.get(campaignId, id(3)))?.sms["1"]).toMatchObject({
      status: "FAILED",
      retryable: true,
    });

    const [retry] = await waveToEnd(clock, depsFor(clock, outbox), "SEMARANG", "2027-03");
    expect(retry).toMatchObject({ sent: 1, alreadyDone: 7, done: true });
    expect(outbox.messages()).toHaveLength(6);
    expect(new Set(outbox.messages().map((m) => m.caseId)).size).toBe(6);
  });
});

describe("SMS wave when SNS took a reminder but its SENT write failed", () => {
  const period = "2027-05";
  const campaignId = campaignIdOf("SEMARANG", period);
  const clock = new SimulatedClock(new Date("2027-01-13T02:00:00Z"));
  const outbox = new SmsOutbox({ clock });
  const throughput = Object.assign(new Error("The level of configured provisioned throughput was exceeded"), {
    name: "ProvisionedThroughputExceededException",
  });
  /** The case store, but marking id(2)'s reminder SENT fails once, after SNS took it. */
  const failingOnce = (): CaseSmsStore => {
    const store = new DynamoCaseSmsStore(db.doc, db.tables.cases);
    let failed = false;
    return Object.assign(Object.create(store) as CaseSmsStore, {
      markSent: (...args: Parameters<CaseSmsStore["markSent"]>) => {
        if (args[1] !== id(2) || failed) return store.markSent(...args);
        failed = true;
        return Promise.reject(throughput);
      },
    });
  };
  const sentTo = (pid: string) => outbox.messages().filter((m) => m.caseId.endsWith(pid)).length;

  beforeAll(() => map("SEMARANG", period));
  // The failed invocation, Step Functions' retry, a later rerun: steps in that order.
  const failed = once(async () => {
    const deps = { ...depsFor(clock, outbox), caseSms: failingOnce() };
    const error = await clock
      .run(() => sendSms(deps, { branchCode: "SEMARANG", period, wave: 1 }, generous))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const stored = byParticipant(await allCases(cases, campaignId));
    return { error, sentToTwo: sentTo(id(2)), messages: outbox.messages().length, stored };
  });
  const retried = once(async () => {
    await failed();
    await clock.run(() => clock.sleepUntil(new Date(clock.now().getTime() + 2_000)));
    const [retry] = await waveToEnd(clock, depsFor(clock, outbox), "SEMARANG", period);
    return { retry, sentToTwo: sentTo(id(2)) };
  });
  const rerun = once(async () => {
    await retried();
    // A resumed campaign runs the wave again past the claims' staleness (15 minutes).
    await clock.run(() => clock.sleepUntil(new Date(clock.now().getTime() + 16 * 60_000)));
    const [first] = await waveToEnd(clock, depsFor(clock, outbox), "SEMARANG", period);
    const [again] = await waveToEnd(clock, depsFor(clock, outbox), "SEMARANG", period);
    const unknown = (await interactionsOf(campaignId)).filter(
      (i) => i.participantId === id(2) && i.kind === "SMS_FAILED",
    );
    return { first, again, sentToTwo: sentTo(id(2)), unknown };
  });

  it("fails the invocation, leaving that reminder claimed and every other one recorded", async () => {
    const { error, sentToTwo, messages, stored } = await failed();
    expect(error).toBe(throughput);
    expect(sentToTwo).toBe(1);
    expect(messages).toBe(6);
    expect(stored.get(id(2))).toMatchObject({ smsSent: 0, sms: { "1": { status: "CLAIMED" } } });
    expect(stored.get(id(1))).toMatchObject({ smsSent: 1, sms: { "1": { status: "SENT" } } });
  });

  it("never resends it when Step Functions retries the invocation", async () => {
    const { retry, sentToTwo } = await retried();
    expect(retry).toEqual({ ...NOTHING, alreadyDone: 8, done: true });
    expect(sentToTwo).toBe(1);
  });

  it("never resends it when the wave runs again, and notes it once as unconfirmed", async () => {
    const { first, again, sentToTwo, unknown } = await rerun();
    expect(first).toEqual({ ...NOTHING, unconfirmed: 1, alreadyDone: 7, done: true });
    expect(again).toEqual({ ...NOTHING, alreadyDone: 8, done: true });
    expect(sentToTwo).toBe(1);
    expect(unknown.map((i) => i.detail?.reason)).toEqual(["OUTCOME_UNKNOWN"]);
  });

  it("reports it as unconfirmed, neither sent nor failed, and the reminders' segments", async () => {
    await rerun();
    const report = campaignReport({
      campaignId,
      branchCode: "SEMARANG",
      period,
      strategy: DEFAULT_STRATEGY,
      timeZone: "Asia/Jakarta",
      cases: await allCases(cases, campaignId),
      events: await interactionsOf(campaignId),
      now: clock.now(),
    });
    expect(report.total).toMatchObject({ smsSent: 5, smsFailed: 0, smsUnconfirmed: 1 });
    const recorded = outbox.messages().filter((m) => !m.caseId.endsWith(id(2)));
    expect(report.reminders).toEqual({
      sent: 5,
      ...segmentsOf(recorded),
      segmentsPerReminder: segmentsOf(recorded).segments / 5,
    });
    expect(report.reminders.maxSegments).toBeLessThanOrEqual(2);
  });
});

describe("send-sms handler", () => {
  const invoke = (event: unknown) =>
    invokeLocally(handler as (e: unknown, c: Context) => Promise<unknown>, event, {
      functionName: "send-sms",
    });

  beforeAll(async () => {
    await map("JAYAPURA", PERIOD);
  });

  it("runs a wave from a Lambda event with the local runtime's outbox and clock", async () => {
    // 10:00 in Jayapura (WIT, UTC+9), Thursday 2026-11-12.
    const clock = new SimulatedClock(new Date("2026-11-12T01:00:00Z"));
    const outbox = new SmsOutbox({ clock });
    const reached: string[] = [];
    outbox.onSent(({ caseId, at }) => reached.push(`${caseId}@${at.toISOString().slice(0, 10)}`));
    installHandlerPorts(handlerVariables(db, { SMS_PER_SECOND: "5" }), { clock, sms: outbox });
    const result = await clock.run(() => invoke({ branchCode: "JAYAPURA", period: PERIOD }));
    // Months cycle 0..11: 0 and 1 are below the minimum, 10 cases, all on a mobile.
    expect(result).toEqual({ ...NOTHING, sent: 10, ...segmentsOf(outbox.messages()), done: true });
    expect(outbox.messages()).toHaveLength(10);
    // A simulated population hears of each SMS as it is delivered.
    expect(reached).toHaveLength(10);
    expect(reached.every((r) => r.startsWith("JAYAPURA#2026-11#") && r.endsWith("@2026-11-12"))).toBe(true);
  });

  it("rejects a wave below 1 with the field at fault", async () => {
    await expect(invoke({ branchCode: "JAYAPURA", period: PERIOD, wave: 0 })).rejects.toThrow(
      /wave: must be 1 or more/,
    );
  });
});

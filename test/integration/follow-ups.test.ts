import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { SmsMessage } from "../../functions/channels/sms";
import type { WhatsAppTemplateMessage } from "../../functions/channels/whatsapp";
import { branchIndex } from "../../functions/domain/branches";
import type { Case } from "../../functions/domain/case";
import { smsSegments } from "../../functions/domain/sms-template";
import { DEFAULT_STRATEGY, parseStrategy } from "../../functions/domain/strategy";
import {
  type FollowUpSweepDeps,
  sendCallInfo,
  sendFailedFollowUpBySms,
  sendFollowUps,
  sendMissedCallFollowUp,
} from "../../functions/services/follow-ups";
import type { Campaign } from "../../functions/store/campaigns";
import { DynamoCaseFollowUpStore } from "../../functions/store/case-follow-ups";
import { DynamoCaseStore } from "../../functions/store/cases";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoRateLimiter } from "../../functions/store/rate-limits";
import { SimulatedClock } from "../../local/sim/clock";
import { caseOf, WIB } from "../fixtures/dialing";
import { freshTables } from "./tables";

// Thursday 2026-11-19, 10:00 WIB: the eve of a Friday promise.
const NOW = new Date("2026-11-19T03:00:00Z");
const CAMPAIGN = "SEMARANG#2026-11";
const pid = (n: number) => `000100000005${n}`;
const caseNo = (n: number, overrides: Partial<Case>): Case => ({
  ...caseOf(WIB),
  participantId: pid(n),
  caseId: `${CAMPAIGN}#${pid(n)}`,
  ...overrides,
});

type Tables = Awaited<ReturnType<typeof freshTables>>;
let db: Tables;
let deps: FollowUpSweepDeps;
const sms: SmsMessage[] = [];
const whatsapp: WhatsAppTemplateMessage[] = [];

const item = async (participantId: string) =>
  (
    await db.doc.send(
      new GetCommand({ TableName: db.tables.cases, Key: { campaignId: CAMPAIGN, participantId } }),
    )
  ).Item as Case;

beforeAll(async () => {
  db = await freshTables();
  const clock = new SimulatedClock(NOW);
  const cases = new DynamoCaseStore(db.doc, db.tables.cases);
  // Cases as mapped before follow-ups existed: no followUps map, no messageTimes.
  await cases.putNew([
    caseNo(1, {
      promise: { amount: 280_000, date: "2026-11-20", status: "PENDING", agentId: "a-1", recordedAt: "x" },
    }),
    caseNo(2, { status: "PAID", amountPaid: 280_000 }),
    caseNo(3, {}),
  ]);
  const followUps = new DynamoCaseFollowUpStore(db.doc, db.tables.cases);
  deps = {
    clock,
    branches: branchIndex([WIB]),
    campaigns: { get: async () => ({ campaignId: CAMPAIGN, strategy: DEFAULT_STRATEGY }) as Campaign },
    cases,
    followUps,
    interactions: new DynamoInteractionStore(db.doc, db.tables.interactions, 400),
    messages: { recordSent: async () => {} },
    profiles: { get: async () => undefined, getMany: async () => new Map() },
    rateLimiter: new DynamoRateLimiter(db.doc, db.tables.limits, clock),
    sms: {
      send: async (m) => {
        sms.push(m);
        return { messageId: `sns-${sms.length}` };
      },
    },
    smsPerSecond: 20,
    whatsapp: {
      sendTemplate: async (m) => {
        whatsapp.push(m);
        return { providerMessageId: `wamid-${whatsapp.length}` };
      },
      sendText: async () => ({ providerMessageId: "unused" }),
    },
    whatsappPerSecond: 80,
  };
});

describe("follow-up claims on DynamoDB", () => {
  it("a sweep run twice, and twice at once, sends each follow-up once", async () => {
    const input = { branchCode: "SEMARANG", period: "2026-11" };
    const first = await Promise.all([sendFollowUps(deps, input), sendFollowUps(deps, input)]);
    const again = await sendFollowUps(deps, input);
    expect(first.reduce((n, t) => n + t.sent, 0)).toBe(2);
    expect(again.sent).toBe(0);
    expect(whatsapp.map((m) => m.template).sort()).toEqual([
      "telecollect_janji_bayar",
      "telecollect_terima_kasih",
    ]);
    const eve = await item(pid(1));
    expect(eve.followUps?.["PROMISE_EVE#2026-11-20"]).toMatchObject({ status: "SENT", channel: "WHATSAPP" });
    expect(eve.messageTimes).toEqual([NOW.toISOString()]);
    expect((await item(pid(2))).followUps?.["THANK_YOU#PAID"]?.status).toBe("SENT");
  });

  it("a missed-call follow-up goes once per day, whoever reports the call", async () => {
    const c = await item(pid(3));
    const endedAt = new Date("2026-11-19T02:50:00Z");
    const outcomes = await Promise.all([
      sendMissedCallFollowUp(deps, c, { endedAt }),
      sendMissedCallFollowUp(deps, c, { endedAt }),
    ]);
    expect(outcomes.map((t) => t.sent).sort()).toEqual([0, 1]);
    expect((await item(pid(3))).messageTimes).toHaveLength(1);
  });
});

describe("follow-ups by SMS at the strategy's length", () => {
  const oneSegment = parseStrategy({ messaging: { sms: { length: "ONE_SEGMENT" } } });
  const sent: SmsMessage[] = [];
  let smsDeps: FollowUpSweepDeps;
  let smsCases: DynamoCaseStore;

  beforeAll(async () => {
    const tables = await freshTables();
    const clock = new SimulatedClock(NOW);
    const cases = new DynamoCaseStore(tables.doc, tables.tables.cases);
    smsCases = cases;
    await cases.putNew([
      caseNo(1, {
        promise: { amount: 280_000, date: "2026-11-20", status: "PENDING", agentId: "a-1", recordedAt: "x" },
      }),
      caseNo(2, { status: "PAID", amountPaid: 280_000 }),
      caseNo(3, {}),
    ]);
    const { whatsapp: _, ...rest } = deps;
    smsDeps = {
      ...rest,
      clock,
      campaigns: { get: async () => ({ campaignId: CAMPAIGN, strategy: oneSegment }) as Campaign },
      cases,
      followUps: new DynamoCaseFollowUpStore(tables.doc, tables.tables.cases),
      interactions: new DynamoInteractionStore(tables.doc, tables.tables.interactions, 400),
      rateLimiter: new DynamoRateLimiter(tables.doc, tables.tables.limits, clock),
      sms: {
        send: async (m) => {
          sent.push(m);
          return { messageId: `sns-${sent.length}` };
        },
      },
    };
  });

  it("sends the promise eve, the thank-you, the missed call, its replacement and the details asked for in one segment each", async () => {
    await sendFollowUps(smsDeps, { branchCode: "SEMARANG", period: "2026-11" });
    const c = (await smsCases.get(CAMPAIGN, pid(3))) as Case;
    await sendMissedCallFollowUp(smsDeps, c, { endedAt: new Date("2026-11-19T02:50:00Z") });
    await sendCallInfo(smsDeps, c, { info: "PAYMENT", callKey: "contact#c-1" });
    // As if its WhatsApp had failed after it went: the SMS that replaces it.
    const missed = { purpose: "MISSED_CALL" as const, occasion: "2026-11-19" };
    await sendFailedFollowUpBySms(smsDeps, c, missed, oneSegment);
    expect(sent.map((m) => m.messageKey.split("#").slice(3).join("#")).sort()).toEqual([
      "CALL_INFO#PAYMENT#contact#c-1",
      "MISSED_CALL#2026-11-19",
      "MISSED_CALL#2026-11-19#F",
      "PROMISE_EVE#2026-11-20",
      "THANK_YOU#PAID",
    ]);
    for (const m of sent) {
      expect(smsSegments(m.text), m.messageKey).toMatchObject({ encoding: "GSM-7", segments: 1 });
      expect(m.text).toMatch(/^Yth\. Peserta JKN, .*rekening pribadi/);
    }
  });
});

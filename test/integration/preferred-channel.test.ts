import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { branchIndex, SAMPLE_BRANCHES } from "../../functions/domain/branches";
import type { Case } from "../../functions/domain/case";
import { ARREARS_COLUMNS, importArrears } from "../../functions/import/arrears-import";
import {
  type FollowUpSweepDeps,
  sendCallInfo,
  sendFollowUps,
  sendMissedCallFollowUp,
} from "../../functions/services/follow-ups";
import { handOffToKader } from "../../functions/services/kader-handoff";
import { type MapArrearsResult, mapArrears } from "../../functions/services/map-arrears";
import { sendSms } from "../../functions/services/send-sms";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseFollowUpStore } from "../../functions/store/case-follow-ups";
import { DynamoCaseSmsStore } from "../../functions/store/case-sms";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import { DynamoDueSoonStore } from "../../functions/store/due-soon";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoKaderStore } from "../../functions/store/kader";
import { DynamoKaderWorklistStore } from "../../functions/store/kader-worklists";
import { DynamoMessageStore } from "../../functions/store/messages";
import { DynamoParticipantAuditStore } from "../../functions/store/participant-audit";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { DynamoRateLimiter } from "../../functions/store/rate-limits";
import { SmsOutbox } from "../../local/adapters/sms-outbox";
import { SimulatedClock } from "../../local/sim/clock";
import { MEKARSARI_KADER, semarangRow } from "../fixtures/status-rows";
import { freshTables } from "./tables";

/*
 * The preferred channels CALL and VISIT of a snapshot, end to end on DynamoDB Local: imported,
 * mapped with the profiles, then the reminder wave, the follow-ups and the kader hand-off.
 */

const IMPORTED = new Date("2026-12-01T01:00:00.000Z");
/** Wednesday 2026-12-02, 08:00 WIB. */
const MAPPED = new Date("2026-12-02T01:00:00.000Z");
/** The same day, 10:00 WIB: a calling day, early enough for the due-soon reminder of the 10th. */
const DAY = new Date("2026-12-02T03:00:00.000Z");
const CAMPAIGN = "SEMARANG#2026-12";
const HEADER = [...ARREARS_COLUMNS, "kabupaten", "kecamatan", "desa", "preferred_channel"];
const pid = (n: number) => `000400000000${n}`;
const input = { branchCode: "SEMARANG", period: "2026-12" };

const row = (n: number, cells: Record<string, string>) => semarangRow(HEADER, pid(n), n, cells);

let db: Awaited<ReturnType<typeof freshTables>>;
let clock: SimulatedClock;
let caseStore: DynamoCaseStore;
let mapped: MapArrearsResult;
let cases: Map<string, Case>;
let followUpDeps: FollowUpSweepDeps;
let outbox: SmsOutbox;

beforeAll(async () => {
  db = await freshTables();
  clock = new SimulatedClock(DAY);
  const participants = new DynamoParticipantStore(db.doc, db.tables.participants);
  const profiles = new DynamoProfileStore(db.doc, db.tables.profiles);
  const audit = new DynamoParticipantAuditStore(db.doc, db.tables.audit);
  const csv = [
    HEADER.join(","),
    row(1, { preferred_channel: "CALL" }),
    row(2, { preferred_channel: "VISIT" }),
    row(3, {}),
    // A month behind: not a case, noted for the due-soon reminder.
    row(4, { preferred_channel: "CALL", months_in_arrears: "1" }),
  ].join("\n");
  await importArrears({
    source: Readable.from([`${csv}\n`]),
    branches: SAMPLE_BRANCHES,
    store: participants,
    now: IMPORTED,
    statuses: { deps: { profiles, audit }, setBy: "import:test" },
  });
  caseStore = new DynamoCaseStore(db.doc, db.tables.cases);
  const campaigns = new DynamoCampaignStore(db.doc, db.tables.campaigns);
  const dueSoon = new DynamoDueSoonStore(db.doc, db.tables, caseStore);
  const branches = branchIndex(SAMPLE_BRANCHES);
  mapped = await mapArrears(
    { participants, cases: caseStore, campaigns, profiles, dueSoon, branches },
    input,
    { now: MAPPED, timeBudgetMs: 60_000, deadline: Date.now() + 60_000 },
  );
  outbox = new SmsOutbox({ clock });
  const interactions = new DynamoInteractionStore(db.doc, db.tables.interactions, 400);
  const messages = new DynamoMessageStore(db.doc, db.tables.messages);
  const rateLimiter = new DynamoRateLimiter(db.doc, db.tables.limits, clock);
  await sendSms(
    {
      clock,
      branches,
      campaigns,
      cases: caseStore,
      caseSms: new DynamoCaseSmsStore(db.doc, db.tables.cases),
      interactions,
      rateLimiter,
      sms: outbox,
      smsPerSecond: 20,
      whatsappPerSecond: 20,
      messages,
      profiles,
    },
    { ...input, wave: 1 },
    { timeBudgetMs: 600_000 },
  );
  followUpDeps = {
    clock,
    branches,
    campaigns,
    cases: caseStore,
    followUps: new DynamoCaseFollowUpStore(db.doc, db.tables.cases),
    dueSoon,
    interactions,
    messages,
    profiles,
    rateLimiter,
    sms: outbox,
    smsPerSecond: 20,
    whatsappPerSecond: 20,
  };
  cases = new Map((await allCases(caseStore, CAMPAIGN)).map((c) => [c.participantId, c]));
});

const smsTo = (n: number) => outbox.messages().filter((m) => m.caseId.endsWith(pid(n)));

describe("a participant who prefers a call", () => {
  it("is mapped with the preference, queued for the dialer", () => {
    expect(mapped).toMatchObject({ created: 3, prefersCall: 1, visitRequested: 1, dueSoon: 1 });
    expect(mapped.onHold).toBeUndefined();
    expect(cases.get(pid(1))).toMatchObject({ hold: { kind: "PREFERS_CALL" }, dialQueue: CAMPAIGN });
  });

  it("gets no reminder of the wave, skipped PREFERS_CALL; the others get theirs", () => {
    expect(cases.get(pid(1))?.sms["1"]).toMatchObject({ status: "SKIPPED", reason: "PREFERS_CALL" });
    expect(smsTo(1)).toEqual([]);
    expect(cases.get(pid(2))?.sms["1"]?.status).toBe("SENT");
    expect(cases.get(pid(3))?.sms["1"]?.status).toBe("SENT");
  });

  it("gets no missed-call message nor due-soon reminder, counted PREFERS_CALL", async () => {
    const endedAt = new Date(DAY.getTime() - 5 * 60_000);
    const missed = await sendMissedCallFollowUp(followUpDeps, cases.get(pid(1)) as Case, { endedAt });
    expect(missed).toMatchObject({ sent: 0, skipped: { PREFERS_CALL: 1 } });
    const sweep = await sendFollowUps(followUpDeps, input);
    expect(sweep).toMatchObject({ sent: 0, skipped: { PREFERS_CALL: 1 } });
    expect(smsTo(4)).toEqual([]);
    const other = await sendMissedCallFollowUp(followUpDeps, cases.get(pid(3)) as Case, { endedAt });
    expect(other).toMatchObject({ sent: 1 });
  });

  it("still gets the details they asked for in a call", async () => {
    const sent = await sendCallInfo(followUpDeps, cases.get(pid(1)) as Case, {
      info: "PAYMENT",
      callKey: "call-1",
    });
    expect(sent).toEqual({ outcome: "SENT", channel: "SMS" });
    expect(smsTo(1)).toHaveLength(1);
  });
});

describe("a participant who prefers a visit", () => {
  it("is sent the reminder, and the first hand-off gives the case to the kader of the desa", async () => {
    expect(cases.get(pid(2))).toMatchObject({ visitRequested: true, dialQueue: CAMPAIGN });
    expect(cases.get(pid(2))?.hold).toBeUndefined();
    const kaderRoster = new DynamoKaderStore(db.doc, db.tables.kader);
    await kaderRoster.replaceRoster("SEMARANG", [MEKARSARI_KADER], MAPPED);
    const worklists = new DynamoKaderWorklistStore(db.doc, db.tables.kader);
    const tally = await handOffToKader(
      {
        clock,
        branches: branchIndex(SAMPLE_BRANCHES),
        campaigns: new DynamoCampaignStore(db.doc, db.tables.campaigns),
        cases: caseStore,
        participants: new DynamoParticipantStore(db.doc, db.tables.participants),
        kaderRoster,
        worklists,
      },
      input,
    );
    expect(tally).toMatchObject({ assigned: 1, unassigned: 0 });
    const lines = await worklists.listWorklist(CAMPAIGN);
    expect(lines.map((l) => [l.participantId, l.kaderId, l.reason])).toEqual([
      [pid(2), "SMG-K01", "VISIT_REQUESTED"],
    ]);
  });
});

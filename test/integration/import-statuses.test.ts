import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { branchIndex, SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { dialStatus } from "../../functions/domain/call-eligibility";
import type { Case } from "../../functions/domain/case";
import { reminderStatusSkip } from "../../functions/domain/participant-status";
import { DEFAULT_STRATEGY } from "../../functions/domain/strategy";
import { ARREARS_COLUMNS, importArrears } from "../../functions/import/arrears-import";
import { handOffToKader } from "../../functions/services/kader-handoff";
import { mapArrears } from "../../functions/services/map-arrears";
import { planPage } from "../../functions/services/sms-wave-plan";
import { whatsappMessageOf } from "../../functions/services/whatsapp-message";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import { DynamoKaderStore } from "../../functions/store/kader";
import { DynamoKaderWorklistStore } from "../../functions/store/kader-worklists";
import { DynamoParticipantAuditStore } from "../../functions/store/participant-audit";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { MEKARSARI_KADER, semarangRow } from "../fixtures/status-rows";
import { freshTables } from "./tables";

/*
 * A snapshot's status columns, end to end on DynamoDB Local: imported, mapped, then what the SMS
 * wave and the dialer do with the cases, and the kader hand-off of a visit asked for.
 */

const IMPORTED = new Date("2026-11-01T01:00:00.000Z");
const MAPPED = new Date("2026-11-02T01:00:00.000Z");
const CAMPAIGN = "SEMARANG#2026-11";
const HEADER = [
  ...ARREARS_COLUMNS,
  "kabupaten",
  "kecamatan",
  "desa",
  "deceased",
  "do_not_contact_until",
  "do_not_contact_reason",
  "visit_requested",
];
const pid = (n: number) => `000300000000${n}`;

const row = (n: number, cells: Record<string, string>) => semarangRow(HEADER, pid(n), n, cells);

let db: Awaited<ReturnType<typeof freshTables>>;
let cases: Map<string, Case>;
let profiles: DynamoProfileStore;

beforeAll(async () => {
  db = await freshTables();
  const participants = new DynamoParticipantStore(db.doc, db.tables.participants);
  profiles = new DynamoProfileStore(db.doc, db.tables.profiles);
  const audit = new DynamoParticipantAuditStore(db.doc, db.tables.audit);
  const csv = [
    HEADER.join(","),
    row(1, { deceased: "Y" }),
    row(2, { do_not_contact_until: "2026-11-30", do_not_contact_reason: "REFUSED" }),
    row(3, { visit_requested: "Y" }),
    row(4, {}),
    // Asked for a visit, then refused contact: the hold wins, no kader comes before its date.
    row(5, { visit_requested: "Y", do_not_contact_until: "2026-11-30", do_not_contact_reason: "REFUSED" }),
  ].join("\n");
  const summary = await importArrears({
    source: Readable.from([`${csv}\n`]),
    branches: SAMPLE_BRANCHES,
    store: participants,
    now: IMPORTED,
    statuses: { deps: { profiles, audit }, setBy: "import:test" },
  });
  expect(summary).toMatchObject({ imported: 5, rejected: 0, statusesApplied: 3, visitRequested: 2 });
  const caseStore = new DynamoCaseStore(db.doc, db.tables.cases);
  const campaigns = new DynamoCampaignStore(db.doc, db.tables.campaigns);
  await mapArrears(
    { participants, cases: caseStore, campaigns, profiles },
    { branchCode: "SEMARANG", period: "2026-11" },
    { now: MAPPED, timeBudgetMs: 60_000, deadline: Date.now() + 60_000 },
  );
  const kaderStore = new DynamoKaderStore(db.doc, db.tables.kader);
  await kaderStore.replaceRoster("SEMARANG", [MEKARSARI_KADER], MAPPED);
  cases = new Map((await allCases(caseStore, CAMPAIGN)).map((c) => [c.participantId, c]));
});

describe("imported statuses reach the reminders and the dialer", () => {
  const branch = branchIndex(SAMPLE_BRANCHES).get("SEMARANG");
  const ctx = { branch: branch as NonNullable<typeof branch>, strategy: DEFAULT_STRATEGY };
  // The first calling day, 10:00 WIB.
  const day = new Date("2026-11-03T03:00:00.000Z");

  async function reminded(): Promise<string[]> {
    const found = await profiles.getMany([...cases.keys()]);
    const plan = planPage([...cases.values()], {
      waveKey: "1",
      channelOf: () => "SMS",
      whatsappReminder: (c, id) => whatsappMessageOf(c, { purpose: "REMINDER" }, id),
      buckets: new Map(DEFAULT_STRATEGY.buckets.map((b) => [b.id, b])),
      smsLength: "TWO_SEGMENTS",
      now: day.getTime(),
      staleClaimMs: 15 * 60_000,
      statusSkip: (c) => reminderStatusSkip(c.hold, found.get(c.participantId), "2026-11-03"),
    });
    return plan.sends.map((s) => s.c.participantId).sort();
  }

  it("a participant imported deceased has a closed case: no reminder, no call", async () => {
    const c = cases.get(pid(1));
    expect(c).toMatchObject({ status: "CLOSED", closeReason: "DECEASED" });
    expect(await reminded()).not.toContain(pid(1));
    expect(dialStatus(c as Case, day, ctx).kind).toBe("STOP");
  });

  it("a participant imported do-not-contact gets no reminder and is not called before the date", async () => {
    const c = cases.get(pid(2)) as Case;
    expect(c.hold).toEqual({ kind: "DO_NOT_CONTACT", until: "2026-11-30" });
    expect(await reminded()).toEqual([pid(3), pid(4)]);
    const status = dialStatus(c, day, ctx);
    expect(status.kind).toBe("WAIT");
    expect(status.kind === "WAIT" && status.until.toISOString() >= "2026-11-29T17:00:00.000Z").toBe(true);
    expect(dialStatus(cases.get(pid(4)) as Case, day, ctx).kind).toBe("CALL_NOW");
  });
});

describe("an imported visit request reaches the kader of the desa", () => {
  it("the case asks for a visit and the hand-off gives it to the desa's kader, not while held", async () => {
    expect(cases.get(pid(3))?.visitRequested).toBe(true);
    expect(cases.get(pid(5))).toMatchObject({ visitRequested: true, hold: { kind: "DO_NOT_CONTACT" } });
    const worklists = new DynamoKaderWorklistStore(db.doc, db.tables.kader);
    const tally = await handOffToKader(
      {
        clock: { now: () => MAPPED },
        branches: branchIndex(SAMPLE_BRANCHES),
        campaigns: new DynamoCampaignStore(db.doc, db.tables.campaigns),
        cases: new DynamoCaseStore(db.doc, db.tables.cases),
        participants: new DynamoParticipantStore(db.doc, db.tables.participants),
        kaderRoster: new DynamoKaderStore(db.doc, db.tables.kader),
        worklists,
      },
      { branchCode: "SEMARANG", period: "2026-11" },
    );
    expect(tally).toMatchObject({ assigned: 1, unassigned: 0 });
    const lines = await worklists.listWorklist(CAMPAIGN);
    expect(lines.map((l) => [l.participantId, l.kaderId, l.reason, l.area.desa])).toEqual([
      [pid(3), "SMG-K01", "VISIT_REQUESTED", "Mekarsari"],
    ]);
  });
});

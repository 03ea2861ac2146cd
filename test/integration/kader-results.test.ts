import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { branchIndex, SAMPLE_BRANCHES } from "../../functions/domain/branches";
import type { Kader } from "../../functions/domain/kader";
import type { KaderResult } from "../../functions/domain/kader-results";
import { readKaderResultsFile } from "../../functions/import/kader-results-import";
import { closeCampaign } from "../../functions/services/campaign-phases";
import { applyKaderResults } from "../../functions/services/kader-results";
import { mapArrears } from "../../functions/services/map-arrears";
import { setParticipantStatus } from "../../functions/services/participant-status";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoKaderStore } from "../../functions/store/kader";
import { DynamoParticipantAuditStore } from "../../functions/store/participant-audit";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { kaderResultsDeps } from "../../local/kader";
import { participant } from "../fixtures/participants";
import { freshTables } from "./tables";

const NOW = new Date("2026-12-02T02:00:00.000Z");
const CAMPAIGN = "GORONTALO#2026-12";
const pid = (n: number) => `00010000000${String(n).padStart(2, "0")}`;
const kader = (kaderId: string, branchCode: string): Kader => ({
  kaderId,
  name: `Kader ${kaderId}`,
  phone: "+6281200000000",
  branchCode,
  kecamatan: "Kota Barat",
  capacityPerWeek: 10,
});

let db: Awaited<ReturnType<typeof freshTables>>;
let cases: DynamoCaseStore;
let profiles: DynamoProfileStore;
let audit: DynamoParticipantAuditStore;
let participants: DynamoParticipantStore;

beforeAll(async () => {
  db = await freshTables();
  cases = new DynamoCaseStore(db.doc, db.tables.cases);
  profiles = new DynamoProfileStore(db.doc, db.tables.profiles);
  audit = new DynamoParticipantAuditStore(db.doc, db.tables.audit);
  participants = new DynamoParticipantStore(db.doc, db.tables.participants);
  await participants.putMany(
    Array.from({ length: 12 }, (_, i) => participant({ participantId: pid(i + 1) })),
  );
  await new DynamoKaderStore(db.doc, db.tables.kader).replaceRoster(
    "GORONTALO",
    [kader("GTO-K01", "GORONTALO")],
    NOW,
  );
  await new DynamoKaderStore(db.doc, db.tables.kader).replaceRoster(
    "SEMARANG",
    [kader("SMG-K01", "SEMARANG")],
    NOW,
  );
  // Statuses known before the campaign: 1 deceased, 2 refused until after its start, 3 on a REHAB plan.
  const meta = {
    setBy: "kader:GTO-K01",
    at: "2026-11-20T03:00:00.000Z",
    source: "KADER" as const,
    why: "test",
  };
  const status = { profiles, audit };
  await setParticipantStatus(status, pid(1), [{ kind: "DECEASED" }], meta);
  await setParticipantStatus(
    status,
    pid(2),
    [{ kind: "DO_NOT_CONTACT", until: "2026-12-20", reason: "REFUSED" }],
    meta,
  );
  await setParticipantStatus(status, pid(3), [{ kind: "REHAB_PLAN", since: "2026-11-01" }], meta);
  const result = await mapArrears(
    { participants, cases, campaigns: new DynamoCampaignStore(db.doc, db.tables.campaigns), profiles },
    { branchCode: "GORONTALO", period: "2026-12" },
    { now: NOW, timeBudgetMs: 600_000, deadline: Date.now() + 900_000 },
  );
  expect(result).toMatchObject({ created: 12, deceased: 1, onHold: 2 });
});

describe("mapping honours lasting statuses", () => {
  it("closes a deceased participant's case at once, holds the others", async () => {
    expect(await cases.get(CAMPAIGN, pid(1))).toMatchObject({ status: "CLOSED", closeReason: "DECEASED" });
    expect((await cases.get(CAMPAIGN, pid(1)))?.dialQueue).toBeUndefined();
    expect(await cases.get(CAMPAIGN, pid(2))).toMatchObject({
      status: "OPEN",
      hold: { kind: "DO_NOT_CONTACT", until: "2026-12-20" },
      dialQueue: CAMPAIGN,
    });
    const rehab = await cases.get(CAMPAIGN, pid(3));
    expect(rehab).toMatchObject({ status: "OPEN", hold: { kind: "REHAB_PLAN" } });
    expect(rehab?.dialQueue).toBeUndefined();
    expect((await cases.get(CAMPAIGN, pid(4)))?.hold).toBeUndefined();
  });

  it("keeps an audit record of each status set", async () => {
    expect(await audit.list(pid(2))).toEqual([
      expect.objectContaining({ field: "doNotContact", source: "KADER", setBy: "kader:GTO-K01" }),
    ]);
  });
});

describe("kader results applied", () => {
  const visit = (
    n: number,
    outcome: KaderResult["outcome"],
    extra: Partial<KaderResult> = {},
  ): KaderResult => ({
    kaderId: "GTO-K01",
    participantId: pid(n),
    visitedAt: "2026-12-01T03:00:00.000Z",
    outcome,
    ...extra,
  });
  const interactions = () =>
    new DynamoInteractionStore(db.doc, db.tables.interactions, 30).allByCampaign(CAMPAIGN);

  beforeAll(async () => {
    const deps = kaderResultsDeps(db.doc, db.tables, branchIndex(SAMPLE_BRANCHES));
    const summary = await applyKaderResults(
      deps,
      "GORONTALO",
      [
        visit(4, "DECEASED"),
        visit(5, "VISITED_REFUSED", { reason: "tidak mau bayar" }),
        visit(6, "COMPLAINT", { text: "kartu saya 0812 3456 7890 tidak aktif" }),
        visit(7, "PHONE_UPDATED", { newPhone: "+6281299998888" }),
        visit(8, "VISITED_PROMISED", { promiseDate: "2026-12-10" }),
        visit(9, "REGISTERED_AUTODEBET"),
        visit(10, "NOT_HOME"),
      ],
      { username: "cli:test", now: NOW },
    );
    expect(summary).toMatchObject({ applied: 7, onClosedCase: 0, noCase: 0 });
  });

  it("DECEASED: the profile says so and the open case is closed DECEASED", async () => {
    expect((await profiles.get(pid(4)))?.deceased).toEqual({
      at: "2026-12-01T03:00:00.000Z",
      setBy: "kader:GTO-K01",
    });
    const c = await cases.get(CAMPAIGN, pid(4));
    expect(c).toMatchObject({ status: "CLOSED", closeReason: "DECEASED" });
    expect(c?.dialQueue).toBeUndefined();
  });

  it("VISITED_REFUSED and COMPLAINT: do not contact, with their reasons", async () => {
    expect((await profiles.get(pid(5)))?.doNotContact).toMatchObject({
      reason: "REFUSED",
      until: "2026-12-31",
    });
    expect((await profiles.get(pid(6)))?.doNotContact).toMatchObject({ reason: "COMPLAINT_UNDER_REVIEW" });
  });

  it("PHONE_UPDATED: the participant's number changes and is confirmed, audited", async () => {
    expect((await participants.get(pid(7)))?.phone).toBe("+6281299998888");
    expect((await profiles.get(pid(7)))?.number?.status).toBe("CONFIRMED");
    expect((await audit.list(pid(7))).map((r) => r.field)).toEqual(["number"]);
  });

  it("VISITED_PROMISED: a promise of the amount still due, by the kader", async () => {
    const c = await cases.get(CAMPAIGN, pid(8));
    expect(c?.promise).toMatchObject({
      amount: c?.amountDue,
      date: "2026-12-10",
      status: "PENDING",
      agentId: "kader:GTO-K01",
    });
  });

  it("every result leaves a KADER_VISIT interaction and a stored result with its text redacted", async () => {
    const visits = (await interactions()).filter((i) => i.kind === "KADER_VISIT");
    expect(visits.map((i) => i.detail?.outcome).sort()).toEqual([
      "COMPLAINT",
      "DECEASED",
      "NOT_HOME",
      "PHONE_UPDATED",
      "REGISTERED_AUTODEBET",
      "VISITED_PROMISED",
      "VISITED_REFUSED",
    ]);
    const stored = await kaderResultsDeps(db.doc, db.tables, branchIndex(SAMPLE_BRANCHES)).results.list(
      "GORONTALO",
      "2026-12",
    );
    expect(stored).toHaveLength(7);
    const complaint = stored.find((r) => r.outcome === "COMPLAINT");
    expect(complaint?.text).not.toContain("3456");
  });

  it("a results file: an unknown kader, another branch's kader and a missing date are rejected by line", async () => {
    const csv = [
      "kader_id,participant_id,visited_at,outcome,promise_date,reason,new_phone,text",
      `GTO-K01,${pid(11)},2026-12-01,NOT_HOME,,,,`,
      `GTO-K99,${pid(11)},2026-12-01,NOT_HOME,,,,`,
      `SMG-K01,${pid(11)},2026-12-01,NOT_HOME,,,,`,
      `GTO-K01,${pid(12)},2026-12-01,VISITED_PROMISED,,,,`,
    ].join("\n");
    const roster = await new DynamoKaderStore(db.doc, db.tables.kader).listRoster("GORONTALO");
    const file = await readKaderResultsFile(Readable.from([csv]), roster, "GORONTALO", NOW);
    expect(file.results).toHaveLength(1);
    expect(file.rejections.map((r) => [r.line, r.field, r.reason])).toEqual([
      [3, "kader_id", "UNKNOWN_KADER"],
      [4, "kader_id", "UNKNOWN_KADER"],
      [5, "promise_date", "MISSING_PROMISE_DATE"],
    ]);
  });
});

describe("kader results after the campaign closed", () => {
  const NOVEMBER = "SEMARANG#2026-11";
  const visit = (n: number, visitedAt: string, outcome: KaderResult["outcome"], extra = {}): KaderResult => ({
    kaderId: "SMG-K01",
    participantId: pid(n),
    visitedAt,
    outcome,
    ...extra,
  });
  const campaigns = () => new DynamoCampaignStore(db.doc, db.tables.campaigns);
  const trail = () => new DynamoInteractionStore(db.doc, db.tables.interactions, 30);
  let summary: Awaited<ReturnType<typeof applyKaderResults>>;

  beforeAll(async () => {
    await participants.putMany(
      [21, 22].map((n) => participant({ participantId: pid(n), branchCode: "SEMARANG" })),
    );
    const closedAt = new Date("2026-11-25T10:00:00.000Z");
    await mapArrears(
      { participants, cases, campaigns: campaigns(), profiles },
      { branchCode: "SEMARANG", period: "2026-11" },
      { now: new Date("2026-11-02T02:00:00.000Z"), timeBudgetMs: 600_000, deadline: Date.now() + 900_000 },
    );
    const clock = { now: () => closedAt, sleepUntil: async () => undefined };
    const close = await closeCampaign(
      {
        clock,
        branches: branchIndex(SAMPLE_BRANCHES),
        campaigns: campaigns(),
        cases,
        interactions: trail(),
        notifier: { notify: async () => undefined },
      },
      { branchCode: "SEMARANG", period: "2026-11" },
    );
    expect(close.report?.byKader).toEqual([]);
    summary = await applyKaderResults(
      kaderResultsDeps(db.doc, db.tables, branchIndex(SAMPLE_BRANCHES)),
      "SEMARANG",
      [
        // Handed off at the close, visited the Saturday after it.
        visit(21, "2026-11-28T03:00:00.000Z", "VISITED_PROMISED", { promiseDate: "2026-12-05" }),
        // Visited early next month, before December's campaign has a case for the participant.
        visit(22, "2026-12-03T03:00:00.000Z", "DECEASED"),
        // Never on any campaign of the branch.
        visit(23, "2026-12-03T03:00:00.000Z", "NOT_HOME"),
      ],
      { username: "cli:test", now: new Date("2026-12-04T00:00:00.000Z") },
    );
  });

  it("counts each visit on the closed case; only a participant with no case at all is NO_CASE", async () => {
    expect(summary).toMatchObject({ applied: 0, onClosedCase: 2, noCase: 1 });
    const results = kaderResultsDeps(db.doc, db.tables, branchIndex(SAMPLE_BRANCHES)).results;
    const stored = [
      ...(await results.list("SEMARANG", "2026-11")),
      ...(await results.list("SEMARANG", "2026-12")),
    ];
    expect(stored.map((r) => [r.participantId, r.applied, r.campaignId])).toEqual([
      [pid(21), "ON_CLOSED_CASE", NOVEMBER],
      [pid(22), "ON_CLOSED_CASE", NOVEMBER],
      [pid(23), "NO_CASE", undefined],
    ]);
    const visits = (await trail().allByCampaign(NOVEMBER)).filter((i) => i.kind === "KADER_VISIT");
    expect(visits.map((i) => [i.participantId, i.detail?.outcome, i.detail?.caseClosed]).sort()).toEqual([
      [pid(21), "VISITED_PROMISED", true],
      [pid(22), "DECEASED", true],
    ]);
  });

  it("a promise on a closed case is the visit's outcome, not a live promise; a death still lasts", async () => {
    const promised = await cases.get(NOVEMBER, pid(21));
    expect(promised?.status).toBe("CLOSED");
    expect(promised?.promise).toBeUndefined();
    expect((await cases.get(NOVEMBER, pid(22)))?.closeReason).not.toBe("DECEASED");
    expect((await profiles.get(pid(22)))?.deceased).toMatchObject({ setBy: "kader:SMG-K01" });
  });

  it("the closed campaign's stored report counts the visits in Kunjungan kader", async () => {
    expect((await campaigns().get(NOVEMBER))?.report?.byKader).toEqual([
      {
        kaderId: "SMG-K01",
        visits: 2,
        promises: 1,
        byOutcome: { VISITED_PROMISED: 1, DECEASED: 1 },
        paymentsAfterVisit: 0,
        amountAfterVisit: 0,
      },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { openCase } from "../../../functions/domain/case";
import type { Kader } from "../../../functions/domain/kader";
import {
  type HandoffCase,
  type HandoffInput,
  handoffReason,
  isoWeekOf,
  planHandoff,
} from "../../../functions/domain/kader-handoff";
import { participant } from "../../fixtures/participants";

const AREA = { kabupaten: "Kota Semarang", kecamatan: "Tembalang", desa: "Mekarsari" };

function aCase(id: number, over: Partial<HandoffCase> = {}): HandoffCase {
  const participantId = `00010000${String(id).padStart(5, "0")}`;
  const c = openCase(
    participant({ participantId, monthsInArrears: 5 }),
    {
      bucketId: "M04_06",
      countedMonths: 5,
      amountDue: 175_000,
      priority: 3000,
      rehab: { eligible: true, maxInstalments: 2 },
      treatments: ["SMS", "CALL"],
    },
    { branchCode: "SEMARANG", period: "2026-11" },
    new Date("2026-11-11T00:00:00Z"),
  );
  return { ...c, phone: "+6281234567890", contactable: true, area: AREA, ...over };
}

const kader = (kaderId: string, over: Partial<Kader> = {}): Kader => ({
  kaderId,
  name: "K",
  phone: "+6281200000000",
  branchCode: "SEMARANG",
  kecamatan: "Tembalang",
  capacityPerWeek: 10,
  ...over,
});

/** A Tuesday of the campaign, in week 2026-W48. */
const TODAY = "2026-11-24";

const plan = (over: Partial<HandoffInput>) =>
  planHandoff({
    cases: [],
    roster: [kader("K1")],
    placed: [],
    loadThisWeek: new Map(),
    week: "2026-W48",
    today: TODAY,
    maxAttempts: 3,
    ...over,
  }).map((line) => ({
    participantId: line.case.participantId,
    reason: line.reason,
    kaderId: line.kaderId,
    unassigned: line.unassigned,
    ...(line.replacesUnassigned ? { replaces: true } : {}),
  }));

describe("why a case needs a visit", () => {
  it.each<[string, Partial<HandoffCase>, string | undefined]>([
    ["no phone at all", { phone: undefined, contactable: false }, "NOT_CONTACTABLE"],
    ["an unusable phone", { contactable: false }, "NOT_CONTACTABLE"],
    [
      "a wrong number said by whoever answered",
      { lastOutcome: "WRONG_NUMBER", contacted: true },
      "WRONG_NUMBER",
    ],
    ["a number invalid twice", { lastOutcome: "INVALID_NUMBER", contactable: false }, "WRONG_NUMBER"],
    ["a number invalid once (suspect, still callable)", { lastOutcome: "INVALID_NUMBER" }, undefined],
    [
      "every attempt without an answer",
      { callAttempts: 3, lastOutcome: "NO_ANSWER" },
      "NO_ANSWER_ALL_ATTEMPTS",
    ],
    ["attempts left", { callAttempts: 2, lastOutcome: "NO_ANSWER" }, undefined],
    ["every attempt made, but reached once", { callAttempts: 3, contacted: true }, undefined],
    ["24 months behind", { monthsInArrears: 24 }, "MONTHS_24_PLUS"],
    ["23 months behind", { monthsInArrears: 23 }, undefined],
    ["asked for a visit", { visitRequested: true }, "VISIT_REQUESTED"],
    ["paid in full, even with no phone", { status: "PAID", contactable: false }, undefined],
    ["a promise pending", { monthsInArrears: 30, promise: promise() }, undefined],
    ["a call in flight", { contactable: true, callAttempts: 3, inFlight: inFlight() }, undefined],
    ["closed not contactable", closed("NOT_CONTACTABLE", { contactable: false }), "NOT_CONTACTABLE"],
    ["closed wrong party", closed("WRONG_PARTY", { lastOutcome: "WRONG_NUMBER" }), "WRONG_NUMBER"],
    [
      "closed unreachable after every attempt",
      closed("UNREACHABLE", { callAttempts: 3 }),
      "NO_ANSWER_ALL_ATTEMPTS",
    ],
    ["closed unreachable with attempts left", closed("UNREACHABLE", { callAttempts: 1 }), undefined],
    [
      "closed contacted, no payment, 24 months",
      closed("CONTACTED_NO_PAYMENT", { monthsInArrears: 26 }),
      "MONTHS_24_PLUS",
    ],
    ["closed contacted, no payment", closed("CONTACTED_NO_PAYMENT"), undefined],
    ["closed partly paid, 24 months", closed("PARTIALLY_PAID", { monthsInArrears: 26 }), undefined],
    ["closed with a promise pending", closed("PROMISE_PENDING", { contactable: false }), undefined],
    ["closed by a stop", closed("STOPPED", { contactable: false }), undefined],
    [
      "closed deceased, even 24 months behind and asked for a visit",
      closed("DECEASED", { monthsInArrears: 26, visitRequested: true }),
      undefined,
    ],
    [
      "held: asked not to be contacted until after today, even unreachable and asked for a visit",
      { contactable: false, visitRequested: true, hold: { kind: "DO_NOT_CONTACT", until: "2026-12-01" } },
      undefined,
    ],
    [
      "a hold that ended today no longer holds",
      { contactable: false, hold: { kind: "DO_NOT_CONTACT", until: TODAY } },
      "NOT_CONTACTABLE",
    ],
    [
      "on a REHAB plan, 24+ months: not visited as a debtor",
      { monthsInArrears: 24, hold: { kind: "REHAB_PLAN" } },
      undefined,
    ],
    [
      "on a REHAB plan, a visit asked for",
      { visitRequested: true, hold: { kind: "REHAB_PLAN" } },
      "VISIT_REQUESTED",
    ],
  ])("%s", (_, over, expected) => {
    expect(handoffReason(aCase(1, over), 3, TODAY)).toBe(expected);
  });

  it("gives the first reason in the listed order when several apply", () => {
    expect(
      handoffReason(aCase(1, { contactable: false, monthsInArrears: 30, visitRequested: true }), 3, TODAY),
    ).toBe("NOT_CONTACTABLE");
    expect(handoffReason(aCase(1, { callAttempts: 3, monthsInArrears: 30 }), 3, TODAY)).toBe(
      "NO_ANSWER_ALL_ATTEMPTS",
    );
  });
});

describe("who visits", () => {
  const noPhone = { contactable: false };

  it("the kader of the desa first, else the kader of the whole kecamatan", () => {
    const roster = [
      kader("WHOLE"),
      kader("DESA", { desa: "Mekarsari" }),
      kader("OTHER", { desa: "Sendangmulyo" }),
    ];
    const cases = [
      aCase(1, noPhone),
      aCase(2, { ...noPhone, area: { ...AREA, desa: "Rowosari" } }),
      aCase(3, {
        ...noPhone,
        area: { kabupaten: AREA.kabupaten, kecamatan: "tembalang", desa: "MEKARSARI" },
      }),
    ];
    expect(plan({ cases, roster }).map((l) => [l.participantId.slice(-1), l.kaderId])).toEqual([
      ["1", "DESA"],
      ["2", "WHOLE"],
      ["3", "DESA"],
    ]);
  });

  it("matches BPS codes with codes only", () => {
    const coded = { kabupaten: "33.74", kecamatan: "33.74.070", desa: "33.74.070.005" };
    const roster = [kader("CODE", { kecamatan: "33.74.070", desa: "33.74.070.005" }), kader("NAME")];
    const lines = plan({ cases: [aCase(1, { ...noPhone, area: coded }), aCase(2, noPhone)], roster });
    expect(lines.map((l) => l.kaderId)).toEqual(["CODE", "NAME"]);
  });

  it("leaves a kecamatan name lying in two kabupaten unassigned, and says why", () => {
    const elsewhere = aCase(2, { area: { kabupaten: "Kabupaten Semarang", kecamatan: "Tembalang" } });
    expect(plan({ cases: [aCase(1, noPhone), elsewhere] })).toEqual([
      {
        participantId: "0001000000001",
        reason: "NOT_CONTACTABLE",
        kaderId: undefined,
        unassigned: "AMBIGUOUS_KECAMATAN",
      },
    ]);
  });

  it("lists cases of areas without a kader, or without an area, for the supervisor", () => {
    const cases = [aCase(1, { ...noPhone, area: { kabupaten: "Kota Semarang", kecamatan: "Gayamsari" } })];
    cases.push(aCase(2, { ...noPhone, area: undefined }));
    expect(plan({ cases }).map((l) => [l.reason, l.kaderId, l.unassigned])).toEqual([
      ["NOT_CONTACTABLE", undefined, "NO_KADER"],
      ["NOT_CONTACTABLE", undefined, "NO_AREA"],
    ]);
  });
});

describe("capacity and order", () => {
  it("fills a kader's week best first (priority, then reason order), the rest waits over capacity", () => {
    const cases = [
      aCase(1, { monthsInArrears: 30, priority: 5000 }),
      aCase(2, { contactable: false, priority: 3000 }),
      aCase(3, { monthsInArrears: 30, priority: 3000 }),
      aCase(4, { contactable: false, priority: 9000 }),
    ];
    const lines = plan({
      cases,
      roster: [kader("K1", { capacityPerWeek: 3 })],
      loadThisWeek: new Map([["K1", 1]]),
    });
    expect(lines.map((l) => [l.participantId.slice(-1), l.kaderId ?? l.unassigned])).toEqual([
      ["4", "K1"],
      ["1", "K1"],
      ["2", "OVER_CAPACITY"],
      ["3", "OVER_CAPACITY"],
    ]);
  });

  it("a full desa kader passes the case to the kecamatan's kader", () => {
    const roster = [
      kader("DESA", { desa: "Mekarsari", capacityPerWeek: 1 }),
      kader("WHOLE", { capacityPerWeek: 1 }),
    ];
    const lines = plan({
      cases: [aCase(1, { contactable: false }), aCase(2, { contactable: false })],
      roster,
    });
    expect(lines.map((l) => l.kaderId)).toEqual(["DESA", "WHOLE"]);
  });

  it("adds a case once: one already on the worklist is left, one waiting over capacity is assigned when a week has room", () => {
    const cases = [
      aCase(1, { contactable: false }),
      aCase(2, { contactable: false }),
      aCase(3, { contactable: false }),
    ];
    const placed = [
      { participantId: "0001000000001", kaderId: "K1", week: "2026-W47" },
      { participantId: "0001000000002", unassigned: "OVER_CAPACITY" as const, week: "2026-W47" },
      { participantId: "0001000000003", unassigned: "NO_KADER" as const, week: "2026-W47" },
    ];
    expect(plan({ cases, placed })).toEqual([
      {
        participantId: "0001000000002",
        reason: "NOT_CONTACTABLE",
        kaderId: "K1",
        unassigned: undefined,
        replaces: true,
      },
    ]);
    expect(plan({ cases, placed, loadThisWeek: new Map([["K1", 10]]) })).toEqual([]);
  });
});

describe("the kader's week", () => {
  it.each([
    ["2026-11-30", "2026-W49"],
    ["2026-12-06", "2026-W49"],
    ["2027-01-01", "2026-W53"],
    ["2027-01-04", "2027-W01"],
    ["2025-12-29", "2026-W01"],
  ])("%s is in %s", (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
  });
});

function promise() {
  return { amount: 1, date: "2026-11-20", status: "PENDING" as const, agentId: "a", recordedAt: "x" };
}
function inFlight() {
  return { contactId: "c", attempt: 3, startedAt: "x" };
}
function closed(
  closeReason: HandoffCase["closeReason"],
  over: Partial<HandoffCase> = {},
): Partial<HandoffCase> {
  return { status: "CLOSED", closeReason, ...over };
}

import { describe, expect, it } from "vitest";
import type { Case, PromiseToPay } from "../../../functions/domain/case";
import {
  followUpSkip,
  missedCallFollowUp,
  promiseEveOf,
  scheduledFollowUp,
} from "../../../functions/domain/follow-ups";
import { parseStrategy } from "../../../functions/domain/strategy";
import { caseOf, WIB } from "../../fixtures/dialing";
import { tenAmWib, wibFollowUpCtx } from "../../fixtures/follow-up-context";

// SEMARANG (WIB) keeps 2026-11-17, a Tuesday, as its own holiday; Sundays are no calling days.

const promiseOn = (date: string, status: PromiseToPay["status"] = "PENDING"): PromiseToPay => ({
  amount: 280_000,
  date,
  status,
  agentId: "agent-1",
  recordedAt: "2026-11-12T03:00:00Z",
});
const promised = (date: string, overrides: Partial<Case> = {}): Case =>
  caseOf(WIB, { promise: promiseOn(date), ...overrides });

describe("the eve of a promise", () => {
  it("is Saturday for a Monday promise: Sunday is no calling day", () => {
    const c = promised("2026-11-23");
    expect(promiseEveOf("2026-11-23", WIB.timeZone, WIB.contactWindow)).toBe("2026-11-21");
    expect(scheduledFollowUp(c, tenAmWib("2026-11-21"))).toEqual({
      purpose: "PROMISE_EVE",
      occasion: "2026-11-23",
    });
    expect(scheduledFollowUp(c, tenAmWib("2026-11-20"))).toBeUndefined();
    expect(scheduledFollowUp(c, tenAmWib("2026-11-22"))).toBeUndefined();
    expect(scheduledFollowUp(c, tenAmWib("2026-11-23"))).toBeUndefined();
  });

  it("is the day before on an ordinary week", () => {
    expect(scheduledFollowUp(promised("2026-11-20"), tenAmWib("2026-11-19"))).toEqual({
      purpose: "PROMISE_EVE",
      occasion: "2026-11-20",
    });
  });

  it("is the last calling day before a holiday: the branch's, and the national ones", () => {
    // Wednesday 18th after the branch's Tuesday holiday: Monday 16th.
    expect(scheduledFollowUp(promised("2026-11-18"), tenAmWib("2026-11-16"))?.purpose).toBe("PROMISE_EVE");
    expect(scheduledFollowUp(promised("2026-11-18"), tenAmWib("2026-11-17"))).toBeUndefined();
    // Saturday 26 December, after cuti bersama (24th) and Christmas (25th): Wednesday 23rd.
    expect(promiseEveOf("2026-12-26", WIB.timeZone, WIB.contactWindow)).toBe("2026-12-23");
  });

  it("is only for an open case whose promise is still pending", () => {
    const kept = promised("2026-11-20", { promise: promiseOn("2026-11-20", "KEPT") });
    expect(scheduledFollowUp(kept, tenAmWib("2026-11-19"))).toBeUndefined();
    expect(
      scheduledFollowUp(promised("2026-11-20", { status: "CLOSED" }), tenAmWib("2026-11-19")),
    ).toBeUndefined();
  });
});

describe("the thank-you", () => {
  it("is due once a case is paid in full, and never again once claimed", () => {
    const paid = caseOf(WIB, { status: "PAID", amountPaid: 280_000 });
    const f = scheduledFollowUp(paid, tenAmWib("2026-11-19"));
    expect(f).toEqual({ purpose: "THANK_YOU", occasion: "PAID" });
    if (!f) throw new Error("unreachable");
    expect(followUpSkip(paid, f, tenAmWib("2026-11-19"))).toBeUndefined();
    const thanked = {
      ...paid,
      followUps: { "THANK_YOU#PAID": { status: "SENT" as const, at: "2026-11-19T03:00:00Z" } },
    };
    expect(followUpSkip(thanked, f, tenAmWib("2026-11-20"))).toBe("ALREADY");
    const failedBriefly = {
      ...paid,
      followUps: {
        "THANK_YOU#PAID": { status: "FAILED" as const, at: "2026-11-19T03:00:00Z", retryable: true },
      },
    };
    expect(followUpSkip(failedBriefly, f, tenAmWib("2026-11-20"))).toBeUndefined();
  });

  it("is not due for a case partly paid", () => {
    expect(scheduledFollowUp(caseOf(WIB, { amountPaid: 35_000 }), tenAmWib("2026-11-19"))).toBeUndefined();
  });
});

describe("the missed-call follow-up", () => {
  it("has one occasion per calling day: the call's local date", () => {
    const c = caseOf(WIB);
    // 19:30 WIB on the 19th is 12:30Z; the follow-up at 19:40 WIB the same day.
    const ctx = wibFollowUpCtx("2026-11-19T12:40:00Z");
    expect(missedCallFollowUp(c, new Date("2026-11-19T12:30:00Z"), ctx)).toEqual({
      purpose: "MISSED_CALL",
      occasion: "2026-11-19",
    });
    const taken = { ...c, followUps: { "MISSED_CALL#2026-11-19": { status: "SENT" as const, at: "x" } } };
    expect(followUpSkip(taken, { purpose: "MISSED_CALL", occasion: "2026-11-19" }, ctx)).toBe("ALREADY");
  });

  it("is not sent a day late, nor for a case no longer open", () => {
    const ctx = tenAmWib("2026-11-20");
    expect(missedCallFollowUp(caseOf(WIB), new Date("2026-11-19T12:30:00Z"), ctx)).toBeUndefined();
    expect(
      missedCallFollowUp(caseOf(WIB, { status: "PAID" }), new Date("2026-11-20T02:30:00Z"), ctx),
    ).toBeUndefined();
  });
});

describe("every follow-up's gates", () => {
  const f = { purpose: "PROMISE_EVE", occasion: "2026-11-20" } as const;
  const c = promised("2026-11-20");

  it("goes only when the strategy enables it", () => {
    const off = parseStrategy({ messaging: { followUps: { promiseEve: { enabled: false } } } });
    expect(followUpSkip(c, f, { ...tenAmWib("2026-11-19"), messaging: off.messaging })).toBe("DISABLED");
    const missedOff = parseStrategy({ messaging: { followUps: { missedCall: { enabled: false } } } });
    expect(followUpSkip(c, f, { ...tenAmWib("2026-11-19"), messaging: missedOff.messaging })).toBeUndefined();
  });

  it("goes only inside the window, never on a holiday or a Sunday", () => {
    expect(followUpSkip(c, f, wibFollowUpCtx("2026-11-19T13:30:00Z"))).toBe("OUTSIDE_WINDOW"); // 20:30 WIB
    expect(followUpSkip(c, f, tenAmWib("2026-11-17"))).toBe("OUTSIDE_WINDOW"); // the branch's holiday
    expect(followUpSkip(c, f, tenAmWib("2026-11-22"))).toBe("OUTSIDE_WINDOW"); // Sunday
    expect(followUpSkip(c, f, tenAmWib("2026-12-25"))).toBe("OUTSIDE_WINDOW"); // Christmas
  });

  it("stops at the cap across channels: 2 a week, 6 a campaign", () => {
    const now = tenAmWib("2026-11-19");
    const twoThisWeek = { ...c, messageTimes: ["2026-11-14T03:00:00Z", "2026-11-18T03:00:00Z"] };
    expect(followUpSkip(twoThisWeek, f, now)).toBe("CAP_REACHED");
    const oneThisWeek = { ...c, messageTimes: ["2026-11-11T03:00:00Z", "2026-11-18T03:00:00Z"] };
    expect(followUpSkip(oneThisWeek, f, now)).toBeUndefined();
    const sixBefore = {
      ...c,
      messageTimes: Array.from({ length: 6 }, (_, i) => `2026-10-0${i + 1}T03:00:00Z`),
    };
    expect(followUpSkip(sixBefore, f, now)).toBe("CAP_REACHED");
  });

  it("goes only to a mobile the case may be contacted on", () => {
    const now = tenAmWib("2026-11-19");
    expect(followUpSkip({ ...c, phoneType: "FIXED_LINE" }, f, now)).toBe("NO_MOBILE");
    expect(followUpSkip({ ...c, contactable: false }, f, now)).toBe("NO_MOBILE");
    const { phone: _, ...noPhone } = c;
    expect(followUpSkip(noPhone, f, now)).toBe("NO_MOBILE");
  });
});

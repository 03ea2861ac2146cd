import { describe, expect, it } from "vitest";
import { dialStatus } from "../../../functions/domain/call-eligibility";
import { dayWindow } from "../../../functions/domain/calling-window";
import { afterCallOutcome } from "../../../functions/domain/case-transitions";
import { dayPhase, nextTickAt } from "../../../functions/domain/dialing";
import { validateDisposition } from "../../../functions/domain/disposition-rules";
import { parseStrategy } from "../../../functions/domain/strategy";
import { at, attempted, caseOf, ctxOf, WIB, WIT, WITA } from "../../fixtures/dialing";

describe("who may be called now", () => {
  // Monday 2026-11-16 00:30Z: 07:30 in WIB, 08:30 in WITA, 09:30 in WIT.
  const mondayEarly = at("2026-11-16T00:30:00Z");

  it("honours the window in each participant's own zone", () => {
    expect(dialStatus(caseOf(WIB), mondayEarly, ctxOf(WIB))).toEqual({
      kind: "WAIT",
      until: at("2026-11-16T01:00:00Z"),
    });
    expect(dialStatus(caseOf(WITA), mondayEarly, ctxOf(WITA))).toEqual({ kind: "CALL_NOW" });
    expect(dialStatus(caseOf(WIT), mondayEarly, ctxOf(WIT))).toEqual({ kind: "CALL_NOW" });
    // 12:30Z: 19:30 in WIB (open), 20:30 in WITA (closed until Tuesday 08:00 WITA).
    expect(dialStatus(caseOf(WIB), at("2026-11-16T12:30:00Z"), ctxOf(WIB)).kind).toBe("CALL_NOW");
    expect(dialStatus(caseOf(WITA), at("2026-11-16T12:30:00Z"), ctxOf(WITA))).toEqual({
      kind: "WAIT",
      until: at("2026-11-17T00:00:00Z"),
    });
  });

  it("never calls on a Sunday or a holiday", () => {
    // Sunday 10:00 WIB waits for Monday 08:00; Monday evening waits past Tuesday's holiday.
    expect(dialStatus(caseOf(WIB), at("2026-11-15T03:00:00Z"), ctxOf(WIB))).toEqual({
      kind: "WAIT",
      until: at("2026-11-16T01:00:00Z"),
    });
    expect(dialStatus(caseOf(WIB), at("2026-11-16T13:30:00Z"), ctxOf(WIB))).toEqual({
      kind: "WAIT",
      until: at("2026-11-18T01:00:00Z"),
    });
    expect(dayPhase("2026-11-15", at("2026-11-15T03:00:00Z"), ctxOf(WIB))).toBe("CLOSED");
    expect(dayWindow("2026-11-17", WIB.timeZone, WIB.contactWindow)).toBeUndefined();
  });

  it("waits for the next attempt time", () => {
    const c = caseOf(WITA, { nextAttemptAt: "2026-11-16T03:00:00.000Z" });
    expect(dialStatus(c, mondayEarly, ctxOf(WITA))).toEqual({
      kind: "WAIT",
      until: at("2026-11-16T03:00:00Z"),
    });
  });

  it("keeps to the per-day cap by local date, not UTC date", () => {
    // WIT: an attempt on local Monday 2026-11-16 at 08:10 (Sunday 23:10Z).
    const c = attempted(caseOf(WIT), 1, "2026-11-16");
    expect(dialStatus(c, mondayEarly, ctxOf(WIT))).toEqual({
      kind: "WAIT",
      until: at("2026-11-16T23:00:00Z"),
    });
    // Two a day allowed: the same day is fine again.
    const twice = parseStrategy({ frequencyCap: { perDay: 2, perCampaign: 3 } });
    expect(dialStatus(c, mondayEarly, ctxOf(WIT, twice)).kind).toBe("CALL_NOW");
    // An attempt yesterday does not count today.
    expect(dialStatus(attempted(caseOf(WIT), 1, "2026-11-14"), mondayEarly, ctxOf(WIT)).kind).toBe(
      "CALL_NOW",
    );
  });

  it("stops at the per-campaign cap and for cases that are closed, paid or in flight", () => {
    const ctx = ctxOf(WITA);
    expect(dialStatus(attempted(caseOf(WITA), 3, "2026-11-13"), mondayEarly, ctx)).toEqual({
      kind: "STOP",
      reason: "CAMPAIGN_CAP",
    });
    expect(dialStatus(caseOf(WITA, { status: "PAID" }), mondayEarly, ctx)).toEqual({
      kind: "STOP",
      reason: "NOT_OPEN",
    });
    expect(
      dialStatus(caseOf(WITA, { inFlight: { contactId: "c", attempt: 1, startedAt: "x" } }), mondayEarly, ctx)
        .kind,
    ).toBe("IN_FLIGHT");
  });

  it("calls back at the time the participant asked for, even past the per-day cap", () => {
    const c = {
      ...attempted(caseOf(WITA), 1, "2026-11-16"),
      lastOutcome: "CALL_BACK_LATER" as const,
      nextAttemptAt: "2026-11-16T06:00:00.000Z",
    };
    expect(dialStatus(c, at("2026-11-16T06:00:00Z"), ctxOf(WITA)).kind).toBe("CALL_NOW");
  });
});

describe("blocked ranges", () => {
  // Friday 2026-11-20, WITA: Friday prayers 11:30-13:00 local (03:30-05:00Z) by default.
  const ctx = ctxOf(WITA);

  it("starts no call during Friday prayers and waits for the block's end", () => {
    expect(dialStatus(caseOf(WITA), at("2026-11-20T03:29:00Z"), ctx).kind).toBe("CALL_NOW");
    expect(dialStatus(caseOf(WITA), at("2026-11-20T03:45:00Z"), ctx)).toEqual({
      kind: "WAIT",
      until: at("2026-11-20T05:00:00Z"),
    });
    // The day itself stays open around the block.
    expect(dayPhase("2026-11-20", at("2026-11-20T03:45:00Z"), ctx)).toBe("OPEN");
  });

  it("moves a retry that would fall inside a block to its end", () => {
    // Friday 10:30 WITA, BUSY: +60 min is 11:30, inside the block.
    const c = attempted(caseOf(WITA), 1, "2026-11-20");
    const twice = ctxOf(WITA, parseStrategy({ frequencyCap: { perDay: 2, perCampaign: 3 } }));
    expect(afterCallOutcome(c, "BUSY", at("2026-11-20T02:30:00Z"), twice).queue).toMatchObject({
      nextAttemptAt: "2026-11-20T05:00:00.000Z",
    });
  });

  it("refuses a callback inside a block, saying which hours are blocked", () => {
    const called = attempted(caseOf(WITA), 1, "2026-11-20");
    const issues = validateDisposition(
      called,
      { code: "CALL_BACK_LATER", agentId: "a1", callbackAt: "2026-11-20T04:00:00Z" },
      at("2026-11-20T02:00:00Z"),
      ctx,
    );
    expect(issues).toEqual([
      {
        field: "callbackAt",
        message:
          "is outside the participant's contact window (08:00-20:00 local (Asia/Makassar), " +
          "Mon/Tue/Wed/Thu/Fri/Sat, not on holidays, not Fri 11:30-13:00)",
      },
    ]);
  });

  it("lets the next tick jump over the block, not tick through it", () => {
    const now = at("2026-11-20T03:45:00Z");
    const status = dialStatus(caseOf(WITA), now, ctx);
    const earliestCall = status.kind === "WAIT" ? status.until : undefined;
    expect(nextTickAt(now, { busy: false, startable: false, earliestCall })).toEqual(
      at("2026-11-20T05:00:00Z"),
    );
  });
});

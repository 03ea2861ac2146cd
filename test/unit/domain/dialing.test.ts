import { describe, expect, it } from "vitest";
import { classifyParticipant } from "../../../functions/domain/arrears-mapping";
import { type Branch, parseBranches } from "../../../functions/domain/branches";
import { dialStatus } from "../../../functions/domain/call-eligibility";
import { dayWindow } from "../../../functions/domain/calling-window";
import { contactUpdateReason } from "../../../functions/domain/campaign-report";
import { type Case, openCase } from "../../../functions/domain/case";
import { closeReasonFor } from "../../../functions/domain/case-closing";
import {
  afterCallOutcome,
  afterDisposition,
  type CaseTransition,
} from "../../../functions/domain/case-transitions";
import { type DialingContext, dayPhase, dialCapacity, nextTickAt } from "../../../functions/domain/dialing";
import { type Disposition, validateDisposition } from "../../../functions/domain/disposition-rules";
import { addDays } from "../../../functions/domain/local-time";
import { redactFreeText } from "../../../functions/domain/masking";
import { promiseBroken, promiseFollowUpAt } from "../../../functions/domain/promise-to-pay";
import { type CampaignStrategy, parseStrategy } from "../../../functions/domain/strategy";
import { participant } from "../../fixtures/participants";

const [WIB, WITA, WIT] = parseBranches([
  {
    code: "SEMARANG",
    name: "Semarang",
    timeZone: "Asia/Jakarta",
    agentsOnShift: 3,
    contactWindow: { holidays: ["2026-11-17"] },
  },
  { code: "GORONTALO", name: "Gorontalo", timeZone: "Asia/Makassar", agentsOnShift: 2 },
  { code: "JAYAPURA", name: "Jayapura", timeZone: "Asia/Jayapura", agentsOnShift: 2 },
]) as [Branch, Branch, Branch];

const strategy: CampaignStrategy = parseStrategy({ frequencyCap: { perDay: 1, perCampaign: 3 } });
const ctxOf = (branch: Branch, s: CampaignStrategy = strategy): DialingContext => ({ branch, strategy: s });
const at = (iso: string) => new Date(iso);

/** An open case as mapping creates it, due since the campaign start. */
function caseOf(branch: Branch, overrides: Partial<Case> = {}): Case {
  const p = participant({ participantId: "0001000000042", branchCode: branch.code, monthsInArrears: 8 });
  const classification = classifyParticipant(p, strategy);
  if (!classification.eligible) throw new Error("fixture must be eligible");
  return {
    ...openCase(
      p,
      classification,
      { branchCode: branch.code, period: "2026-11" },
      at("2026-11-10T00:00:00Z"),
    ),
    ...overrides,
  };
}

/** The case after attempt n started on `date` (what the claim writes). */
const attempted = (c: Case, n: number, date: string, today = 1): Case => ({
  ...c,
  callAttempts: n,
  attemptsToday: { date, count: today },
});

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

describe("capacity and ticks", () => {
  it("starts calls only for free agents, within the instance's concurrency", () => {
    expect(dialCapacity({ agentsOnShift: 3, agentsBusy: 1, callsInFlight: 1, maxConcurrentCalls: 10 })).toBe(
      2,
    );
    // An agent in after-contact work is not free, though no call is in flight.
    expect(dialCapacity({ agentsOnShift: 3, agentsBusy: 3, callsInFlight: 1, maxConcurrentCalls: 10 })).toBe(
      0,
    );
    expect(dialCapacity({ agentsOnShift: 8, agentsBusy: 2, callsInFlight: 2, maxConcurrentCalls: 4 })).toBe(
      2,
    );
    expect(dialCapacity({ agentsOnShift: 2, agentsBusy: 5, callsInFlight: 5, maxConcurrentCalls: 4 })).toBe(
      0,
    );
  });

  it("looks again in 30 s for startable work, in 5 minutes while agents are busy, and otherwise jumps straight to the next useful time", () => {
    const now = at("2026-11-16T05:00:00Z");
    expect(nextTickAt(now, { busy: false, startable: true })).toEqual(at("2026-11-16T05:00:30Z"));
    expect(nextTickAt(now, { busy: true, startable: true })).toEqual(at("2026-11-16T05:00:30Z"));
    expect(nextTickAt(now, { busy: true, startable: false })).toEqual(at("2026-11-16T05:05:00Z"));
    expect(
      nextTickAt(now, { busy: true, startable: false, earliestCall: at("2026-11-16T05:01:00Z") }),
    ).toEqual(at("2026-11-16T05:01:00Z"));
    expect(
      nextTickAt(now, { busy: true, startable: false, earliestCall: at("2026-11-17T00:00:00Z") }),
    ).toEqual(at("2026-11-16T05:05:00Z"));
    expect(
      nextTickAt(now, { busy: false, startable: false, earliestCall: at("2026-11-17T00:00:00Z") }),
    ).toEqual(at("2026-11-17T00:00:00Z"));
    expect(nextTickAt(now, { busy: false, startable: false })).toBeUndefined();
  });
});

describe("after a call", () => {
  const ctx = ctxOf(WITA, parseStrategy({ frequencyCap: { perDay: 2, perCampaign: 3 } }));

  it("retries an unanswered call after its outcome's delay", () => {
    // Monday 10:00 WITA, BUSY: 60 minutes later.
    const c = attempted(caseOf(WITA), 1, "2026-11-16");
    const t = afterCallOutcome(c, "BUSY", at("2026-11-16T02:00:00Z"), ctx);
    expect(t).toMatchObject({
      lastOutcome: "BUSY",
      queue: { next: "REQUEUE", nextAttemptAt: "2026-11-16T03:00:00.000Z" },
    });
  });

  it("moves a retry past the window's end to the next window opening", () => {
    // Monday 18:30 WITA + 180 min is 21:30: Tuesday 08:00 WITA instead.
    const c = attempted(caseOf(WITA), 1, "2026-11-16");
    expect(afterCallOutcome(c, "NO_ANSWER", at("2026-11-16T10:30:00Z"), ctx).queue).toMatchObject({
      nextAttemptAt: "2026-11-17T00:00:00.000Z",
    });
    // Saturday evening: Monday morning, Sunday is no calling day.
    const sat = attempted(caseOf(WITA), 1, "2026-11-14");
    expect(afterCallOutcome(sat, "NO_ANSWER", at("2026-11-14T10:30:00Z"), ctx).queue).toMatchObject({
      nextAttemptAt: "2026-11-16T00:00:00.000Z",
    });
  });

  it("never retries the same local day once the per-day cap is used", () => {
    const c = attempted(caseOf(WITA), 2, "2026-11-16", 2);
    expect(afterCallOutcome(c, "BUSY", at("2026-11-16T02:00:00Z"), ctx).queue).toMatchObject({
      nextAttemptAt: "2026-11-17T00:00:00.000Z",
    });
  });

  it("stops calling a case out of attempts", () => {
    const last = attempted(caseOf(WITA), 3, "2026-11-16");
    expect(afterCallOutcome(last, "NO_ANSWER", at("2026-11-16T02:00:00Z"), ctx).queue).toEqual({
      next: "REMOVE",
    });
  });

  it("marks a number reported invalid once suspect and tries it again from the next calling day", () => {
    // Monday 10:00 WITA: Tuesday 08:00 WITA, whatever the per-day cap still allows today.
    const c = attempted(caseOf(WITA), 1, "2026-11-16");
    const t = afterCallOutcome(c, "INVALID_NUMBER", at("2026-11-16T02:00:00Z"), ctx);
    expect(t).toEqual({
      lastOutcome: "INVALID_NUMBER",
      suspectPhone: { set: c.phone },
      queue: { next: "REQUEUE", nextAttemptAt: "2026-11-17T00:00:00.000Z", dialRank: c.dialRank },
    });
    expect(t.contactable).toBeUndefined();
    // Saturday evening: Monday, the next calling day.
    const sat = attempted(caseOf(WITA), 1, "2026-11-14");
    expect(afterCallOutcome(sat, "INVALID_NUMBER", at("2026-11-14T10:00:00Z"), ctx).queue).toMatchObject({
      nextAttemptAt: "2026-11-16T00:00:00.000Z",
    });
  });

  it("makes the participant not contactable on a second invalid report of the same number", () => {
    const c = { ...attempted(caseOf(WITA), 2, "2026-11-17"), suspectPhone: caseOf(WITA).phone };
    expect(afterCallOutcome(c, "INVALID_NUMBER", at("2026-11-17T02:00:00Z"), ctx)).toEqual({
      lastOutcome: "INVALID_NUMBER",
      contactable: false,
      queue: { next: "REMOVE" },
    });
    // A number given since (UPDATED_PHONE) starts with a clean record: suspect, not dead.
    const updated = { ...c, phone: "+6281399990000" };
    expect(afterCallOutcome(updated, "INVALID_NUMBER", at("2026-11-17T02:00:00Z"), ctx)).toMatchObject({
      suspectPhone: { set: "+6281399990000" },
      queue: { next: "REQUEUE" },
    });
  });

  it("lists the participant for a contact update only once the number ended not contactable", () => {
    const apply = (c: Case, t: CaseTransition): Case => ({
      ...c,
      ...(t.lastOutcome ? { lastOutcome: t.lastOutcome } : {}),
      ...(t.contactable !== undefined ? { contactable: t.contactable } : {}),
      ...(t.suspectPhone && t.suspectPhone !== "CLEAR" ? { suspectPhone: t.suspectPhone.set } : {}),
    });
    const first = apply(
      attempted(caseOf(WITA), 1, "2026-11-16"),
      afterCallOutcome(
        attempted(caseOf(WITA), 1, "2026-11-16"),
        "INVALID_NUMBER",
        at("2026-11-16T02:00:00Z"),
        ctx,
      ),
    );
    expect(contactUpdateReason(first)).toBeUndefined();
    expect(closeReasonFor(first)).toBe("UNREACHABLE");
    const second = attempted(first, 2, "2026-11-17");
    const dead = apply(second, afterCallOutcome(second, "INVALID_NUMBER", at("2026-11-17T02:00:00Z"), ctx));
    expect(contactUpdateReason(dead)).toBe("INVALID_NUMBER");
    expect(closeReasonFor(dead)).toBe("INVALID_NUMBER");
  });

  it("keeps a suspect number callable when no attempt is left, and clears it on an answer", () => {
    const last = attempted(caseOf(WITA), 3, "2026-11-16");
    expect(afterCallOutcome(last, "INVALID_NUMBER", at("2026-11-16T02:00:00Z"), ctx)).toEqual({
      lastOutcome: "INVALID_NUMBER",
      suspectPhone: { set: last.phone },
      queue: { next: "REMOVE" },
    });
    const suspect = { ...attempted(caseOf(WITA), 2, "2026-11-17"), suspectPhone: last.phone };
    expect(afterCallOutcome(suspect, "ANSWERED", at("2026-11-17T02:00:00Z"), ctx).suspectPhone).toBe("CLEAR");
    expect(
      afterCallOutcome(suspect, "NO_ANSWER", at("2026-11-17T02:00:00Z"), ctx).suspectPhone,
    ).toBeUndefined();
  });

  it("does not call again the day of a conversation, and keeps a disposition given during the call", () => {
    const c = attempted(caseOf(WITA), 1, "2026-11-16");
    const answered = afterCallOutcome(c, "ANSWERED", at("2026-11-16T02:00:00Z"), ctx, { agentId: "a1" });
    expect(answered).toMatchObject({
      lastOutcome: "ANSWERED",
      contacted: true,
      lastAgentId: "a1",
      queue: { next: "REQUEUE", nextAttemptAt: "2026-11-17T00:00:00.000Z" },
    });
    const kept = afterCallOutcome(c, "ANSWERED", at("2026-11-16T02:00:00Z"), ctx, {
      dispositionDuringCall: true,
    });
    expect(kept.queue).toEqual({ next: "KEEP" });
    expect(kept.lastOutcome).toBeUndefined();
  });
});

describe("after the agent's disposition", () => {
  const ctx = ctxOf(WITA);
  const now = at("2026-11-16T02:00:00Z"); // Monday 10:00 WITA
  const called = attempted(caseOf(WITA), 1, "2026-11-16");
  const dispose = (d: Partial<Disposition> & Pick<Disposition, "code">, c = called) =>
    afterDisposition(c, { agentId: "agent-7", ...d }, now, ctx);

  it("stores a pending promise and follows it up, at the top of the queue, once it is broken", () => {
    const t = dispose({ code: "PROMISE_TO_PAY", promiseDate: "2026-11-20", promiseAmount: 100_000 });
    expect(t.promise).toEqual({
      amount: 100_000,
      date: "2026-11-20",
      status: "PENDING",
      agentId: "agent-7",
      recordedAt: now.toISOString(),
    });
    // Friday's promise + 1 grace day: broken from Sunday, called Monday 08:00 WITA.
    expect(t.queue).toMatchObject({ next: "REQUEUE", nextAttemptAt: "2026-11-23T00:00:00.000Z" });
    expect(t.queue.next === "REQUEUE" && t.queue.dialRank.startsWith("0")).toBe(true);
  });

  it("stops calling after PAID_ALREADY, REFUSES, WANTS_REHAB and WRONG_NUMBER", () => {
    for (const code of ["PAID_ALREADY", "REFUSES", "WANTS_REHAB"] as const) {
      expect(dispose({ code })).toMatchObject({
        lastOutcome: code,
        contacted: true,
        queue: { next: "REMOVE" },
      });
    }
    expect(dispose({ code: "WRONG_NUMBER" })).toEqual({
      lastOutcome: "WRONG_NUMBER",
      lastAgentId: "agent-7",
      contactable: false,
      queue: { next: "REMOVE" },
    });
  });

  it("calls back at the requested time, tries an updated phone and OTHER the next day", () => {
    expect(dispose({ code: "CALL_BACK_LATER", callbackAt: "2026-11-16T07:00:00Z" }).queue).toMatchObject({
      nextAttemptAt: "2026-11-16T07:00:00.000Z",
    });
    const phone = dispose({ code: "UPDATED_PHONE", newPhone: "0813 1111 2222" });
    expect(phone).toMatchObject({
      contactable: true,
      phone: { e164: "+6281311112222", type: "MOBILE" },
      queue: { next: "REQUEUE", nextAttemptAt: "2026-11-17T00:00:00.000Z" },
    });
    expect(dispose({ code: "OTHER" }).queue).toMatchObject({ nextAttemptAt: "2026-11-17T00:00:00.000Z" });
  });

  it("does not schedule a follow-up past the per-campaign cap", () => {
    const last = attempted(caseOf(WITA), 3, "2026-11-16");
    expect(dispose({ code: "CALL_BACK_LATER", callbackAt: "2026-11-16T07:00:00Z" }, last).queue).toEqual({
      next: "REMOVE",
    });
  });

  it("rejects what an agent could get wrong, naming each field", () => {
    const check = (d: Partial<Disposition> & Pick<Disposition, "code">, c: Case = called) =>
      validateDisposition(c, { agentId: "agent-7", ...d }, now, ctx);
    expect(check({ code: "PROMISE_TO_PAY", promiseDate: "2026-11-15", promiseAmount: 1 })).toEqual([
      { field: "promiseDate", message: "must be today (2026-11-16) or later" },
    ]);
    // Period 2026-11: month end + 30 days is 2026-12-30.
    expect(check({ code: "PROMISE_TO_PAY", promiseDate: "2026-12-31", promiseAmount: 1 })[0]?.message).toBe(
      "must be on or before 2026-12-30",
    );
    expect(
      check({ code: "PROMISE_TO_PAY", promiseDate: "2026-12-30", promiseAmount: called.amountDue + 1 }),
    ).toEqual([
      {
        field: "promiseAmount",
        message: expect.stringMatching(/^must be a whole number of rupiah from 1 to Rp/),
      },
    ]);
    expect(check({ code: "PROMISE_TO_PAY" }).map((i) => i.field)).toEqual(["promiseDate", "promiseAmount"]);
    // 21:00 WITA.
    expect(check({ code: "CALL_BACK_LATER", callbackAt: "2026-11-16T13:00:00Z" })[0]?.message).toMatch(
      /outside the participant's contact window/,
    );
    expect(check({ code: "UPDATED_PHONE", newPhone: "+1 202 555 0100" })).toEqual([
      { field: "newPhone", message: "not an Indonesian number: expected an Indonesian number (+62...)" },
    ]);
    expect(check({ code: "REFUSES", promiseDate: "2026-11-20" })).toEqual([
      { field: "promiseDate", message: "only for PROMISE_TO_PAY" },
    ]);
    expect(
      check({ code: "PROMISE_TO_PAY", promiseDate: "2026-11-16", promiseAmount: called.amountDue }),
    ).toEqual([]);
  });
});

describe("broken promises", () => {
  const pending = caseOf(WIT, {
    promise: {
      amount: 50_000,
      date: "2026-11-20",
      status: "PENDING",
      agentId: "a",
      recordedAt: "2026-11-16T00:00:00Z",
    },
  });

  it("is broken once the promise date plus grace days has passed in the participant's zone", () => {
    // Grace 1: broken from local 2026-11-22 00:00 WIT = 2026-11-21T15:00Z.
    expect(promiseBroken(pending, at("2026-11-21T14:59:00Z"), WIT.timeZone, 1)).toBe(false);
    expect(promiseBroken(pending, at("2026-11-21T15:00:00Z"), WIT.timeZone, 1)).toBe(true);
    // The same instant is still 2026-11-21 in WIB.
    expect(promiseBroken(pending, at("2026-11-21T15:00:00Z"), WIB.timeZone, 1)).toBe(false);
    expect(promiseBroken(pending, at("2026-11-21T00:00:00Z"), WIT.timeZone, 0)).toBe(true);
  });

  it("is never broken once kept or paid", () => {
    const kept = {
      ...pending,
      promise: { ...(pending.promise as NonNullable<Case["promise"]>), status: "KEPT" as const },
    };
    expect(promiseBroken(kept, at("2026-12-01T00:00:00Z"), WIT.timeZone, 1)).toBe(false);
    expect(promiseBroken({ ...pending, status: "PAID" }, at("2026-12-01T00:00:00Z"), WIT.timeZone, 1)).toBe(
      false,
    );
  });

  it("is followed up at the first window opening after it broke", () => {
    // 2026-11-21 is a Saturday: broken Sunday 22nd, called Monday 23rd 08:00 WIT.
    expect(promiseFollowUpAt("2026-11-20", 1, WIT.timeZone, WIT.contactWindow)).toEqual(
      at("2026-11-22T23:00:00Z"),
    );
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("notes", () => {
  it("masks numbers that could identify someone", () => {
    expect(redactFreeText("minta hubungi 0812-3456-7890 atau kartu 0001234567890")).toBe(
      "minta hubungi ********7890 atau kartu *********7890",
    );
    expect(redactFreeText("bayar tgl 20, Rp150.000")).toBe("bayar tgl 20, Rp150.000");
  });
});

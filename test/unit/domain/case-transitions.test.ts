import { describe, expect, it } from "vitest";
import { contactUpdateReason } from "../../../functions/domain/campaign-report";
import type { Case } from "../../../functions/domain/case";
import { closeReasonFor } from "../../../functions/domain/case-closing";
import {
  afterCallOutcome,
  afterDisposition,
  type CaseTransition,
} from "../../../functions/domain/case-transitions";
import type { Disposition } from "../../../functions/domain/disposition-rules";
import { parseStrategy } from "../../../functions/domain/strategy";
import { at, attempted, caseOf, ctxOf, WITA } from "../../fixtures/dialing";

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
});

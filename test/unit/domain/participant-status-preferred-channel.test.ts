import { describe, expect, it } from "vitest";
import { dialStatus } from "../../../functions/domain/call-eligibility";
import { noticeOf } from "../../../functions/domain/due-soon";
import { type FollowUp, type FollowUpContext, followUpSkip } from "../../../functions/domain/follow-ups";
import { handoffReason } from "../../../functions/domain/kader-handoff";
import {
  caseUnderProfile,
  profileAfterChange,
  reminderStatusSkip,
} from "../../../functions/domain/participant-status";
import type { PreferredChannel } from "../../../functions/domain/participant-statuses";
import { parseStrategy } from "../../../functions/domain/strategy";
import { at, caseOf, ctxOf, WIB } from "../../fixtures/dialing";
import { participant } from "../../fixtures/participants";

/*
 * The preferred channels CALL and VISIT (issue 16): a participant who wants a call is called and
 * sent only what they ask for; one who wants a visit is handed to a kader besides.
 */

const P = "0001000000042";
const meta = {
  setBy: "import:test",
  at: "2026-11-01T01:00:00.000Z",
  source: "IMPORT" as const,
  why: "import",
};
const prefers = (channel: PreferredChannel) =>
  profileAfterChange(undefined, P, { kind: "PREFERRED_CHANNEL", channel }, meta);
const now = at("2026-11-16T03:00:00Z");
const today = "2026-11-16";
const mapped = (channel: PreferredChannel) => caseUnderProfile(caseOf(WIB), prefers(channel), today, now);
const ctx: FollowUpContext = {
  now,
  timeZone: WIB.timeZone,
  window: WIB.contactWindow,
  messaging: parseStrategy({}).messaging,
};
const followUp = (purpose: FollowUp["purpose"], occasion = "2026-11-18"): FollowUp => ({ purpose, occasion });

describe("a participant who prefers a call", () => {
  const c = mapped("CALL");

  it("is mapped queued and called as usual", () => {
    expect(c.hold).toEqual({ kind: "PREFERS_CALL" });
    expect(c.dialQueue).toBe(caseOf(WIB).dialQueue);
    expect(dialStatus(c, now, ctxOf(WIB))).toEqual({ kind: "CALL_NOW" });
  });

  it("gets no debt reminder from a wave, by the mapped case or by a profile that learnt it since", () => {
    expect(reminderStatusSkip(c.hold, undefined, today)).toBe("PREFERS_CALL");
    expect(reminderStatusSkip(undefined, prefers("CALL"), today)).toBe("PREFERS_CALL");
    expect(reminderStatusSkip(undefined, prefers("SMS"), today)).toBeUndefined();
  });

  it("gets no promise eve, missed-call or due-soon message, but the details asked for and the thanks", () => {
    expect(followUpSkip(c, followUp("PROMISE_EVE"), ctx)).toBe("PREFERS_CALL");
    expect(followUpSkip(c, followUp("MISSED_CALL", today), ctx)).toBe("PREFERS_CALL");
    expect(followUpSkip(c, followUp("DUE_SOON", "2026-12-10"), ctx)).toBe("PREFERS_CALL");
    expect(followUpSkip(c, followUp("CALL_INFO", "PAYMENT#call-1"), ctx)).toBeUndefined();
    expect(followUpSkip(c, followUp("THANK_YOU", "PAID"), ctx)).toBeUndefined();
    expect(followUpSkip(caseOf(WIB), followUp("PROMISE_EVE"), ctx)).toBeUndefined();
  });

  it("a month behind, is noted for the due-soon reminder with the preference, so it is not sent", () => {
    const p = participant({ participantId: P, branchCode: "SEMARANG", monthsInArrears: 1 });
    const campaign = { campaignId: "SEMARANG#2026-11", branchCode: "SEMARANG", period: "2026-11" };
    const notice = noticeOf(p, campaign, parseStrategy({}), {
      now,
      timeZone: WIB.timeZone,
      profile: prefers("CALL"),
    });
    expect(notice?.hold).toEqual({ kind: "PREFERS_CALL" });
    expect(followUpSkip(notice as NonNullable<typeof notice>, followUp("DUE_SOON", "2026-12-10"), ctx)).toBe(
      "PREFERS_CALL",
    );
  });

  it("held not to be contacted, stays held: no call before the date either", () => {
    const held = profileAfterChange(
      prefers("CALL"),
      P,
      { kind: "DO_NOT_CONTACT", until: "2026-11-26", reason: "REFUSED" },
      meta,
    );
    const c = caseUnderProfile(caseOf(WIB), held, today, now);
    expect(c.hold).toEqual({ kind: "DO_NOT_CONTACT", until: "2026-11-26" });
    expect(dialStatus(c, now, ctxOf(WIB)).kind).toBe("WAIT");
  });
});

describe("a participant who prefers a visit", () => {
  it("is mapped asking for a visit, and still sent reminders and called", () => {
    const c = mapped("VISIT");
    expect(c.visitRequested).toBe(true);
    expect(c.hold).toBeUndefined();
    expect(reminderStatusSkip(c.hold, prefers("VISIT"), today)).toBeUndefined();
    expect(followUpSkip(c, followUp("PROMISE_EVE"), ctx)).toBeUndefined();
    expect(dialStatus(c, now, ctxOf(WIB))).toEqual({ kind: "CALL_NOW" });
  });

  it("is handed to a kader by the first hand-off, even before any call", () => {
    expect(handoffReason(mapped("VISIT"), 3, "2026-11-16")).toBe("VISIT_REQUESTED");
    expect(handoffReason(mapped("WHATSAPP"), 3, "2026-11-16")).toBeUndefined();
  });

  it("but not when known deceased: the case is closed, nobody visits", () => {
    const dead = profileAfterChange(prefers("VISIT"), P, { kind: "DECEASED" }, meta);
    const c = caseUnderProfile(caseOf(WIB), dead, today, now);
    expect(c).toMatchObject({ status: "CLOSED", closeReason: "DECEASED" });
    expect(c.visitRequested).toBeUndefined();
  });
});

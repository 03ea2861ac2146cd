import { describe, expect, it } from "vitest";
import { dialStatus } from "../../../functions/domain/call-eligibility";
import { type FollowUpContext, followUpSkip } from "../../../functions/domain/follow-ups";
import { handoffReason } from "../../../functions/domain/kader-handoff";
import { numberDigest, profileAfterStatus } from "../../../functions/domain/messaging";
import {
  caseOnKnownNumber,
  caseUnderStatus,
  mappingStatus,
  profileAfterChange,
  reminderStatusSkip,
  statusAuditOf,
  statusChangesOfDisposition,
} from "../../../functions/domain/participant-status";
import { smsSkipReason } from "../../../functions/domain/sms-template";
import { parseStrategy } from "../../../functions/domain/strategy";
import { at, caseOf, ctxOf, WIB } from "../../fixtures/dialing";

const P = "0001000000001";
const meta = {
  setBy: "agent-7",
  at: "2026-11-16T03:00:00.000Z",
  source: "DISPOSITION" as const,
  why: "REFUSES",
};
const refused = profileAfterChange(
  undefined,
  P,
  { kind: "DO_NOT_CONTACT", until: "2026-12-16", reason: "REFUSED" },
  meta,
);
const deceased = profileAfterChange(undefined, P, { kind: "DECEASED" }, { ...meta, source: "KADER" });
const onPlan = profileAfterChange(undefined, P, { kind: "REHAB_PLAN", since: "2026-11-01" }, meta);

describe("a participant's lasting status", () => {
  it("is kept on the profile with who set it and when", () => {
    expect(refused).toMatchObject({
      participantId: P,
      whatsapp: "UNKNOWN",
      doNotContact: { until: "2026-12-16", reason: "REFUSED", setBy: "agent-7", at: meta.at },
    });
    expect(deceased.deceased).toEqual({ at: meta.at, setBy: "agent-7" });
  });

  it("survives WhatsApp learning about another number", () => {
    const after = profileAfterStatus(
      refused,
      { participantId: P, phone: "+6281299990000", status: "DELIVERED", at: "2026-11-17T00:00:00Z" },
      { unreachableAfterFailures: 2 },
    );
    expect(after.whatsapp).toBe("REACHABLE");
    expect(after.doNotContact?.until).toBe("2026-12-16");
  });

  it("audits what changed, from what, why and from where; a number only by its digest", () => {
    const change = { kind: "NUMBER", phone: "+6281234567890", status: "SUSPECT" } as const;
    const after = profileAfterChange(refused, P, change, { ...meta, why: "WRONG_NUMBER" });
    const record = statusAuditOf(refused, after, change, { ...meta, why: "WRONG_NUMBER" });
    expect(record).toMatchObject({
      participantId: P,
      setBy: "agent-7",
      source: "DISPOSITION",
      field: "number",
    });
    expect(record.previous).toBeUndefined();
    expect(record.current).toContain(numberDigest("+6281234567890"));
    expect(record.current).not.toContain("81234567890");
  });

  it("keeps a status already held with the same meaning as it was, with its first date and author", () => {
    const later = {
      ...meta,
      at: "2026-12-01T02:00:00.000Z",
      setBy: "import:SEMARANG",
      source: "IMPORT" as const,
    };
    expect(profileAfterChange(deceased, P, { kind: "DECEASED" }, later).deceased).toEqual(deceased.deceased);
    const sameHold = { kind: "DO_NOT_CONTACT", until: "2026-12-16", reason: "REFUSED" } as const;
    expect(profileAfterChange(refused, P, sameHold, later)).toEqual(refused);
    const longer = { ...sameHold, until: "2026-12-31" };
    expect(profileAfterChange(refused, P, longer, later).doNotContact).toMatchObject({
      until: "2026-12-31",
      setBy: "import:SEMARANG",
    });
  });

  it("ends a REHAB plan: the status is removed and the audit says null", () => {
    const ended = profileAfterChange(onPlan, P, { kind: "REHAB_PLAN_ENDED" }, meta);
    expect(ended).not.toHaveProperty("rehabPlan");
    const record = statusAuditOf(onPlan, ended, { kind: "REHAB_PLAN_ENDED" }, meta);
    expect(record).toMatchObject({ field: "rehabPlan", current: "null" });
    expect(JSON.parse(record.previous ?? "{}")).toMatchObject({ since: "2026-11-01" });
  });
});

describe("what a disposition teaches", () => {
  it("a refusal holds the participant for the strategy's days", () => {
    expect(statusChangesOfDisposition({ code: "REFUSES" }, "+6281234567890", "2026-11-16", 30)).toEqual([
      { kind: "DO_NOT_CONTACT", until: "2026-12-16", reason: "REFUSED" },
      { kind: "NUMBER", phone: "+6281234567890", status: "CONFIRMED" },
    ]);
  });

  it("a wrong number is suspect, a corrected one confirmed, REHAB interest sets no plan", () => {
    expect(statusChangesOfDisposition({ code: "WRONG_NUMBER" }, "+628111", "2026-11-16", 30)).toEqual([
      { kind: "NUMBER", phone: "+628111", status: "SUSPECT" },
    ]);
    expect(
      statusChangesOfDisposition({ code: "UPDATED_PHONE", newPhone: "+628222" }, "+628111", "2026-11-16", 30),
    ).toEqual([{ kind: "NUMBER", phone: "+628222", status: "CONFIRMED" }]);
    const rehab = statusChangesOfDisposition({ code: "WANTS_REHAB" }, "+628111", "2026-11-16", 30);
    expect(rehab.map((c) => c.kind)).toEqual(["NUMBER"]);
  });
});

describe("the status honoured", () => {
  const c = caseOf(WIB);
  const now = at("2026-11-16T03:00:00Z");

  it("at mapping: a deceased participant's case is closed at once, never queued", () => {
    const mapped = caseUnderStatus(c, mappingStatus(deceased, "2026-11-16"), now);
    expect(mapped).toMatchObject({ status: "CLOSED", closeReason: "DECEASED" });
    expect(mapped.dialQueue).toBeUndefined();
  });

  it("at mapping: a REHAB plan leaves the queue, a hold past its date is no hold", () => {
    expect(caseUnderStatus(c, mappingStatus(onPlan, "2026-11-16"), now)).toMatchObject({
      status: "OPEN",
      hold: { kind: "REHAB_PLAN" },
    });
    expect(caseUnderStatus(c, mappingStatus(onPlan, "2026-11-16"), now).dialQueue).toBeUndefined();
    expect(mappingStatus(refused, "2026-12-16")).toBeUndefined();
    expect(mappingStatus(undefined, "2026-11-16")).toBeUndefined();
  });

  it("at mapping: the number an earlier call found to be someone else's is not used while it is on file", () => {
    const phone = c.phone ?? "";
    const wrong = (number: string) =>
      profileAfterChange(undefined, P, { kind: "NUMBER", phone: number, status: "SUSPECT" }, meta);
    const mapped = caseOnKnownNumber(c, wrong(phone));
    expect(mapped).toMatchObject({ status: "OPEN", contactable: false, lastOutcome: "WRONG_NUMBER" });
    expect(mapped.dialQueue).toBeUndefined();
    expect(smsSkipReason(mapped)).toBe("NOT_CONTACTABLE");
    expect(handoffReason(mapped, 6, "2026-11-16")).toBe("WRONG_NUMBER");
    // A new number since, or the same one confirmed: contacted as usual.
    expect(caseOnKnownNumber(c, wrong("+6281299990000"))).toBe(c);
    const confirmed = profileAfterChange(undefined, P, { kind: "NUMBER", phone, status: "CONFIRMED" }, meta);
    expect(caseOnKnownNumber(c, confirmed)).toBe(c);
  });

  it("by the dialer: not before the hold's date, never on a REHAB plan", () => {
    const shortHold = profileAfterChange(
      undefined,
      P,
      { kind: "DO_NOT_CONTACT", until: "2026-11-24", reason: "REFUSED" },
      meta,
    );
    const held = caseUnderStatus(c, mappingStatus(shortHold, "2026-11-16"), now);
    expect(held.dialQueue).toBe(c.dialQueue);
    // 2026-11-24 00:00 WIB, a Tuesday, opens at 08:00 WIB (01:00Z).
    expect(dialStatus(held, now, ctxOf(WIB))).toEqual({ kind: "WAIT", until: at("2026-11-24T01:00:00Z") });
    // A hold past the November campaign's last day: out of its dial queue, as a REHAB plan.
    const outlasting = caseUnderStatus(c, mappingStatus(refused, "2026-11-16"), now);
    expect(outlasting).toMatchObject({
      status: "OPEN",
      hold: { kind: "DO_NOT_CONTACT", until: "2026-12-16" },
    });
    expect(outlasting.dialQueue).toBeUndefined();
    expect(outlasting.dialRank).toBeUndefined();
    const lastDay = profileAfterChange(
      undefined,
      P,
      { kind: "DO_NOT_CONTACT", until: "2026-11-30", reason: "REFUSED" },
      meta,
    );
    expect(caseUnderStatus(c, mappingStatus(lastDay, "2026-11-16"), now).dialQueue).toBe(c.dialQueue);
    expect(dialStatus(outlasting, now, ctxOf(WIB))).toEqual({ kind: "STOP", reason: "NOT_QUEUED" });
    expect(dialStatus({ ...c, hold: { kind: "REHAB_PLAN" } }, now, ctxOf(WIB))).toEqual({
      kind: "STOP",
      reason: "REHAB_PLAN",
    });
    expect(dialStatus(c, now, ctxOf(WIB))).toEqual({ kind: "CALL_NOW" });
  });

  it("by the reminder wave: no debt reminder to a held, deceased or REHAB-plan participant", () => {
    expect(reminderStatusSkip({ kind: "DO_NOT_CONTACT", until: "2026-12-16" }, undefined, "2026-11-16")).toBe(
      "DO_NOT_CONTACT",
    );
    expect(reminderStatusSkip(undefined, refused, "2026-11-16")).toBe("DO_NOT_CONTACT");
    expect(reminderStatusSkip(undefined, refused, "2026-12-16")).toBeUndefined();
    expect(reminderStatusSkip(undefined, deceased, "2026-11-16")).toBe("DECEASED");
    expect(reminderStatusSkip({ kind: "REHAB_PLAN" }, undefined, "2026-11-16")).toBe("REHAB_PLAN");
    expect(reminderStatusSkip(undefined, undefined, "2026-11-16")).toBeUndefined();
  });

  it("by the follow-ups: none while a do-not-contact hold stands", () => {
    const ctx: FollowUpContext = {
      now,
      timeZone: WIB.timeZone,
      window: WIB.contactWindow,
      messaging: parseStrategy({}).messaging,
    };
    const f = { purpose: "MISSED_CALL", occasion: "2026-11-16" } as const;
    const held = { ...c, hold: { kind: "DO_NOT_CONTACT", until: "2026-12-16" } as const };
    expect(followUpSkip(held, f, ctx)).toBe("DO_NOT_CONTACT");
    expect(followUpSkip(c, f, ctx)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import type { CaseTransition } from "../../../functions/domain/case-transitions";
import {
  amendedTransition,
  amendmentIssues,
  classifyDelivery,
  dispositionFingerprint,
  dispositionKeyOf,
  dispositionRecord,
  type RecordedDisposition,
  withoutReplacedDispositions,
} from "../../../functions/domain/disposition-delivery";
import type { Disposition } from "../../../functions/domain/disposition-rules";

const promise: Disposition = {
  code: "PROMISE_TO_PAY",
  agentId: "agent-1",
  promiseDate: "2026-11-20",
  promiseAmount: 200_000,
  sendInfo: "PAYMENT",
};
const recorded = (over: Partial<RecordedDisposition> = {}): RecordedDisposition => ({
  code: "PROMISE_TO_PAY",
  fingerprint: dispositionFingerprint(promise),
  at: "2026-11-16T03:00:00.000Z",
  agentId: "agent-1",
  ...over,
});
const removal: CaseTransition = { lastOutcome: "REFUSES", contacted: true, queue: { next: "REMOVE" } };

describe("a call's disposition delivered again or amended", () => {
  it("the same form is a duplicate, whatever the delivery's time; another form is an amendment", () => {
    expect(classifyDelivery(undefined, dispositionFingerprint(promise))).toEqual({ kind: "NEW" });
    expect(classifyDelivery(recorded(), dispositionFingerprint({ ...promise })).kind).toBe("DUPLICATE");
    expect(
      classifyDelivery(recorded(), dispositionFingerprint({ ...promise, promiseAmount: 150_000 })).kind,
    ).toBe("AMENDMENT");
    expect(classifyDelivery(recorded(), dispositionFingerprint({ ...promise, notes: "x" })).kind).toBe(
      "AMENDMENT",
    );
  });

  it("keys a disposition by its contact, or by the case's last attempt when no contact is known", () => {
    expect(dispositionKeyOf("c-1", 2)).toBe("contact#c-1");
    expect(dispositionKeyOf(undefined, 2)).toBe("attempt#2");
  });

  it("an amendment takes back its own pending promise, not one recorded by an earlier call", () => {
    const own = {
      amount: 1,
      date: "2026-11-20",
      status: "PENDING" as const,
      agentId: "a",
      recordedAt: recorded().at,
    };
    expect(amendedTransition({ promise: own }, recorded(), removal).clearPromise).toBe(true);
    const earlier = { ...own, recordedAt: "2026-11-12T03:00:00.000Z" };
    expect(amendedTransition({ promise: earlier }, recorded(), removal).clearPromise).toBeUndefined();
    expect(
      amendedTransition({ promise: { ...own, status: "KEPT" } }, recorded(), removal).clearPromise,
    ).toBeUndefined();
  });

  it("an amendment of WRONG_NUMBER makes the number contactable again unless it says otherwise", () => {
    const wrong = recorded({ code: "WRONG_NUMBER" });
    expect(amendedTransition({}, wrong, removal).contactable).toBe(true);
    expect(amendedTransition({}, wrong, { ...removal, contactable: false }).contactable).toBe(false);
  });

  it("refuses to amend a corrected number into something else", () => {
    const updated = recorded({ code: "UPDATED_PHONE" });
    expect(amendmentIssues(updated, { code: "REFUSES", agentId: "a" })).toEqual([
      expect.objectContaining({ field: "code" }),
    ]);
    expect(amendmentIssues(updated, { code: "UPDATED_PHONE", agentId: "a", newPhone: "0812" })).toEqual([]);
  });

  it("claims a follow-up once per call and kind of information, across amendments", () => {
    const first = dispositionRecord(
      { kind: "NEW" },
      { ...promise, fingerprint: "f1", at: "t1", sendable: true },
    );
    expect(first.followUp).toBe("PAYMENT");
    const previous = first.record;
    const same = dispositionRecord(
      { kind: "AMENDMENT", previous },
      { ...promise, code: "REFUSES", fingerprint: "f2", at: "t2", sendable: true },
    );
    expect(same.followUp).toBeUndefined();
    expect(same.record.followUps).toEqual(["PAYMENT"]);
    const other = dispositionRecord(
      { kind: "AMENDMENT", previous },
      { ...promise, code: "WANTS_REHAB", sendInfo: "REHAB", fingerprint: "f3", at: "t3", sendable: true },
    );
    expect(other.followUp).toBe("REHAB");
    expect(other.record.followUps).toEqual(["PAYMENT", "REHAB"]);
    const noPhone = dispositionRecord(
      { kind: "NEW" },
      { ...promise, fingerprint: "f4", at: "t4", sendable: false },
    );
    expect(noPhone.followUp).toBeUndefined();
  });

  it("reports keep only the last disposition of each call", () => {
    const d = (at: string, outcome: string, key?: string) => ({
      kind: "DISPOSITION",
      at,
      participantId: "p1",
      outcome,
      ...(key ? { detail: { dispositionKey: key } } : {}),
    });
    const events = [
      d("2026-11-16T03:00:00Z", "PROMISE_TO_PAY", "contact#a"),
      { kind: "CALL_ENDED", at: "2026-11-16T03:01:00Z", participantId: "p1", outcome: undefined },
      d("2026-11-16T03:02:00Z", "REFUSES", "contact#a"),
      d("2026-11-17T03:00:00Z", "OTHER", "contact#b"),
      d("2026-11-10T03:00:00Z", "OTHER"),
    ];
    expect(withoutReplacedDispositions(events).map((e) => e.outcome ?? e.kind)).toEqual([
      "CALL_ENDED",
      "REFUSES",
      "OTHER",
      "OTHER",
    ]);
  });
});

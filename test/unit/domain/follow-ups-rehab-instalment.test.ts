import { describe, expect, it } from "vitest";
import type { Case } from "../../../functions/domain/case";
import {
  countsInCap,
  followUpKey,
  followUpSkip,
  rehabInstalmentFollowUp,
  scheduledFollowUp,
  templateOccasionOf,
} from "../../../functions/domain/follow-ups";
import { parseStrategy } from "../../../functions/domain/strategy";
import { caseOf, WIB } from "../../fixtures/dialing";
import { tenAmWib } from "../../fixtures/follow-up-context";

// The November campaign (from the 11th): its participants can still meet 10 December.

const onPlan = (overrides: Partial<Case> = {}): Case =>
  caseOf(WIB, { hold: { kind: "REHAB_PLAN" }, ...overrides });
const INSTALMENT = { purpose: "REHAB_INSTALMENT", occasion: "2026-12-10" } as const;

describe("the REHAB instalment reminder", () => {
  it("is owed to an open case on a REHAB plan, for the next due date, until three days before it", () => {
    expect(scheduledFollowUp(onPlan(), tenAmWib("2026-11-11"))).toEqual(INSTALMENT);
    expect(scheduledFollowUp(onPlan(), tenAmWib("2026-11-30"))).toEqual(INSTALMENT);
    expect(scheduledFollowUp(onPlan(), tenAmWib("2026-12-07"))).toEqual(INSTALMENT);
    expect(scheduledFollowUp(onPlan(), tenAmWib("2026-12-08"))).toBeUndefined();
    expect(scheduledFollowUp(onPlan(), tenAmWib("2026-12-09"))).toBeUndefined();
  });

  it("takes the due day from the due-soon reminder's and the days before from its own", () => {
    const s = { messaging: { followUps: { dueSoon: { dueDay: 15 }, rehabInstalment: { daysBefore: 5 } } } };
    expect(rehabInstalmentFollowUp(onPlan(), tenAmWib("2026-11-19", s))).toEqual({
      purpose: "REHAB_INSTALMENT",
      occasion: "2026-12-15",
    });
    expect(rehabInstalmentFollowUp(onPlan(), tenAmWib("2026-12-10", s))).toEqual({
      purpose: "REHAB_INSTALMENT",
      occasion: "2026-12-15",
    });
    expect(rehabInstalmentFollowUp(onPlan(), tenAmWib("2026-12-11", s))).toBeUndefined();
    expect(parseStrategy({}).messaging.followUps.rehabInstalment).toEqual({ enabled: true, daysBefore: 3 });
  });

  it("is owed to no case without a REHAB plan, nor once a payment reached it, nor to a closed case", () => {
    const now = tenAmWib("2026-11-19");
    expect(scheduledFollowUp(caseOf(WIB), now)).toBeUndefined();
    expect(
      scheduledFollowUp(caseOf(WIB, { hold: { kind: "DO_NOT_CONTACT", until: "2026-12-01" } }), now),
    ).toBeUndefined();
    expect(scheduledFollowUp(onPlan({ amountPaid: 35_000 }), now)).toBeUndefined();
    expect(scheduledFollowUp(onPlan({ status: "CLOSED", closeReason: "DECEASED" }), now)).toBeUndefined();
    // Paid in full: the thank-you, not the instalment.
    expect(scheduledFollowUp(onPlan({ status: "PAID", amountPaid: 280_000 }), now)?.purpose).toBe(
      "THANK_YOU",
    );
  });

  it("gives way to a promise's eve on that day, and goes the next", () => {
    const promise = {
      amount: 280_000,
      date: "2026-11-20",
      status: "PENDING",
      agentId: "kader",
      recordedAt: "2026-11-12T03:00:00Z",
    } as const;
    expect(scheduledFollowUp(onPlan({ promise }), tenAmWib("2026-11-19"))?.purpose).toBe("PROMISE_EVE");
    expect(scheduledFollowUp(onPlan({ promise }), tenAmWib("2026-11-20"))).toEqual(INSTALMENT);
  });

  it("goes once per due date, when enabled, under the cap like every follow-up", () => {
    const now = tenAmWib("2026-11-19");
    expect(followUpKey(INSTALMENT)).toBe("REHAB_INSTALMENT#2026-12-10");
    expect(followUpSkip(onPlan(), INSTALMENT, now)).toBeUndefined();
    const sent = onPlan({ followUps: { "REHAB_INSTALMENT#2026-12-10": { status: "SENT", at: "x" } } });
    expect(followUpSkip(sent, INSTALMENT, tenAmWib("2026-11-20"))).toBe("ALREADY");
    const off = { messaging: { followUps: { rehabInstalment: { enabled: false } } } };
    expect(followUpSkip(onPlan(), INSTALMENT, tenAmWib("2026-11-19", off))).toBe("DISABLED");
    const capped = onPlan({ messageTimes: ["2026-11-16T03:00:00Z", "2026-11-18T03:00:00Z"] });
    expect(followUpSkip(capped, INSTALMENT, now)).toBe("CAP_REACHED");
    expect(countsInCap(INSTALMENT)).toBe(true);
  });

  it("names the due date to its template, and no amount", () => {
    expect(templateOccasionOf(onPlan(), INSTALMENT)).toEqual({
      purpose: "REHAB_INSTALMENT",
      dueDate: "2026-12-10",
    });
  });
});

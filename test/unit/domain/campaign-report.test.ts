import { describe, expect, it } from "vitest";
import {
  campaignReport,
  contactUpdateReason,
  promiseOutcome,
  ratio,
} from "../../../functions/domain/campaign-report";
import type { Case } from "../../../functions/domain/case";
import { FUNNEL_STEPS, headlines } from "../../../functions/reports/figures";
import { pid, REPORT_NOW, reportCases, sampleReportInput } from "../../fixtures/campaign-report";

const report = campaignReport(sampleReportInput());
const bucket = (id: string) => report.byBucket.find((b) => b.bucketId === id);

describe("campaign report: whole campaign (hand-computed, see the fixture)", () => {
  it("counts the funnel", () => {
    expect(report.total).toMatchObject({
      targeted: 7,
      smsSent: 5,
      smsFailed: 1,
      smsUnconfirmed: 0,
      called: 6,
      callAttempts: 9,
      contacted: 5,
      rightPartyContacted: 4,
      promised: 3,
      promisesKept: 1,
      promisesBroken: 2,
      promisesPending: 0,
      paid: 1,
      amountDue: 1_790_000,
      amountCollected: 220_000,
      notContactable: 2,
    });
  });

  it("computes every rate from its numerator and denominator", () => {
    expect(report.total.contactRate).toBeCloseTo(5 / 6);
    expect(report.total.rightPartyContactRate).toBeCloseTo(4 / 5);
    expect(report.total.promiseToPayRate).toBeCloseTo(3 / 4);
    expect(report.total.promiseKeptRate).toBeCloseTo(1 / 3);
    expect(report.total.collectionRate).toBeCloseTo(1 / 7);
    expect(report.total.amountCollectedRate).toBeCloseTo(220_000 / 1_790_000);
  });

  it("lists not-contactable participants by why their contact data needs an update", () => {
    expect(report.contactUpdates).toEqual({ NO_PHONE: 1, INVALID_NUMBER: 0, WRONG_NUMBER: 1 });
  });

  it("keeps the final statuses and the header", () => {
    expect(report.finalStatuses).toEqual({ PAID: 1, OPEN: 6 });
    expect(report).toMatchObject({
      campaignId: "GORONTALO#2026-11",
      branchCode: "GORONTALO",
      period: "2026-11",
      timeZone: "Asia/Makassar",
      generatedAt: REPORT_NOW.toISOString(),
    });
  });
});

describe("campaign report: per category", () => {
  it("2-3 bulan", () => {
    expect(bucket("M02_03")).toMatchObject({
      label: "2-3 bulan",
      targeted: 4,
      called: 4,
      contacted: 4,
      rightPartyContacted: 4,
      promised: 3,
      promisesKept: 1,
      promisesBroken: 2,
      paid: 1,
      amountDue: 590_000,
      amountCollected: 170_000,
      contactRate: 1,
      rightPartyContactRate: 1,
      promiseToPayRate: 0.75,
      collectionRate: 0.25,
    });
  });

  it("4-6 bulan: rates over a zero denominator are 0", () => {
    expect(bucket("M04_06")).toMatchObject({
      targeted: 3,
      smsSent: 1,
      smsFailed: 1,
      called: 2,
      callAttempts: 4,
      contacted: 1,
      rightPartyContacted: 0,
      promised: 0,
      contactRate: 0.5,
      rightPartyContactRate: 0,
      promiseToPayRate: 0,
      promiseKeptRate: 0,
      collectionRate: 0,
      amountCollected: 50_000,
      notContactable: 2,
    });
  });

  it("a category nobody fell into is all zeros, never NaN", () => {
    const empty = bucket("M24_PLUS");
    expect(empty?.targeted).toBe(0);
    for (const value of Object.values(empty ?? {})) if (typeof value === "number") expect(value).toBe(0);
  });

  it("an empty campaign has zero figures and rates everywhere", () => {
    const none = campaignReport(sampleReportInput({ cases: [], events: [] }));
    for (const value of Object.values(none.total)) expect(value).toBe(0);
    expect(none.byAgent).toEqual([]);
    expect(none.byDay).toEqual([]);
    expect(none.byBucket).toHaveLength(5);
  });
});

describe("campaign report: per agent", () => {
  it("counts calls, call time, contacts, promises and what they brought in", () => {
    expect(report.byAgent).toEqual([
      {
        agentId: "A1",
        callsHandled: 2,
        callSeconds: 180 + 240,
        contacts: 2,
        rightPartyContacts: 2,
        promises: 2,
        promisesKept: 1,
        promisesBroken: 1,
        promiseToPayRate: 1,
        promiseKeptRate: 0.5,
        amountCollectedAfterPromise: 100_000,
      },
      {
        agentId: "A2",
        callsHandled: 3,
        callSeconds: 60 + 120 + 300,
        contacts: 3,
        rightPartyContacts: 2,
        promises: 1,
        promisesKept: 0,
        promisesBroken: 1,
        promiseToPayRate: 0.5,
        promiseKeptRate: 0,
        amountCollectedAfterPromise: 70_000,
      },
    ]);
  });

  it("does not count a payment made before the agent's promise", () => {
    const early = campaignReport(
      sampleReportInput({
        events: [
          { kind: "PAYMENT_APPLIED", participantId: pid(7), at: "2026-11-12T00:00:00.000Z", amount: 5 },
        ],
      }),
    );
    expect(early.byAgent.find((a) => a.agentId === "A2")?.amountCollectedAfterPromise).toBe(0);
  });
});

describe("campaign report: per day in the branch's time zone", () => {
  it("counts SMS, attempts, contacts, promises and payments on their local date", () => {
    expect(report.byDay).toEqual([
      {
        date: "2026-11-11",
        smsSent: 5,
        whatsappSent: 0,
        callAttempts: 0,
        contacts: 0,
        promises: 0,
        payments: 0,
        amountPaid: 0,
      },
      {
        date: "2026-11-13",
        smsSent: 1,
        whatsappSent: 0,
        callAttempts: 6,
        contacts: 4,
        promises: 2,
        payments: 0,
        amountPaid: 0,
      },
      {
        date: "2026-11-14",
        smsSent: 0,
        whatsappSent: 0,
        callAttempts: 2,
        contacts: 1,
        promises: 1,
        payments: 1,
        amountPaid: 100_000,
      },
      {
        date: "2026-11-16",
        smsSent: 0,
        whatsappSent: 0,
        callAttempts: 1,
        contacts: 0,
        promises: 0,
        payments: 0,
        amountPaid: 0,
      },
      {
        date: "2026-11-21",
        smsSent: 0,
        whatsappSent: 0,
        callAttempts: 0,
        contacts: 0,
        promises: 0,
        payments: 1,
        amountPaid: 50_000,
      },
      {
        date: "2026-11-24",
        smsSent: 0,
        whatsappSent: 0,
        callAttempts: 0,
        contacts: 0,
        promises: 0,
        payments: 1,
        amountPaid: 70_000,
      },
    ]);
  });

  it("counts WhatsApp messages beside SMS, on their local date", () => {
    const withWhatsApp = campaignReport(
      sampleReportInput({
        events: [
          // 23:30 WITA on the 12th, then 00:30 WITA on the 13th.
          { kind: "WHATSAPP_SENT", participantId: pid(1), at: "2026-11-12T15:30:00.000Z" },
          { kind: "WHATSAPP_SENT", participantId: pid(2), at: "2026-11-12T16:30:00.000Z" },
        ],
      }),
    );
    expect(withWhatsApp.byDay.map((d) => [d.date, d.smsSent, d.whatsappSent])).toEqual([
      ["2026-11-12", 0, 1],
      ["2026-11-13", 0, 1],
    ]);
  });

  it("adds up to the case-level attempts", () => {
    expect(report.byDay.reduce((n, d) => n + d.callAttempts, 0)).toBe(report.total.callAttempts);
  });
});

describe("campaign report: reminded on either channel", () => {
  const at = "2026-11-11T01:00:00.000Z";
  const sent = { status: "SENT" as const, at, attempts: 1 };
  const byWhatsApp = { ...sent, channel: "WHATSAPP" as const };
  const waves: Record<string, Case["sms"]> = {
    [pid(1)]: { "1": sent },
    [pid(2)]: { "1": { ...byWhatsApp, delivery: "READ" } },
    // Failed on WhatsApp, then its SMS: reminded once.
    [pid(3)]: { "1": { ...byWhatsApp, delivery: "FAILED" }, "1F": sent },
    // Failed on WhatsApp and no SMS yet: not reached.
    [pid(4)]: { "1": { ...byWhatsApp, delivery: "FAILED" } },
    [pid(5)]: { "1": { status: "SKIPPED", at, attempts: 0, reason: "NO_PHONE" } },
  };

  it("counts the cases a wave's reminder reached by SMS or WhatsApp, in the funnel and its headline", () => {
    const cases = reportCases.map((c) => ({ ...c, sms: waves[c.participantId] ?? {} }));
    const reminded = campaignReport(sampleReportInput({ cases }));
    expect(reminded.total.reminded).toBe(3);
    expect(headlines(reminded).find((h) => h.figure === "reminded")).toMatchObject({
      label: "Pengingat terkirim",
      text: "3",
    });
    expect(FUNNEL_STEPS.map((s) => s.label)).toEqual([
      "Sasaran",
      "Pengingat terkirim",
      "Ditelepon",
      "Terhubung",
      "Janji bayar",
      "Lunas",
    ]);
  });
});

describe("campaign report: SMS reminders", () => {
  it("counts the waves' reminders and their segments, not the follow-ups agents send", () => {
    expect(report.reminders).toEqual({ sent: 5, segments: 8, segmentsPerReminder: 1.6, maxSegments: 2 });
  });

  it("has no segments per reminder when none was sent", () => {
    const none = campaignReport(sampleReportInput({ events: [] }));
    expect(none.reminders).toEqual({ sent: 0, segments: 0, segmentsPerReminder: 0, maxSegments: 0 });
  });

  it("counts a reminder SNS took but whose SENT write failed as unconfirmed, neither sent nor failed", () => {
    // P4's wave stayed CLAIMED: the publish went out, the case was never marked SENT.
    const claimed = { "1": { status: "CLAIMED" as const, at: "2026-11-11T01:00:00.000Z", attempts: 1 } };
    const cases = reportCases.map((c) => (c.participantId === pid(4) ? { ...c, sms: claimed } : c));
    const unconfirmed = campaignReport(sampleReportInput({ cases }));
    expect(unconfirmed.total).toMatchObject({ smsSent: 5, smsFailed: 0, smsUnconfirmed: 1 });
    expect(unconfirmed.byBucket.find((b) => b.bucketId === "M04_06")).toMatchObject({
      smsFailed: 0,
      smsUnconfirmed: 1,
    });
  });
});

describe("campaign report: roll against the previous period", () => {
  it("places each of last month's participants in this month's category", () => {
    expect(report.roll?.previousCampaignId).toBe("GORONTALO#2026-10");
    expect(report.roll?.newParticipants).toBe(3);
    expect(report.roll?.rows[0]).toMatchObject({
      fromBucketId: "M02_03",
      participants: 3,
      to: { M02_03: 1, M04_06: 1, M07_12: 0, M13_23: 0, M24_PLUS: 0 },
      left: 1,
      stayed: 1,
      rolledForward: 1,
      rolledBack: 0,
    });
    expect(report.roll?.rows[0]?.rollForwardRate).toBeCloseTo(1 / 3);
    expect(report.roll?.rows[0]?.cureRate).toBeCloseTo(1 / 3);
    expect(report.roll?.rows[1]).toMatchObject({
      fromBucketId: "M04_06",
      participants: 2,
      stayed: 1,
      rolledBack: 1,
      rollForwardRate: 0,
      cureRate: 0,
    });
    expect(report.roll?.rows[4]).toMatchObject({ participants: 0, rollForwardRate: 0, cureRate: 0 });
  });

  it("is absent without a previous campaign", () => {
    expect(campaignReport(sampleReportInput({ previous: undefined })).roll).toBeUndefined();
  });
});

describe("report rules", () => {
  it("a ratio over zero is 0", () => {
    expect(ratio(3, 0)).toBe(0);
    expect(ratio(0, 0)).toBe(0);
    expect(ratio(1, 4)).toBe(0.25);
  });

  it("a pending promise is broken only after its date plus the grace days, local time", () => {
    const p = { amount: 1, date: "2026-11-16", status: "PENDING" as const, agentId: "A1", recordedAt: "x" };
    // 2026-11-17 23:59 in Gorontalo: still inside one grace day.
    expect(promiseOutcome(p, new Date("2026-11-17T15:59:00Z"), "Asia/Makassar", 1)).toBe("PENDING");
    expect(promiseOutcome(p, new Date("2026-11-17T16:00:00Z"), "Asia/Makassar", 1)).toBe("BROKEN");
    expect(
      promiseOutcome({ ...p, status: "KEPT" }, new Date("2027-01-01T00:00:00Z"), "Asia/Makassar", 1),
    ).toBe("KEPT");
  });

  it("says why contact data needs an update", () => {
    expect(contactUpdateReason(reportCases[0] ?? { contactable: true })).toBeUndefined();
    expect(contactUpdateReason({ contactable: false, lastOutcome: "INVALID_NUMBER" })).toBe("INVALID_NUMBER");
    expect(contactUpdateReason({ contactable: false })).toBe("NO_PHONE");
  });
});

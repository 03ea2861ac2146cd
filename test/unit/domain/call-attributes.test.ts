import { describe, expect, it } from "vitest";
import {
  assertValidAttributes,
  attributesSize,
  CALL_ATTRIBUTES_BUDGET_BYTES,
  type CallAttributeCase,
  CallAttributesError,
  CONNECT_ATTRIBUTES_MAX_BYTES,
  CONNECT_REFERENCES_MAX_BYTES,
  callAttributes,
  callReferences,
  GREETINGS,
  greetingAt,
  type HistoryEntry,
  referencesSize,
} from "../../../functions/domain/call-attributes";

const base: CallAttributeCase = {
  caseId: "GORONTALO#2026-11#0001000000042",
  participantId: "0001000000042",
  period: "2026-11",
  premiumClass: 2,
  familyMembers: 3,
  autodebet: false,
  name: "Siti Aminah",
  bucketId: "M07_12",
  monthsInArrears: 8,
  countedMonths: 8,
  amountDue: 1_234_567,
  amountPaid: 0,
  virtualAccount: "8888801000000042",
  rehabEligible: true,
  rehabMaxInstalments: 4,
};

/** 09:30 in Gorontalo (WITA, UTC+8). */
const morning = { now: new Date("2026-11-16T01:30:00Z"), timeZone: "Asia/Makassar" };

describe("contact attributes for the agent", () => {
  it("carries who, which category, how much, where to pay and the REHAB offer", () => {
    expect(callAttributes(base, "7-12 bulan", 2, morning)).toEqual({
      caseId: "GORONTALO#2026-11#0001000000042",
      participantName: "Siti Aminah",
      maskedCardNumber: "*********0042",
      premiumClass: "Kelas II",
      familyMembers: "3",
      bucket: "7-12 bulan",
      bucketId: "M07_12",
      monthsInArrears: "8",
      countedMonths: "8",
      arrearsMonths: "8 bulan",
      amountDue: "Rp1.234.567",
      amountDueValue: "1234567",
      virtualAccount: "8888801000000042",
      rehabEligible: "true",
      rehabMaxInstalments: "4",
      autodebet: "false",
      period: "2026-11",
      followUpUntil: "2026-12-30",
      attempt: "2",
      lastInteractions: "-",
      promiseStatus: "-",
      promiseDate: "-",
      promiseAmount: "-",
      greeting: "PAGI",
    });
  });

  it("shows the real months in arrears, with the 24-month cap next to them, not 24", () => {
    const attrs = callAttributes(
      { ...base, monthsInArrears: 40, countedMonths: 24, amountDue: 3_600_000 },
      "24+ bulan",
      1,
      morning,
    );
    expect(attrs).toMatchObject({
      monthsInArrears: "40",
      countedMonths: "24",
      arrearsMonths: "40 bulan (dihitung 24 bulan)",
      amountDue: "Rp3.600.000",
    });
    expect(callReferences(attrs)["Bulan tunggakan"]).toEqual({
      Type: "STRING",
      Value: "40 bulan (dihitung 24 bulan)",
    });
  });

  it.each([
    ["08:00", "PAGI"],
    ["10:59", "PAGI"],
    ["11:00", "SIANG"],
    ["14:59", "SIANG"],
    ["15:00", "SORE"],
    ["17:59", "SORE"],
    ["18:00", "MALAM"],
    ["19:45", "MALAM"],
  ])("greets at %s the participant's local time with selamat %s", (local, greeting) => {
    // Gorontalo is UTC+8: local time minus 8 hours.
    const [h = 0, m = 0] = local.split(":").map(Number);
    const now = new Date(Date.UTC(2026, 10, 16, h - 8, m));
    expect(greetingAt(now, "Asia/Makassar")).toBe(greeting);
    expect(callAttributes(base, "7-12 bulan", 1, { now, timeZone: "Asia/Makassar" }).greeting).toBe(greeting);
  });

  it("greets by the participant's own zone: the same instant is siang in Jakarta and sore in Jayapura", () => {
    const now = new Date("2026-11-16T06:30:00Z");
    expect(greetingAt(now, "Asia/Jakarta")).toBe("SIANG");
    expect(greetingAt(now, "Asia/Jayapura")).toBe("SORE");
    expect(GREETINGS).toEqual(["PAGI", "SIANG", "SORE", "MALAM"]);
  });

  it("shows what is still due after a partial payment and reminds of a broken promise", () => {
    const attrs = callAttributes(
      {
        ...base,
        amountPaid: 234_567,
        rehabEligible: false,
        promise: { amount: 500_000, date: "2026-11-20", status: "BROKEN", agentId: "a", recordedAt: "x" },
      },
      "7-12 bulan",
      3,
      morning,
    );
    expect(attrs).toMatchObject({
      amountDue: "Rp1.000.000",
      rehabEligible: "false",
      rehabMaxInstalments: "0",
      promiseStatus: "BROKEN",
      promiseDate: "2026-11-20",
      promiseAmount: "Rp500.000",
    });
  });

  it("lists the last 5 interactions worth showing, newest first, and a pending promise", () => {
    const history: HistoryEntry[] = [
      { at: "2026-11-20T03:00:00Z", kind: "DISPOSITION", outcome: "PROMISE_TO_PAY", amount: 100_000 },
      { at: "2026-11-19T03:00:00Z", kind: "CALL_STARTED" },
      { at: "2026-11-18T03:00:00Z", kind: "CALL_ENDED", outcome: "NO_ANSWER" },
      { at: "2026-11-17T03:00:00Z", kind: "SMS_SENT" },
      { at: "2026-11-16T03:00:00Z", kind: "CALL_ENDED", outcome: "BUSY" },
      { at: "2026-11-15T03:00:00Z", kind: "PAYMENT_APPLIED", amount: 50_000 },
      { at: "2026-11-14T03:00:00Z", kind: "SMS_SENT" },
    ];
    const attrs = callAttributes(
      {
        ...base,
        autodebet: true,
        promise: { amount: 100_000, date: "2026-11-25", status: "PENDING", agentId: "a", recordedAt: "x" },
      },
      "7-12 bulan",
      4,
      morning,
      history,
    );
    expect(attrs.lastInteractions).toBe(
      "2026-11-20 Hasil PROMISE_TO_PAY Rp100.000; 2026-11-18 Panggilan NO_ANSWER; 2026-11-17 SMS terkirim; " +
        "2026-11-16 Panggilan BUSY; 2026-11-15 Pembayaran Rp50.000",
    );
    expect(attrs).toMatchObject({ autodebet: "true", promiseStatus: "PENDING", promiseAmount: "Rp100.000" });
  });

  it("dates the history in the participant's zone: a call at 08:30 WIT is on that local day", () => {
    const history: HistoryEntry[] = [
      { at: "2026-11-17T23:30:00Z", kind: "CALL_ENDED", outcome: "NO_ANSWER" },
      { at: "2026-11-17T14:59:59Z", kind: "SMS_SENT" },
    ];
    const jayapura = { now: new Date("2026-11-18T01:00:00Z"), timeZone: "Asia/Jayapura" };
    expect(callAttributes(base, "7-12 bulan", 2, jayapura, history).lastInteractions).toBe(
      "2026-11-18 Panggilan NO_ANSWER; 2026-11-17 SMS terkirim",
    );
  });

  it("stays far below Connect's 32 KiB for the largest case, and its references within 4,096 bytes", () => {
    // A long multi-word name in non-ASCII script, the largest amount, 24 months, a broken promise,
    // a full history with the largest amounts.
    const largest: CallAttributeCase = {
      ...base,
      caseId: `${"B".repeat(32)}#2026-11#9999999999999`,
      name: `${"Ñyoman Gusti Ayu Kadek Sri Wahyuni Prameswari ".repeat(6)}ꦱꦶꦠꦶ`,
      monthsInArrears: 180,
      countedMonths: 24,
      familyMembers: 12,
      amountDue: 43_200_000,
      autodebet: true,
      promise: { amount: 43_200_000, date: "2026-12-30", status: "BROKEN", agentId: "a", recordedAt: "x" },
    };
    const history = Array.from({ length: 5 }, () => ({
      at: "2026-12-30T23:59:59.999Z",
      kind: "PROMISE_BROKEN",
      outcome: "PROMISE_TO_PAY",
      amount: 43_200_000,
    }));
    const attrs = callAttributes(
      largest,
      "24+ bulan (termasuk yang lebih dari dua tahun)",
      99,
      morning,
      history,
    );
    expect(Array.from(attrs.participantName ?? "")).toHaveLength(120);
    for (const key of Object.keys(attrs)) expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(attributesSize(attrs)).toBeLessThan(2_048);
    expect(attributesSize(attrs)).toBeLessThan(CONNECT_ATTRIBUTES_MAX_BYTES / 16);
    const refs = callReferences(attrs);
    expect(referencesSize(refs)).toBeLessThanOrEqual(CONNECT_REFERENCES_MAX_BYTES);
    expect(refs.Riwayat?.Value).toBe(attrs.lastInteractions);
  });

  it("shows the essentials as references, never a link", () => {
    const refs = callReferences(callAttributes(base, "7-12 bulan", 1, morning));
    expect(refs).toMatchObject({
      Peserta: { Type: "STRING", Value: "Siti Aminah" },
      "Nomor kartu": { Type: "STRING", Value: "*********0042" },
      "Bulan tunggakan": { Type: "STRING", Value: "8 bulan" },
      "Total tagihan": { Type: "STRING", Value: "Rp1.234.567" },
      "Nomor VA": { Type: "STRING", Value: "8888801000000042" },
      Autodebet: { Type: "STRING", Value: "tidak" },
    });
    for (const ref of Object.values(refs)) expect(ref.Type).not.toBe("URL");
    expect(JSON.stringify(refs)).not.toMatch(/https?:/);
  });

  it("refuses keys Connect would reject and anything over budget", () => {
    expect(() => assertValidAttributes({ "case id": "x" })).toThrow(CallAttributesError);
    expect(() => assertValidAttributes({ big: "x".repeat(CALL_ATTRIBUTES_BUDGET_BYTES) })).toThrow(/budget/);
  });
});

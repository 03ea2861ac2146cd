import { describe, expect, it } from "vitest";
import {
  arrearsForm,
  conflictingFacts,
  decideSettlement,
  PAYMENT_CHANNELS,
  paidAtUtc,
  parsePaymentNotice,
  type SettlementView,
} from "../../../functions/domain/payment";

const NOW = new Date("2026-11-15T03:00:00Z");
const valid = {
  paymentId: "BRI-20261115-000123",
  participantId: "0001234567890",
  amount: 175_000,
  paidAt: "2026-11-15T10:45:00+08:00",
  channel: "MINIMARKET",
};

const parse = (body: unknown) =>
  parsePaymentNotice(typeof body === "string" ? body : JSON.stringify(body), NOW);
const errorsOf = (body: unknown) => {
  const result = parse(body);
  if (result.ok) throw new Error("expected the body to be refused");
  return result.fields;
};
const errorOn = (field: string, value: unknown) => errorsOf({ ...valid, [field]: value });

describe("parsePaymentNotice", () => {
  it("accepts a well-formed notice", () => {
    expect(parse(valid)).toEqual({ ok: true, notice: valid });
  });

  it("accepts every official channel and a UTC paidAt", () => {
    for (const channel of PAYMENT_CHANNELS) expect(parse({ ...valid, channel }).ok).toBe(true);
    expect(parse({ ...valid, paidAt: "2026-11-15T02:45:00.123Z" }).ok).toBe(true);
  });

  it("refuses malformed JSON and a body that is not an object", () => {
    expect(errorsOf('{"paymentId": ')).toEqual([{ field: "(body)", message: "malformed JSON" }]);
    expect(errorsOf("[]")).toEqual([{ field: "(body)", message: "must be a JSON object" }]);
    expect(errorsOf("null")).toEqual([{ field: "(body)", message: "must be a JSON object" }]);
  });

  it("names every missing field as required", () => {
    expect(errorsOf({})).toEqual(
      ["paymentId", "participantId", "amount", "paidAt", "channel"].map((field) => ({
        field,
        message: "required",
      })),
    );
  });

  it("refuses a paymentId that is not 1-64 of A-Z a-z 0-9 _ -", () => {
    const message = "must be 1-64 characters of A-Z, a-z, 0-9, _ or -";
    expect(errorOn("paymentId", "")).toEqual([{ field: "paymentId", message }]);
    expect(errorOn("paymentId", "a".repeat(65))).toEqual([{ field: "paymentId", message }]);
    expect(errorOn("paymentId", "pay#1")).toEqual([{ field: "paymentId", message }]);
    expect(errorOn("paymentId", 123)).toEqual([{ field: "paymentId", message: "must be a string" }]);
    expect(parse({ ...valid, paymentId: "a".repeat(64) }).ok).toBe(true);
  });

  it("refuses a participantId that is not a 13-digit string (leading zeros count)", () => {
    expect(errorOn("participantId", "123456789012")).toEqual([
      { field: "participantId", message: "must be 13 digits (the JKN card number)" },
    ]);
    expect(errorOn("participantId", "000123456789X")[0]?.field).toBe("participantId");
    expect(errorOn("participantId", 1234567890123)).toEqual([
      { field: "participantId", message: "must be a string of 13 digits (the JKN card number)" },
    ]);
  });

  it("refuses an amount that is not a whole number of rupiah above 0", () => {
    expect(errorOn("amount", "175000")).toEqual([{ field: "amount", message: "must be a number" }]);
    expect(errorOn("amount", 1750.5)).toEqual([
      { field: "amount", message: "must be a whole number of rupiah" },
    ]);
    expect(errorOn("amount", 0)).toEqual([{ field: "amount", message: "must be more than 0" }]);
    expect(errorOn("amount", -5)).toEqual([{ field: "amount", message: "must be more than 0" }]);
    expect(errorOn("amount", 2 ** 60)).toEqual([
      { field: "amount", message: "must be a whole number of rupiah" },
    ]);
  });

  it("refuses a paidAt without an offset, not ISO 8601, or not a real date", () => {
    const message = "must be ISO 8601 with an offset, e.g. 2026-11-11T08:30:00+07:00";
    for (const paidAt of ["2026-11-15T10:45:00", "15/11/2026 10:45", "2026-02-30T10:00:00+07:00"]) {
      expect(errorOn("paidAt", paidAt)).toEqual([{ field: "paidAt", message }]);
    }
    expect(errorOn("paidAt", 1763174700)).toEqual([{ field: "paidAt", message: "must be a string" }]);
  });

  it("refuses an amount above the maximum per payment (default Rp100.000.000), naming the field", () => {
    const message = "must be at most Rp100.000.000 (one payment)";
    expect(errorOn("amount", 9_007_199_254_740_991)).toEqual([{ field: "amount", message }]);
    expect(errorOn("amount", 100_000_001)).toEqual([{ field: "amount", message }]);
    expect(parse({ ...valid, amount: 100_000_000 }).ok).toBe(true);
    const limits = { maxAmount: 5_000_000, paidAtWindowDays: 400 };
    const configured = parsePaymentNotice(JSON.stringify({ ...valid, amount: 5_000_001 }), NOW, limits);
    expect(configured).toEqual({
      ok: false,
      fields: [{ field: "amount", message: "must be at most Rp5.000.000 (one payment)" }],
    });
  });

  it("refuses a paidAt older than the window (default 400 days), naming the field", () => {
    const message = "must be within the last 400 days";
    for (const paidAt of ["1900-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2025-10-10T00:00:00+07:00"]) {
      expect(errorOn("paidAt", paidAt)).toEqual([{ field: "paidAt", message }]);
    }
    // 400 days before NOW, to the minute.
    expect(parse({ ...valid, paidAt: "2025-10-11T03:01:00Z" }).ok).toBe(true);
    const limits = { maxAmount: 100_000_000, paidAtWindowDays: 30 };
    const configured = parsePaymentNotice(
      JSON.stringify({ ...valid, paidAt: "2026-10-01T00:00:00Z" }),
      NOW,
      limits,
    );
    expect(configured).toEqual({
      ok: false,
      fields: [{ field: "paidAt", message: "must be within the last 30 days" }],
    });
  });

  it("never repeats a value it received in its messages", () => {
    const marker = "Zq9Xmarker";
    const fields = errorsOf({
      paymentId: `${marker}#`,
      participantId: `${marker}1`,
      amount: `${marker}2`,
      paidAt: `${marker}3`,
      channel: `${marker}4`,
      extra: marker,
    });
    expect(fields.map((f) => f.field)).toEqual(["paymentId", "participantId", "amount", "paidAt", "channel"]);
    expect(JSON.stringify(fields)).not.toContain(marker);
    expect(JSON.stringify(errorsOf(`{"paymentId": "${marker}", `))).not.toContain(marker);
    expect(JSON.stringify(errorsOf(`{"paymentId": ${marker}}`))).not.toContain(marker);
  });

  it("refuses a paidAt more than 5 minutes ahead of the clock", () => {
    expect(errorOn("paidAt", "2026-11-15T03:06:00Z")).toEqual([
      { field: "paidAt", message: "must not be in the future" },
    ]);
    expect(parse({ ...valid, paidAt: "2026-11-15T03:04:00Z" }).ok).toBe(true);
  });

  it("refuses a channel that is not an official one", () => {
    expect(errorOn("channel", "CASH")).toEqual([
      { field: "channel", message: `must be one of ${PAYMENT_CHANNELS.join(", ")}` },
    ]);
    expect(errorOn("channel", "bank")[0]?.field).toBe("channel");
  });

  it("lists every wrong field at once", () => {
    expect(
      errorsOf({ paymentId: 1, participantId: 2, amount: "3", paidAt: 4, channel: 5 }).map((f) => f.field),
    ).toEqual(["paymentId", "participantId", "amount", "paidAt", "channel"]);
  });
});

describe("payment rules", () => {
  it("tells a duplicate (same facts) from a conflict (another participant, amount, time or channel)", () => {
    const stored = {
      participantId: "0001234567890",
      amount: 175_000,
      paidAt: "2026-11-15T02:45:00.000Z",
      channel: "BANK" as const,
    };
    expect(conflictingFacts(stored, { ...stored })).toEqual([]);
    expect(conflictingFacts(stored, { ...stored, amount: 175_001 })).toEqual(["amount"]);
    expect(conflictingFacts(stored, { ...stored, participantId: "0001234567891", channel: "ATM" })).toEqual([
      "participantId",
      "channel",
    ]);
  });

  it("stores paidAt in UTC", () => {
    expect(paidAtUtc("2026-11-15T10:45:00+08:00")).toBe("2026-11-15T02:45:00.000Z");
  });

  it("lowers arrears by the amount while they cover it, else to zero", () => {
    expect(arrearsForm(175_000, 100_000)).toBe("SUBTRACT");
    expect(arrearsForm(175_000, 175_000)).toBe("SUBTRACT");
    expect(arrearsForm(175_000, 500_000)).toBe("CLEAR");
    expect(arrearsForm(0, 1_000)).toBe("CLEAR");
  });

  const open = (overrides: Partial<SettlementView> = {}): SettlementView => ({
    status: "OPEN",
    amountDue: 175_000,
    amountPaid: 0,
    ...overrides,
  });
  const promise = (amount: number, date: string, status: "PENDING" | "KEPT" | "BROKEN" = "PENDING") => ({
    amount,
    date,
    status,
  });

  it("marks a case PAID only once amountPaid reaches amountDue", () => {
    expect(decideSettlement(open({ amountPaid: 100_000 }), "2026-11-15").markPaid).toBe(false);
    expect(decideSettlement(open({ amountPaid: 175_000 }), "2026-11-15").markPaid).toBe(true);
    expect(decideSettlement(open({ amountPaid: 200_000 }), "2026-11-15").markPaid).toBe(true);
    expect(decideSettlement(open({ status: "PAID", amountPaid: 175_000 }), "2026-11-15").markPaid).toBe(
      false,
    );
    expect(decideSettlement(open({ status: "CLOSED", amountPaid: 175_000 }), "2026-11-15").markPaid).toBe(
      false,
    );
  });

  it("keeps a promise paid in full on or before its date", () => {
    const c = open({ amountPaid: 175_000, promise: promise(175_000, "2026-11-15") });
    expect(decideSettlement(c, "2026-11-15")).toEqual({ markPaid: true, keepPromise: true });
    expect(decideSettlement(c, "2026-11-16")).toEqual({ markPaid: true, keepPromise: false });
  });

  it("keeps a promise for part of the debt once the promised amount is covered", () => {
    const c = (paid: number) => open({ amountPaid: paid, promise: promise(100_000, "2026-11-20") });
    expect(decideSettlement(c(100_000), "2026-11-18")).toEqual({ markPaid: false, keepPromise: true });
    expect(decideSettlement(c(99_000), "2026-11-18")).toEqual({ markPaid: false, keepPromise: false });
  });

  it("leaves a promise already kept or broken as it is", () => {
    const kept = open({ amountPaid: 175_000, promise: promise(175_000, "2026-11-20", "KEPT") });
    const broken = open({ amountPaid: 175_000, promise: promise(175_000, "2026-11-20", "BROKEN") });
    expect(decideSettlement(kept, "2026-11-15").keepPromise).toBe(false);
    expect(decideSettlement(broken, "2026-11-15").keepPromise).toBe(false);
  });
});

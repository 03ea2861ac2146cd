import { describe, expect, it } from "vitest";
import {
  agentIdOf,
  callbackInstant,
  dispositionInputSchema,
  fromConnectEvent,
  nextStepText,
  recordDispositionEventSchema,
  recordedResult,
  rejectedResult,
} from "../../../functions/domain/disposition";
import { followUpSms, smsSegments } from "../../../functions/domain/sms-template";

const event = (
  parameters: Record<string, unknown>,
  attributes: Record<string, string> = {},
  relatedContactId?: string,
) => ({
  Name: "ContactFlowEvent" as const,
  Details: {
    ContactData: {
      ContactId: "guide-contact",
      ...(relatedContactId ? { RelatedContactId: relatedContactId } : {}),
      Attributes: attributes,
    },
    Parameters: parameters,
  },
});

const CASE_ID = "GORONTALO#2026-11#0001000000042";
const gorontalo = (code: string) => (code === "GORONTALO" ? "Asia/Makassar" : undefined);

describe("the disposition contract", () => {
  it("reads a Connect flow event: strings to numbers, the case from the attributes, the agent from its ARN", () => {
    const input = fromConnectEvent(
      event(
        {
          code: "PROMISE_TO_PAY",
          promiseDate: "2026-11-20",
          promiseAmount: "Rp 1.250.000",
          agentId: "arn:aws:connect:ap-southeast-1:111122223333:instance/i/agent/agent-uuid",
          talkSeconds: "95",
          newPhone: "",
        },
        { caseId: "GORONTALO#2026-11#0001000000042" },
      ),
    );
    expect(dispositionInputSchema.parse(input)).toEqual({
      caseId: "GORONTALO#2026-11#0001000000042",
      agentId: "agent-uuid",
      code: "PROMISE_TO_PAY",
      promiseDate: "2026-11-20",
      promiseAmount: 1_250_000,
      talkSeconds: 95,
    });
    expect(agentIdOf("agent-7")).toBe("agent-7");
  });

  it("keeps a malformed amount as text so the schema names it", () => {
    const parsed = dispositionInputSchema.safeParse(
      fromConnectEvent(
        event({ code: "PROMISE_TO_PAY", promiseAmount: "1,5 juta", agentId: "a", caseId: "X" }),
      ),
    );
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["promiseAmount", "caseId"]),
    );
  });

  it("takes the voice contact from the guide's related contact, never the guide's own contact", () => {
    const voice = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    const input = fromConnectEvent(event({ code: "REFUSES", agentId: "a", caseId: CASE_ID }, {}, voice));
    expect(dispositionInputSchema.parse(input)).toMatchObject({ contactId: voice, caseId: CASE_ID });
    const without = fromConnectEvent(event({ code: "REFUSES", agentId: "a", caseId: CASE_ID }));
    expect(without.contactId).toBeUndefined();
  });

  it("reads a dropdown's value given as a list, and a blank or missing one as absent", () => {
    const input = fromConnectEvent(
      event({
        code: ["PROMISE_TO_PAY"],
        sendInfo: [],
        promiseDate: "2026-11-20",
        promiseAmount: "500000",
        agentId: "a",
        caseId: CASE_ID,
        notes: null,
      }),
    );
    expect(dispositionInputSchema.parse(input)).toEqual({
      caseId: CASE_ID,
      agentId: "a",
      code: "PROMISE_TO_PAY",
      promiseDate: "2026-11-20",
      promiseAmount: 500_000,
    });
  });

  it("reads a callback time without offset in the case's branch zone", () => {
    const fromParts = fromConnectEvent(
      event({
        code: "CALL_BACK_LATER",
        callbackDate: "2026-11-16",
        callbackTime: "10:00",
        agentId: "a",
        caseId: CASE_ID,
      }),
      gorontalo,
    );
    // 10:00 WITA (UTC+8).
    expect(dispositionInputSchema.parse(fromParts).callbackAt).toBe("2026-11-16T02:00:00.000Z");
    const oneInput = fromConnectEvent(
      event({ code: "CALL_BACK_LATER", callbackAt: "2026-11-16T10:00", agentId: "a", caseId: CASE_ID }),
      gorontalo,
    );
    expect(dispositionInputSchema.parse(oneInput).callbackAt).toBe("2026-11-16T02:00:00.000Z");
    expect(callbackInstant("2026-11-16T10:00:30", "Asia/Jayapura")).toBe("2026-11-16T01:00:30.000Z");
    // An offset is kept as given; without a known zone, the schema names the field.
    expect(callbackInstant("2026-11-16T10:00+07:00", "Asia/Makassar")).toBe("2026-11-16T10:00+07:00");
    const unknownBranch = dispositionInputSchema.safeParse(
      fromConnectEvent(
        event({ code: "CALL_BACK_LATER", callbackAt: "2026-11-16T10:00", agentId: "a", caseId: CASE_ID }),
      ),
    );
    expect(unknownBranch.error?.issues.map((i) => i.path.join("."))).toEqual(["callbackAt"]);
    const timeMissing = dispositionInputSchema.safeParse(
      fromConnectEvent(
        event({ code: "CALL_BACK_LATER", callbackDate: "2026-11-16", agentId: "a", caseId: CASE_ID }),
        gorontalo,
      ),
    );
    expect(timeMissing.error?.issues.map((i) => i.path.join("."))).toEqual(["callbackAt"]);
  });

  it("tells the two shapes apart by the event name", () => {
    expect(recordDispositionEventSchema.parse(event({ code: "OTHER" })).source).toBe("CONNECT");
    expect(
      recordDispositionEventSchema.parse({
        caseId: "GORONTALO#2026-11#0001000000042",
        agentId: "a",
        code: "OTHER",
      }),
    ).toMatchObject({ source: "DIRECT", code: "OTHER" });
  });

  it("answers the flow with flat string maps only", () => {
    for (const result of [
      recordedResult({ caseId: "c", status: "OPEN", followUp: "SMS_SENT" }),
      rejectedResult("promiseDate: must be today (2026-11-16) or later"),
    ])
      for (const value of Object.values(result)) expect(typeof value).toBe("string");
    expect(recordedResult({ caseId: "c", status: "OPEN" })).toEqual({
      status: "RECORDED",
      caseId: "c",
      caseStatus: "OPEN",
      nextAttemptAt: "",
      followUp: "NONE",
      message: "Hasil panggilan tersimpan.",
      nextStep: "Tidak ada panggilan lagi untuk peserta ini bulan ini.",
    });
  });

  it("tells the agent when the next call is, in the participant's local time, and whether the SMS went", () => {
    expect(
      nextStepText({ nextAttemptAt: "2026-11-17T02:00:00.000Z", followUp: "SMS_SENT" }, "Asia/Makassar"),
    ).toBe("Peserta ditelepon lagi 2026-11-17 pukul 10.00 waktu setempat. SMS rincian terkirim.");
    expect(nextStepText({ followUp: "SMS_FAILED" }, "Asia/Makassar")).toBe(
      "Tidak ada panggilan lagi untuk peserta ini bulan ini. SMS rincian gagal terkirim (tercatat).",
    );
  });
});

describe("follow-up SMS after a call", () => {
  const c = {
    name: "Hj. Siti Aminah binti Abdullah Wahyuningsih Prameswari",
    countedMonths: 24,
    amountDue: 43_200_000,
    amountPaid: 200_000,
    virtualAccount: "8888801000000042",
    rehabEligible: true,
    rehabMaxInstalments: 12,
  };

  it.each(["PAYMENT", "REHAB", "AUTODEBET"] as const)(
    "%s: Indonesian, GSM-7, at most 2 segments, no link",
    (info) => {
      const text = followUpSms(c, info);
      const s = smsSegments(text);
      expect(s.encoding).toBe("GSM-7");
      expect(s.segments).toBeLessThanOrEqual(2);
      expect(text).toContain("VA 8888801000000042");
      expect(text).toContain("Rp43.000.000");
      expect(text).toMatch(/BPJS Kesehatan$/);
      expect(text).not.toMatch(/https?:|www\.|\.id\//);
    },
  );

  it("names the REHAB steps and the payment channels", () => {
    expect(followUpSms(c, "REHAB")).toMatch(
      /s\.d\. 12x lewat program REHAB: daftar di aplikasi Mobile JKN menu REHAB atau Care Center 165/,
    );
    expect(followUpSms(c, "PAYMENT")).toMatch(/bank\/ATM, Indomaret\/Alfamart, Kantor Pos, Mobile JKN/);
    expect(followUpSms(c, "PAYMENT")).toMatch(/Jangan bayar lewat orang atau rekening pribadi/);
    expect(() => followUpSms({ ...c, rehabEligible: false }, "REHAB")).toThrow(/not eligible/);
  });
});

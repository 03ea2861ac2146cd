import { describe, expect, it } from "vitest";
import {
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
    // Read at the local time itself, also on a day the zone's offset changes (10:00 CEST is 08:00Z).
    expect(callbackInstant("2026-03-29T10:00", "Europe/Berlin")).toBe("2026-03-29T08:00:00.000Z");
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
  const WARNING = "BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.";
  const c = {
    name: "Siti Aminah",
    monthsInArrears: 8,
    countedMonths: 8,
    amountDue: 280_000,
    amountPaid: 0,
    virtualAccount: "8888801000000042",
    rehabEligible: true,
    rehabMaxInstalments: 4,
  };
  const worst = {
    ...c,
    name: "Hj. Siti Aminah binti Abdullah Wahyuningsih Prameswari",
    monthsInArrears: 99,
    countedMonths: 24,
    amountDue: 999_999_999,
    amountPaid: 200_000,
    rehabMaxInstalments: 12,
  };

  it.each(["PAYMENT", "REHAB", "AUTODEBET"] as const)(
    "%s: formal Indonesian, GSM-7, at most 2 segments, no link, the warning, for the worst case too",
    (info) => {
      for (const k of [c, worst, { ...worst, amountDue: Number.MAX_SAFE_INTEGER }]) {
        const text = followUpSms(k, info);
        const s = smsSegments(text);
        expect(s.encoding).toBe("GSM-7");
        expect(s.segments).toBeLessThanOrEqual(2);
        expect(text).toContain(`VA ${k.virtualAccount}`);
        expect(text.endsWith(WARNING)).toBe(true);
        expect(text).not.toMatch(/https?:|www\.|\.id\/|\blewat\b|\bs\.d\./);
      }
      expect(followUpSms(worst, info)).toContain("Rp999.799.999");
    },
  );

  it("says how to pay and when the card is active again", () => {
    expect(followUpSms(c, "PAYMENT")).toBe(
      "Yth. Bpk/Ibu Siti, tunggakan iuran JKN Anda 8 bulan, total Rp280.000. " +
        "Silakan bayar melalui VA 8888801000000042 di bank, minimarket, Kantor Pos atau Mobile JKN. " +
        "Kartu JKN aktif kembali setelah tunggakan dan iuran bulan berjalan lunas. " +
        WARNING,
    );
    // After a partial payment, what is left; beyond 24 months, the months counted.
    expect(followUpSms(worst, "PAYMENT")).toContain(
      "tunggakan iuran JKN Anda 99 bulan (dihitung 24 bulan), sisa Rp999.799.999.",
    );
  });

  it("names the REHAB instalments and where to enrol, and autodebet on its own", () => {
    expect(followUpSms(c, "REHAB")).toBe(
      "Yth. Bpk/Ibu Siti, sesuai pembicaraan dengan petugas kami, tunggakan iuran JKN Anda 8 bulan, " +
        "total Rp280.000, dapat dicicil hingga 4 kali melalui program REHAB di Mobile JKN atau Care Center 165. " +
        "Cicilan dibayar melalui VA 8888801000000042. " +
        WARNING,
    );
    expect(followUpSms(c, "AUTODEBET")).toBe(
      "Yth. Bpk/Ibu Siti, agar iuran JKN tidak menunggak, daftarkan autodebet melalui aplikasi Mobile JKN, " +
        "kantor cabang BPJS Kesehatan atau Care Center 165. Tagihan saat ini Rp280.000 dapat dibayar melalui " +
        "VA 8888801000000042. " +
        WARNING,
    );
    expect(() => followUpSms({ ...c, rehabEligible: false }, "REHAB")).toThrow(/not eligible/);
  });
});

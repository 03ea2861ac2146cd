import { describe, expect, it } from "vitest";
import {
  maskCaseId,
  maskName,
  maskNik,
  maskParticipantId,
  maskPhone,
  redactFreeText,
} from "../../../functions/domain/masking";

describe("maskName", () => {
  it("keeps the first letter of each word", () => {
    expect(maskName("Budi Santoso")).toBe("B*** S******");
    expect(maskName("  Siti   Nurhaliza ")).toBe("S*** N********");
    expect(maskName("A")).toBe("A");
  });
});

describe("maskParticipantId", () => {
  it("keeps the last 4 digits", () => {
    expect(maskParticipantId("0001234567890")).toBe("*********7890");
  });
});

describe("maskCaseId", () => {
  it("keeps the campaign and the card number's last 4 digits", () => {
    expect(maskCaseId("1101#2026-11#0001234567890")).toBe("1101#2026-11#*********7890");
    expect(maskCaseId("0001234567890")).toBe("*********7890");
    const key = { campaignId: "1101#2026-11", participantId: "0001234567890" };
    expect(maskCaseId(key)).toBe("1101#2026-11#*********7890");
  });
});

describe("maskNik", () => {
  it("keeps the first 4 and last 2 digits, hiding the birth date", () => {
    expect(maskNik("3374014508900001")).toBe("3374**********01");
  });
});

describe("maskPhone", () => {
  it("keeps the first 6 and last 4 characters of a mobile", () => {
    expect(maskPhone("+6281234567890")).toBe("+62812****7890");
    expect(maskPhone("+62811123456789")).toBe("+62811*****6789");
  });

  it("hides at least 4 real digits of a short number", () => {
    expect(maskPhone("+62215551234")).toBe("+622****1234");
    expect(maskPhone("+62811123456")).toBe("+628****3456");
  });
});

describe("notes", () => {
  it("masks numbers that could identify someone", () => {
    expect(redactFreeText("minta hubungi 0812-3456-7890 atau kartu 0001234567890")).toBe(
      "minta hubungi ********7890 atau kartu *********7890",
    );
    expect(redactFreeText("bayar tgl 20, Rp150.000")).toBe("bayar tgl 20, Rp150.000");
  });
});

import { describe, expect, it } from "vitest";
import { isParticipantId, virtualAccountNumber } from "../../../functions/domain/virtual-account";

describe("virtualAccountNumber", () => {
  it("prefixes 88888 to the last 11 digits for BRI, BNI, BTN, BCA", () => {
    expect(virtualAccountNumber("0001234567890")).toBe("8888801234567890");
    expect(virtualAccountNumber("0001234567890", "DEFAULT")).toHaveLength(16);
  });

  it("prefixes 89888 at Mandiri", () => {
    expect(virtualAccountNumber("0001234567890", "MANDIRI")).toBe("8988801234567890");
  });

  it.each(["123456789012", "12345678901234", "000123456789a", ""])("rejects %j", (id) => {
    expect(() => virtualAccountNumber(id)).toThrow(RangeError);
  });
});

describe("isParticipantId", () => {
  it("accepts exactly 13 digits, leading zeros included", () => {
    expect(isParticipantId("0000000000001")).toBe(true);
    expect(isParticipantId("000000000001")).toBe(false);
    expect(isParticipantId(" 0000000000001")).toBe(false);
    expect(isParticipantId("3201234567890123")).toBe(false);
  });
});

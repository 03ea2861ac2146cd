import { describe, expect, it } from "vitest";
import { senderIdSchema, smsTypeSchema } from "../../../functions/domain/sms-sender";

const problem = (id: string) => senderIdSchema.safeParse(id).error?.issues.map((i) => i.message);

describe("the SMS sender id", () => {
  it("is 1 to 11 letters or digits with at least one letter", () => {
    for (const id of ["BPJSKES", "B", "BPJS2026KES", "bpjs1"]) expect(problem(id), id).toBeUndefined();
  });

  it("refuses spaces, symbols, more than 11 characters, no letter, or nothing", () => {
    expect(problem("BPJS KES")).toEqual(["must be 1-11 letters or digits, no spaces"]);
    expect(problem("BPJS-KES")).toEqual(["must be 1-11 letters or digits, no spaces"]);
    expect(problem("BPJSKESEHAT")).toBeUndefined();
    expect(problem("BPJSKESEHATA")).toEqual(["must be 1-11 letters or digits, no spaces"]);
    expect(problem("12345")).toEqual(["must contain at least one letter"]);
    expect(problem("")).toEqual([
      "must be 1-11 letters or digits, no spaces",
      "must contain at least one letter",
    ]);
  });

  it("sends transactional SMS unless told otherwise", () => {
    expect(smsTypeSchema.parse(undefined)).toBe("Transactional");
    expect(smsTypeSchema.parse("Promotional")).toBe("Promotional");
    expect(smsTypeSchema.safeParse("Urgent").success).toBe(false);
  });
});

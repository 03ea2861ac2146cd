import { describe, expect, it } from "vitest";
import { canReceiveSms, normalizePhone } from "../../../functions/domain/phone";

describe("normalizePhone", () => {
  it.each([
    ["0812-3456-7890", "+6281234567890"],
    ["0812 3456 7890", "+6281234567890"],
    ["  0812.3456.7890  ", "+6281234567890"],
    ["6281234567890", "+6281234567890"],
    ["62 812 3456 7890", "+6281234567890"],
    ["+62 812 3456 7890", "+6281234567890"],
    ["+62 (812) 3456-7890", "+6281234567890"],
    // a "0" kept after the country code is a common typo
    ["+62 0812 3456 7890", "+6281234567890"],
    // spreadsheets drop the leading zero
    ["812 3456 7890", "+6281234567890"],
  ])("normalises the mobile %j", (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164, type: "MOBILE" });
  });

  it.each([
    ["0811123456", "+62811123456"],
    ["08111234567", "+628111234567"],
    ["081112345678", "+6281112345678"],
    ["0811123456789", "+62811123456789"],
    ["0899 1234 5678", "+6289912345678"],
    ["0858 1234 5678", "+6285812345678"],
    ["0881123456", "+62881123456"],
  ])("accepts a 10-13 digit mobile %j", (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164, type: "MOBILE" });
  });

  it("reads 62 without + as the country code even where a landline reading exists", () => {
    // libphonenumber alone reads this as area code 0628 (+6262812345678).
    expect(normalizePhone("62812345678")).toEqual({ ok: true, e164: "+62812345678", type: "MOBILE" });
  });

  it("falls back to the national reading when 62 cannot be the country code", () => {
    expect(normalizePhone("622123456")).toEqual({ ok: true, e164: "+62622123456", type: "FIXED_LINE" });
  });

  it.each([
    ["(021) 5551234", "+62215551234"],
    ["021 2991 2345", "+622129912345"],
    ["+62 21 5551234", "+62215551234"],
    ["(0274) 123456", "+62274123456"],
    ["0967 123456", "+62967123456"],
  ])("classifies the landline %j as FIXED_LINE", (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164, type: "FIXED_LINE" });
  });

  it("classifies a toll-free number as OTHER", () => {
    expect(normalizePhone("0800 1234567")).toEqual({ ok: true, e164: "+628001234567", type: "OTHER" });
  });

  it.each(["", "   "])("rejects blank %j as empty", (raw) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason: "empty" });
  });

  it.each(["abc", "08123456789a", "0812 3456 7890 ext 1", "0812/3456/7890", "tidak ada"])(
    "rejects %j with letters or odd separators",
    (raw) => {
      expect(normalizePhone(raw)).toEqual({ ok: false, reason: "unexpected characters" });
    },
  );

  it.each([
    ["too short", "081234"],
    ["one digit short of a mobile", "081112345"],
    ["too long", "08111234567890"],
    ["unknown range", "+62 999 1234567"],
    ["only a country code", "+62"],
    ["only punctuation", "-"],
    ["international prefix 00", "0062 812 3456 7890"],
  ])("rejects %s (%j) as invalid", (_label, raw) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason: "not a valid Indonesian number" });
  });

  it.each(["+65 9123 4567", "+1 212 555 0100", "+65 123"])("rejects foreign %j", (raw) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason: "not an Indonesian number" });
  });
});

describe("canReceiveSms", () => {
  it("is true only for mobiles", () => {
    expect(canReceiveSms("MOBILE")).toBe(true);
    expect(canReceiveSms("FIXED_LINE")).toBe(false);
    expect(canReceiveSms("OTHER")).toBe(false);
    expect(canReceiveSms(undefined)).toBe(false);
  });
});

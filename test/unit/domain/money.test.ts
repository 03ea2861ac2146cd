import { describe, expect, it } from "vitest";
import { assertRupiah, formatRupiah } from "../../../functions/domain/money";

describe("formatRupiah", () => {
  it.each([
    [0, "Rp0"],
    [999, "Rp999"],
    [1000, "Rp1.000"],
    [35_000, "Rp35.000"],
    [525_000, "Rp525.000"],
    [1_234_567, "Rp1.234.567"],
    [3_600_000, "Rp3.600.000"],
    [1_000_000_000_000, "Rp1.000.000.000.000"],
  ])("formats %d as %s", (amount, expected) => {
    expect(formatRupiah(amount)).toBe(expected);
  });

  it.each([1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("rejects %d", (amount) => {
    expect(() => formatRupiah(amount)).toThrow(RangeError);
  });
});

describe("assertRupiah", () => {
  it("names the field in the error", () => {
    expect(() => assertRupiah(-5, "amountDue")).toThrow("amountDue must be a non-negative integer");
  });

  it("accepts zero", () => {
    expect(() => assertRupiah(0)).not.toThrow();
  });
});

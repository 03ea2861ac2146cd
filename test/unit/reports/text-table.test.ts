import { describe, expect, it } from "vitest";
import { renderTable } from "../../../functions/reports/text-table";

describe("renderTable", () => {
  it("pads columns to the widest cell and right-aligns numbers", () => {
    const text = renderTable(
      [{ header: "bucket" }, { header: "cases", align: "right" }],
      [
        ["2-3 bulan", "7"],
        ["24+ bulan", "1,234"],
      ],
    );
    expect(text.split("\n")).toEqual([
      "bucket     cases",
      "---------  -----",
      "2-3 bulan      7",
      "24+ bulan  1,234",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { rehabOffer } from "../../../functions/domain/rehab";

describe("rehabOffer", () => {
  it.each([
    [0, false, 0],
    [2, false, 0],
    [3, false, 0],
    [4, true, 2],
    [5, true, 2],
    [7, true, 3],
    [12, true, 6],
    [23, true, 11],
    [24, true, 12],
    [30, true, 12],
  ])("%d months -> eligible %s, at most %d instalments", (months, eligible, maxInstalments) => {
    expect(rehabOffer(months)).toEqual({ eligible, maxInstalments });
  });

  it("judges the counted months under a wider cap", () => {
    expect(rehabOffer(30, 36)).toEqual({ eligible: false, maxInstalments: 0 });
  });
});

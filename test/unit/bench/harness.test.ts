import { describe, expect, it } from "vitest";
import { formatFigure } from "../../../bench/harness";

describe("benchmark figures", () => {
  it("prints one line `NAME FIGURE: VALUE UNIT`, tiny ratios with their significant digits", () => {
    expect(formatFigure("map-arrears", { figure: "ratio", value: 1.2254, unit: "x" })).toBe(
      "map-arrears ratio: 1.225 x",
    );
    expect(formatFigure("campaign-e2e", { figure: "wall time", value: 893.61, unit: "s" })).toBe(
      "campaign-e2e wall time: 893.6 s",
    );
    expect(formatFigure("cost-model", { figure: "calls", value: 28054, unit: "calls" })).toBe(
      "cost-model calls: 28054 calls",
    );
    expect(
      formatFigure("cost-model", {
        figure: "orchestration ratio vs messaging",
        value: 4.156 / 94677.6,
        unit: "x",
      }),
    ).toBe("cost-model orchestration ratio vs messaging: 0.0000439 x");
  });
});

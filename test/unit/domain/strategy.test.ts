import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type Bucket,
  bucketFor,
  callPriority,
  DEFAULT_STRATEGY,
  parseStrategy,
  parseStrategyOverrides,
  strategyIssues,
} from "../../../functions/domain/strategy";

const bucket = (id: string, minMonths: number, maxMonths: number | null): Bucket => ({
  id,
  label: id,
  minMonths,
  maxMonths,
  treatments: ["SMS", "CALL"],
});

describe("DEFAULT_STRATEGY", () => {
  it("has the agreed defaults", () => {
    expect(DEFAULT_STRATEGY.minMonths).toBe(2);
    expect(DEFAULT_STRATEGY.monthsCap).toBe(24);
    expect(DEFAULT_STRATEGY.priority).toEqual({
      amountWeight: 0.6,
      monthsWeight: 0.4,
      amountReference: 3_600_000,
    });
    expect(DEFAULT_STRATEGY.frequencyCap).toEqual({ perDay: 1, perCampaign: 3 });
    expect(DEFAULT_STRATEGY.buckets.map((b) => [b.id, b.label, b.minMonths, b.maxMonths])).toEqual([
      ["M02_03", "2-3 bulan", 2, 3],
      ["M04_06", "4-6 bulan", 4, 6],
      ["M07_12", "7-12 bulan", 7, 12],
      ["M13_23", "13-23 bulan", 13, 23],
      ["M24_PLUS", "24+ bulan", 24, null],
    ]);
    expect(DEFAULT_STRATEGY.buckets[0]?.treatments).toEqual(["SMS", "CALL"]);
    expect(DEFAULT_STRATEGY.buckets[4]?.treatments).toEqual(["SMS", "CALL", "REHAB_OFFER"]);
  });

  it("has every messaging key and default docs/messaging.md lists", () => {
    const doc = readFileSync("docs/messaging.md", "utf8");
    const block = /\*\*Strategy keys\*\*[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(JSON.parse(block ?? "{}").messaging).toEqual(DEFAULT_STRATEGY.messaging);
  });
});

describe("bucketFor", () => {
  it.each([
    [0, undefined],
    [1, undefined],
    [2, "M02_03"],
    [3, "M02_03"],
    [4, "M04_06"],
    [6, "M04_06"],
    [7, "M07_12"],
    [12, "M07_12"],
    [13, "M13_23"],
    [23, "M13_23"],
    [24, "M24_PLUS"],
    [25, "M24_PLUS"],
    [30, "M24_PLUS"],
  ])("puts %d months in %s", (months, id) => {
    expect(bucketFor(months, DEFAULT_STRATEGY)?.id).toBe(id);
  });

  it("rejects negative or fractional months", () => {
    expect(() => bucketFor(-1, DEFAULT_STRATEGY)).toThrow(RangeError);
    expect(() => bucketFor(2.5, DEFAULT_STRATEGY)).toThrow(RangeError);
  });

  it("follows a custom strategy starting at 7 months", () => {
    const merauke = parseStrategy({
      minMonths: 7,
      buckets: [bucket("M07_12", 7, 12), bucket("M13_PLUS", 13, null)],
    });
    expect(bucketFor(6, merauke)).toBeUndefined();
    expect(bucketFor(7, merauke)?.id).toBe("M07_12");
    expect(bucketFor(40, merauke)?.id).toBe("M13_PLUS");
  });
});

describe("parseStrategy", () => {
  it("fills nested defaults around partial input", () => {
    const s = parseStrategy({ priority: { amountReference: 1_000_000 }, frequencyCap: { perCampaign: 5 } });
    expect(s.priority).toEqual({ amountWeight: 0.6, monthsWeight: 0.4, amountReference: 1_000_000 });
    expect(s.frequencyCap).toEqual({ perDay: 1, perCampaign: 5 });
  });

  it.each([
    [
      "a gap",
      { buckets: [bucket("A", 2, 3), bucket("B", 5, null)] },
      "strategy.buckets[1].minMonths: gap: month 4 is in no bucket",
    ],
    [
      "a wider gap",
      { buckets: [bucket("A", 2, 3), bucket("B", 7, null)] },
      "strategy.buckets[1].minMonths: gap: months 4-6 are in no bucket",
    ],
    [
      "an overlap",
      { buckets: [bucket("A", 2, 6), bucket("B", 4, null)] },
      "strategy.buckets[1].minMonths: overlaps buckets[0] (2-6 months)",
    ],
    [
      "unsorted buckets",
      { buckets: [bucket("A", 4, 6), bucket("B", 2, null)] },
      "strategy.buckets[1].minMonths: buckets must be sorted by minMonths",
    ],
    [
      "a first bucket not at minMonths",
      { minMonths: 3, buckets: [bucket("A", 2, 6), bucket("B", 7, null)] },
      "strategy.buckets[0].minMonths: first bucket must start at minMonths (3)",
    ],
    [
      "a closed last bucket",
      { buckets: [bucket("A", 2, 6), bucket("B", 7, 24)] },
      "strategy.buckets[1].maxMonths: the last bucket must be open-ended (maxMonths null)",
    ],
    [
      "an open bucket before the last",
      { buckets: [bucket("A", 2, null), bucket("B", 7, null)] },
      "strategy.buckets[0].maxMonths: only the last bucket may be open-ended",
    ],
    [
      "an inverted bucket",
      { buckets: [bucket("A", 2, 1), bucket("B", 2, null)] },
      "strategy.buckets[0].maxMonths: maxMonths 1 is below minMonths 2",
    ],
    [
      "duplicate ids",
      { buckets: [bucket("A", 2, 3), bucket("A", 4, null)] },
      "strategy.buckets[1].id: duplicate bucket id 'A'",
    ],
    [
      "weights summing to 1.1",
      { priority: { amountWeight: 0.7 } },
      "strategy.priority: amountWeight + monthsWeight must equal 1",
    ],
    [
      "a negative weight",
      { priority: { amountWeight: -0.5, monthsWeight: 1.5 } },
      "strategy.priority.amountWeight",
    ],
    [
      "an unknown treatment",
      { buckets: [{ ...bucket("A", 2, null), treatments: ["FAX"] }] },
      "treatments[0]",
    ],
    ["no buckets", { buckets: [] }, "strategy.buckets"],
    ["perDay above perCampaign", { frequencyCap: { perDay: 4 } }, "strategy.frequencyCap.perDay"],
    ["a zero reference amount", { priority: { amountReference: 0 } }, "strategy.priority.amountReference"],
  ])("rejects %s", (_label, input, message) => {
    expect(() => parseStrategy(input)).toThrow(message);
  });

  it("accepts weights that sum to 1 only up to float rounding", () => {
    expect(parseStrategy({ priority: { amountWeight: 0.7, monthsWeight: 0.3 } }).priority.amountWeight).toBe(
      0.7,
    );
  });
});

describe("callPriority", () => {
  it.each([
    // 10000 * (0.6 * 0 + 0.4 * 0)
    [0, 0, 0],
    // 10000 * (0.6 * 0.5 + 0.4 * 12/24)
    [1_800_000, 12, 5000],
    // 10000 * (0.6 * 525000/3600000 + 0.4 * 5/24) = 875 + 833.33
    [525_000, 5, 1708],
    // 10000 * (0.6 * 70000/3600000 + 0.4 * 2/24) = 116.67 + 333.33
    [70_000, 2, 450],
    // amount term saturates, months capped: 10000 * (0.6 + 0.4)
    [3_600_000, 24, 10_000],
    [9_000_000, 40, 10_000],
    // 10000 * (0.6 * 1 + 0.4 * 3/24)
    [5_000_000, 3, 6500],
  ])("amount %d, %d months -> %d", (amountDue, months, expected) => {
    expect(callPriority(amountDue, months, DEFAULT_STRATEGY)).toBe(expected);
  });

  it("ranks a larger debt first at equal months", () => {
    expect(callPriority(1_000_000, 6, DEFAULT_STRATEGY)).toBeGreaterThan(
      callPriority(500_000, 6, DEFAULT_STRATEGY),
    );
  });

  it("follows the configured weights", () => {
    const monthsOnly = parseStrategy({ priority: { amountWeight: 0, monthsWeight: 1 } });
    expect(callPriority(3_600_000, 6, monthsOnly)).toBe(2500);
  });

  it("rejects a negative or fractional amount", () => {
    expect(() => callPriority(-1, 3, DEFAULT_STRATEGY)).toThrow(RangeError);
    expect(() => callPriority(10.5, 3, DEFAULT_STRATEGY)).toThrow(RangeError);
  });
});

describe("parseStrategyOverrides (a strategy a person wrote)", () => {
  it("takes what the schema knows, defaults for the rest", () => {
    const s = parseStrategyOverrides({ messaging: { sms: { length: "ONE_SEGMENT" } }, graceDays: 3 });
    expect(s.messaging.sms.length).toBe("ONE_SEGMENT");
    expect(s.graceDays).toBe(3);
    expect(s.buckets).toEqual(DEFAULT_STRATEGY.buckets);
  });

  it("refuses a key it does not know, where zod alone would drop it and keep the default", () => {
    const typo = { messaging: { sms: { lenght: "ONE_SEGMENT" } } };
    expect(parseStrategy(typo).messaging.sms.length).toBe("TWO_SEGMENTS");
    expect(() => parseStrategyOverrides(typo)).toThrow("strategy.messaging.sms.lenght: unknown key");
  });

  it("names unknown keys inside lists and at the top", () => {
    const buckets = DEFAULT_STRATEGY.buckets.map((b, i) => (i === 1 ? { ...b, colour: "red" } : b));
    expect(strategyIssues({ buckets, graceDay: 3, toString: "x" }).map((i) => i.path.join("."))).toEqual([
      "buckets.1.colour",
      "graceDay",
      "toString",
    ]);
  });

  it("reports a bad value with its path, as parseStrategy does", () => {
    expect(() => parseStrategyOverrides({ messaging: { sms: { length: "THREE" } } })).toThrow(
      /^strategy\.messaging\.sms\.length: /,
    );
  });
});

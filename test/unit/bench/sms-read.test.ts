import { describe, expect, it } from "vitest";
import { breakEvenReadRate } from "../../../bench/sms-read";

describe("the SMS read rate at which WhatsApp first collects as much as SMS only", () => {
  it("is interpolated between the two measured rates around it", () => {
    const points = [
      { smsRead: 1, collectedRatio: 0.95 },
      { smsRead: 0.8, collectedRatio: 0.99 },
      { smsRead: 0.6, collectedRatio: 1.03 },
    ];
    expect(breakEvenReadRate(points)).toBeCloseTo(0.75, 10);
    expect(breakEvenReadRate([...points].reverse())).toBeCloseTo(0.75, 10);
  });

  it("is a measured rate where the ratio is exactly 1, and unknown where no two rates bracket it", () => {
    expect(
      breakEvenReadRate([
        { smsRead: 1, collectedRatio: 0.9 },
        { smsRead: 0.8, collectedRatio: 1 },
      ]),
    ).toBe(0.8);
    expect(
      breakEvenReadRate([
        { smsRead: 1, collectedRatio: 0.9 },
        { smsRead: 0.6, collectedRatio: 0.97 },
      ]),
    ).toBeUndefined();
  });
});

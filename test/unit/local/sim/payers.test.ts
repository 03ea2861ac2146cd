import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../../../local/sim/clock";
import { SimulatedPayers } from "../../../../local/sim/payers";

const payers = (smsRead?: number) =>
  new SimulatedPayers({
    clock: new SimulatedClock(new Date("2026-11-11T01:00:00Z")),
    seed: 20261101,
    webhookUrl: "http://127.0.0.1:1/payments",
    secret: "s",
    ...(smsRead === undefined ? {} : { probabilities: { smsRead } }),
  });
const numbers = Array.from({ length: 2000 }, (_, i) => `+62812${String(i).padStart(7, "0")}`);

describe("which simulated participants read their SMS", () => {
  it("every one by default", () => {
    const p = payers();
    expect(numbers.every((n) => p.readsSms(n))).toBe(true);
  });

  it("the configured share of numbers, decided once per number", () => {
    const p = payers(0.6);
    const readers = numbers.filter((n) => p.readsSms(n));
    expect(readers.length / numbers.length).toBeGreaterThan(0.56);
    expect(readers.length / numbers.length).toBeLessThan(0.64);
    expect(numbers.filter((n) => p.readsSms(n))).toEqual(readers);
    expect(numbers.filter((n) => payers(0.6).readsSms(n))).toEqual(readers);
  });
});

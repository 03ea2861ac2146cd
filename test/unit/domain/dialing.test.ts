import { describe, expect, it } from "vitest";
import { dialCapacity, nextTickAt } from "../../../functions/domain/dialing";
import { at } from "../../fixtures/dialing";

describe("capacity and ticks", () => {
  it("starts calls only for free agents, within the instance's concurrency", () => {
    expect(dialCapacity({ agentsOnShift: 3, agentsBusy: 1, callsInFlight: 1, maxConcurrentCalls: 10 })).toBe(
      2,
    );
    // An agent in after-contact work is not free, though no call is in flight.
    expect(dialCapacity({ agentsOnShift: 3, agentsBusy: 3, callsInFlight: 1, maxConcurrentCalls: 10 })).toBe(
      0,
    );
    expect(dialCapacity({ agentsOnShift: 8, agentsBusy: 2, callsInFlight: 2, maxConcurrentCalls: 4 })).toBe(
      2,
    );
    expect(dialCapacity({ agentsOnShift: 2, agentsBusy: 5, callsInFlight: 5, maxConcurrentCalls: 4 })).toBe(
      0,
    );
  });

  it("looks again in 30 s for startable work, in 5 minutes while agents are busy, and otherwise jumps straight to the next useful time", () => {
    const now = at("2026-11-16T05:00:00Z");
    expect(nextTickAt(now, { busy: false, startable: true })).toEqual(at("2026-11-16T05:00:30Z"));
    expect(nextTickAt(now, { busy: true, startable: true })).toEqual(at("2026-11-16T05:00:30Z"));
    expect(nextTickAt(now, { busy: true, startable: false })).toEqual(at("2026-11-16T05:05:00Z"));
    expect(
      nextTickAt(now, { busy: true, startable: false, earliestCall: at("2026-11-16T05:01:00Z") }),
    ).toEqual(at("2026-11-16T05:01:00Z"));
    expect(
      nextTickAt(now, { busy: true, startable: false, earliestCall: at("2026-11-17T00:00:00Z") }),
    ).toEqual(at("2026-11-16T05:05:00Z"));
    expect(
      nextTickAt(now, { busy: false, startable: false, earliestCall: at("2026-11-17T00:00:00Z") }),
    ).toEqual(at("2026-11-17T00:00:00Z"));
    expect(nextTickAt(now, { busy: false, startable: false })).toBeUndefined();
  });
});

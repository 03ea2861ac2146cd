import { describe, expect, it, vi } from "vitest";
import { branchIndex } from "../../../functions/domain/branches";
import { parseStrategy } from "../../../functions/domain/strategy";
import { closeCampaign, type PhaseDeps, planCallingDay } from "../../../functions/services/campaign-phases";
import type { HandoffTally } from "../../../functions/services/kader-handoff";
import type { Campaign } from "../../../functions/store/campaigns";
import type { DialQueue } from "../../../functions/store/dial-queue";
import { WIB } from "../../fixtures/dialing";

// Thursday 2026-11-19, 10:00 WIB.
const NOW = new Date("2026-11-19T03:00:00Z");
const TALLY: HandoffTally = { assigned: 3, unassigned: 1, paidSince: 0, week: "2026-W47" };
const campaign = {
  campaignId: "SEMARANG#2026-11",
  branchCode: "SEMARANG",
  period: "2026-11",
  strategy: parseStrategy({}),
} as Campaign;
const input = { branchCode: "SEMARANG", period: "2026-11" };

function phaseDeps(cursor?: string): PhaseDeps & { dialQueue: Pick<DialQueue, "markPromiseBroken"> } {
  return {
    clock: { now: () => NOW, sleepUntil: async () => {} },
    branches: branchIndex([WIB]),
    campaigns: {
      get: async (id: string) => (id === campaign.campaignId ? campaign : undefined),
      setPhase: async () => {},
    } as unknown as PhaseDeps["campaigns"],
    cases: {
      pagePendingPromises: async () => ({ cases: [] }),
      hasCallable: async () => true,
      page: async () => ({ cases: [], ...(cursor ? { cursor } : {}) }),
    } as unknown as PhaseDeps["cases"],
    interactions: { allByCampaign: async () => [] } as unknown as PhaseDeps["interactions"],
    dialQueue: { markPromiseBroken: async () => true },
  };
}

describe("the kader hand-off in the campaign phases", () => {
  it("runs after a calling day, and its tally comes back with the plan", async () => {
    const handOff = vi.fn(async () => TALLY);
    const plan = await planCallingDay({ ...phaseDeps(), handOff }, { ...input, afterDay: "2026-11-19" });
    expect(handOff).toHaveBeenCalledWith(input);
    expect(plan).toMatchObject({ done: false, day: "2026-11-20", handOff: TALLY });
  });

  it("does not run before the first calling day, nor where the deployment has no hand-off", async () => {
    const handOff = vi.fn(async () => TALLY);
    expect(await planCallingDay({ ...phaseDeps(), handOff }, input)).not.toHaveProperty("handOff");
    expect(handOff).not.toHaveBeenCalled();
    expect(await planCallingDay(phaseDeps(), { ...input, afterDay: "2026-11-19" })).not.toHaveProperty(
      "handOff",
    );
  });

  it("runs at close once every page is closed, not before", async () => {
    const handOff = vi.fn(async () => TALLY);
    const notifier = { notify: async () => {} };
    expect(await closeCampaign({ ...phaseDeps("next"), notifier, handOff }, input)).toEqual({
      closed: 0,
      cursor: "next",
    });
    expect(handOff).not.toHaveBeenCalled();
    const last = await closeCampaign({ ...phaseDeps(), notifier, handOff }, { ...input, cursor: "next" });
    expect(handOff).toHaveBeenCalledWith(input);
    expect(last.handOff).toEqual(TALLY);
  });
});

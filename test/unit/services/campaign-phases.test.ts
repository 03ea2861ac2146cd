import { describe, expect, it, vi } from "vitest";
import { branchIndex } from "../../../functions/domain/branches";
import type { FollowUpTally } from "../../../functions/domain/follow-ups";
import { parseStrategy } from "../../../functions/domain/strategy";
import { type PhaseDeps, planCallingDay } from "../../../functions/services/campaign-phases";
import type { Campaign } from "../../../functions/store/campaigns";
import type { DialQueue } from "../../../functions/store/dial-queue";
import { WIB } from "../../fixtures/dialing";

// Thursday 2026-11-19, 10:00 WIB.
const NOW = new Date("2026-11-19T03:00:00Z");
const TALLY: FollowUpTally = { sent: 2, whatsapp: 1, failed: 0, alreadyDone: 0, skipped: {} };
const campaign = { campaignId: "SEMARANG#2026-11", strategy: parseStrategy({}) } as Campaign;
const clock = { now: () => NOW, sleepUntil: async () => {} };

function phaseDeps(): PhaseDeps & { dialQueue: Pick<DialQueue, "markPromiseBroken"> } {
  return {
    clock,
    branches: branchIndex([WIB]),
    campaigns: { get: async () => campaign, setPhase: async () => {} } as unknown as PhaseDeps["campaigns"],
    cases: {
      pageOverduePromises: async () => ({ cases: [] }),
      hasCallable: async () => true,
    } as unknown as PhaseDeps["cases"],
    interactions: {} as PhaseDeps["interactions"],
    dialQueue: { markPromiseBroken: async () => true },
  };
}

describe("PlanCallingDay's follow-up sweep", () => {
  it("sends the day's follow-ups before planning the next calling day", async () => {
    const sendFollowUps = vi.fn(async () => TALLY);
    const plan = await planCallingDay(
      { ...phaseDeps(), sendFollowUps },
      { branchCode: "SEMARANG", period: "2026-11", afterDay: "2026-11-19" },
    );
    expect(sendFollowUps).toHaveBeenCalledWith({ branchCode: "SEMARANG", period: "2026-11" });
    expect(plan).toMatchObject({ done: false, day: "2026-11-20", followUps: TALLY });
  });

  it("plans as before where the deployment sends no follow-ups yet", async () => {
    const plan = await planCallingDay(phaseDeps(), {
      branchCode: "SEMARANG",
      period: "2026-11",
      afterDay: "2026-11-19",
    });
    expect(plan).not.toHaveProperty("followUps");
  });
});

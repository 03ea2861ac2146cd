import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_STRATEGY } from "../../functions/domain/strategy";
import { CampaignStoppedError, DynamoCampaignStore } from "../../functions/store/campaigns";
import { freshTables } from "./tables";

const NOW = new Date("2026-11-11T02:00:00Z");
let campaigns: DynamoCampaignStore;

beforeAll(async () => {
  const t = await freshTables();
  campaigns = new DynamoCampaignStore(t.doc, t.tables.campaigns);
});

const stop = (campaignId: string, branchCode: string) =>
  campaigns.markStopped({ campaignId, branchCode, period: "2026-11", by: "kabid", reason: "test", now: NOW });

describe("a stopped campaign", () => {
  it("keeps STOPPED against late phase writes of its run, until a resume clears the mark", async () => {
    const lease = await campaigns.acquireMappingLease({
      campaignId: "SEMARANG#2026-11",
      branchCode: "SEMARANG",
      period: "2026-11",
      strategy: DEFAULT_STRATEGY,
      token: "t1",
      until: new Date(NOW.getTime() + 60_000),
      now: NOW,
    });
    await stop("SEMARANG#2026-11", "SEMARANG");
    // The mapping invocation in flight ends: its lease and count go, the phase stays.
    await campaigns.releaseMappingLease({
      campaignId: "SEMARANG#2026-11",
      token: lease.token,
      created: 5,
      done: true,
      now: NOW,
    });
    await expect(campaigns.setPhase("SEMARANG#2026-11", "DIALING", NOW)).rejects.toThrow(
      CampaignStoppedError,
    );
    let campaign = await campaigns.get("SEMARANG#2026-11");
    expect(campaign).toMatchObject({
      status: "STOPPED",
      mappedCases: 5,
      stopped: { by: "kabid", reason: "test" },
    });
    expect(campaign?.mappingLease).toBeUndefined();

    await campaigns.clearStopped("SEMARANG#2026-11");
    await campaigns.setPhase("SEMARANG#2026-11", "DIALING", NOW, { nextCallingDay: "2026-11-13" });
    campaign = await campaigns.get("SEMARANG#2026-11");
    expect(campaign).toMatchObject({ status: "DIALING", nextCallingDay: "2026-11-13" });
    expect(campaign?.stopped).toBeUndefined();
  });

  it("is recorded even when its run stopped before mapping created it", async () => {
    await stop("JAYAPURA#2026-11", "JAYAPURA");
    expect(await campaigns.get("JAYAPURA#2026-11")).toMatchObject({
      status: "STOPPED",
      branchCode: "JAYAPURA",
      period: "2026-11",
    });
  });

  it("still rejects phase writes of a campaign that does not exist", async () => {
    await expect(campaigns.setPhase("MERAUKE#2026-11", "DIALING", NOW)).rejects.toThrow(
      expect.objectContaining({ name: "ConditionalCheckFailedException" }),
    );
  });
});

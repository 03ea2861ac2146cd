import { describe, expect, it } from "vitest";
import type {
  CampaignExecutions,
  ExecutionStatus,
  ExecutionSummary,
} from "../../../functions/channels/workflows";
import { SAMPLE_BRANCHES } from "../../../functions/domain/branches";
import { parseStrategy } from "../../../functions/domain/strategy";
import { CampaignStartRefusedError, startCampaign } from "../../../functions/services/start-campaign";
import { startBranchCampaign } from "../../../functions/services/supervisor/campaigns";
import type { Campaign, CampaignSupervisionStore } from "../../../functions/store/campaigns";
import { SimulatedClock } from "../../../local/sim/clock";

/** Step Functions' naming rules in memory: a name exists once, whatever its status. */
class FakeExecutions implements CampaignExecutions {
  readonly byName = new Map<string, ExecutionSummary>();
  readonly inputs: Record<string, unknown>[] = [];
  async start(name: string, input: Record<string, unknown>) {
    const existing = this.byName.get(name);
    if (existing) return { started: false, execution: existing };
    const execution = {
      name,
      executionArn: `arn:${name}`,
      status: "RUNNING" as const,
      startDate: "2026-11-11",
    };
    this.byName.set(name, execution);
    this.inputs.push(input);
    return { started: true, execution };
  }
  async describe(name: string) {
    return this.byName.get(name);
  }
  async stop() {}
  end(name: string, status: ExecutionStatus) {
    const e = this.byName.get(name);
    if (e) this.byName.set(name, { ...e, status });
  }
}

const jayapura = SAMPLE_BRANCHES.find((b) => b.code === "JAYAPURA");
if (!jayapura) throw new Error("sample branches changed");

describe("start campaign", () => {
  it("names the execution after the branch and the month in the branch's own zone", async () => {
    // 31 Oct 2026 16:00 UTC is already 1 Nov 01:00 in Jayapura (UTC+9).
    const executions = new FakeExecutions();
    const clock = new SimulatedClock(new Date("2026-10-31T16:00:00Z"));
    const result = await startCampaign({ executions, clock }, { branch: jayapura });
    expect(result).toMatchObject({ outcome: "STARTED", period: "2026-11" });
    expect(result.execution.name).toBe("campaign-JAYAPURA-2026-11");
    expect(executions.inputs[0]).toEqual({ branchCode: "JAYAPURA", period: "2026-11", strategy: null });
  });

  it("is a no-op that says so when started twice", async () => {
    const executions = new FakeExecutions();
    const deps = { executions, clock: new SimulatedClock(new Date("2026-11-11T01:00:00Z")) };
    await startCampaign(deps, { branch: jayapura, period: "2026-11" });
    const again = await startCampaign(deps, { branch: jayapura, period: "2026-11" });
    expect(again.outcome).toBe("ALREADY_RUNNING");
    executions.end("campaign-JAYAPURA-2026-11", "SUCCEEDED");
    expect((await startCampaign(deps, { branch: jayapura, period: "2026-11" })).outcome).toBe(
      "ALREADY_COMPLETED",
    );
    expect(executions.inputs).toHaveLength(1);
  });

  it("resumes a failed or stopped campaign under the next suffixed name", async () => {
    const executions = new FakeExecutions();
    const deps = { executions, clock: new SimulatedClock(new Date("2026-11-11T01:00:00Z")) };
    await startCampaign(deps, { branch: jayapura, period: "2026-11" });
    executions.end("campaign-JAYAPURA-2026-11", "FAILED");
    const resumed = await startCampaign(deps, { branch: jayapura, period: "2026-11" });
    expect(resumed).toMatchObject({
      outcome: "RESUMED",
      execution: { name: "campaign-JAYAPURA-2026-11-r2" },
    });
    executions.end("campaign-JAYAPURA-2026-11-r2", "ABORTED");
    const third = await startCampaign(deps, { branch: jayapura, period: "2026-11" });
    expect(third.execution.name).toBe("campaign-JAYAPURA-2026-11-r3");
  });
});

describe("start campaign refuses a month that is lost", () => {
  const december = () => ({
    executions: new FakeExecutions(),
    clock: new SimulatedClock(new Date("2026-12-06T01:00:00Z")),
  });

  it("refuses a past period and starts nothing", async () => {
    const deps = december();
    const refused = startCampaign(deps, { branch: jayapura, period: "2026-11" });
    await expect(refused).rejects.toThrow(CampaignStartRefusedError);
    await expect(refused).rejects.toMatchObject({
      reason: "PERIOD_OVER",
      message: expect.stringContaining("campaign JAYAPURA 2026-11: the period is over (today is 2026-12-06"),
    });
    expect(deps.executions.inputs).toEqual([]);
  });

  it("refuses the scheduled start of a month with no calling day left", async () => {
    // Sunday 29 November in Jayapura: the two grace days end in December.
    const deps = {
      executions: new FakeExecutions(),
      clock: new SimulatedClock(new Date("2026-11-29T01:00:00Z")),
    };
    await expect(startCampaign(deps, { branch: jayapura })).rejects.toMatchObject({
      name: "CampaignStartRefusedError",
      reason: "NO_CALLING_DAY_LEFT",
    });
    expect(deps.executions.inputs).toEqual([]);
  });

  it("starts it with force, and says what was overridden", async () => {
    const deps = december();
    const result = await startCampaign(deps, { branch: jayapura, period: "2026-11", force: true });
    expect(result).toMatchObject({ outcome: "STARTED", forced: { reason: "PERIOD_OVER" } });
    expect(deps.executions.inputs).toHaveLength(1);
  });

  it("still answers for a campaign that ran, and refuses to resume a failed one", async () => {
    const deps = december();
    deps.executions.byName.set("campaign-JAYAPURA-2026-11", {
      name: "campaign-JAYAPURA-2026-11",
      executionArn: "arn:campaign-JAYAPURA-2026-11",
      status: "SUCCEEDED",
      startDate: "2026-11-11",
    });
    expect((await startCampaign(deps, { branch: jayapura, period: "2026-11" })).outcome).toBe(
      "ALREADY_COMPLETED",
    );
    deps.executions.end("campaign-JAYAPURA-2026-11", "FAILED");
    await expect(startCampaign(deps, { branch: jayapura, period: "2026-11" })).rejects.toThrow(
      CampaignStartRefusedError,
    );
    expect(deps.executions.byName.has("campaign-JAYAPURA-2026-11-r2")).toBe(false);
  });
});

describe("a supervisor's start (startBranchCampaign) under the deployment's strategy", () => {
  const deployment = parseStrategy({ messaging: { sms: { length: "ONE_SEGMENT" } } });
  /** The campaigns table in memory: the one campaign, if it was started before. */
  const campaignsWith = (campaign?: Partial<Campaign>) => {
    const cleared: string[] = [];
    const store = {
      get: async () => campaign as Campaign | undefined,
      clearStopped: async (id: string) => {
        cleared.push(id);
      },
    } as unknown as CampaignSupervisionStore;
    return { store, cleared };
  };
  // Friday 27 November, 09:00 WIT: 2 grace days leave Monday the 30th, 4 leave none.
  const friday = () => new SimulatedClock(new Date("2026-11-27T00:00:00Z"));

  it("starts a new campaign with the deployment's strategy", async () => {
    const executions = new FakeExecutions();
    const { store } = campaignsWith();
    await startBranchCampaign(
      { campaigns: store, executions, clock: friday() },
      { branch: jayapura, period: "2026-11", strategy: deployment },
    );
    expect(executions.inputs[0]?.strategy).toEqual(deployment);
  });

  it("resumes a stopped campaign under the strategy it started with, grace days included", async () => {
    const own = parseStrategy({ graceDays: 4 });
    const stopped = {
      campaignId: "JAYAPURA#2026-11",
      strategy: own,
      stopped: { by: "x", reason: "y", at: "z" },
    };
    const executions = new FakeExecutions();
    const { store, cleared } = campaignsWith(stopped);
    await expect(
      startBranchCampaign(
        { campaigns: store, executions, clock: friday() },
        { branch: jayapura, period: "2026-11", strategy: deployment },
      ),
    ).rejects.toBeInstanceOf(CampaignStartRefusedError);
    expect(cleared).toEqual([]);
    const earlier = campaignsWith(stopped);
    await startBranchCampaign(
      { campaigns: earlier.store, executions, clock: new SimulatedClock(new Date("2026-11-20T00:00:00Z")) },
      { branch: jayapura, period: "2026-11", strategy: deployment },
    );
    expect(earlier.cleared).toEqual(["JAYAPURA#2026-11"]);
    expect(executions.inputs[0]?.strategy).toEqual(own);
  });
});

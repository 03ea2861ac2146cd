import { beforeAll, describe, expect, it } from "vitest";
import { campaignReportCommand } from "../../cli/commands/campaign";
import { loadCliConfig } from "../../cli/config";
import type { Target } from "../../cli/target";
import type { CampaignExecutions, CampaignStops } from "../../functions/channels/workflows";
import { DEFAULT_STRATEGY } from "../../functions/domain/strategy";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { reportCases } from "../fixtures/campaign-report";
import { freshTables } from "../integration/tables";

/**
 * `campaign report` on a campaign still running computes its figures at the target's time: the
 * runtime's simulated clock locally, whatever the wall clock says. Here the runtime is on
 * 15 November 2026 (Gorontalo), the day before a promise's date: that promise is pending, not
 * broken, even though the real clock is weeks later.
 */
const RUNTIME_NOW = new Date("2026-11-15T04:00:00Z");
let target: Target;

const noExecutions: CampaignExecutions & CampaignStops = {
  start: () => Promise.reject(new Error("not in this test")),
  describe: async () => undefined,
  stop: () => Promise.reject(new Error("not in this test")),
};

beforeAll(async () => {
  const t = await freshTables();
  const campaigns = new DynamoCampaignStore(t.doc, t.tables.campaigns);
  await campaigns.acquireMappingLease({
    campaignId: "GORONTALO#2026-11",
    branchCode: "GORONTALO",
    period: "2026-11",
    strategy: DEFAULT_STRATEGY,
    token: "lease",
    until: new Date(RUNTIME_NOW.getTime() + 60_000),
    now: new Date("2026-11-11T00:00:00Z"),
  });
  await new DynamoCaseStore(t.doc, t.tables.cases).putNew(reportCases);
  target = {
    description: "a runtime on 15 November",
    doc: t.doc,
    tables: t.tables,
    executions: noExecutions,
    now: async () => RUNTIME_NOW,
  };
});

describe("campaign report on a running campaign", () => {
  it("counts promises at the target's time, not the wall clock's", async () => {
    const out: string[] = [];
    const code = await campaignReportCommand.run(
      {
        io: { out: (text) => out.push(text), err: (text) => out.push(text), env: {} },
        config: await loadCliConfig({ TELECOLLECT_HOME: "/nonexistent" }),
        target: async () => target,
      },
      { branch: "GORONTALO", period: "2026-11", json: true, local: true },
      [],
    );
    expect(code).toBe(0);
    const report = JSON.parse(out.join("\n"));
    expect(report.generatedAt).toBe(RUNTIME_NOW.toISOString());
    // P2's promise (2026-11-16, stored PENDING) is pending on the 15th; P7's was marked broken.
    expect(report.total).toMatchObject({ promisesPending: 1, promisesBroken: 1, promisesKept: 1 });
  });
});

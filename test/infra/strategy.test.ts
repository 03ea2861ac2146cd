import { describe, expect, it } from "vitest";
import { loadRuntimeConfig } from "../../functions/config";
import { FUNCTION_CATALOG, FUNCTION_IDS } from "../../infra/function-catalog";
import { defaultChildId, exampleConfig, synthesize } from "./helpers";

const STRATEGY = { messaging: { sms: { length: "ONE_SEGMENT" } }, graceDays: 3 };

describe("the deployment's campaign strategy", () => {
  const { stack, template } = synthesize(exampleConfig({ strategy: STRATEGY }));
  const functions = template.findResources("AWS::Lambda::Function");
  const env = (fid: (typeof FUNCTION_IDS)[number]) =>
    functions[defaultChildId(stack.functions.get(fid).fn)]?.Properties.Environment.Variables;

  it("reaches the functions that start campaigns (the schedule's and the supervisors'), and only them", () => {
    const starters = FUNCTION_IDS.filter((fid) =>
      (FUNCTION_CATALOG[fid].channels as readonly string[]).includes("campaignExecutions"),
    );
    expect(starters.sort()).toEqual(["startCampaign", "supervisorApi"]);
    for (const fid of FUNCTION_IDS) {
      if (starters.includes(fid)) expect(JSON.parse(env(fid).CAMPAIGN_STRATEGY), fid).toEqual(STRATEGY);
      else expect(env(fid).CAMPAIGN_STRATEGY, fid).toBeUndefined();
    }
  });

  it("is read by start-campaign as the strategy its campaigns start with", () => {
    const variables = {
      ...Object.fromEntries(
        Object.entries(env("startCampaign")).map(([k, v]) => [k, typeof v === "string" ? v : "x-table"]),
      ),
      CAMPAIGN_STATE_MACHINE_ARN: "arn:aws:states:ap-southeast-3:111122223333:stateMachine:Campaign",
    };
    const strategy = loadRuntimeConfig(variables, ["campaignExecutions"]).channels.campaignStrategy;
    expect(strategy?.messaging.sms.length).toBe("ONE_SEGMENT");
    expect(strategy?.graceDays).toBe(3);
  });

  it("counts against the 4 KB of environment with the branches", () => {
    const label = "x".repeat(200);
    const buckets = Array.from({ length: 12 }, (_, i) => ({
      id: `B${i}`,
      label,
      minMonths: i + 2,
      maxMonths: i === 11 ? null : i + 2,
      treatments: ["SMS", "CALL"],
    }));
    expect(() => synthesize(exampleConfig({ strategy: { buckets } }))).toThrow(
      /-character CAMPAIGN_STRATEGY; Lambda allows 4 KB of environment/,
    );
  });
});

import { CAMPAIGN_PARTICIPANTS, campaignRun } from "./campaign-run";
import type { Benchmark, Figure } from "./harness";

/**
 * One simulated month of campaigns for a generated population spread over the four sample
 * branches, end to end (import, both state machines, every handler, simulators, webhook).
 * Baseline, measured in the same run: the mapping step alone (map-arrears handler time).
 */
export const campaignE2eBench: Benchmark = {
  name: "campaign-e2e",
  description: `${CAMPAIGN_PARTICIPANTS} participants, one simulated month, four branches at once`,
  async run(): Promise<Figure[]> {
    const result = await campaignRun();
    const invocations = Object.values(result.handlerInvocations).reduce((n, h) => n + h.count, 0);
    const mapping = result.handlerInvocations["map-arrears"]?.ms ?? 0;
    const t = result.stats.totals;
    return [
      { figure: "participants", value: CAMPAIGN_PARTICIPANTS, unit: "participants" },
      { figure: "cases", value: result.cases.length, unit: "cases" },
      { figure: "wall time", value: result.wallMs / 1000, unit: "s" },
      { figure: "mapping time (baseline)", value: mapping / 1000, unit: "s" },
      { figure: "ratio vs mapping", value: result.wallMs / Math.max(1, mapping), unit: "x" },
      {
        figure: "handler invocations per participant",
        value: invocations / CAMPAIGN_PARTICIPANTS,
        unit: "invocations",
      },
      {
        figure: "state transitions per participant",
        value: t.stateTransitions / CAMPAIGN_PARTICIPANTS,
        unit: "transitions",
      },
      { figure: "SMS", value: result.counts.sms, unit: "messages" },
      { figure: "calls", value: result.counts.calls, unit: "calls" },
    ];
  },
};

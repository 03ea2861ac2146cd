import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runLocalCampaign } from "../local/campaign";
import type { Benchmark, Figure } from "./harness";

/** 20,000 by default, as the issue asks; BENCH_CAMPAIGN_PARTICIPANTS overrides it for a quick look. */
const PARTICIPANTS = Number(process.env.BENCH_CAMPAIGN_PARTICIPANTS ?? 20_000);

/**
 * One simulated month of campaigns for a generated population spread over the four sample
 * branches, end to end (import, both state machines, every handler, simulators, webhook).
 * Baseline, measured in the same run: the mapping step alone (map-arrears handler time).
 */
export const campaignE2eBench: Benchmark = {
  name: "campaign-e2e",
  description: `${PARTICIPANTS} participants, one simulated month, four branches at once`,
  async run(): Promise<Figure[]> {
    const outDir = await mkdtemp(join(tmpdir(), "telecollect-bench-"));
    try {
      const result = await runLocalCampaign({
        dataFile: "",
        participants: PARTICIPANTS,
        seed: 20261101,
        period: "2026-11",
        branches: [],
        outDir,
      });
      const failed = result.outcomes.filter((o) => o.execution.status !== "SUCCEEDED");
      if (failed.length > 0)
        throw new Error(`campaigns failed: ${failed.map((o) => o.execution.name).join(", ")}`);
      const invocations = Object.values(result.handlerInvocations).reduce((n, h) => n + h.count, 0);
      const mapping = result.handlerInvocations["map-arrears"]?.ms ?? 0;
      const targeted = result.cases.length;
      const t = result.stats.totals;
      return [
        { figure: "participants", value: PARTICIPANTS, unit: "participants" },
        { figure: "cases", value: targeted, unit: "cases" },
        { figure: "wall time", value: result.wallMs / 1000, unit: "s" },
        { figure: "mapping time (baseline)", value: mapping / 1000, unit: "s" },
        { figure: "ratio vs mapping", value: result.wallMs / Math.max(1, mapping), unit: "x" },
        {
          figure: "handler invocations per participant",
          value: invocations / PARTICIPANTS,
          unit: "invocations",
        },
        {
          figure: "state transitions per participant",
          value: t.stateTransitions / PARTICIPANTS,
          unit: "transitions",
        },
        {
          figure: "Step Functions cost per 100,000 participants",
          value: (t.estimatedCostUsd / PARTICIPANTS) * 100_000,
          unit: "USD",
        },
        { figure: "SMS", value: result.counts.sms, unit: "messages" },
        { figure: "calls", value: result.counts.calls, unit: "calls" },
      ];
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  },
};

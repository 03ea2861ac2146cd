import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalCampaignResult, runLocalCampaign } from "../local/campaign";

/** 20,000 by default, as the campaign issue asks; BENCH_CAMPAIGN_PARTICIPANTS overrides it. */
export const CAMPAIGN_PARTICIPANTS = Number(process.env.BENCH_CAMPAIGN_PARTICIPANTS ?? 20_000);

let shared: Promise<LocalCampaignResult> | undefined;

/**
 * One simulated month for a generated population over the four sample branches, run once per
 * `npm run bench` and shared by the benchmarks that read it (campaign-e2e, cost-model).
 */
export function campaignRun(): Promise<LocalCampaignResult> {
  shared ??= (async () => {
    const outDir = await mkdtemp(join(tmpdir(), "telecollect-bench-"));
    try {
      const result = await runLocalCampaign({
        dataFile: "",
        participants: CAMPAIGN_PARTICIPANTS,
        seed: 20261101,
        period: "2026-11",
        branches: [],
        outDir,
      });
      const failed = result.outcomes.filter((o) => o.execution.status !== "SUCCEEDED");
      if (failed.length > 0)
        throw new Error(`campaigns failed: ${failed.map((o) => o.execution.name).join(", ")}`);
      return result;
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  })();
  return shared;
}

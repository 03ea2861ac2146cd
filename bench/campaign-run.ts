import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalCampaignResult, runLocalCampaign } from "../local/campaign";

/** 20,000 by default, as the campaign issue asks; BENCH_CAMPAIGN_PARTICIPANTS overrides it. */
export const CAMPAIGN_PARTICIPANTS = Number(process.env.BENCH_CAMPAIGN_PARTICIPANTS ?? 20_000);

const shared = new Map<string, Promise<LocalCampaignResult>>();

/**
 * One simulated month for a generated population over the four sample branches, run once per
 * `npm run bench` and variant and shared by the benchmarks that read it (campaign-e2e,
 * cost-model): WhatsApp first (the default), or SMS only (a deployment without WhatsApp).
 */
export function campaignRun(
  variant: { whatsapp: boolean } = { whatsapp: true },
): Promise<LocalCampaignResult> {
  const key = variant.whatsapp ? "whatsapp" : "sms-only";
  const known = shared.get(key);
  if (known) return known;
  const run = (async () => {
    const outDir = await mkdtemp(join(tmpdir(), "telecollect-bench-"));
    try {
      const result = await runLocalCampaign({
        dataFile: "",
        participants: CAMPAIGN_PARTICIPANTS,
        seed: 20261101,
        period: "2026-11",
        branches: [],
        outDir,
        whatsapp: variant.whatsapp,
      });
      const failed = result.outcomes.filter((o) => o.execution.status !== "SUCCEEDED");
      if (failed.length > 0)
        throw new Error(`campaigns failed: ${failed.map((o) => o.execution.name).join(", ")}`);
      return result;
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  })();
  shared.set(key, run);
  return run;
}

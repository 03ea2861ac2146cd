import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CampaignStrategy } from "../functions/domain/strategy";
import { type LocalCampaignResult, runLocalCampaign } from "../local/campaign";
import type { PayerProbabilities } from "../local/sim/payers";

/** 20,000 by default, as the campaign issue asks; BENCH_CAMPAIGN_PARTICIPANTS overrides it. */
export const CAMPAIGN_PARTICIPANTS = Number(process.env.BENCH_CAMPAIGN_PARTICIPANTS ?? 20_000);

const shared = new Map<string, Promise<LocalCampaignResult>>();

/** A month's variant: WhatsApp or not, a strategy other than the default, simulated participants other than the default, each by name. */
export interface RunVariant {
  whatsapp: boolean;
  strategy?: { name: string; value: CampaignStrategy };
  payers?: { name: string; value: Partial<PayerProbabilities> };
}

/**
 * One simulated month for a generated population over the four sample branches, run once per
 * `npm run bench` and variant and shared by the benchmarks that read it (campaign-e2e,
 * cost-model, messaging-options, sms-read): WhatsApp first (the default), SMS only (a deployment
 * without WhatsApp), another strategy, or participants who read fewer SMS.
 */
export function campaignRun(variant: RunVariant = { whatsapp: true }): Promise<LocalCampaignResult> {
  const key = [
    variant.whatsapp ? "whatsapp" : "sms-only",
    variant.strategy ? `strategy ${variant.strategy.name}` : "",
    variant.payers ? `payers ${variant.payers.name}` : "",
  ].join("+");
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
        ...(variant.strategy ? { strategy: variant.strategy.value } : {}),
        ...(variant.payers ? { payers: variant.payers.value } : {}),
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
